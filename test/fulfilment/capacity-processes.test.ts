// Finite capacity under contention across PROCESSES: four built servers (node server/dist/main.js) on one
// fresh database place 200 orders at once. Placement books each work centre's day with a guarded update
// instead of locking the work centres; whatever the interleaving, no day may be booked past its minutes
// per day, each day's booked minutes are the sum of its bookings, and every order is whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { type BuiltServer, DEMO_USERS, operation, startBuiltServer } from '../support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../support/databases.js';
import { inconsistencies } from './consistency.js';

const PLACE_ORDER = operation('place-order');
const PROCESSES = 4;
const ORDERS = 200;
/** Requests in flight at once, spread over the processes. */
const CLIENTS = 8;
const BIKE = { productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 'm' }] };

const skipReason = await postgresUnavailable('the four-process capacity test');
if (skipReason !== null) {
  describe('four server processes booking capacity on one PostgreSQL database', () => {
    it.skip(`SKIPPED: ${skipReason}`, () => {});
  });
}
// SQLite too: the processes take turns as writers on one file, and must not overbook either.
const dialects: ('postgresql' | 'sqlite')[] = skipReason === null ? ['postgresql', 'sqlite'] : ['sqlite'];

describe.each(dialects)('four server processes booking capacity on one %s database', (dialect) => {
  let database: TestDatabase | undefined;
  const servers: BuiltServer[] = [];
  const sessions: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    // One after the other: the first migrates and seeds the fresh database, the others find it ready.
    for (let index = 0; index < PROCESSES; index++) servers.push(await startBuiltServer(database));
    for (const server of servers)
      sessions.push(await server.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password));
  }, 400_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.remove();
  });

  it(`${ORDERS} orders placed at once from ${PROCESSES} processes: every order placed whole, no work centre day booked past its hours`, async () => {
    const db = database!;
    let next = 0;
    const numbers: string[] = [];
    const failures: string[] = [];
    const client = async (clientIndex: number): Promise<void> => {
      for (let index = next++; index < ORDERS; index = next++) {
        const process = clientIndex % PROCESSES;
        const input = {
          lines: [BIKE],
          ...DEMO_CHECKOUT,
          customer: { name: `Rider ${index}`, email: `rider${index}@example.com` },
          // A connection the loaded machine drops before the answer is sent again, as a partner would:
          // the key places the order once whatever happened to the first request.
          idempotencyKey: `capacity-processes-${index}`,
        };
        const send = () =>
          servers[process]!.graphql(PLACE_ORDER, { input }, { sessionToken: sessions[process] });
        const { status, body } = await send().catch(() => send().catch(() => send()));
        const placed = (body.data as { placeOrder?: { __typename: string; number: string } } | null)
          ?.placeOrder;
        if (status !== 200 || body.errors || placed?.__typename !== 'Order')
          failures.push(`order ${index}: HTTP ${status} ${JSON.stringify(body).slice(0, 400)}`);
        else numbers.push(placed.number);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
    expect(failures).toEqual([]);
    expect(new Set(numbers).size).toBe(ORDERS);

    // The work was spread over many days: the days filled up and the orders had to book later ones.
    const days = await db.query<{ work_centre: string; days: unknown }>(
      `select b.work_centre, count(distinct b.day) as days from capacity_booking b group by b.work_centre`,
    );
    expect(Math.max(...days.map((row) => Number(row.days)))).toBeGreaterThan(5);
    // No day booked past its hours, each day's booked minutes its bookings' sum, every order whole.
    const overbooked = await db.query<{ work_centre: string; day: string; booked: unknown; hours: unknown }>(
      `select b.work_centre, b.day, sum(b.minutes) as booked, w.minutes_per_day as hours
       from capacity_booking b join work_centre w on w.code = b.work_centre
       group by b.work_centre, b.day, w.minutes_per_day having sum(b.minutes) > w.minutes_per_day`,
    );
    expect(overbooked).toEqual([]);
    expect(await inconsistencies(db, 1)).toEqual([]);
    const stored = await db.query<{ n: unknown }>('select count(*) as n from customer_order');
    expect(Number(stored[0]!.n)).toBe(ORDERS);
  }, 600_000);
});
