import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  nextAutomatic,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type OrderAction,
  type OrderFacts,
  type OrderStatus,
  transition,
} from './lifecycle.js';

/** Every guard satisfied: materials in, the work orders done, quality passed. */
const ready: OrderFacts = {
  materialsComplete: true,
  workOrdersOpen: 0,
  workOrdersTotal: 3,
  qualityPassed: true,
};

/** The one status each action may start from, and where it leads (when every guard holds). */
const ALLOWED: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  acceptReview: { AWAITING_REVIEW: 'PLACED' },
  confirm: { PLACED: 'CONFIRMED' },
  materialsShort: { CONFIRMED: 'AWAITING_MATERIALS' },
  materialsReady: { CONFIRMED: 'IN_PRODUCTION', AWAITING_MATERIALS: 'IN_PRODUCTION' },
  startWork: { IN_PRODUCTION: 'IN_PRODUCTION' },
  finishWork: { IN_PRODUCTION: 'QUALITY_CHECK' },
  passQuality: { QUALITY_CHECK: 'READY_TO_SHIP' },
  failQuality: { QUALITY_CHECK: 'IN_PRODUCTION' },
  ship: { READY_TO_SHIP: 'SHIPPED' },
  deliver: { SHIPPED: 'DELIVERED' },
  cancel: {
    AWAITING_REVIEW: 'CANCELLED',
    PLACED: 'CANCELLED',
    CONFIRMED: 'CANCELLED',
    AWAITING_MATERIALS: 'CANCELLED',
  },
};

const pairs = ORDER_STATUSES.flatMap((status) => ORDER_ACTIONS.map((action) => [status, action] as const));

