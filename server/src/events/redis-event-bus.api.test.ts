import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { REDIS_URL, redisAnswers } from '../test-support/redis.js';
import { LocalEventBus, type PublishedEvent } from './event-bus.js';
import { EVENT_BUS_APPLICATION } from './postgres-event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

const CONFIRM = operation('confirm-order');
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };
const CUSTOMER = { name: 'Grace Hopper', email: 'grace@example.test' };

/** Waits (bounded by the test's timeout) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const dialects = await testDialects();
const reachable = await redisAnswers();
if (!reachable && process.env.CI !== 'true') {
  console.warn(
    `\n!!! Redis is not reachable at ${REDIS_URL}: the tests of the event bus through Redis are SKIPPED here. In CI they run (and fail without Redis).\n`,
  );
}
const runs = reachable || process.env.CI === 'true';

function requireRedis(): void {
  if (!reachable)
    throw new Error(`Redis must answer at ${REDIS_URL} in CI (start redis-server); it does not.`);
}

/** The bus connections to Redis (each server has a publisher and a subscriber), by client id. */
async function busClients(redis: Redis): Promise<string[]> {
  const list = (await redis.client('LIST')) as string;
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${EVENT_BUS_APPLICATION} `))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)![1]!);
}

describe.runIf(runs && dialects.includes('postgresql'))('events across processes through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  const heardOnA: PublishedEvent[] = [];
  const heardOnB: PublishedEvent[] = [];

  beforeAll(async () => {
    requireRedis();
    a = await startTestServer('postgresql', { env: { REDIS_URL } });
    // A second server on the same database and Redis, as a second process behind a load balancer.
    b = await startTestServer('postgresql', { env: { REDIS_URL }, sameDatabaseAs: a });
    a.running.events.subscribe((event) => heardOnA.push(event));
    b.running.events.subscribe((event) => heardOnB.push(event));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('tells a change made through server A to the listeners of server B, once each, in order', async () => {
    expect(b.running.events).toBeInstanceOf(RedisEventBus);
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
    // Each server hears the whole stream once, in sequence order (its own events and the other's).
    for (const heard of [heardOnA, heardOnB]) {
      const sequences = heard.map((event) => event.sequence);
      expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
      expect(new Set(sequences).size).toBe(sequences.length);
    }
  });

  it('hears changes made through both servers in the same order on both', async () => {
    const placed = await Promise.all(
      [a, b, a, b].map((server) =>
        server.placeTracked<{ number: string }>({ lines: [DESK], customer: CUSTOMER }),
      ),
    );
    const numbers = new Set(placed.map((order) => order.number));
    const onA = () => heardOnA.filter((event) => numbers.has(event.subject));
    const onB = () => heardOnB.filter((event) => numbers.has(event.subject));
    await until(() => onA().length >= 4 && onB().length === onA().length);
    expect(onB().map((event) => event.id)).toEqual(onA().map((event) => event.id));
  });

  it('loses nothing when the Redis connections drop: it reconnects and reads on from its last sequence', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const before = await busClients(redis);
      expect(before.length).toBeGreaterThanOrEqual(4); // a publisher and a subscriber per server
      for (const id of before) await redis.client('KILL', 'ID', id);
      const { number } = await a.placeTracked<{ number: string }>({ lines: [DESK], customer: CUSTOMER });
      await a.data(CONFIRM, { number });
      const onA = () => heardOnA.filter((event) => event.subject === number);
      const onB = () => heardOnB.filter((event) => event.subject === number);
      await until(() => onB().length >= 2 && onB().length === onA().length);
      expect(onB().map((event) => event.id)).toEqual(onA().map((event) => event.id));
      expect(new Set(heardOnB.map((event) => event.id)).size).toBe(heardOnB.length);
      // They are back: the next change is heard through Redis again.
      await until(async () => (await busClients(redis)).length >= 4);
    } finally {
      redis.disconnect();
    }
  });
});

describe.runIf(runs)('events on SQLite with REDIS_URL set', () => {
  let server: TestServer;
  const heard: PublishedEvent[] = [];

  beforeAll(async () => {
    requireRedis();
    server = await startTestServer('sqlite', { env: { REDIS_URL } });
    server.running.events.subscribe((event) => heard.push(event));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the process’s own bus (a SQLite database is one process’s) and tells each change once, in order', async () => {
    expect(server.running.events).toBeInstanceOf(LocalEventBus);
    const { number } = await server.placeTracked<{ number: string }>({ lines: [DESK], customer: CUSTOMER });
    await server.data(CONFIRM, { number });
    const mine = () => heard.filter((event) => event.subject === number);
    await until(() => mine().some((event) => event.type === 'ORDER_CONFIRMED'));
    const types = mine().map((event) => event.type);
    expect(types[0]).toBe('ORDER_PLACED');
    expect(types).toContain('ORDER_CONFIRMED');
    const sequences = heard.map((event) => event.sequence);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(mine().map((event) => event.id)).size).toBe(mine().length);
  });
});
