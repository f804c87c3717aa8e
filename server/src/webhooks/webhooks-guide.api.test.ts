import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { guideSnippet, type RunningSnippet, runSnippet } from '../test-support/guide-snippets.js';
import { eventually } from '../test-support/webhook-receiver.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const LOG = `query($id: Int!) { webhookEndpoint(id: $id) { deliveries(first: 20) { nodes { eventId eventType status
  attempts { status responseStatus error } } } } }`;
interface Log {
  webhookEndpoint: {
    deliveries: {
      nodes: {
        eventId: string;
        eventType: string;
        status: string;
        attempts: { responseStatus: number | null }[];
      }[];
    };
  };
}

describe.each(await testDialects())('the API guide’s webhook verification on %s', (dialect) => {
  let server: TestServer;
  let receiver: RunningSnippet | undefined;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_DELAY_MS: '3600000' },
    });
  });
  afterAll(async () => {
    receiver?.process.kill();
    await server?.close();
  });

  it('runs as written against a real delivery: it accepts the signed event and refuses another secret’s', async () => {
    const port = await freePort();
    const { createWebhookEndpoint } = await server.data<{
      createWebhookEndpoint: { endpoint: { id: number }; secret: string };
    }>(
      'mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ORDER_PLACED] }) { endpoint { id } secret } }',
      { url: `http://127.0.0.1:${port}/hooks` },
      { as: 'admin' },
    );
    const { id } = createWebhookEndpoint.endpoint;
    receiver = runSnippet(guideSnippet('verify a webhook'), {
      WEBHOOK_SECRET: createWebhookEndpoint.secret,
      PORT: String(port),
    });
    const output = receiver.output;
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })
            .then(() => resolve(true))
            .catch(() => resolve(false));
        }),
      'the guide’s receiver to listen',
      30_000,
    );

    const { placeOrder } = await server.data<{ placeOrder: { number: string } }>(
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number } } }',
      {
        input: {
          lines: [{ productCode: 'standing-desk', quantity: 1, selections: [] }],
          ...DEMO_CHECKOUT,
          customer: { name: 'Guide Reader', email: 'guide@webhooks.test' },
        },
      },
      { as: 'anonymous' },
    );
    expect(placeOrder.number).toBeTruthy();
    const log = async () =>
      (await server.data<Log>(LOG, { id }, { as: 'admin' })).webhookEndpoint.deliveries.nodes;
    await eventually(
      async () => (await log()).some((d) => d.eventType === 'order.placed' && d.status === 'SUCCEEDED'),
      'the signed event accepted',
    );
    const accepted = (await log()).find((d) => d.eventType === 'order.placed')!;
    expect(accepted.attempts[0]!.responseStatus).toBe(204);
    await eventually(
      () => output().includes(`${accepted.eventId} order.placed`),
      'the snippet to print the event',
    );

    // After a rotation the snippet still holds the old secret: the ping is refused (400), the signature is checked.
    await server.data(
      'mutation($id: Int!) { rotateWebhookSecret(id: $id) { secret } }',
      { id },
      { as: 'admin' },
    );
    await server.data('mutation($id: Int!) { sendTestWebhook(id: $id) { id } }', { id }, { as: 'admin' });
    await eventually(
      async () => (await log()).some((d) => d.eventType === 'webhook.test' && d.attempts.length > 0),
      'the ping tried',
    );
    const ping = (await log()).find((d) => d.eventType === 'webhook.test')!;
    expect(ping.status).toBe('FAILED');
    expect(ping.attempts[0]!.responseStatus).toBe(400);
  });
});
