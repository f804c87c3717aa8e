/**
 * The order lifecycle as a pure state machine: which action takes an order from which status to
 * which, and the facts each step needs (materials in, work orders done, quality passed). The server
 * records every transition as an event (who, when, why); this file only decides.
 *
 * ```
 * AWAITING_REVIEW -acceptReview-> PLACED            (an order too large for the plant, accepted by a person)
 * PLACED -confirm-> CONFIRMED -materialsShort-> AWAITING_MATERIALS
 * CONFIRMED | AWAITING_MATERIALS -materialsReady (every material in)-> IN_PRODUCTION
 * IN_PRODUCTION -startWork-> IN_PRODUCTION          (a work order starts; the order stays)
 * IN_PRODUCTION -finishWork (no work order open)-> QUALITY_CHECK
 * QUALITY_CHECK -passQuality-> READY_TO_SHIP        QUALITY_CHECK -failQuality-> IN_PRODUCTION (rework)
 * READY_TO_SHIP -ship (quality passed)-> SHIPPED -deliver-> DELIVERED
 * AWAITING_REVIEW | PLACED | CONFIRMED | AWAITING_MATERIALS -cancel-> CANCELLED
 * ```
 */

export type OrderStatus =
  | 'AWAITING_REVIEW'
  | 'PLACED'
  | 'CONFIRMED'
  | 'AWAITING_MATERIALS'
  | 'IN_PRODUCTION'
  | 'QUALITY_CHECK'
  | 'READY_TO_SHIP'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED';

export type OrderAction =
  | 'acceptReview'
  | 'confirm'
  | 'materialsShort'
  | 'materialsReady'
  | 'startWork'
  | 'finishWork'
  | 'passQuality'
  | 'failQuality'
  | 'ship'
  | 'deliver'
  | 'cancel';

export const ORDER_STATUSES: readonly OrderStatus[] = [
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
];

export const ORDER_ACTIONS: readonly OrderAction[] = [
  'acceptReview',
  'confirm',
  'materialsShort',
  'materialsReady',
  'startWork',
  'finishWork',
  'passQuality',
  'failQuality',
  'ship',
  'deliver',
  'cancel',
];

/** What the guards look at, read by the server from the order's materials, work orders and checks. */
export interface OrderFacts {
  /** every material reserved or received */
  materialsComplete: boolean;
  workOrdersOpen: number;
  workOrdersTotal: number;
  qualityPassed: boolean;
  /** How many parts are still short, when known: named in the message that refuses production. */
  partsShort?: number;
}

export type TransitionResult =
  | { ok: true; to: OrderStatus }
  | { ok: false; code: TransitionRefusal; message: string };

/** Refusal codes: the action does not apply in this status, or a guard's fact is missing. */
export type TransitionRefusal =
  | 'NOT_ALLOWED_IN_STATUS'
  | 'MATERIALS_NOT_COMPLETE'
  | 'WORK_ORDERS_OPEN'
  | 'QUALITY_NOT_PASSED';

interface Edge {
  from: readonly OrderStatus[];
  to: OrderStatus | 'same';
  /** A refusal when the facts do not allow the step, else null. */
  guard?: (facts: OrderFacts) => { code: TransitionRefusal; message: string } | null;
}

const EDGES: Record<OrderAction, Edge> = {
  acceptReview: { from: ['AWAITING_REVIEW'], to: 'PLACED' },
  confirm: { from: ['PLACED'], to: 'CONFIRMED' },
  materialsShort: { from: ['CONFIRMED'], to: 'AWAITING_MATERIALS' },
  materialsReady: {
    from: ['CONFIRMED', 'AWAITING_MATERIALS'],
    to: 'IN_PRODUCTION',
    guard: (facts) =>
      facts.materialsComplete
        ? null
        : {
            code: 'MATERIALS_NOT_COMPLETE',
            message: `Production cannot start before every material is in${
              facts.partsShort !== undefined && facts.partsShort > 0
                ? `: ${facts.partsShort} ${facts.partsShort === 1 ? 'part is' : 'parts are'} still short`
                : ''
            }. Receive the purchase requisitions or reserve stock first.`,
          },
  },
  startWork: { from: ['IN_PRODUCTION'], to: 'same' },
  finishWork: {
    from: ['IN_PRODUCTION'],
    to: 'QUALITY_CHECK',
    guard: (facts) =>
      facts.workOrdersOpen > 0
        ? {
            code: 'WORK_ORDERS_OPEN',
            message: `Production cannot finish while ${facts.workOrdersOpen} of ${facts.workOrdersTotal} work ${
              facts.workOrdersTotal === 1 ? 'order' : 'orders'
            } ${facts.workOrdersOpen === 1 ? 'is' : 'are'} still open. Complete ${facts.workOrdersOpen === 1 ? 'it' : 'them'} first.`,
          }
        : null,
  },
  passQuality: { from: ['QUALITY_CHECK'], to: 'READY_TO_SHIP' },
  failQuality: { from: ['QUALITY_CHECK'], to: 'IN_PRODUCTION' },
  ship: {
    from: ['READY_TO_SHIP'],
    to: 'SHIPPED',
    guard: (facts) =>
      facts.qualityPassed
        ? null
        : {
            code: 'QUALITY_NOT_PASSED',
            message: 'Order cannot ship before a passed quality check. Record the quality check first.',
          },
  },
  deliver: { from: ['SHIPPED'], to: 'DELIVERED' },
  cancel: { from: ['AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS'], to: 'CANCELLED' },
};

