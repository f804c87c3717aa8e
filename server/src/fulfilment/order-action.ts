import { registerEnumType } from 'type-graphql';
import type { OrderAction as LifecycleAction } from '../engine/index.js';

/**
 * The lifecycle actions a person takes (the operations board's buttons). The engine's other actions
 * (materialsShort, materialsReady, finishWork) are steps the order takes by itself, never offered.
 * The values are the engine's action names, as the API has always sent them.
 */
export const OrderAction = {
  acceptReview: 'acceptReview',
  confirm: 'confirm',
  cancel: 'cancel',
  startWork: 'startWork',
  passQuality: 'passQuality',
  failQuality: 'failQuality',
  ship: 'ship',
  deliver: 'deliver',
} as const satisfies { [A in LifecycleAction]?: A };
export type OrderAction = (typeof OrderAction)[keyof typeof OrderAction];

/** Whether a lifecycle action is one a person takes (else the order takes it by itself). */
export function isPersonAction(action: LifecycleAction): action is OrderAction {
  return Object.hasOwn(OrderAction, action);
}

registerEnumType(OrderAction, {
  name: 'OrderAction',
  description: 'What a person can do to an order (the steps it takes by itself are not actions).',
  valuesConfig: {
    acceptReview: {
      description:
        'acceptOrderReview: AWAITING_REVIEW -> PLACED, its materials reserved or requisitioned, its work scheduled and its promise committed.',
    },
    confirm: { description: 'confirmOrder: PLACED -> CONFIRMED.' },
    cancel: {
      description: 'cancelOrder: before production (AWAITING_REVIEW, PLACED, CONFIRMED, AWAITING_MATERIALS).',
    },
    startWork: { description: 'startWorkOrder: start a planned work order of an order IN_PRODUCTION.' },
    passQuality: { description: 'recordQualityCheck, passed: QUALITY_CHECK -> READY_TO_SHIP.' },
    failQuality: {
      description: 'recordQualityCheck, failed: QUALITY_CHECK -> IN_PRODUCTION with a rework work order.',
    },
    ship: { description: 'shipOrder: READY_TO_SHIP -> SHIPPED.' },
    deliver: { description: 'deliverOrder: SHIPPED -> DELIVERED.' },
  },
});
