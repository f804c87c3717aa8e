import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { eventually } from '../test-support/webhook-receiver.js';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const guide = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
const MARKER = '<!-- example-ts: subscribe-orders-changed -->';
const GUIDE_URL = 'wss://configurator.example.com/graphql';
const CONFIRM = operation('confirm-order');

/** The guide's subscription snippet, exactly as a partner would copy it. */
function subscriptionSnippet(): string {
  const text = readFileSync(guide, 'utf8');
  const at = text.indexOf(MARKER);
  const block = at >= 0 ? /```ts\n([\s\S]*?)```/.exec(text.slice(at)) : null;
  if (!block) throw new Error(`No TypeScript block after "${MARKER}" in docs/api.md`);
  return block[1]!;
}

describe.each(await testDialects())('the API guide’s subscription example on %s', (dialect) => {
  let server: TestServer;
  let client: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    client?.kill();
    await server?.close();
  });

  it('runs as written with an account key: it prints the account’s order once it is confirmed', async () => {
    const snippet = subscriptionSnippet();
    expect(snippet).toContain(GUIDE_URL);
    const key = await server.createApiKey({ scopes: ['orders:read'], account: 'A' });
    // Beside a link to server/node_modules, so that graphql-ws and ws resolve as in a partner's project.
    const directory = mkdtempSync(join(tmpdir(), 'subscription-guide-'));
    symlinkSync(join(serverDir, 'node_modules'), join(directory, 'node_modules'));
    const file = join(directory, 'subscribe.ts');
    writeFileSync(file, snippet.replace(GUIDE_URL, `${server.url.replace(/^http/, 'ws')}/graphql`));
    client = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', file], {
      cwd: serverDir,
      env: { ...process.env, MTO_API_KEY: key },
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    client.stdout!.on('data', collect);
    client.stderr!.on('data', collect);
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
          output,
        ) && output.includes(placeOrder.number),
      `the guide’s client to print the confirmed order (it printed: ${output})`,
      15_000,
    );
    expect(output).not.toMatch(/Error/);
  });
});
