import { registerEnumType } from 'type-graphql';
import type { OrderStatus as LifecycleStatus } from '../engine/index.js';

/**
 * Where an order is in its lifecycle: the engine's statuses (server/src/engine/fulfilment/lifecycle.ts),
 * as a value for the column and the GraphQL enum. `satisfies` keeps the two sets the same.
 */
export const OrderStatus = {
  AWAITING_REVIEW: 'AWAITING_REVIEW',
  PLACED: 'PLACED',
  CONFIRMED: 'CONFIRMED',
  AWAITING_MATERIALS: 'AWAITING_MATERIALS',
  IN_PRODUCTION: 'IN_PRODUCTION',
  QUALITY_CHECK: 'QUALITY_CHECK',
  READY_TO_SHIP: 'READY_TO_SHIP',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
} as const satisfies { [S in LifecycleStatus]: S };
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order is in its lifecycle.',
  valuesConfig: {
    AWAITING_REVIEW: {
      description:
        'Too large for the plant (its work would book more than a set share of a work centre’s next working days): nothing reserved or booked and no promise, until accepted (acceptOrderReview -> PLACED) or cancelled.',
    },
    PLACED: {
      description: 'Placed: its materials reserved or requisitioned, its work scheduled; to confirm.',
    },
    CONFIRMED: {
      description: 'Confirmed; it moves on by itself to AWAITING_MATERIALS or IN_PRODUCTION.',
    },
    AWAITING_MATERIALS: {
      description: 'Waiting for purchased parts; it goes into production by itself when the last one is in.',
    },
    IN_PRODUCTION: {
      description:
        'Every material is in: its work orders are started and completed (rework after a failed check).',
    },
    QUALITY_CHECK: { description: 'Every work order done: waiting for its quality check.' },
    READY_TO_SHIP: { description: 'Passed its quality check: to ship.' },
    SHIPPED: { description: 'Handed to the carrier, with a tracking number.' },
    DELIVERED: { description: 'Delivered to the customer: nothing more happens to it.' },
    CANCELLED: {
      description:
        'Cancelled before production: its stock, requisitions, work orders and capacity released (an order awaiting review had none).',
    },
  },
});
