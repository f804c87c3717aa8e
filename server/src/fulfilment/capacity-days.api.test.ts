import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { bookDays, releaseBookings } from './capacity-days.js';

const dialects = await testDialects();
const BIKE = { productCode: 'e-bike', selections: [] as { feature: string; value?: string }[] };
const DAY = '2027-03-01';

describe.each(dialects)('work-centre days on %s', (dialect: Dialect) => {
  let server: TestServer;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    server = await startTestServer(dialect, { logger: createLogger('info', sink) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const sql = (query: string, params: unknown[] = []) =>
    server.running.orm.em.fork().getConnection().execute(query, params);
  const bookedOn = async (workCentre: string, day: string): Promise<number | null> => {
    const rows = (await sql(
      'select booked_minutes as b from work_centre_day where work_centre = ? and day = ?',
      [workCentre, day],
    )) as { b: number }[];
    return rows[0] ? Number(rows[0].b) : null;
  };

  it('a day takes minutes only while they fit its capacity, each statement whole or not at all', async () => {
    const loads = new Map([['T-1', { code: 'T-1', name: 'Test', minutesPerDay: 480, booked: new Map() }]]);
    const em = server.running.orm.em.fork();
    const book = (minutes: number, day = DAY) =>
      em.transactional((tx) => bookDays(tx, [{ workCentre: 'T-1', day, minutes }], loads));
    expect(await book(400)).toBe(true);
    expect(await bookedOn('T-1', DAY)).toBe(400);
    // 400 + 100 > 480: refused, nothing added.
    expect(await book(100)).toBe(false);
    expect(await bookedOn('T-1', DAY)).toBe(400);
    expect(await book(80)).toBe(true);
    expect(await bookedOn('T-1', DAY)).toBe(480);
    // Two days in one statement, the second full: the caller gets false (and rolls back; a savepoint in placement).
    const both = await em
      .transactional(async (tx) => {
        const ok = await bookDays(
          tx,
          [
            { workCentre: 'T-1', day: '2027-03-02', minutes: 10 },
            { workCentre: 'T-1', day: DAY, minutes: 10 },
          ],
          loads,
        );
        if (!ok) throw new Error('taken');
        return ok;
      })
      .catch((error: Error) => error.message);
    expect(both).toBe('taken');
    expect(await bookedOn('T-1', '2027-03-02')).toBeNull();
  });

  it('orders placed at once with room to spare are planned without locks; cancelling gives the minutes back', async () => {
    // Room for thousands of bikes a day and of each part: no plan is crowded.
    await sql('update work_centre set minutes_per_day = 1000000');
    await sql('update part set stock_on_hand = 1000000');
    logged.length = 0;
    const placed = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        server.data<{ placeOrder: { __typename: string; number: string } }>(
          'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { number } } }',
          {
            input: {
              ...DEMO_CHECKOUT,
              lines: [BIKE],
              customer: { name: `Rider ${index}`, email: `rider${index}@example.com` },
            },
          },
        ),
      ),
    );
    expect(placed.map((answer) => answer.placeOrder.__typename)).toEqual(Array(8).fill('Order'));
    const placements = logged.filter((line) => typeof line.steps === 'object' && line.steps !== null);
    expect(placements).toHaveLength(8);
    // SQLite runs one writer at a time and always plans from what it holds.
    const unlocked = placements.filter((line) => line.lockedPlan === 0).length;
    expect(unlocked).toBe(dialect === 'postgresql' ? 8 : 0);

    const summed = async () =>
      (await sql(
        `select count(*) as n from work_centre_day d where d.work_centre <> 'T-1' and d.booked_minutes <> (select coalesce(sum(b.minutes), 0) from capacity_booking b where b.work_centre = d.work_centre and b.day = d.day)`,
      )) as { n: number }[];
    expect(Number((await summed())[0]!.n)).toBe(0);

    const orderId = Number(
      (
        (await sql('select id from customer_order where number = ?', [placed[0]!.placeOrder.number])) as {
          id: number;
        }[]
      )[0]!.id,
    );
    const before = (await sql(
      "select sum(booked_minutes) as m from work_centre_day where work_centre <> 'T-1'",
    )) as { m: number }[];
    const em = server.running.orm.em.fork();
    const released = await em.transactional((tx) => releaseBookings(tx, { orderId }));
    expect(released).toBeGreaterThan(0);
    const after = (await sql(
      "select sum(booked_minutes) as m from work_centre_day where work_centre <> 'T-1'",
    )) as { m: number }[];
    expect(Number(after[0]!.m)).toBeLessThan(Number(before[0]!.m));
    expect(Number((await summed())[0]!.n)).toBe(0);
  });
});
