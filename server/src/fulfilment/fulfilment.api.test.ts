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
/**
 * A Tuesday. The dates below are worked by hand on the demo plant's calendar (server/demo-data/plant.yaml):
 * weekends off, and the holidays 2026-12-24, 25 and 26, 2026-12-31 and 2027-01-01.
 */
const TODAY = '2026-12-01';
/**
 * The 625 Wh battery (18 working days from BMZ, server/demo-models/e-bike.yaml) ordered today arrives
 * 18 working days later: Dec 2-4 (3), 7-11 (8), 14-18 (13), 21-23 (16), then 24-26 off, 28 (17), 29 (18).
 */
const BATTERY_DUE = '2026-12-29';
/**
 * A default e-bike waiting for that battery: every operation fits its work centre's day on Dec 29
 * (50 min paint, 50 wheels, 113 assembly, 35 electrics, 25 test, 20 packing, with room for the few
 * bikes this file books before it); quality control takes 1 working day (Dec 30) and shipping 1 more:
 * Dec 31 and Jan 1 are holidays, Jan 2-3 a weekend, so it ships Monday 2027-01-04.
 */
const BIKE_SHIPS = '2027-01-04';

const PLACE_ORDER = operation('place-order');
const ORDER_TRACKING = operation('order-tracking');
const ADJUST_STOCK = operation('adjust-stock');
const MATERIALS = operation('materials');
const BACKORDERS = operation('backorders');
const CONFIRM = operation('confirm-order');
const CANCEL = operation('cancel-order');
const RECEIVE = operation('receive-purchase-requisition');
const UPDATE_REQUISITION = operation('update-purchase-requisition');
const START = operation('start-work-order');
const COMPLETE = operation('complete-work-order');
const QUALITY = operation('record-quality-check');
const SHIP = operation('ship-order');
const DELIVER = operation('deliver-order');
const CONFIGURE_PROMISE = operation('configure-promise');
const BOARD = operation('operations-board');
const STOCK_MOVEMENTS = operation('stock-movements');

interface PartStock {
  partNumber: string;
  unit: string;
  supplier: string | null;
  leadTimeDays: number;
  minimumOrderQuantity: string;
  onHand: string;
  reserved: string;
  available: string;
  onOrder: string;
}
interface Requisition {
  id: number;
  partNumber: string;
  supplier: string | null;
  orderNumber: string;
  shortage: string;
  quantity: string;
  status: string;
  dueDate: string;
  expectedDate: string;
}
interface Fulfilment {
  promise: {
    shipDate: string;
    materialsReadyDate: string;
    bottleneck: { kind: string; subject: string; message: string; days: number };
  } | null;
  expectedShipDate: string | null;
  slip: { days: number; expectedShipDate: string; cause: string } | null;
  allowedActions: string[];
  events: {
    actor: string;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    message: string;
  }[];
  workOrders: {
    id: number;
    operationCode: string;
    workCentre: string;
    status: string;
    rework: boolean;
    plannedStart: string | null;
  }[];
  requisitions: Requisition[];
  reservations: { partNumber: string; quantity: string; status: string }[];
  checklist: { code: string; label: string }[];
  qualityChecks: { passed: boolean; items: { code: string; passed: boolean }[] }[];
  shipment: { carrier: string; trackingNumber: string } | null;
}
interface TrackedOrder {
  __typename: 'Order';
  number: string;
  status: string;
  fulfilment: Fulfilment;
}
type ActionResult =
  | TrackedOrder
  | { __typename: 'ActionRefused'; code: string; message: string; field: string };

/** The e-bike as it comes (its defaults: the 625 Wh battery). */
const BIKE = { productCode: 'e-bike', selections: [] as { feature: string; value?: string }[] };
const BATTERY = 'EB-BAT-625';

