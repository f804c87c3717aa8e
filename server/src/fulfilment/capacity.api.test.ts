import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();
const TODAY = '2026-12-01';
const MATERIALS = operation('materials');
const ADJUST_STOCK = operation('adjust-stock');
const CANCEL = operation('cancel-order');
const CONFIGURE_PROMISE = operation('configure-promise');

interface Promised {
  shipDate: string;
  bottleneck: { kind: string; subject: string; message: string; days: number };
}
interface Tracked {
  number: string;
  fulfilment: { promise: Promised; reservations: { partNumber: string }[]; requisitions: unknown[] };
}

/** An e-bike whose every part the demo plant stocks: only the work can hold it up. */
const BIKE = { productCode: 'e-bike', selections: [{ feature: 'battery', value: 'b500' }] };

describe.each(dialects)('finite capacity on %s', (dialect: Dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
  });
  afterAll(async () => {
    await server?.close();
  });

  const data = <T>(query: string, variables?: Record<string, unknown>): Promise<T> =>
    server.data<T>(query, variables);
  function place(index: number): Promise<Tracked> {
    return server.placeTracked<Tracked>({
      lines: [{ ...BIKE, quantity: 3 }],
      ...DEMO_CHECKOUT,
      customer: { name: `Fleet ${index}`, email: `fleet${index}@example.com` },
    });
  }

  it('schedules each order behind the work already promised: dates move later and the bottleneck becomes a booked work centre; a cancelled order frees its capacity', async () => {
    // Plenty of every part, so materials never decide.
    const { materials } = await data<{
      materials: { parts: { partNumber: string; kind: string; onHand: string }[] };
    }>(MATERIALS, { search: 'EB-' });
    for (const part of materials.parts.filter((candidate) => candidate.kind === 'purchased')) {
      await data(ADJUST_STOCK, {
        partNumber: part.partNumber,
        quantity: '5000',
        reason: 'capacity test',
      });
    }

    const first = await place(0);
    expect(first.fulfilment.requisitions).toEqual([]);
    // Made today (Tuesday Dec 1), checked Dec 2, shipped Dec 3.
    expect(first.fulfilment.promise.shipDate).toBe('2026-12-03');
    expect(first.fulfilment.promise.bottleneck.kind).toBe('work');
    expect(first.fulfilment.promise.bottleneck.message).toMatch(/working days? of work/);

    const orders = [first];
    for (let index = 1; index < 12; index++) orders.push(await place(index));
    const dates = orders.map((order) => order.fulfilment.promise.shipDate);
    // By hand, 3 bikes an order: wheel building (360 min a day, 150 an order) paces the queue, and
    // assembly (900 a day, 339 an order) starts the day the wheels are done. Production ends on Dec 1
    // for orders 1-2, Dec 2 for 3-4, Dec 3 for 5-6, Dec 4 for 7-9 (order 7's assembly runs over from
    // Dec 3), Dec 7 for 10-11, Dec 8 for 12 (its assembly runs over from Dec 7); each ships 2 working
    // days after (1 of quality control, 1 of shipping buffer).
    expect(dates).toEqual([
      '2026-12-03',
      '2026-12-03',
      '2026-12-04',
      '2026-12-04',
      '2026-12-07',
      '2026-12-07',
      '2026-12-08',
      '2026-12-08',
      '2026-12-08',
      '2026-12-09',
      '2026-12-09',
      '2026-12-10',
    ]);
    const last = orders.at(-1)!.fulfilment.promise;
    expect(last.bottleneck.kind).toBe('capacity');
    expect(last.bottleneck.message).toMatch(/is booked until \d{4}-\d{2}-\d{2}/);
    // Production ends Dec 8 instead of Dec 1 on empty work centres: 5 working days later.
    expect(last.bottleneck.days).toBe(5);

    // The live estimate sees the same queue and reserves nothing.
    const { configure } = await data<{ configure: { promise: Promised } }>(CONFIGURE_PROMISE, {
      input: { ...BIKE, quantity: 3 },
    });
    // A 13th order's wheels fit Dec 8 beside the 12th's (Dec 7 is full), its assembly too: it ships Dec 10.
    expect(configure.promise.shipDate).toBe('2026-12-10');

    // Cancelling the queue gives its minutes back: the next order is promised earlier again.
    for (const order of orders) {
      await data(CANCEL, { number: order.number, reason: 'fleet deal fell through' });
    }
    const again = await place(99);
    expect(again.fulfilment.promise.shipDate).toBe(first.fulfilment.promise.shipDate);
  });
});
