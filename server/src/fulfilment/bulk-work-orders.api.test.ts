import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { CALLERS, type CallerName } from '../test-support/callers.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();

const ORDER_TRACKING = operation('order-tracking');
const ADJUST_STOCK = operation('adjust-stock');
const CONFIRM = operation('confirm-order');
const RECEIVE = operation('receive-purchase-requisition');
const START = operation('start-work-order');
const START_ALL = operation('start-order-work-orders');
const COMPLETE_ALL = operation('complete-order-work-orders');

interface TrackedOrder {
  __typename: 'Order';
  number: string;
  status: string;
  fulfilment: {
    events: { actor: string; kind: string }[];
    workOrders: { id: number; operationCode: string; status: string }[];
    reservations: { partNumber: string; status: string }[];
    requisitions: { id: number; status: string }[];
  };
}
type Refusal = { __typename: 'ActionRefused'; code: string; message: string; field: string };
type ActionResult = TrackedOrder | Refusal;

const BATTERY = 'EB-BAT-625';
const BIKE = { productCode: 'e-bike', selections: [] as { feature: string; value?: string }[] };

/**
 * "Start all work orders" and "Complete all work orders" of one order: each work order through the same
 * guard as one by one, all in one transaction (a refusal changes nothing and names the work order),
 * each step an event naming who did it.
 */
