import { registerEnumType } from 'type-graphql';

/** What happened to an order (OrderEvent.kind): a transition of its status, or a step inside one. */
export const OrderEventKind = {
  AWAITING_REVIEW: 'AWAITING_REVIEW',
  REVIEW_ACCEPTED: 'REVIEW_ACCEPTED',
  PLACED: 'PLACED',
  MATERIALS_PLANNED: 'MATERIALS_PLANNED',
  CONFIRMED: 'CONFIRMED',
  AWAITING_MATERIALS: 'AWAITING_MATERIALS',
  MATERIAL_RECEIVED: 'MATERIAL_RECEIVED',
  MATERIALS_READY: 'MATERIALS_READY',
  MATERIALS_ISSUED: 'MATERIALS_ISSUED',
  WORK_STARTED: 'WORK_STARTED',
  WORK_COMPLETED: 'WORK_COMPLETED',
  PRODUCTION_FINISHED: 'PRODUCTION_FINISHED',
  QUALITY_PASSED: 'QUALITY_PASSED',
  QUALITY_FAILED: 'QUALITY_FAILED',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
  RELEASED: 'RELEASED',
  PROMISE_SLIPPED: 'PROMISE_SLIPPED',
  SUPPLY_UPDATED: 'SUPPLY_UPDATED',
} as const;
export type OrderEventKind = (typeof OrderEventKind)[keyof typeof OrderEventKind];

registerEnumType(OrderEventKind, {
  name: 'OrderEventKind',
  description: 'What happened to an order: a transition (fromStatus and toStatus set) or a step inside one.',
  valuesConfig: {
    AWAITING_REVIEW: {
      description:
        'At placing: the order’s work would book too much of a work centre, so nothing was booked; it waits for review.',
    },
    REVIEW_ACCEPTED: { description: 'Transition: AWAITING_REVIEW -> PLACED, accepted by a person.' },
    PLACED: { description: 'Transition: the order was placed, with its promise.' },
    MATERIALS_PLANNED: {
      description: 'At placing: what was reserved from stock and what was requisitioned.',
    },
    CONFIRMED: { description: 'Transition: PLACED -> CONFIRMED.' },
    AWAITING_MATERIALS: {
      description: 'Transition, by itself: CONFIRMED -> AWAITING_MATERIALS (something short).',
    },
    MATERIAL_RECEIVED: {
      description: 'A purchase requisition of the order was received and its shortage reserved.',
    },
    MATERIALS_READY: { description: 'Transition, by itself: every material is in -> IN_PRODUCTION.' },
    MATERIALS_ISSUED: { description: 'The first work order started: the reserved materials left stock.' },
    WORK_STARTED: { description: 'A work order started.' },
    WORK_COMPLETED: { description: 'A work order was completed.' },
    PRODUCTION_FINISHED: { description: 'Transition, by itself: the last work order done -> QUALITY_CHECK.' },
    QUALITY_PASSED: { description: 'Transition: a passed quality check, QUALITY_CHECK -> READY_TO_SHIP.' },
    QUALITY_FAILED: {
      description:
        'Transition: a failed quality check, QUALITY_CHECK -> IN_PRODUCTION with a rework work order.',
    },
    SHIPPED: { description: 'Transition: READY_TO_SHIP -> SHIPPED.' },
    DELIVERED: { description: 'Transition: SHIPPED -> DELIVERED.' },
    CANCELLED: { description: 'Transition: cancelled before production, with the reason.' },
    RELEASED: {
      description:
        'After a cancellation: its reservations released, its open requisitions and work orders cancelled.',
    },
    PROMISE_SLIPPED: {
      description: 'A requisition is now expected after its due date: the order ships later.',
    },
    SUPPLY_UPDATED: { description: 'A requisition’s expected date changed, still by its due date.' },
  },
});
