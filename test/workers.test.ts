// WORKERS=N: the BUILT server (node server/dist/main.js) forking N processes that share one port and
// one PostgreSQL database (server/src/cluster.ts). Requests are answered by both; a model published by
// another process (the publish-model command) is served by both on their next request, with no wait
// (LISTEN/NOTIFY, server/src/change-listener.ts); the mail dispatcher sends each mail once
// although both processes look for it; the fulfilment tables stay consistent. On SQLite, WORKERS > 1 is
// refused at start.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../server/src/test-support/checkout.js';
import { eventually } from '../server/src/test-support/webhook-receiver.js';
import { inconsistencies } from './fulfilment/consistency.js';
import {
  type BuiltServer,
  DEMO_USERS,
  operation,
  root,
  startBuiltServer,
  tempDir,
} from './support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from './support/databases.js';

const PLACE_ORDER = operation('place-order');
const PRODUCT = '{ product(code: "e-bike") { modelVersion name } }';
const skipReason = await postgresUnavailable('the WORKERS=2 test');

interface Answer {
  /** The x-worker header: which process answered. */
  worker: string | undefined;
  body: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

/**
 * A GraphQL query on a connection of its own (fetch would keep one connection alive, and the primary
 * hands out connections, not requests): successive calls go to the workers in turn.
 */
function onNewConnection(port: number, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: 'application/json', connection: 'close' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const worker = res.headers['x-worker'];
          resolve({ worker: typeof worker === 'string' ? worker : undefined, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

/** Asks until each of the `workers` processes has answered at least `each` times; every answer. */
async function fromEveryWorker(port: number, query: string, workers: number, each = 1): Promise<Answer[]> {
  const answers: Answer[] = [];
  const counts = new Map<string | undefined, number>();
  for (let asked = 0; asked < 50 * workers * each; asked++) {
    const answer = await onNewConnection(port, query);
    answers.push(answer);
    counts.set(answer.worker, (counts.get(answer.worker) ?? 0) + 1);
    if (counts.size === workers && [...counts.values()].every((n) => n >= each)) return answers;
  }
  throw new Error(`not every worker answered: ${JSON.stringify([...counts])}`);
}

/** The publish-model command (server/scripts/publish-model.ts): another process writing the catalogue. */
function publishModel(databaseUrl: string, file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'scripts/publish-model.ts', file],
      {
        cwd: path.join(root, 'server'),
        env: { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: path.join(root, 'server') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

if (skipReason !== null) {
  describe('WORKERS=2 on PostgreSQL', () => {
    it.skip(`SKIPPED: ${skipReason}`, () => {});
  });
} else {
  describe('WORKERS=2 on PostgreSQL', () => {
    let database: TestDatabase | undefined;
    let server: BuiltServer | undefined;
    const running = (): BuiltServer => {
      if (!server) throw new Error('the server did not start (see beforeAll)');
      return server;
    };

    beforeAll(async () => {
      database = await freshDatabase('postgresql');
      // Both processes look for mail due often, so that they compete for every mail.
      server = await startBuiltServer(database, 120_000, { WORKERS: '2', MAIL_POLL_INTERVAL_MS: '200' });
    });

    afterAll(async () => {
      await server?.stop();
      await database?.remove();
    });

    it('says "listening on" once both workers serve; each worker names itself in its log lines', async () => {
      // The workers and the primary write to one pipe: a worker's line may come in just after the primary's.
      const servingLines = () =>
        running()
          .logs()
          .filter((line) => /^worker \d serving$/.test(line.msg));
      await eventually(() => servingLines().length === 2, 'both workers\' "serving" lines');
      const logs = running().logs();
      expect(logs.filter((line) => line.msg.startsWith('listening on'))).toEqual([
        expect.objectContaining({ msg: `listening on http://127.0.0.1:${running().port}`, workers: 2 }),
      ]);
      expect(
        servingLines()
          .map((line) => line.worker)
          .sort(),
      ).toEqual([1, 2]);
      // The first worker alone migrated and seeded the new database.
      const published = logs.filter((line) => line.msg === 'published a demo product model');
      expect(new Set(published.map((line) => line.worker))).toEqual(new Set([1]));
    });

    it('answers requests from two different processes, each naming itself by index (x-worker)', async () => {
      const answers = await fromEveryWorker(running().port, '{ __typename }', 2, 2);
      expect(new Set(answers.map((answer) => answer.worker))).toEqual(new Set(['1', '2']));
      for (const answer of answers) expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    });

    it('serves a model published by another process from both workers on their next request', async () => {
      const { port } = running();
      // Both workers remember version 1 (and their answers to this very query).
      for (const answer of await fromEveryWorker(port, PRODUCT, 2, 2)) {
        expect(answer.body.data).toEqual({ product: { modelVersion: 1, name: expect.any(String) } });
      }
      const folder = tempDir();
      try {
        const file = path.join(folder.dir, 'e-bike.yaml');
        const text = readFileSync(path.join(root, 'server', 'demo-models', 'e-bike.yaml'), 'utf8');
        writeFileSync(file, text.replace(/^name: .*$/m, 'name: Custom e-bike (2027)'));
        const published = await publishModel(database!.databaseUrl!, file);
        expect(published.output).toContain('published e-bike version 2');
        expect(published.code).toBe(0);
      } finally {
        folder.remove();
      }
      // No waiting: the very next requests, to either worker, see version 2.
      for (const answer of await fromEveryWorker(port, PRODUCT, 2)) {
        expect(answer.body.data).toEqual({ product: { modelVersion: 2, name: 'Custom e-bike (2027)' } });
      }
    });

    it('runs on a database with the SQL features the server relies on (docs/scaling.md)', async () => {
      const url = database!.databaseUrl!;
      const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
      await Promise.all([a.connect(), b.connect()]);
      try {
        // Advisory transaction locks (the event stream's commit order, the migrations): held to the end
        // of the transaction, refused to another meanwhile.
        const LOCK = 77_001;
        await a.query('begin');
        await a.query('select pg_advisory_xact_lock($1)', [LOCK]);
        const tried = await b.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [LOCK]);
        expect(tried.rows[0]!.ok).toBe(false);
        await a.query('commit');
        const again = await b.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [LOCK]);
        expect(again.rows[0]!.ok).toBe(true);

        // FOR UPDATE SKIP LOCKED (webhook deliveries): two claimers take different rows.
        await a.query('create table sql_feature_probe (id integer primary key)');
        await a.query('insert into sql_feature_probe values (1), (2)');
        const claim = 'select id from sql_feature_probe order by id limit 1 for update skip locked';
        await a.query('begin');
        await b.query('begin');
        const first = await a.query<{ id: number }>(claim);
        const second = await b.query<{ id: number }>(claim);
        expect([first.rows[0]?.id, second.rows[0]?.id]).toEqual([1, 2]);
        await a.query('commit');
        await b.query('commit');
        await a.query('drop table sql_feature_probe');

        // LISTEN/NOTIFY, sent on commit (the event bus, the catalogue's changes).
        const heard: string[] = [];
        b.on('notification', (message) => heard.push(`${message.channel}:${message.payload}`));
        await b.query('listen sql_feature_probe');
        await a.query('begin');
        await a.query("select pg_notify('sql_feature_probe', 'committed')");
        await a.query('commit');
        await eventually(() => heard.length > 0, 'the notification');
        expect(heard).toEqual(['sql_feature_probe:committed']);

        // Snapshots (the webhook fan-out's cursor: what is committed below a transaction id).
        const snapshot = await a.query<{ xmin: string; xmax: string }>(
          'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_snapshot_xmax(pg_current_snapshot())::text as xmax',
        );
        expect(BigInt(snapshot.rows[0]!.xmax)).toBeGreaterThanOrEqual(BigInt(snapshot.rows[0]!.xmin));
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
    });

    it('places orders through both workers; each acknowledgement mail is sent once; the tables stay consistent', async () => {
      const staff = await running().signIn(DEMO_USERS.sales.email, DEMO_USERS.sales.password);
      const ORDERS = 6;
      const placed = await Promise.all(
        Array.from({ length: ORDERS }, async (_, index) => {
          const answer = await running().graphql(
            PLACE_ORDER,
            {
              input: {
                lines: [{ productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 'xl' }] }],
                ...DEMO_CHECKOUT,
                customer: { name: `Buyer ${index}`, email: `buyer${index}@example.com` },
              },
            },
            { sessionToken: staff },
          );
          expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
          return answer;
        }),
      );
      // (fetch keeps its connection, so the orders may all go to one worker: both look for mail anyway.)
      expect(placed).toHaveLength(ORDERS);
      const db = database!;
      await eventually(async () => {
        const waiting = await db.query<{ n: string }>(
          "select count(*) as n from outgoing_mail where status in ('PENDING', 'SENDING')",
        );
        return Number(waiting[0]?.n) === 0;
      }, 'every mail handled');
      const mails = await db.query<{ status: string; attempts: number }>(
        'select status, attempts from outgoing_mail',
      );
      expect(mails.length).toBeGreaterThanOrEqual(ORDERS);
      for (const mail of mails) expect(mail).toEqual({ status: 'LOGGED_ONLY', attempts: 1 });
      const logged = running()
        .logs()
        .filter((line) => line.msg === 'mail logged, not sent: SMTP_URL is not set');
      expect(logged).toHaveLength(mails.length);
      expect(await inconsistencies(db, 1)).toEqual([]);
    });
  });
}

describe('WORKERS=2 on SQLite', () => {
  it('is refused at start, naming WORKERS and why', async () => {
    const database = await freshDatabase('sqlite');
    try {
      const started = startBuiltServer(database, 60_000, { WORKERS: '2' });
      await expect(started).rejects.toThrow(/exited early \(code 1/);
      await expect(started).rejects.toThrow(
        'WORKERS=2 needs PostgreSQL (DATABASE_URL): the embedded SQLite file takes one writer at a time',
      );
    } finally {
      await database.remove();
    }
  });
});
