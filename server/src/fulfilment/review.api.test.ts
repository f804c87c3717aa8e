import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModelFiles } from '../catalog/demo-models.js';
import { createCatalogService } from '../services.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { CALLERS } from '../test-support/callers.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();
const TODAY = '2026-12-01';
const ACCEPT = operation('accept-order-review');
const CANCEL = operation('cancel-order');
const CONFIRM = operation('confirm-order');
const CONFIGURE_PROMISE = operation('configure-promise');

interface Tracked {
  number: string;
  status: string;
  fulfilment: {
    promise: { shipDate: string } | null;
    expectedShipDate: string | null;
    allowedActions: string[];
    events: { kind: string; fromStatus: string | null; toStatus: string | null; message: string }[];
    workOrders: { workCentre: string; operationCode: string; minutes: string }[];
    reservations: unknown[];
    requisitions: unknown[];
  };
}
type ActionResult =
  | ({ __typename: 'Order' } & Tracked)
  | { __typename: 'ActionRefused'; code: string; message: string; field: string };

/**
 * A cargo e-bike: 95 assembly minutes, 6 for each of its 3 accessories and 35 for the box, 148 a bike.
 * 5 lines × 20 of them are 14,800 of Assembly's 900 × 60 = 54,000 minutes over the next 60 working days:
 * 27.4%, more than a quarter. (Their wheels, 40 minutes a bike, are 4,000 of Wheel building's 21,600: 19%.)
 */
const CARGO_BIKE = {
  productCode: 'e-bike',
  selections: [
    { feature: 'cargo_box', value: 'true' },
    { feature: 'accessories', values: ['kickstand_dual', 'rack', 'lights'] },
  ],
  quantity: 20,
};
/** An ordinary order: 3 e-bikes. */
const SMALL = { productCode: 'e-bike', selections: [{ feature: 'battery', value: 'b500' }], quantity: 3 };
/** What placing and accepting write besides the order itself. */
const BOOKED_TABLES = ['capacity_booking', 'stock_reservation', 'purchase_requisition', 'work_order'];

