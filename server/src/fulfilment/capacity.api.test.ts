import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';

const dialects = await testDialects();
const TODAY = '2026-12-01';
const PLACE_ORDER = operation('place-order');
const ORDER_TRACKING = operation('order-tracking');
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
  async function place(index: number): Promise<Tracked> {
    const { placeOrder } = await data<{ placeOrder: { number: string } }>(PLACE_ORDER, {
      input: {
        lines: [{ ...BIKE, quantity: 3 }],
        customer: { name: `Fleet ${index}`, email: `fleet${index}@example.com` },
      },
    });
    return (await data<{ order: Tracked }>(ORDER_TRACKING, { number: placeOrder.number })).order;
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
        by: 'tester',
      });
    }

    const first = await place(0);
    expect(first.fulfilment.requisitions).toEqual([]);
    expect(first.fulfilment.promise.bottleneck.kind).toBe('work');
    expect(first.fulfilment.promise.bottleneck.message).toMatch(/working days? of work/);

    const orders = [first];
    for (let index = 1; index < 12; index++) orders.push(await place(index));
    const dates = orders.map((order) => order.fulfilment.promise.shipDate);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.at(-1)! > dates[0]!).toBe(true);
    const last = orders.at(-1)!.fulfilment.promise;
    expect(last.bottleneck.kind).toBe('capacity');
    expect(last.bottleneck.message).toMatch(/is booked until \d{4}-\d{2}-\d{2}/);
    expect(last.bottleneck.days).toBeGreaterThan(0);

    // The live estimate sees the same queue and reserves nothing.
    const { configure } = await data<{ configure: { promise: Promised } }>(CONFIGURE_PROMISE, {
      input: { ...BIKE, quantity: 3 },
    });
    expect(configure.promise.shipDate >= last.shipDate).toBe(true);

    // Cancelling the queue gives its minutes back: the next order is promised earlier again.
    for (const order of orders) {
      await data(CANCEL, { number: order.number, reason: 'fleet deal fell through', by: 'tester' });
    }
    const again = await place(99);
    expect(again.fulfilment.promise.shipDate).toBe(first.fulfilment.promise.shipDate);
  });
});