describe.each(dialects)('fulfilment on %s', (dialect: Dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
  });
  afterAll(async () => {
    await server?.close();
  });

  const data = <T>(query: string, variables?: Record<string, unknown>): Promise<T> =>
    server.data<T>(query, variables);
  async function part(partNumber: string): Promise<PartStock> {
    const { materials } = await data<{ materials: { parts: PartStock[] } }>(MATERIALS, {
      search: partNumber,
    });
    return materials.parts.find((candidate) => candidate.partNumber === partNumber)!;
  }
  /** Sets what is available of a part (on hand beyond what orders hold) through adjustStock. */
  async function setStock(partNumber: string, available: string): Promise<void> {
    const before = await part(partNumber);
    const change = Number(available) - Number(before.available);
    if (change === 0) return;
    await data(ADJUST_STOCK, { partNumber, quantity: String(change), reason: 'test set-up' });
  }
  function place(lines = [BIKE], email = 'grace@example.com'): Promise<TrackedOrder> {
    return server.placeTracked<TrackedOrder>({ lines, customer: { name: 'Grace Hopper', email } });
  }
  async function track(number: string): Promise<TrackedOrder> {
    return (await data<{ order: TrackedOrder }>(ORDER_TRACKING, { number })).order;
  }
  async function act(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    as: CallerName = 'staff',
  ): Promise<ActionResult> {
    return (await server.data<Record<string, ActionResult>>(query, variables, { as }))[field]!;
  }
  async function done(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    as: CallerName = 'staff',
  ): Promise<TrackedOrder> {
    const result = await act(query, variables, field, as);
    expect(result, JSON.stringify(result)).toMatchObject({ __typename: 'Order' });
    return result as TrackedOrder;
  }

  it('placing an order reserves what is in stock, requisitions the shortage pegged to it, and commits a promise', async () => {
    await setStock(BATTERY, '0');
    const battery = await part(BATTERY);
    const order = await place();
    const { fulfilment } = order;

    // The battery is short: one requisition, pegged to this order, due after the supplier's lead time.
    const [requisition, ...others] = fulfilment.requisitions;
    expect(others).toEqual([]);
    expect(requisition).toMatchObject({
      partNumber: BATTERY,
      orderNumber: order.number,
      shortage: '1',
      status: 'OPEN',
      dueDate: BATTERY_DUE,
      // The battery has no minimum order quantity: the shortage of 1 is ordered.
      quantity: '1',
    });
    expect(battery).toMatchObject({ leadTimeDays: 18, minimumOrderQuantity: '0' });
    // Everything else purchased is reserved from stock.
    expect(fulfilment.reservations.length).toBeGreaterThan(10);
    expect(fulfilment.reservations.every((reservation) => reservation.status === 'RESERVED')).toBe(true);
    expect(fulfilment.reservations.some((reservation) => reservation.partNumber === BATTERY)).toBe(false);
    // The promise: the battery arrives last, so it is the bottleneck, and the ship date follows it.
    expect(fulfilment.promise).toMatchObject({
      shipDate: BIKE_SHIPS,
      materialsReadyDate: BATTERY_DUE,
      bottleneck: { kind: 'material', subject: BATTERY },
    });
    expect(fulfilment.promise!.bottleneck.message).toContain('18 working days');
    expect(fulfilment.expectedShipDate).toBe(fulfilment.promise!.shipDate);
    expect(fulfilment.slip).toBeNull();
    // One work order per routing operation, scheduled, and the stock figures agree.
    expect(fulfilment.workOrders.map((workOrder) => workOrder.operationCode)).toEqual([
      'PAINT',
      'WHEELS',
      'ASSEMBLE',
      'ELECTRICS',
      'TEST',
      'PACK',
    ]);
    expect(fulfilment.workOrders.map((workOrder) => workOrder.plannedStart)).toEqual(
      Array(6).fill(BATTERY_DUE),
    );
    expect(fulfilment.events.map((event) => event.kind)).toEqual(['PLACED', 'MATERIALS_PLANNED']);
    expect((await part(BATTERY)).onOrder).toBe(requisition!.quantity);
  });

  it('walks an order from placed to delivered, each step guarded, recorded, and automatic where its guard is met', async () => {
    await setStock(BATTERY, '0');
    let order = await place();
    const number = order.number;
    const [requisition] = order.fulfilment.requisitions;
    const firstWorkOrder = order.fulfilment.workOrders[0]!;

    // Not confirmed yet: no production, no shipping.
    expect(await act(START, { id: firstWorkOrder.id }, 'startWorkOrder')).toMatchObject({
      __typename: 'ActionRefused',
      code: 'NOT_ALLOWED_IN_STATUS',
    });
    order = await done(CONFIRM, { number }, 'confirmOrder', 'operations');
    expect(order.status).toBe('AWAITING_MATERIALS');
    // Materials missing: production cannot start.
    const refused = await act(START, { id: firstWorkOrder.id }, 'startWorkOrder');
    expect(refused).toMatchObject({ __typename: 'ActionRefused', code: 'MATERIALS_NOT_COMPLETE' });
    expect((refused as { message: string }).message).toContain('1 part is still short');

    // The battery arrives: the order goes into production by itself.
    order = await done(RECEIVE, { id: requisition!.id }, 'receivePurchaseRequisition');
    expect(order.status).toBe('IN_PRODUCTION');
    const automatic = order.fulfilment.events.at(-1)!;
    expect(automatic).toMatchObject({
      actor: 'system',
      fromStatus: 'AWAITING_MATERIALS',
      toStatus: 'IN_PRODUCTION',
    });
    expect(await act(RECEIVE, { id: requisition!.id }, 'receivePurchaseRequisition')).toMatchObject({
      code: 'REQUISITION_NOT_OPEN',
    });

    // Work orders: the first start issues the reserved materials; the last completion sends it to QC.
    const batteryBefore = await part(BATTERY);
    for (const workOrder of order.fulfilment.workOrders) {
      expect(await act(COMPLETE, { id: workOrder.id }, 'completeWorkOrder')).toMatchObject({
        code: 'WORK_ORDER_NOT_STARTED',
      });
      order = await done(START, { id: workOrder.id }, 'startWorkOrder');
      order = await done(COMPLETE, { id: workOrder.id }, 'completeWorkOrder');
    }
    expect(order.status).toBe('QUALITY_CHECK');
    const batteryAfter = await part(BATTERY);
    expect(Number(batteryAfter.onHand)).toBe(Number(batteryBefore.onHand) - 1);
    expect(Number(batteryAfter.reserved)).toBe(Number(batteryBefore.reserved) - 1);
    expect(order.fulfilment.reservations.every((reservation) => reservation.status === 'ISSUED')).toBe(true);

    // No shipping before a passed check.
    expect(await act(SHIP, { number, carrier: 'DHL', trackingNumber: 'JD0001' }, 'shipOrder')).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
    });
    const checklist = order.fulfilment.checklist;
    expect(checklist.length).toBeGreaterThan(0);
    // A check must answer every item.
    expect(
      await act(QUALITY, { input: { orderNumber: number, passed: true, items: [] } }, 'recordQualityCheck'),
    ).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', field: 'input.items' });
    // A failed item sends the order back to production, with a rework work order.
    const failing = checklist.map((item, index) => ({
      code: item.code,
      passed: index !== 0,
      note: index === 0 ? 'rubbing' : null,
    }));
    expect(
      await act(
        QUALITY,
        { input: { orderNumber: number, passed: true, items: failing } },
        'recordQualityCheck',
      ),
    ).toMatchObject({ code: 'FAILED_ITEMS' });
    order = await done(
      QUALITY,
      { input: { orderNumber: number, passed: false, items: failing } },
      'recordQualityCheck',
    );
    expect(order.status).toBe('IN_PRODUCTION');
    const rework = order.fulfilment.workOrders.find((workOrder) => workOrder.rework)!;
    expect(rework).toMatchObject({ operationCode: 'REWORK', status: 'PLANNED' });
    order = await done(START, { id: rework.id }, 'startWorkOrder');
    order = await done(COMPLETE, { id: rework.id }, 'completeWorkOrder');
    expect(order.status).toBe('QUALITY_CHECK');
    const passing = checklist.map((item) => ({ code: item.code, passed: true }));
    order = await done(
      QUALITY,
      { input: { orderNumber: number, passed: true, items: passing } },
      'recordQualityCheck',
    );
    expect(order.status).toBe('READY_TO_SHIP');
    expect(order.fulfilment.qualityChecks.map((check) => check.passed)).toEqual([false, true]);

    expect(await act(SHIP, { number, carrier: ' ', trackingNumber: 'JD0001' }, 'shipOrder')).toMatchObject({
      code: 'INVALID_CARRIER',
      field: 'carrier',
    });
    order = await done(SHIP, { number, carrier: 'DHL', trackingNumber: 'JD0001' }, 'shipOrder');
    expect(order.status).toBe('SHIPPED');
    expect(order.fulfilment.shipment).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD0001' });
    expect(await act(CANCEL, { number, reason: 'changed my mind' }, 'cancelOrder')).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
    });
    order = await done(DELIVER, { number }, 'deliverOrder');
    expect(order.status).toBe('DELIVERED');
    expect(order.fulfilment.allowedActions).toEqual([]);

    // Every transition is an event with who and why.
    const transitions = order.fulfilment.events.filter((event) => event.toStatus !== null);
    expect(transitions.map((event) => event.toStatus)).toEqual([
      'PLACED',
      'CONFIRMED',
      'AWAITING_MATERIALS',
      'IN_PRODUCTION',
      'QUALITY_CHECK',
      'IN_PRODUCTION',
      'QUALITY_CHECK',
      'READY_TO_SHIP',
      'SHIPPED',
      'DELIVERED',
    ]);
    // The audit names the signed-in user who acted, never text from the request.
    expect(transitions.find((event) => event.kind === 'CONFIRMED')!.actor).toBe(CALLERS.operations.email);
    expect(transitions.find((event) => event.kind === 'SHIPPED')!.actor).toBe(CALLERS.staff.email);
    expect(transitions.find((event) => event.kind === 'QUALITY_FAILED')!.message).toContain('rubbing');
  });

  it('refuses every forbidden transition with a clear error and changes nothing', async () => {
    await setStock(BATTERY, '0');
    const order = await place();
    const number = order.number;
    const before = await server.rowCounts();
    const attempts: [string, Record<string, unknown>, string, string][] = [
      [SHIP, { number, carrier: 'DHL', trackingNumber: 'X1' }, 'shipOrder', 'NOT_ALLOWED_IN_STATUS'],
      [DELIVER, { number }, 'deliverOrder', 'NOT_ALLOWED_IN_STATUS'],
      [START, { id: order.fulfilment.workOrders[0]!.id }, 'startWorkOrder', 'NOT_ALLOWED_IN_STATUS'],
      [COMPLETE, { id: order.fulfilment.workOrders[0]!.id }, 'completeWorkOrder', 'WORK_ORDER_NOT_STARTED'],
      [
        QUALITY,
        {
          input: {
            orderNumber: number,
            passed: true,
            items: order.fulfilment.checklist.map((item) => ({ code: item.code, passed: true })),
          },
        },
        'recordQualityCheck',
        'NOT_ALLOWED_IN_STATUS',
      ],
      [CANCEL, { number, reason: '  ' }, 'cancelOrder', 'REASON_REQUIRED'],
      [CONFIRM, { number: 'MTO-NONE-NONE' }, 'confirmOrder', 'ORDER_NOT_FOUND'],
      [RECEIVE, { id: 999_999 }, 'receivePurchaseRequisition', 'REQUISITION_NOT_FOUND'],
      [
        UPDATE_REQUISITION,
        { id: order.fulfilment.requisitions[0]!.id, expectedDate: '2026-02-30' },
        'updatePurchaseRequisition',
        'INVALID_DATE',
      ],
    ];
    for (const [query, variables, field, code] of attempts) {
      const result = await act(query, variables, field);
      expect(result, field).toMatchObject({ __typename: 'ActionRefused', code });
      expect((result as { message: string }).message.length).toBeGreaterThan(15);
    }
    expect(await server.rowCounts()).toEqual(before);
    expect((await track(number)).status).toBe('PLACED');
  });

  it('at every stage, every action the stage does not allow is refused, changing nothing', async () => {
    await setStock(BATTERY, '0');
    let order = await place();
    const number = order.number;
    const checklist = order.fulfilment.checklist;
    const passing = checklist.map((item) => ({ code: item.code, passed: true }));
    const failing = checklist.map((item, index) => ({ code: item.code, passed: index !== 0 }));
    type Action = 'confirm' | 'cancel' | 'startWork' | 'passQuality' | 'failQuality' | 'ship' | 'deliver';
    const attempt = (action: Action, current: TrackedOrder): Promise<ActionResult> => {
      const planned = current.fulfilment.workOrders.find((workOrder) => workOrder.status === 'PLANNED');
      switch (action) {
        case 'confirm':
          return act(CONFIRM, { number }, 'confirmOrder');
        case 'cancel':
          return act(CANCEL, { number, reason: 'checking the guards' }, 'cancelOrder');
        case 'startWork':
          return act(START, { id: planned?.id ?? current.fulfilment.workOrders[0]!.id }, 'startWorkOrder');
        case 'passQuality':
          return act(
            QUALITY,
            { input: { orderNumber: number, passed: true, items: passing } },
            'recordQualityCheck',
          );
        case 'failQuality':
          return act(
            QUALITY,
            { input: { orderNumber: number, passed: false, items: failing } },
            'recordQualityCheck',
          );
        case 'ship':
          return act(SHIP, { number, carrier: 'DHL', trackingNumber: 'G1' }, 'shipOrder');
        case 'deliver':
          return act(DELIVER, { number }, 'deliverOrder');
      }
    };
    const ALL: Action[] = ['confirm', 'cancel', 'startWork', 'passQuality', 'failQuality', 'ship', 'deliver'];
    /** Tries every action the stage does not allow: each is refused, and no row and no status changes. */
    async function onlyAllowed(allowed: Action[]): Promise<void> {
      const current = await track(number);
      const before = await server.rowCounts();
      for (const action of ALL.filter((candidate) => !allowed.includes(candidate))) {
        const result = await attempt(action, current);
        expect(result, `${current.status}: ${action}`).toMatchObject({ __typename: 'ActionRefused' });
        expect((result as { message: string }).message.length, action).toBeGreaterThan(15);
      }
      expect(await server.rowCounts(), current.status).toEqual(before);
      const after = await track(number);
      expect(after.status).toBe(current.status);
      expect(after.fulfilment.workOrders).toEqual(current.fulfilment.workOrders);
    }

    await onlyAllowed(['confirm', 'cancel']); // PLACED
    order = await done(CONFIRM, { number }, 'confirmOrder');
    expect(order.status).toBe('AWAITING_MATERIALS');
    await onlyAllowed(['cancel']);
    for (const requisition of order.fulfilment.requisitions) {
      order = await done(RECEIVE, { id: requisition.id }, 'receivePurchaseRequisition');
    }
    expect(order.status).toBe('IN_PRODUCTION');
    await onlyAllowed(['startWork']);
    for (const workOrder of order.fulfilment.workOrders) {
      await done(START, { id: workOrder.id }, 'startWorkOrder');
      order = await done(COMPLETE, { id: workOrder.id }, 'completeWorkOrder');
    }
    expect(order.status).toBe('QUALITY_CHECK');
    await onlyAllowed(['passQuality', 'failQuality']);
    order = await done(
      QUALITY,
      { input: { orderNumber: number, passed: true, items: passing } },
      'recordQualityCheck',
    );
    expect(order.status).toBe('READY_TO_SHIP');
    await onlyAllowed(['ship']);
    order = await done(SHIP, { number, carrier: 'DHL', trackingNumber: 'G1' }, 'shipOrder');
    await onlyAllowed(['deliver']);
    order = await done(DELIVER, { number }, 'deliverOrder');
    await onlyAllowed([]);

    // And a cancelled order allows nothing.
    const other = await place();
    await done(CANCEL, { number: other.number, reason: 'checking the guards' }, 'cancelOrder');
    const before = await server.rowCounts();
    for (const [query, variables, field] of [
      [CONFIRM, { number: other.number }, 'confirmOrder'],
      [CANCEL, { number: other.number, reason: 'again' }, 'cancelOrder'],
      [START, { id: other.fulfilment.workOrders[0]!.id }, 'startWorkOrder'],
      [SHIP, { number: other.number, carrier: 'DHL', trackingNumber: 'G2' }, 'shipOrder'],
      [RECEIVE, { id: other.fulfilment.requisitions[0]!.id }, 'receivePurchaseRequisition'],
    ] as const) {
      expect(await act(query, variables, field), field).toMatchObject({ __typename: 'ActionRefused' });
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  it('cancelling before production releases the reservations, cancels the requisitions and frees the stock', async () => {
    await setStock(BATTERY, '0');
    const frame = 'EB-FRM-M';
    const frameBefore = await part(frame);
    const order = await place();
    expect(Number((await part(frame)).reserved)).toBe(Number(frameBefore.reserved) + 1);
    const cancelled = await done(
      CANCEL,
      { number: order.number, reason: 'Customer moved abroad' },
      'cancelOrder',
    );
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.fulfilment.reservations.every((reservation) => reservation.status === 'RELEASED')).toBe(
      true,
    );
    expect(cancelled.fulfilment.requisitions.every((requisition) => requisition.status === 'CANCELLED')).toBe(
      true,
    );
    expect(cancelled.fulfilment.workOrders.every((workOrder) => workOrder.status === 'CANCELLED')).toBe(true);
    expect((await part(frame)).reserved).toBe(frameBefore.reserved);
    expect(cancelled.fulfilment.events.at(-1)!.kind).toBe('RELEASED');
  });

  it('a supplier’s later date makes the promise slip, and backorders say which order and by how much', async () => {
    await setStock(BATTERY, '0');
    const order = await place();
    const requisition = order.fulfilment.requisitions[0]!;
    expect(requisition.dueDate).toBe(BATTERY_DUE);
    expect(order.fulfilment.promise!.shipDate).toBe(BIKE_SHIPS);
    // 5 working days after Dec 29: Dec 30 (1), Dec 31 and Jan 1 off, Jan 4-7 (2-5).
    const later = '2027-01-07';
    const slipped = await done(
      UPDATE_REQUISITION,
      { id: requisition.id, expectedDate: later },
      'updatePurchaseRequisition',
    );
    // Production on Jan 7, quality control Jan 8, shipping Monday Jan 11: 5 working days after Jan 4.
    expect(slipped.fulfilment.slip).toMatchObject({ days: 5, expectedShipDate: '2027-01-11' });
    expect(slipped.fulfilment.slip!.cause).toContain(BATTERY);
    expect(slipped.fulfilment.events.at(-1)).toMatchObject({
      kind: 'PROMISE_SLIPPED',
      actor: CALLERS.staff.email,
    });
    // The committed promise does not change; the expected date does.
    expect(slipped.fulfilment.promise!.shipDate).toBe(order.fulfilment.promise!.shipDate);

    const { backorders } = await data<{
      backorders: { orderNumber: string; delayDays: number; late: boolean; requisition: { id: number } }[];
    }>(BACKORDERS);
    const mine = backorders.find((backorder) => backorder.requisition.id === requisition.id)!;
    expect(mine).toMatchObject({ orderNumber: order.number, delayDays: 5, late: true });
    // Late ones come first.
    expect(backorders[0]!.late).toBe(true);
  });

  it('adjustStock audits every change and refuses bad input naming the field, changing nothing', async () => {
    const frame = 'EB-FRM-L';
    await setStock(frame, '3');
    const { adjustStock } = await data<{
      adjustStock: {
        part: PartStock;
        movement: { quantity: string; onHandAfter: string; reason: string; actor: string; kind: string };
      };
    }>(ADJUST_STOCK, { partNumber: frame, quantity: '+4', reason: 'Cycle count' });
    expect(adjustStock.part).toMatchObject({ onHand: '7', available: '7' });
    expect(adjustStock.movement).toMatchObject({
      quantity: '4',
      onHandAfter: '7',
      reason: 'Cycle count',
      actor: CALLERS.staff.email,
      kind: 'ADJUSTMENT',
    });
    const { stockMovements } = await data<{ stockMovements: { reason: string }[] }>(STOCK_MOVEMENTS, {
      partNumber: frame,
    });
    expect(stockMovements[0]!.reason).toBe('Cycle count');

    const before = await server.rowCounts();
    const bad: [Record<string, unknown>, string][] = [
      [{ partNumber: 'NOPE-1', quantity: '1', reason: 'x' }, 'partNumber'],
      [{ partNumber: frame, quantity: 'ten', reason: 'x' }, 'quantity'],
      [{ partNumber: frame, quantity: '0', reason: 'x' }, 'quantity'],
      [{ partNumber: frame, quantity: '0.5', reason: 'x' }, 'quantity'],
      [{ partNumber: frame, quantity: '-8', reason: 'x' }, 'quantity'],
      [{ partNumber: frame, quantity: '1', reason: ' ' }, 'reason'],
    ];
    for (const [variables, field] of bad) {
      const response = await server.graphql(ADJUST_STOCK, variables);
      expect(response.status).toBe(200);
      expect(response.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ field });
      expect(response.errors?.[0]?.message).not.toMatch(/at .*\.ts/);
    }
    expect(await server.rowCounts()).toEqual(before);
    expect((await part(frame)).onHand).toBe('7');
  });

  it('configure shows the promise live for a complete build, and what each option does to it, reserving nothing', async () => {
    await setStock(BATTERY, '10');
    await setStock('EB-BAT-750', '0');
    // The bikes placed before took most of the spokes and nipples (72 of each a bike): enough for one more.
    await setStock('EB-SPK-290', '72');
    await setStock('EB-NIP-BR', '72');
    const before = await server.rowCounts();
    const { configure } = await data<{
      configure: {
        complete: boolean;
        promise: Fulfilment['promise'];
        promiseEffects: { feature: string; option: string; days: number; shipDate: string }[];
      };
    }>(CONFIGURE_PROMISE, { input: BIKE });
    expect(configure.complete).toBe(true);
    // Everything in stock: produced today (Tuesday Dec 1; the bikes placed before wait for batteries
    // on Dec 29, so today's work centres are free), quality control Dec 2, shipped Dec 3.
    expect(configure.promise).toMatchObject({
      materialsReadyDate: TODAY,
      productionStartDate: TODAY,
      productionEndDate: TODAY,
      qualityControlDate: '2026-12-02',
      shipDate: '2026-12-03',
    });
    // The 750 Wh battery is out of stock: 21 working days from BMZ (Dec 2-4, 7-11, 14-18, 21-23,
    // 28-30, then Jan 4 and 5), produced Jan 5, checked Jan 6, shipped Jan 7: 21 working days later.
    const bigBattery = configure.promiseEffects.find(
      (effect) => effect.feature === 'battery' && effect.option === 'b750',
    );
    expect(bigBattery).toMatchObject({ days: 21, shipDate: '2027-01-07' });
    expect(await server.rowCounts()).toEqual(before);

    // A build that cannot be made (solid oak is made up to 2000 mm wide) has no promise and no effects.
    const unbuildable = await data<{
      configure: { valid: boolean; complete: boolean; promise: unknown; promiseEffects: unknown[] };
    }>(CONFIGURE_PROMISE, {
      input: {
        productCode: 'standing-desk',
        selections: [
          { feature: 'width_mm', value: '2100' },
          { feature: 'top_material', value: 'oak' },
        ],
      },
    });
    expect(unbuildable.configure).toEqual({
      valid: false,
      complete: true,
      promise: null,
      promiseEffects: [],
    });
  });

  it('20 simultaneous orders for a part with 5 in stock: exactly 5 reserved, the rest requisitioned, never negative', async () => {
    const frame = 'EB-FRM-XL';
    await setStock(frame, '5');
    const xl = { productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 'xl' }] };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        server.graphql<{ placeOrder: { __typename: string; number: string } }>(PLACE_ORDER, {
          input: {
            lines: [xl],
            ...DEMO_CHECKOUT,
            customer: { name: `Rider ${index}`, email: `rider${index}@example.com` },
          },
        }),
      ),
    );
    const numbers = results.map((result) => {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!.placeOrder.number;
    });
    const orders = await Promise.all(numbers.map(track));
    const reservedFrames = orders.flatMap((order) =>
      order.fulfilment.reservations.filter((reservation) => reservation.partNumber === frame),
    );
    const requisitionedFrames = orders.flatMap((order) =>
      order.fulfilment.requisitions.filter((requisition) => requisition.partNumber === frame),
    );
    expect(reservedFrames.reduce((sum, reservation) => sum + Number(reservation.quantity), 0)).toBe(5);
    expect(requisitionedFrames.reduce((sum, requisition) => sum + Number(requisition.shortage), 0)).toBe(15);
    const after = await part(frame);
    expect(after).toMatchObject({ onHand: '5', reserved: '5', available: '0' });
  });

  it('two clerks receiving the same requisition at once: it comes into stock once, the other is told it is received', async () => {
    await setStock(BATTERY, '0');
    const order = await place();
    const requisition = order.fulfilment.requisitions.find((candidate) => candidate.partNumber === BATTERY)!;
    const before = await part(BATTERY);
    const results = await Promise.all(
      [1, 2, 3].map(() => act(RECEIVE, { id: requisition.id }, 'receivePurchaseRequisition')),
    );
    expect(results.filter((result) => result.__typename === 'Order')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.__typename === 'ActionRefused')
        .map((result) => (result as { code: string }).code),
    ).toEqual(['REQUISITION_NOT_OPEN', 'REQUISITION_NOT_OPEN']);
    const after = await part(BATTERY);
    expect(Number(after.onHand)).toBe(Number(before.onHand) + Number(requisition.quantity));
    expect(Number(after.reserved)).toBe(Number(before.reserved) + Number(requisition.shortage));
    const tracked = await track(order.number);
    expect(tracked.fulfilment.events.filter((event) => event.kind === 'MATERIAL_RECEIVED')).toHaveLength(1);
  });

  it('the operations board shows orders by stage with the actions allowed at each', async () => {
    const { operationsBoard } = await data<{
      operationsBoard: { columns: { status: string; count: number; orders: TrackedOrder[] }[] };
    }>(BOARD);
    expect(operationsBoard.columns.map((column) => column.status)).toEqual([
      'AWAITING_REVIEW',
      'PLACED',
      'CONFIRMED',
      'AWAITING_MATERIALS',
      'IN_PRODUCTION',
      'QUALITY_CHECK',
      'READY_TO_SHIP',
      'SHIPPED',
      'DELIVERED',
      'CANCELLED',
    ]);
    // No order of this file is large enough to wait for review.
    expect(operationsBoard.columns[0]).toMatchObject({ status: 'AWAITING_REVIEW', count: 0, orders: [] });
    const placed = operationsBoard.columns[1]!;
    expect(placed.count).toBeGreaterThan(0);
    expect(placed.orders.length).toBeGreaterThan(0);
    for (const order of placed.orders) {
      expect(order.status).toBe('PLACED');
      expect(order.fulfilment.allowedActions).toEqual(['confirm', 'cancel']);
    }
  });

  it('each part of an order’s fulfilment reads the same asked alone as asked with all the others', async () => {
    // The reads load only what is asked (requestedFields): a part asked alone must not lose what it is
    // worked out from (allowed actions from the work orders, requisitions and checks; the slip from the calendar).
    const parts: Record<string, string> = {
      promise: 'promise { shipDate materialsReadyDate bottleneck { kind subject days } }',
      expectedShipDate: 'expectedShipDate',
      slip: 'slip { days expectedShipDate cause }',
      events: 'events { at actor kind fromStatus toStatus message }',
      allowedActions: 'allowedActions',
      workOrders: 'workOrders { id operationCode status rework plannedStart plannedEnd }',
      requisitions: 'requisitions { id partNumber shortage quantity status dueDate expectedDate }',
      reservations: 'reservations { partNumber quantity status }',
      checklist: 'checklist { code label }',
      qualityChecks: 'qualityChecks { at passed items { code passed } }',
      pickList: 'pickList { partNumber quantity reserved issued short }',
      shipment: 'shipment { carrier trackingNumber shippedAt }',
    };
    const page = async (selection: string) =>
      (
        await data<{
          orders: { edges: { node: { number: string; fulfilment: Record<string, unknown> } }[] };
        }>(`{ orders(first: 50) { edges { node { number fulfilment { ${selection} } } } } }`)
      ).orders.edges.map((edge) => edge.node);
    const whole = await page(Object.values(parts).join(' '));
    expect(whole.length).toBeGreaterThan(3);
    expect(new Set(whole.map((order) => order.fulfilment.allowedActions).map(String)).size).toBeGreaterThan(
      1,
    );
    for (const [field, selection] of Object.entries(parts)) {
      const alone = await page(selection);
      expect(alone, field).toEqual(
        whole.map((order) => ({ number: order.number, fulfilment: { [field]: order.fulfilment[field] } })),
      );
    }
  });

  it('the board lists each stage’s count and its oldest orders (the finished stages their newest)', async () => {
    const { operationsBoard } = await data<{
      operationsBoard: { columns: { status: string; count: number; orders: { number: string }[] }[] };
    }>('{ operationsBoard { columns { status count orders { number } } } }');
    for (const column of operationsBoard.columns) {
      const { orders } = await data<{
        orders: { totalCount: number; edges: { node: { number: string } }[] };
      }>(
        'query ($status: [OrderStatus!]) { orders(filter: { status: $status }, first: 100) { totalCount edges { node { number } } } }',
        { status: [column.status] },
      );
      const newestFirst = orders.edges.map((edge) => edge.node.number);
      const finished = ['SHIPPED', 'DELIVERED', 'CANCELLED'].includes(column.status);
      expect(column.count, column.status).toBe(orders.totalCount);
      expect(
        column.orders.map((order) => order.number),
        column.status,
      ).toEqual((finished ? newestFirst : newestFirst.reverse()).slice(0, 50));
    }
    expect(operationsBoard.columns.filter((column) => column.count > 0).length).toBeGreaterThanOrEqual(3);
  });

  // Last: its two bikes book capacity that the dates worked out above do not leave room for.
  it('an action answers with what is asked of the order: its status alone reads no lines or BOM, its lines and total read them', async () => {
    const short = await place([BIKE], 'short.answer@example.com');
    server.queries.length = 0;
    const status = await server.data<{ confirmOrder: { __typename: string; status?: string } }>(
      'mutation($number: String!) { confirmOrder(number: $number) { __typename ... on Order { number status } } }',
      { number: short.number },
    );
    expect(status.confirmOrder.__typename).toBe('Order');
    expect(status.confirmOrder.status).not.toBe('PLACED');
    const read = server.queries.filter((sql) => /^select/i.test(sql.trim()));
    expect(read.filter((sql) => /order_line|order_bom_line|product_model_version/.test(sql))).toEqual([]);

    const full = await place([BIKE], 'full.answer@example.com');
    const answer = await server.data<{
      confirmOrder: {
        total: { minorUnits: string; currency: string };
        customer: { email: string };
        lines: { bom: { partNumber: string }[] }[];
      };
    }>(
      'mutation($number: String!) { confirmOrder(number: $number) { ... on Order { total { minorUnits currency } customer { email } lines { bom { partNumber } } } } }',
      { number: full.number },
    );
    expect(answer.confirmOrder.customer.email).toBe('full.answer@example.com');
    expect(answer.confirmOrder.total).toMatchObject({ currency: 'EUR' });
    expect(Number(answer.confirmOrder.total.minorUnits)).toBeGreaterThan(100_000);
    expect(answer.confirmOrder.lines[0]!.bom.length).toBeGreaterThan(10);
  });
});
