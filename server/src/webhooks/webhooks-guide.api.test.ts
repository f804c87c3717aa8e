import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { eventually } from '../test-support/webhook-receiver.js';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));
const MARKER = '<!-- example-ts: verify a webhook -->';

/** The guide's verification snippet: from docs/api.md once the section is there, else the section's own file. */
function verificationSnippet(): string {
  for (const file of ['api.md']) {
    const path = join(docsDir, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf(MARKER);
    if (at < 0) continue;
    const block = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
    if (block) return block[1]!;
  }
  throw new Error(`No TypeScript block after "${MARKER}" in docs/api.md`);
}

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
  let receiver: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_DELAY_MS: '3600000' },
    });
  });
  afterAll(async () => {
    receiver?.kill();
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
    // Beside a link to server/node_modules, so that the snippet's import of standardwebhooks resolves as in a
    // partner's project (and outside node_modules, which the TypeScript loader does not compile).
    const directory = mkdtempSync(join(tmpdir(), 'webhook-guide-'));
    symlinkSync(join(serverDir, 'node_modules'), join(directory, 'node_modules'));
    const file = join(directory, 'verify.ts');
    writeFileSync(file, verificationSnippet());
    receiver = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', file], {
      cwd: serverDir,
      env: { ...process.env, WEBHOOK_SECRET: createWebhookEndpoint.secret, PORT: String(port) },
    });
    receiver.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    receiver.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
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
      () => output.includes(`${accepted.eventId} order.placed`),
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
