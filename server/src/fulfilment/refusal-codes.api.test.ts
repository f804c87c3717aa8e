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

const PLACE_ORDER = operation('place-order');
const ORDER_TRACKING = operation('order-tracking');
const ADJUST_STOCK = operation('adjust-stock');
const MATERIALS = operation('materials');
const CONFIRM = operation('confirm-order');
const CANCEL = operation('cancel-order');
const RECEIVE = operation('receive-purchase-requisition');
const UPDATE_REQUISITION = operation('update-purchase-requisition');
const START = operation('start-work-order');
const COMPLETE = operation('complete-work-order');
const QUALITY = operation('record-quality-check');
const SHIP = operation('ship-order');
const REFUSAL_CODES = 'query RefusalCodes { __type(name: "RefusalCode") { enumValues { name } } }';

interface TrackedOrder {
  number: string;
  status: string;
  fulfilment: {
    workOrders: { id: number; status: string }[];
    requisitions: { id: number; status: string }[];
    checklist: { code: string }[];
  };
}
type ActionResult =
  | ({ __typename: 'Order' } & TrackedOrder)
  | { __typename: 'ActionRefused'; code: string; message: string; field: string };

const BATTERY = 'EB-BAT-625';

/**
 * The contract's refusal codes are the server's: every value of the RefusalCode enum, as the schema
 * serves it, is provoked over the API, and nothing is refused with a code outside it.
 */