const STATUS_WORDS: Record<OrderStatus, string> = {
  AWAITING_REVIEW: 'awaiting review',
  PLACED: 'placed',
  CONFIRMED: 'confirmed',
  AWAITING_MATERIALS: 'awaiting materials',
  IN_PRODUCTION: 'in production',
  QUALITY_CHECK: 'in quality check',
  READY_TO_SHIP: 'ready to ship',
  SHIPPED: 'shipped',
  DELIVERED: 'delivered',
  CANCELLED: 'cancelled',
};

const ACTION_WORDS: Record<OrderAction, string> = {
  acceptReview: 'be accepted after review',
  confirm: 'be confirmed',
  materialsShort: 'wait for materials',
  materialsReady: 'go into production',
  startWork: 'start work',
  finishWork: 'finish production',
  passQuality: 'pass quality control',
  failQuality: 'fail quality control',
  ship: 'ship',
  deliver: 'be delivered',
  cancel: 'be cancelled',
};

/** One step of the lifecycle: the status the action leads to, or why it cannot be taken now. */
export function transition(status: OrderStatus, action: OrderAction, facts: OrderFacts): TransitionResult {
  const edge = EDGES[action];
  if (!edge || !ORDER_STATUSES.includes(status))
    return {
      ok: false,
      code: 'NOT_ALLOWED_IN_STATUS',
      message: `Unknown status or action: ${status}, ${action}`,
    };
  if (!edge.from.includes(status)) {
    return { ok: false, code: 'NOT_ALLOWED_IN_STATUS', message: notAllowedMessage(status, action) };
  }
  const refused = edge.guard?.(facts);
  if (refused) return { ok: false, ...refused };
  return { ok: true, to: edge.to === 'same' ? status : edge.to };
}

function notAllowedMessage(status: OrderStatus, action: OrderAction): string {
  const now = `An order that is ${STATUS_WORDS[status]} cannot ${ACTION_WORDS[action]}`;
  if (action === 'cancel') {
    return status === 'CANCELLED'
      ? `${now}: it is cancelled already.`
      : `${now}: only an order that is awaiting review, placed, confirmed or awaiting materials can be cancelled; production has started.`;
  }
  const from = EDGES[action].from.map((s) => STATUS_WORDS[s]).join(' or ');
  const next = allowedActions(status, {
    materialsComplete: true,
    workOrdersOpen: 0,
    workOrdersTotal: 0,
    qualityPassed: true,
  });
  const hint =
    next.length === 0 ? ' Nothing more can happen to it.' : ` What it can do now: ${next.join(', ')}.`;
  return `${now}: only an order that is ${from} can.${hint}`;
}

/** The actions the operations board offers for an order: those whose status and guard allow them now. */
export function allowedActions(status: OrderStatus, facts: OrderFacts): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => {
    const edge = EDGES[action];
    return edge.from.includes(status) && !edge.guard?.(facts);
  });
}

/**
 * The step the system takes by itself, without a person: a confirmed order goes into production when
 * every material is in, else waits for materials; a waiting order goes into production when the last
 * material is in; production finishes when every work order is done. Null when a person must act.
 */
export function nextAutomatic(status: OrderStatus, facts: OrderFacts): OrderAction | null {
  switch (status) {
    case 'CONFIRMED':
      return facts.materialsComplete ? 'materialsReady' : 'materialsShort';
    case 'AWAITING_MATERIALS':
      return facts.materialsComplete ? 'materialsReady' : null;
    case 'IN_PRODUCTION':
      return facts.workOrdersTotal > 0 && facts.workOrdersOpen === 0 ? 'finishWork' : null;
    default:
      return null;
  }
}
