import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { guideSnippet, type RunningSnippet, runSnippet } from '../test-support/guide-snippets.js';
import { eventually } from '../test-support/webhook-receiver.js';

const GUIDE_URL = 'wss://configurator.example.com/graphql';
const CONFIRM = operation('confirm-order');

describe.each(await testDialects())('the API guide’s subscription example on %s', (dialect) => {
  let server: TestServer;
  let client: RunningSnippet | undefined;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    client?.process.kill();
    await server?.close();
  });

  it('runs as written with an account key: it prints the account’s order once it is confirmed', async () => {
    const snippet = guideSnippet('subscribe-orders-changed');
    expect(snippet).toContain(GUIDE_URL);
    const key = await server.createApiKey({ scopes: ['orders:read'], account: 'A' });
    client = runSnippet(snippet.replace(GUIDE_URL, `${server.url.replace(/^http/, 'ws')}/graphql`), {
      MTO_API_KEY: key,
    });
    const output = client.output;
    await eventually(
      async () => server.running.subscriptions.eventStreams.active > 0,
      'the guide’s client to subscribe',
      30_000,
    );

    const { placeOrder } = await server.data<{ placeOrder: { number: string } }>(
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number } } }',
      {
        input: {
          lines: [{ productCode: 'standing-desk', quantity: 1, selections: [] }],
          ...DEMO_CHECKOUT,
          customer: { name: 'Ada Lovelace', email: 'ada@customer-a.test' },
        },
      },
      { as: 'customerA' },
    );
    await server.data(CONFIRM, { number: placeOrder.number });
    await eventually(
      async () =>
        // Confirming moves a build that is short of parts on to AWAITING_MATERIALS in the same transaction.
        /ORDER_CONFIRMED MTO-[0-9A-Z-]+ is now (CONFIRMED|AWAITING_MATERIALS) \(event evt_[0-9a-f]{32}\)/.test(
          output(),
        ) && output().includes(placeOrder.number),
      'the guide’s client to print the confirmed order',
      15_000,
    );
    expect(output()).not.toMatch(/Error/);
  });
});