describe('the order lifecycle', () => {
  it('covers every status and action', () => {
    expect(pairs).toHaveLength(10 * 11);
  });

  it.each(pairs)(
    '%s, %s: allowed ones lead to their status, the others are refused with a message',
    (status, action) => {
      const result = transition(status, action, ready);
      const to = ALLOWED[action][status];
      if (to) {
        expect(result).toEqual({ ok: true, to });
      } else {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.code).toBe('NOT_ALLOWED_IN_STATUS');
        expect(result.message).toMatch(/^An order that is .+ cannot .+: .+\.$/);
      }
    },
  );

  it('a refusal says what the order can do instead', () => {
    const result = transition('PLACED', 'ship', ready);
    expect(result).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_IN_STATUS',
      message:
        'An order that is placed cannot ship: only an order that is ready to ship can. What it can do now: confirm, cancel.',
    });
    expect(transition('DELIVERED', 'deliver', ready)).toMatchObject({
      message:
        'An order that is delivered cannot be delivered: only an order that is shipped can. Nothing more can happen to it.',
    });
  });

  it('an order awaiting review is accepted (then placed) or cancelled, nothing else', () => {
    expect(transition('AWAITING_REVIEW', 'acceptReview', ready)).toEqual({ ok: true, to: 'PLACED' });
    expect(transition('AWAITING_REVIEW', 'cancel', ready)).toEqual({ ok: true, to: 'CANCELLED' });
    expect(transition('AWAITING_REVIEW', 'confirm', ready)).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_IN_STATUS',
      message:
        'An order that is awaiting review cannot be confirmed: only an order that is placed can. What it can do now: acceptReview, cancel.',
    });
    expect(transition('PLACED', 'acceptReview', ready)).toMatchObject({
      ok: false,
      message:
        'An order that is placed cannot be accepted after review: only an order that is awaiting review can. What it can do now: confirm, cancel.',
    });
  });

  it('an order in production cannot be cancelled', () => {
    expect(transition('IN_PRODUCTION', 'cancel', ready)).toMatchObject({
      ok: false,
      message:
        'An order that is in production cannot be cancelled: only an order that is awaiting review, placed, confirmed or awaiting materials can be cancelled; production has started.',
    });
    expect(transition('CANCELLED', 'cancel', ready)).toMatchObject({
      message: 'An order that is cancelled cannot be cancelled: it is cancelled already.',
    });
  });

  it('production cannot start before every material is in', () => {
    const short = { ...ready, materialsComplete: false, partsShort: 2 };
    for (const status of ['CONFIRMED', 'AWAITING_MATERIALS'] as const) {
      expect(transition(status, 'materialsReady', short)).toEqual({
        ok: false,
        code: 'MATERIALS_NOT_COMPLETE',
        message:
          'Production cannot start before every material is in: 2 parts are still short. Receive the purchase requisitions or reserve stock first.',
      });
    }
    expect(transition('CONFIRMED', 'materialsReady', { ...short, partsShort: undefined })).toMatchObject({
      message:
        'Production cannot start before every material is in. Receive the purchase requisitions or reserve stock first.',
    });
  });

  it('production cannot finish while work orders are open', () => {
    expect(transition('IN_PRODUCTION', 'finishWork', { ...ready, workOrdersOpen: 1 })).toEqual({
      ok: false,
      code: 'WORK_ORDERS_OPEN',
      message: 'Production cannot finish while 1 of 3 work orders is still open. Complete it first.',
    });
    expect(transition('IN_PRODUCTION', 'startWork', { ...ready, workOrdersOpen: 3 })).toEqual({
      ok: true,
      to: 'IN_PRODUCTION',
    });
  });

  it('an order cannot ship before a passed quality check', () => {
    expect(transition('READY_TO_SHIP', 'ship', { ...ready, qualityPassed: false })).toEqual({
      ok: false,
      code: 'QUALITY_NOT_PASSED',
      message: 'Order cannot ship before a passed quality check. Record the quality check first.',
    });
  });

  it('a failed quality check sends the order back to production for rework', () => {
    expect(transition('QUALITY_CHECK', 'failQuality', { ...ready, qualityPassed: false })).toEqual({
      ok: true,
      to: 'IN_PRODUCTION',
    });
  });

  it.each(pairs)('%s, %s: offered on the board exactly when the transition is allowed', (status, action) => {
    for (const facts of [
      ready,
      { ...ready, materialsComplete: false },
      { ...ready, workOrdersOpen: 2 },
      { ...ready, qualityPassed: false },
    ]) {
      expect(allowedActions(status, facts).includes(action)).toBe(transition(status, action, facts).ok);
    }
  });

  it('the board offers what each status allows', () => {
    expect(allowedActions('AWAITING_REVIEW', ready)).toEqual(['acceptReview', 'cancel']);
    expect(allowedActions('PLACED', ready)).toEqual(['confirm', 'cancel']);
    expect(allowedActions('CONFIRMED', { ...ready, materialsComplete: false })).toEqual([
      'materialsShort',
      'cancel',
    ]);
    expect(allowedActions('IN_PRODUCTION', { ...ready, workOrdersOpen: 1 })).toEqual(['startWork']);
    expect(allowedActions('QUALITY_CHECK', ready)).toEqual(['passQuality', 'failQuality']);
    expect(allowedActions('DELIVERED', ready)).toEqual([]);
    expect(allowedActions('CANCELLED', ready)).toEqual([]);
  });

  it('the steps the system takes by itself', () => {
    const short = { ...ready, materialsComplete: false };
    expect(nextAutomatic('CONFIRMED', ready)).toBe('materialsReady');
    expect(nextAutomatic('CONFIRMED', short)).toBe('materialsShort');
    expect(nextAutomatic('AWAITING_MATERIALS', ready)).toBe('materialsReady');
    expect(nextAutomatic('AWAITING_MATERIALS', short)).toBeNull();
    expect(nextAutomatic('IN_PRODUCTION', ready)).toBe('finishWork');
    expect(nextAutomatic('IN_PRODUCTION', { ...ready, workOrdersOpen: 1 })).toBeNull();
    expect(nextAutomatic('IN_PRODUCTION', { ...ready, workOrdersTotal: 0 })).toBeNull();
    for (const status of [
      'AWAITING_REVIEW',
      'PLACED',
      'QUALITY_CHECK',
      'READY_TO_SHIP',
      'SHIPPED',
      'DELIVERED',
      'CANCELLED',
    ] as const)
      expect(nextAutomatic(status, ready)).toBeNull();
  });

  it('every automatic step is an allowed transition', () => {
    const situations = {
      ready,
      'materials short': { ...ready, materialsComplete: false },
      'a work order open': { ...ready, workOrdersOpen: 1 },
    };
    const steps: string[] = [];
    for (const status of ORDER_STATUSES) {
      for (const [situation, facts] of Object.entries(situations)) {
        const action = nextAutomatic(status, facts);
        if (!action) continue;
        steps.push(`${status}, ${situation}: ${action}`);
        expect(transition(status, action, facts).ok, `${status} ${action}`).toBe(true);
      }
    }
    // The steps checked: a confirmed order moves on by itself whatever its materials, one awaiting
    // materials once they are in, one in production once its work orders are all done.
    expect(steps).toEqual([
      'CONFIRMED, ready: materialsReady',
      'CONFIRMED, materials short: materialsShort',
      'CONFIRMED, a work order open: materialsReady',
      'AWAITING_MATERIALS, ready: materialsReady',
      'AWAITING_MATERIALS, a work order open: materialsReady',
      'IN_PRODUCTION, ready: finishWork',
      'IN_PRODUCTION, materials short: finishWork',
    ]);
  });
});