describe.each(dialects)('orders too large for the plant wait for review on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
  });
  afterAll(async () => {
    await server?.close();
  });

  const data = <T>(query: string, variables?: Record<string, unknown>): Promise<T> =>
    server.data<T>(query, variables);
  function place(lines: unknown[], who: string): Promise<Tracked> {
    return server.placeTracked<Tracked>({
      lines,
      ...DEMO_CHECKOUT,
      customer: { name: who, email: `${who.toLowerCase().replace(/ /g, '.')}@example.com` },
    });
  }
  const booked = async () => {
    const counts = await server.rowCounts();
    for (const table of BOOKED_TABLES) expect(counts[table], table).toBeTypeOf('number');
    return Object.fromEntries(BOOKED_TABLES.map((table) => [table, counts[table]]));
  };
  async function act(query: string, variables: Record<string, unknown>): Promise<ActionResult> {
    return Object.values(await data<Record<string, ActionResult>>(query, variables))[0]!;
  }

  it('5 lines of 20 cargo e-bikes book nothing and promise nothing, later orders keep their promise; accepting places it', async () => {
    const { configure } = await data<{ configure: { promise: { shipDate: string } } }>(CONFIGURE_PROMISE, {
      input: SMALL,
    });
    const before = await booked();
    const counts = await server.rowCounts();

    const large = await place(Array(5).fill(CARGO_BIKE), 'Fleet Buyer');
    expect(large.status).toBe('AWAITING_REVIEW');
    expect(large.fulfilment).toMatchObject({
      promise: null,
      expectedShipDate: null,
      allowedActions: ['acceptReview', 'cancel'],
      workOrders: [],
      reservations: [],
      requisitions: [],
    });
    expect(large.fulfilment.events).toEqual([
      {
        kind: 'AWAITING_REVIEW',
        fromStatus: null,
        toStatus: 'AWAITING_REVIEW',
        message:
          "The order books 28% of Assembly's next 60 working days: waits for review; nothing is reserved or booked and nothing promised until it is accepted",
        at: expect.any(String),
        actor: CALLERS.staff.email,
      },
    ]);
    // Nothing booked, reserved, requisitioned or scheduled; the order and its 5 lines are written.
    expect(await booked()).toEqual(before);
    const after = await server.rowCounts();
    expect(after.customer_order).toBe(counts.customer_order! + 1);
    expect(after.order_line).toBe(counts.order_line! + 5);

    // A later ordinary order is promised what it was before the large one came in.
    const small = await place([SMALL], 'Small Shop');
    expect(small.status).toBe('PLACED');
    expect(small.fulfilment.promise!.shipDate).toBe(configure.promise.shipDate);
    const withSmall = await booked();
    expect(withSmall.capacity_booking).toBeGreaterThan(before.capacity_booking!);

    // Confirming is not for an order awaiting review.
    expect(await act(CONFIRM, { number: large.number })).toMatchObject({
      __typename: 'ActionRefused',
      code: 'NOT_ALLOWED_IN_STATUS',
      field: 'number',
    });

    // Accepted: placed for real, behind the small order, with its promise, work orders and bookings.
    const accepted = await act(ACCEPT, { number: large.number });
    expect(accepted.__typename).toBe('Order');
    const placed = accepted as Tracked;
    expect(placed.status).toBe('PLACED');
    expect(placed.fulfilment.promise!.shipDate > small.fulfilment.promise!.shipDate).toBe(true);
    expect(placed.fulfilment.expectedShipDate).toBe(placed.fulfilment.promise!.shipDate);
    expect(placed.fulfilment.allowedActions).toEqual(['confirm', 'cancel']);
    // 6 operations a line (paint, wheels, assembly, electrics, test, pack), 5 lines.
    expect(placed.fulfilment.workOrders).toHaveLength(30);
    expect(placed.fulfilment.reservations.length + placed.fulfilment.requisitions.length).toBeGreaterThan(0);
    expect(placed.fulfilment.events.map((event) => [event.kind, event.fromStatus, event.toStatus])).toEqual([
      ['AWAITING_REVIEW', null, 'AWAITING_REVIEW'],
      ['REVIEW_ACCEPTED', 'AWAITING_REVIEW', 'PLACED'],
      ['PLACED', null, 'PLACED'],
      ['MATERIALS_PLANNED', null, null],
    ]);
    expect(placed.fulfilment.events[1]).toMatchObject({ actor: CALLERS.staff.email });
    expect(placed.fulfilment.events[2]!.message).toMatch(
      new RegExp(`^Order placed; promised to ship by ${placed.fulfilment.promise!.shipDate}`),
    );
    const afterAccept = await booked();
    expect(afterAccept.capacity_booking).toBeGreaterThan(withSmall.capacity_booking!);
    expect(afterAccept.work_order).toBe(withSmall.work_order! + 30);

    // Accepting twice is refused: it is placed already; nothing more is booked.
    expect(await act(ACCEPT, { number: large.number })).toMatchObject({
      __typename: 'ActionRefused',
      code: 'NOT_ALLOWED_IN_STATUS',
    });
    expect(await booked()).toEqual(afterAccept);
    expect(await act(ACCEPT, { number: 'NO-SUCH-ORDER' })).toMatchObject({
      __typename: 'ActionRefused',
      code: 'ORDER_NOT_FOUND',
    });
  });

  it('an order awaiting review can be cancelled, and releases nothing (there is nothing)', async () => {
    const large = await place(Array(5).fill(CARGO_BIKE), 'Second Fleet');
    expect(large.status).toBe('AWAITING_REVIEW');
    const before = await booked();
    const cancelled = await act(CANCEL, { number: large.number, reason: 'too many bikes' });
    expect(cancelled).toMatchObject({ __typename: 'Order', status: 'CANCELLED' });
    const events = (cancelled as Tracked).fulfilment.events;
    expect(events.map((event) => event.kind)).toEqual(['AWAITING_REVIEW', 'CANCELLED', 'RELEASED']);
    expect(events[2]!.message).toBe(
      'Released 0 reservations, cancelled 0 open requisitions and 0 work orders',
    );
    expect(await booked()).toEqual(before);
    expect(await act(ACCEPT, { number: large.number })).toMatchObject({
      __typename: 'ActionRefused',
      code: 'NOT_ALLOWED_IN_STATUS',
    });
  });

  it('an order of one line of 20 cargo e-bikes (5.5% of Assembly) is placed at once', async () => {
    const order = await place([CARGO_BIKE], 'Rental Shop');
    expect(order.status).toBe('PLACED');
    expect(order.fulfilment.promise).not.toBeNull();
  });
  it('accepting works from the version the order was placed on, not the model as it is now', async () => {
    const large = await place(Array(5).fill(CARGO_BIKE), 'Third Fleet');
    expect(large.status).toBe('AWAITING_REVIEW');
    // Version 2 of the e-bike takes 100 more assembly minutes a bike.
    const source = demoModelFiles().find((file) => file.code === 'e-bike')!.text;
    const slower = source.replace(
      'minutes: "95 + 6 * count(accessories)',
      'minutes: "195 + 6 * count(accessories)',
    );
    expect(slower).not.toBe(source);
    const catalog = createCatalogService(server.running.orm.em.fork(), server.running.cache);
    const published = await catalog.publish(slower);
    if (!published.ok) throw new Error(JSON.stringify(published.problems));
    expect(published.version.version).toBe(2);

    const accepted = (await act(ACCEPT, { number: large.number })) as Tracked;
    expect(accepted.status).toBe('PLACED');
    const assembly = accepted.fulfilment.workOrders.filter(
      (workOrder) => workOrder.operationCode === 'ASSEMBLE',
    );
    // Version 1: 148 minutes a cargo bike, 20 a line.
    expect(assembly.map((workOrder) => workOrder.minutes)).toEqual(Array(5).fill('2960'));
  });
});