describe.each(dialects)('refusal codes on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { today: '2026-12-01' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every code the schema documents is sent, and every code sent is documented', async () => {
    const seen = new Map<string, string>();
    async function refused(
      query: string,
      variables: Record<string, unknown>,
      field: string,
      code: string,
    ): Promise<void> {
      const result = (await server.data<Record<string, ActionResult>>(query, variables))[field]!;
      expect(result, `${field} ${JSON.stringify(variables).slice(0, 120)}`).toMatchObject({
        __typename: 'ActionRefused',
        code,
      });
      const refusal = result as Extract<ActionResult, { __typename: 'ActionRefused' }>;
      expect(refusal.message.length, code).toBeGreaterThan(10);
      expect(refusal.field.length, code).toBeGreaterThan(0);
      seen.set(refusal.code, field);
    }
    async function done(
      query: string,
      variables: Record<string, unknown>,
      field: string,
    ): Promise<TrackedOrder> {
      const result = (await server.data<Record<string, ActionResult>>(query, variables))[field]!;
      expect(result, field).toMatchObject({ __typename: 'Order' });
      return result as TrackedOrder;
    }

    // An e-bike whose battery is short: placed, it waits for a purchase requisition.
    const { materials } = await server.data<{
      materials: { parts: { partNumber: string; available: string }[] };
    }>(MATERIALS, { search: BATTERY });
    const available = materials.parts.find((part) => part.partNumber === BATTERY)!.available;
    await server.data(ADJUST_STOCK, {
      partNumber: BATTERY,
      quantity: `-${available}`,
      reason: 'counted',
    });
    const { placeOrder } = await server.data<{ placeOrder: { __typename: string; number: string } }>(
      PLACE_ORDER,
      {
        input: {
          lines: [{ productCode: 'e-bike', selections: [] }],
          ...DEMO_CHECKOUT,
          customer: { name: 'Grace Hopper', email: 'grace@example.com' },
        },
      },
    );
    expect(placeOrder.__typename).toBe('Order');
    const number = placeOrder.number;
    let order = (await server.data<{ order: TrackedOrder }>(ORDER_TRACKING, { number })).order;
    const [requisition] = order.fulfilment.requisitions;
    const [first, second] = order.fulfilment.workOrders;
    expect(requisition && first && second).toBeTruthy();
    const checklist = order.fulfilment.checklist.map((item) => item.code);
    expect(checklist.length).toBeGreaterThan(1);
    const passing = checklist.map((code) => ({ code, passed: true }));
    const failing = checklist.map((code, index) => ({ code, passed: index !== 0 }));

    // Unknown things, and input that says too little or too much.
    await refused(CONFIRM, { number: 'MTO-NONE-NONE' }, 'confirmOrder', 'ORDER_NOT_FOUND');
    await refused(CANCEL, { number, reason: '  ' }, 'cancelOrder', 'REASON_REQUIRED');
    await refused(CANCEL, { number, reason: 'x'.repeat(501) }, 'cancelOrder', 'REASON_TOO_LONG');
    await refused(RECEIVE, { id: 999_999 }, 'receivePurchaseRequisition', 'REQUISITION_NOT_FOUND');
    await refused(
      UPDATE_REQUISITION,
      { id: requisition!.id, expectedDate: '2026-02-30' },
      'updatePurchaseRequisition',
      'INVALID_DATE',
    );
    await refused(START, { id: 999_999 }, 'startWorkOrder', 'WORK_ORDER_NOT_FOUND');
    await refused(SHIP, { number, carrier: ' ', trackingNumber: 'T1' }, 'shipOrder', 'INVALID_CARRIER');
    await refused(
      SHIP,
      { number, carrier: 'DHL', trackingNumber: '' },
      'shipOrder',
      'INVALID_TRACKING_NUMBER',
    );
    const check = (input: Record<string, unknown>) => ({ input: { orderNumber: number, ...input } });
    await refused(
      QUALITY,
      check({ passed: true, items: passing, notes: 'n'.repeat(2_001) }),
      'recordQualityCheck',
      'INVALID_TEXT',
    );
    await refused(
      QUALITY,
      check({ passed: true, items: [...passing, { code: 'NOT-ON-THE-LIST', passed: true }] }),
      'recordQualityCheck',
      'UNKNOWN_CHECK_ITEM',
    );
    await refused(
      QUALITY,
      check({ passed: true, items: [...passing, passing[0]] }),
      'recordQualityCheck',
      'DUPLICATE_CHECK_ITEM',
    );
    await refused(
      QUALITY,
      check({ passed: true, items: passing.slice(1) }),
      'recordQualityCheck',
      'CHECKLIST_INCOMPLETE',
    );
    await refused(QUALITY, check({ passed: true, items: failing }), 'recordQualityCheck', 'FAILED_ITEMS');
    await refused(QUALITY, check({ passed: false, items: passing }), 'recordQualityCheck', 'NOTES_REQUIRED');
    await refused(
      QUALITY,
      check({ passed: false, items: failing, reworkMinutes: 0 }),
      'recordQualityCheck',
      'INVALID_REWORK_MINUTES',
    );

    // The lifecycle's guards: the status, then the missing material.
    await refused(START, { id: first!.id }, 'startWorkOrder', 'NOT_ALLOWED_IN_STATUS');
    order = await done(CONFIRM, { number }, 'confirmOrder');
    expect(order.status).toBe('AWAITING_MATERIALS');
    await refused(START, { id: first!.id }, 'startWorkOrder', 'MATERIALS_NOT_COMPLETE');

    // The battery arrives (once), and work orders start and complete in their own order.
    order = await done(RECEIVE, { id: requisition!.id }, 'receivePurchaseRequisition');
    expect(order.status).toBe('IN_PRODUCTION');
    await refused(RECEIVE, { id: requisition!.id }, 'receivePurchaseRequisition', 'REQUISITION_NOT_OPEN');
    await done(START, { id: first!.id }, 'startWorkOrder');
    await refused(START, { id: first!.id }, 'startWorkOrder', 'WORK_ORDER_NOT_PLANNED');
    await refused(COMPLETE, { id: second!.id }, 'completeWorkOrder', 'WORK_ORDER_NOT_STARTED');

    const { __type } = await server.data<{ __type: { enumValues: { name: string }[] } }>(REFUSAL_CODES);
    const documented = __type.enumValues.map((value) => value.name).sort();
    expect([...seen.keys()].sort()).toEqual(documented);
  });
});
