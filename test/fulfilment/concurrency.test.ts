// Stock reserved under contention across PROCESSES: two built servers (node server/dist/main.js, child
// processes) on one fresh database, 20 simultaneous orders for a part with exactly 5 in stock. On
// PostgreSQL the rows locked FOR UPDATE keep the two processes from both reserving the same units; on a
// SQLite file shared by two processes, each write transaction claims the file first, so they take turns.
// (20 concurrent orders in one process, on both databases, are in server/src/fulfilment/fulfilment.api.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { type BuiltServer, DEMO_USERS, operation, startBuiltServer } from '../support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../support/databases.js';
import { inconsistencies } from './consistency.js';

const PLACE_ORDER = operation('place-order');
const ADJUST_STOCK = operation('adjust-stock');
const MATERIALS = operation('materials');

const FRAME = 'EB-FRM-XL';
const IN_STOCK = 5;
const ORDERS = 20;
const XL_BIKE = { productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 'xl' }] };

interface PartStock {
  partNumber: string;
  onHand: string;
  reserved: string;
  available: string;
}

const skipReason = await postgresUnavailable('the two-process concurrency test');

/** The demo operations user's session (in the database: both processes know it). */
const asStaff = { sessionToken: '' };

async function stockOf(server: BuiltServer, partNumber: string): Promise<PartStock> {
  const { body } = await server.graphql(MATERIALS, { search: partNumber }, asStaff);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const parts = (body.data as { materials: { parts: PartStock[] } }).materials.parts;
  const part = parts.find((candidate) => candidate.partNumber === partNumber);
  if (!part) throw new Error(`no part ${partNumber} in materials`);
  return part;
}

if (skipReason !== null) {
  describe('two server processes on one PostgreSQL database', () => {
    it.skip(`SKIPPED: ${skipReason}`, () => {});
  });
}

// SQLite too: two processes on one file take turns as writers (each write transaction claims the file
// first), so they never fail each other and never reserve the same units either.
const dialects: ('postgresql' | 'sqlite')[] = skipReason === null ? ['postgresql', 'sqlite'] : ['sqlite'];

