import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import type { PublishedEvent } from './event-bus.js';
import { EVENT_BUS_APPLICATION } from './postgres-event-bus.js';

const CONFIRM = operation('confirm-order');
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };
const CUSTOMER = { name: 'Grace Hopper', email: 'grace@example.test' };

/** Waits (bounded by the test's timeout) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const dialects = await testDialects();

describe.runIf(dialects.includes('postgresql'))('events across processes on PostgreSQL', () => {
  let a: TestServer;
  let b: RunningServer;
  let databaseUrl: string;
  const heardOnA: PublishedEvent[] = [];
  const heardOnB: PublishedEvent[] = [];

  beforeAll(async () => {
    a = await startTestServer('postgresql');
    databaseUrl = a.running.orm.config.get('clientUrl')!;
    // A second server on the same database: its own ORM, pool, bus and LISTEN connection, as a second
    // process behind a load balancer has.
    const config = { ...readConfig({}), port: 0, host: '127.0.0.1', databaseUrl, logLevel: 'silent' };
    b = await startServer(config, createLogger('silent'), { announce: () => {} });
    a.running.events.subscribe((event) => heardOnA.push(event));
    b.events.subscribe((event) => heardOnB.push(event));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('tells a change made through server A to the listeners of server B, once each, in order', async () => {
    const { number } = await a.placeTracked<{ number: string }>({ lines: [DESK], customer: CUSTOMER });
    await a.data(CONFIRM, { number });
    const onA = () => heardOnA.filter((event) => event.subject === number);
    const onB = () => heardOnB.filter((event) => event.subject === number);
    await until(() => onB().some((event) => event.type === 'ORDER_CONFIRMED'));
    await until(() => onB().length >= onA().length);
    expect(onA()[0]!.type).toBe('ORDER_PLACED');
    expect(onB().map((event) => event.id)).toEqual(onA().map((event) => event.id));
    const confirmed = onB().find((event) => event.type === 'ORDER_CONFIRMED')!;
    expect(confirmed.data).toMatchObject({ version: 'v1', order: { number, status: 'CONFIRMED' } });
    expect(confirmed.occurredAt).toBeInstanceOf(Date);
    // A's own events reach A's listeners once (not again through its own notification).
    expect(new Set(heardOnA.map((event) => event.id)).size).toBe(heardOnA.length);
    expect(new Set(heardOnB.map((event) => event.id)).size).toBe(heardOnB.length);
  });

  it('loses nothing when B’s listening connection drops: it reconnects and reads what it missed', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const database = new URL(databaseUrl).pathname.slice(1);
      const listening = async () =>
        (
          await admin.query<{ pid: number }>(
            `select pid from pg_stat_activity where datname = $1 and application_name = $2`,
            [database, EVENT_BUS_APPLICATION],
          )
        ).rows.map((row) => row.pid);
      const before = await listening();
      expect(before).toHaveLength(2); // one per server
      // Cut both listeners: A's changes go on while nobody listens.
      for (const pid of before) await admin.query('select pg_terminate_backend($1)', [pid]);
      const { number } = await a.placeTracked<{ number: string }>({ lines: [DESK], customer: CUSTOMER });
      await a.data(CONFIRM, { number });
      const onA = () => heardOnA.filter((event) => event.subject === number);
      const onB = () => heardOnB.filter((event) => event.subject === number);
      await until(async () => (await listening()).length === 2 && onB().length >= 2);
      await until(() => onB().length === onA().length);
      expect(onB().map((event) => event.id)).toEqual(onA().map((event) => event.id));
      expect(new Set(heardOnB.map((event) => event.id)).size).toBe(heardOnB.length);
    } finally {
      await admin.end();
    }
  });
});
