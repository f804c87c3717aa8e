import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../db/clock.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { Quote, QuoteEvent } from './quote.entity.js';
import { expireDueQuotes } from './quote-expiry.js';
import { QuoteApi } from './quotes.test-support.js';

const TODAY = '2026-12-01';
/** A few days on: every quote made valid until yesterday is due. */
const LATER = '2026-12-05';
const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Another process on the same database running the expiry check when told (test-support/quote-expiry-worker.ts). */
class OtherProcess {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
  ) {}

  static async start(server: TestServer): Promise<OtherProcess> {
    const config = server.running.orm.config;
    const database =
      server.dialect === 'postgresql'
        ? { DATABASE_URL: config.get('clientUrl') as string }
        : { DATABASE_URL: '', SQLITE_PATH: config.get('dbName') as string };
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/test-support/quote-expiry-worker.ts'],
      { cwd: SERVER_DIR, env: { ...process.env, ...database }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const reader: Interface = createInterface({ input: child.stdout });
    const lines = reader[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.value !== 'ready') throw new Error(`the other process did not start: ${stderr}`);
    return new OtherProcess(child, lines);
  }

  /** Tells it to check now, as on `day`; resolves with what it expired. */
  async expire(day: string): Promise<string[]> {
    this.child.stdin.write(`go ${day}\n`);
    const answer = await this.lines.next();
    return JSON.parse(String(answer.value)) as string[];
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.child.on('close', resolve));
    this.child.stdin.end('exit\n');
    await closed;
  }
}

describe.each(await testDialects())('the quote expiry check on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  /** Another server process on the same database. */
  let other: OtherProcess;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    await api.setRules([]);
    other = await OtherProcess.start(server);
  });
  afterAll(async () => {
    await other?.stop();
    await server?.close();
  });

  async function sentQuotes(count: number, validUntil: string): Promise<string[]> {
    const references: string[] = [];
    for (let i = 0; i < count; i++) {
      const { quote } = await api.sent(server.callers.accountIds.A);
      references.push(quote.reference);
    }
    await server.running.orm.em.fork().nativeUpdate(Quote, { reference: references }, { validUntil });
    return references;
  }

  it('expires each due quote once when two processes check at the same time, with one event each', async () => {
    for (let round = 0; round < 3; round++) {
      const due = await sentQuotes(4, '2026-12-02');
      const notYet = await sentQuotes(1, '2026-12-05');
      const [one, two] = await Promise.all([
        other.expire(LATER),
        expireDueQuotes(server.running.orm.em.fork(), systemClock(LATER)),
      ]);
      expect([...one, ...two].sort(), `round ${round}`).toEqual([...due].sort());
      expect(one.filter((reference) => two.includes(reference))).toEqual([]);
      const em = server.running.orm.em.fork();
      for (const reference of due) {
        const quote = await em.findOneOrFail(Quote, { reference });
        expect(quote.status).toBe('EXPIRED');
        expect(await em.count(QuoteEvent, { quote, kind: 'EXPIRED' })).toBe(1);
      }
      // Valid through its date, inclusive: not expired on it.
      expect((await em.findOneOrFail(Quote, { reference: notYet[0]! })).status).toBe('SENT');
      await em.nativeUpdate(Quote, { reference: notYet }, { status: 'DECLINED' });
    }
  });

  it('runs in the server process by itself, every QUOTE_EXPIRY_CHECK_MS', async () => {
    const quick = await startTestServer(dialect, { today: TODAY, env: { QUOTE_EXPIRY_CHECK_MS: '100' } });
    try {
      const quickApi = new QuoteApi(quick);
      await quickApi.setRules([]);
      const { quote } = await quickApi.sent(quick.callers.accountIds.A);
      await quick.running.orm.em.fork().nativeUpdate(Quote, { id: quote.id }, { validUntil: '2026-11-30' });
      let status = 'SENT';
      for (let wait = 0; wait < 100 && status === 'SENT'; wait++) {
        await sleep(100);
        status = (await quickApi.quote(quote.id))!.status;
      }
      expect(status).toBe('EXPIRED');
      const events = (await quickApi.quote(quote.id))!.events!.filter((event) => event.kind === 'EXPIRED');
      expect(events).toEqual([
        expect.objectContaining({ actor: 'system', fromStatus: 'SENT', toStatus: 'EXPIRED' }),
      ]);
    } finally {
      await quick.close();
    }
  });
});