describe.each(dialects)('two server processes on one %s database', (dialect) => {
  let database: TestDatabase | undefined;
  const servers: BuiltServer[] = [];

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    // One after the other: the first migrates and seeds the fresh database, the second finds it ready.
    servers.push(await startBuiltServer(database));
    servers.push(await startBuiltServer(database));
    asStaff.sessionToken = await servers[0]!.signIn(
      DEMO_USERS.operations.email,
      DEMO_USERS.operations.password,
    );
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.remove();
  });

  it(`20 simultaneous orders, split between the processes, for a part with exactly ${IN_STOCK} in stock: ${IN_STOCK} reserved, 15 requisitioned, never negative, each order once`, async () => {
    const [first, second] = servers as [BuiltServer, BuiltServer];
    const db = database!;
    const before = await stockOf(first, FRAME);
    expect(before.reserved).toBe('0');
    const change = IN_STOCK - Number(before.onHand);
    if (change !== 0) {
      const { body } = await first.graphql(
        ADJUST_STOCK,
        {
          partNumber: FRAME,
          quantity: String(change),
          reason: 'concurrency test: exactly 5',
        },
        asStaff,
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    }
    // Both processes see the same stock before the rush.
    expect(await stockOf(second, FRAME)).toMatchObject({
      onHand: String(IN_STOCK),
      available: String(IN_STOCK),
    });

    const answers = await Promise.all(
      Array.from({ length: ORDERS }, async (_, index) => {
        const server = index % 2 === 0 ? first : second;
        const { status, body } = await server.graphql(
          PLACE_ORDER,
          {
            input: {
              lines: [XL_BIKE],
              ...DEMO_CHECKOUT,
              customer: { name: `Rider ${index}`, email: `rider${index}@example.com` },
            },
          },
          asStaff,
        );
        return { index, status, body };
      }),
    );
    const numbers = answers.map(({ index, status, body }) => {
      expect(status, `order ${index}: ${JSON.stringify(body)}`).toBe(200);
      expect(body.errors, `order ${index}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      const placed = (body.data as { placeOrder: { __typename: string; number: string; placedAt: string } })
        .placeOrder;
      expect(placed.__typename, `order ${index}: ${JSON.stringify(placed)}`).toBe('Order');
      return placed.number;
    });
    // Each order placed exactly once: 20 distinct numbers, 20 orders stored, one per rider.
    expect(new Set(numbers).size).toBe(ORDERS);
    const stored = await db.query<{ number: string; email: string }>(
      'select o.number, c.email from customer_order o join customer c on c.id = o.customer_id order by o.number',
    );
    expect(stored.map((row) => row.number)).toEqual([...numbers].sort());
    expect(stored.map((row) => row.email).sort()).toEqual(
      Array.from({ length: ORDERS }, (_, index) => `rider${index}@example.com`).sort(),
    );

    // The frame: exactly 5 units reserved, the 15 others requisitioned, one unit per order either way.
    const reserved = await db.query<{ number: string; quantity: string; status: string }>(
      `select o.number, r.quantity, r.status from stock_reservation r join customer_order o on o.id = r.order_id
       where r.part_number = ?`,
      [FRAME],
    );
    const requisitioned = await db.query<{ number: string; shortage: string; status: string }>(
      `select o.number, q.shortage, q.status from purchase_requisition q join customer_order o on o.id = q.order_id
       where q.part_number = ?`,
      [FRAME],
    );
    expect(reserved.reduce((sum, row) => sum + Number(row.quantity), 0)).toBe(IN_STOCK);
    expect(reserved.every((row) => row.status === 'RESERVED')).toBe(true);
    expect(requisitioned.reduce((sum, row) => sum + Number(row.shortage), 0)).toBe(ORDERS - IN_STOCK);
    expect(requisitioned.every((row) => row.status === 'OPEN')).toBe(true);
    expect([...reserved.map((row) => row.number), ...requisitioned.map((row) => row.number)].sort()).toEqual(
      [...numbers].sort(),
    );
    // What crossed the processes is proved by what the database holds, not by clocks: the 20 orders came
    // through both processes (10 each), and between them exactly 5 frames were reserved, never more.
    const reservedNumbers = new Set(reserved.map((row) => row.number));
    const servedBy = (process: number) =>
      numbers.filter((number, index) => index % 2 === process && reservedNumbers.has(number)).length;
    expect(servedBy(0) + servedBy(1)).toBe(IN_STOCK);
    console.log(
      `concurrency (${dialect}): frames reserved by orders placed through process A: ${servedBy(0)}, through process B: ${servedBy(1)}`,
    );

    // Stock never negative, and both processes say so.
    const [part] = await db.query<{ stock_on_hand: string; stock_reserved: string }>(
      'select stock_on_hand, stock_reserved from part where part_number = ?',
      [FRAME],
    );
    expect(Number(part!.stock_on_hand)).toBe(IN_STOCK);
    expect(Number(part!.stock_reserved)).toBe(IN_STOCK);
    for (const server of servers) {
      expect(await stockOf(server, FRAME)).toMatchObject({
        onHand: String(IN_STOCK),
        reserved: String(IN_STOCK),
        available: '0',
      });
    }
    // And everything else the orders wrote holds together (every part's reservations, every line's needs).
    expect(await inconsistencies(db, 1)).toEqual([]);
  });

  it('the same order sent to both processes at once under one idempotency key (a retry through another process) is placed once', async () => {
    const [first, second] = servers as [BuiltServer, BuiltServer];
    const db = database!;
    const ordersBefore = Number(
      (await db.query<{ n: unknown }>('select count(*) as n from customer_order'))[0]!.n,
    );
    const keys = Array.from({ length: 10 }, (_, index) => `retry-${index}-${Date.now()}`);
    const answers = await Promise.all(
      keys.flatMap((idempotencyKey, index) =>
        [first, second].map(async (server) => {
          const { status, body } = await server.graphql(
            PLACE_ORDER,
            {
              input: {
                lines: [XL_BIKE],
                ...DEMO_CHECKOUT,
                customer: { name: `Retrier ${index}`, email: `retrier${index}@example.com` },
                idempotencyKey,
              },
            },
            asStaff,
          );
          expect(status, JSON.stringify(body)).toBe(200);
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          const placed = (body.data as { placeOrder: { __typename: string; number: string } }).placeOrder;
          expect(placed.__typename, JSON.stringify(placed)).toBe('Order');
          return { idempotencyKey, number: placed.number };
        }),
      ),
    );
    // Both answers for a key name the same order; one order per key was written.
    for (const key of keys) {
      const numbers = answers
        .filter((answer) => answer.idempotencyKey === key)
        .map((answer) => answer.number);
      expect(numbers).toHaveLength(2);
      expect(numbers[0], key).toBe(numbers[1]);
    }
    const stored = await db.query<{ idempotency_key: string; n: unknown }>(
      `select idempotency_key, count(*) as n from customer_order where idempotency_key like 'retry-%'
         group by idempotency_key`,
    );
    expect(stored.map((row) => [row.idempotency_key, Number(row.n)]).sort()).toEqual(
      keys.map((key) => [key, 1]).sort(),
    );
    const ordersAfter = Number(
      (await db.query<{ n: unknown }>('select count(*) as n from customer_order'))[0]!.n,
    );
    expect(ordersAfter - ordersBefore).toBe(keys.length);
    expect(await inconsistencies(db, 1)).toEqual([]);
  });
});