describe.each(dialects)('bulk work order actions on %s', (dialect: Dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: '2026-12-01' });
    // Enough batteries that a confirmed bike goes straight into production.
    await server.data(ADJUST_STOCK, { partNumber: BATTERY, quantity: '20', reason: 'test set-up' });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function act(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    as: CallerName = 'operations',
  ): Promise<ActionResult> {
    return (await server.data<Record<string, ActionResult>>(query, variables, { as }))[field]!;
  }
  async function track(number: string): Promise<TrackedOrder> {
    return (await server.data<{ order: TrackedOrder }>(ORDER_TRACKING, { number })).order;
  }
  async function placed(): Promise<TrackedOrder> {
    return server.placeTracked<TrackedOrder>({
      lines: [BIKE],
      customer: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
  }
  /** Confirmed and every shortage received (the demo plant is short of a few parts on purpose). */
  async function inProduction(): Promise<TrackedOrder> {
    const order = await placed();
    let confirmed = (await act(CONFIRM, { number: order.number }, 'confirmOrder')) as TrackedOrder;
    expect(confirmed, JSON.stringify(confirmed)).toMatchObject({ __typename: 'Order' });
    for (const requisition of confirmed.fulfilment.requisitions.filter((r) => r.status === 'OPEN'))
      confirmed = (await act(RECEIVE, { id: requisition.id }, 'receivePurchaseRequisition')) as TrackedOrder;
    expect(confirmed).toMatchObject({ __typename: 'Order', status: 'IN_PRODUCTION' });
    return confirmed;
  }

  it('starts every planned work order, then completes them all: the order goes on to its quality check, each step audited with who did it', async () => {
    const order = await inProduction();
    const count = order.fulfilment.workOrders.length;
    expect(count).toBe(6);

    const started = await act(START_ALL, { number: order.number }, 'startOrderWorkOrders');
    expect(started, JSON.stringify(started)).toMatchObject({ __typename: 'Order', status: 'IN_PRODUCTION' });
    const afterStart = started as TrackedOrder;
    expect(afterStart.fulfilment.workOrders.map((w) => w.status)).toEqual(Array(count).fill('STARTED'));
    const startEvents = afterStart.fulfilment.events.filter((event) => event.kind === 'WORK_STARTED');
    expect(startEvents).toHaveLength(count);
    expect(startEvents.every((event) => event.actor === CALLERS.operations.email)).toBe(true);
    // The first start took the reserved materials out of stock, once.
    expect(afterStart.fulfilment.events.filter((event) => event.kind === 'MATERIALS_ISSUED')).toHaveLength(1);
    expect(afterStart.fulfilment.reservations.every((r) => r.status === 'ISSUED')).toBe(true);

    // Nothing left to start: refused, and said so.
    expect(await act(START_ALL, { number: order.number }, 'startOrderWorkOrders')).toMatchObject({
      __typename: 'ActionRefused',
      code: 'WORK_ORDER_NOT_PLANNED',
      field: 'number',
    });

    const completed = await act(COMPLETE_ALL, { number: order.number }, 'completeOrderWorkOrders');
    expect(completed, JSON.stringify(completed)).toMatchObject({
      __typename: 'Order',
      status: 'QUALITY_CHECK',
    });
    const afterComplete = completed as TrackedOrder;
    expect(afterComplete.fulfilment.workOrders.map((w) => w.status)).toEqual(Array(count).fill('DONE'));
    const completeEvents = afterComplete.fulfilment.events.filter((event) => event.kind === 'WORK_COMPLETED');
    expect(completeEvents).toHaveLength(count);
    expect(completeEvents.every((event) => event.actor === CALLERS.operations.email)).toBe(true);
    expect(afterComplete.fulfilment.events.at(-1)).toMatchObject({
      kind: 'PRODUCTION_FINISHED',
      actor: 'system',
    });

    expect(await act(COMPLETE_ALL, { number: order.number }, 'completeOrderWorkOrders')).toMatchObject({
      __typename: 'ActionRefused',
      code: 'WORK_ORDER_NOT_STARTED',
    });
  });

  it('refuses a bulk step the lifecycle does not allow and changes nothing: an order not confirmed yet', async () => {
    const order = await placed();
    const before = await server.rowCounts();
    const refusal = await act(START_ALL, { number: order.number }, 'startOrderWorkOrders');
    expect(refusal).toMatchObject({
      __typename: 'ActionRefused',
      code: 'NOT_ALLOWED_IN_STATUS',
      field: 'number',
    });
    // The refusal names the work order it stopped at.
    const first = order.fulfilment.workOrders[0]!;
    expect((refusal as Refusal).message).toContain(`Work order ${first.id} (${first.operationCode})`);
    expect(await server.rowCounts()).toEqual(before);
    const after = await track(order.number);
    expect(after.status).toBe('PLACED');
    expect(after.fulfilment.workOrders.every((w) => w.status === 'PLANNED')).toBe(true);
  });

  it('completes nothing when one work order may not be completed: the ones before it stay as they were, and the answer names it', async () => {
    const order = await inProduction();
    const [first, second] = order.fulfilment.workOrders;
    expect(await act(START, { id: first!.id }, 'startWorkOrder')).toMatchObject({ __typename: 'Order' });
    const before = await server.rowCounts();
    const eventsBefore = (await track(order.number)).fulfilment.events.length;

    const refusal = await act(COMPLETE_ALL, { number: order.number }, 'completeOrderWorkOrders');
    expect(refusal).toMatchObject({
      __typename: 'ActionRefused',
      code: 'WORK_ORDER_NOT_STARTED',
      field: 'number',
    });
    expect((refusal as Refusal).message).toContain(
      `Work order ${second!.id} (${second!.operationCode}) is planned`,
    );

    // The first one was completed inside the transaction, then rolled back with it.
    const after = await track(order.number);
    expect(after.fulfilment.workOrders.map((w) => w.status)).toEqual([
      'STARTED',
      ...Array(5).fill('PLANNED'),
    ]);
    expect(after.fulfilment.events).toHaveLength(eventsBefore);
    expect(await server.rowCounts()).toEqual(before);
  });

  it('is the plant’s own: a customer and sales staff are refused, as for one work order', async () => {
    const order = await inProduction();
    for (const as of ['customerA', 'sales'] as const) {
      const { errors } = await server.graphql(START_ALL, { number: order.number }, { as });
      expect(errors?.[0]?.extensions?.code, as).toBe('FORBIDDEN');
    }
    expect((await track(order.number)).fulfilment.workOrders.every((w) => w.status === 'PLANNED')).toBe(true);
  });

  it('gives staff the pick list (every purchased part once, exact quantities, reserved, issued and short) and anyone the build in words', async () => {
    const order = await inProduction();
    const query = `query($number: String!) { order(number: $number) {
      lines { bom { partNumber kind quantity level parentPartNumber } options { feature featureLabel kind value valueLabel unit } }
      fulfilment { pickList { partNumber description unit quantity reserved issued short } }
    } }`;
    type Documents = {
      lines: {
        bom: { partNumber: string; kind: string; quantity: string; parentPartNumber: string | null }[];
        options: {
          feature: string;
          featureLabel: string;
          kind: string;
          value: string;
          valueLabel: string;
          unit: string | null;
        }[];
      }[];
      fulfilment: {
        pickList: {
          partNumber: string;
          unit: string;
          quantity: string;
          reserved: string;
          issued: string;
          short: string;
        }[];
      };
    };
    const read = async () => (await server.data<{ order: Documents }>(query, { number: order.number })).order;
    const documents = await read();
    const [line] = documents.lines;
    const parents = new Set(line!.bom.map((bomLine) => bomLine.parentPartNumber));
    const picked = line!.bom.filter(
      (bomLine) => bomLine.kind === 'purchased' && !parents.has(bomLine.partNumber),
    );
    const pickList = documents.fulfilment.pickList;
    expect(pickList.map((pick) => pick.partNumber)).toEqual([
      ...new Set(picked.map((bomLine) => bomLine.partNumber)),
    ]);
    // All in stock: each part's whole quantity is reserved, nothing issued or short.
    for (const pick of pickList)
      expect(pick, pick.partNumber).toMatchObject({ reserved: pick.quantity, issued: '0', short: '0' });
    expect(pickList.find((pick) => pick.partNumber === BATTERY)).toMatchObject({
      quantity: '1',
      unit: 'pcs',
    });

    expect(await act(START_ALL, { number: order.number }, 'startOrderWorkOrders')).toMatchObject({
      __typename: 'Order',
    });
    for (const pick of (await read()).fulfilment.pickList)
      expect(pick, pick.partNumber).toMatchObject({ reserved: '0', issued: pick.quantity, short: '0' });

    // The build in words: labels, not codes; a yes/no feature answered as such.
    const words = line!.options;
    expect(words).toContainEqual({
      feature: 'battery',
      featureLabel: 'Battery',
      kind: 'single',
      value: 'b625',
      valueLabel: '625 Wh (about 60 to 120 km)',
      unit: null,
    });
    expect(words).toContainEqual({
      feature: 'cargo_box',
      featureLabel: 'Front cargo box',
      kind: 'boolean',
      value: 'false',
      valueLabel: 'No',
      unit: null,
    });
    expect(JSON.stringify(words)).not.toContain(BATTERY);

    // The pick list is internal: a customer reading its own order gets it refused, and its words still.
    const { placeOrder: own } = await server.data<{ placeOrder: { number: string } }>(
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number } } }',
      {
        input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: { name: 'Ada', email: CALLERS.customerA.email } },
      },
      { as: 'customerA' },
    );
    const answer = await server.graphql<{ order: Documents | null }>(
      query,
      { number: own.number },
      { as: 'customerA' },
    );
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(answer.data?.order?.fulfilment.pickList).toBeNull();
    expect(answer.data?.order?.lines[0]?.options.length).toBeGreaterThan(5);
  });
});
