import { ApiScope, isStaff, type Viewer } from '../graphql/authorization.js';
import type { OrderEventKind } from './order-event-kind.js';

/** Whether the caller reads the plant's own words (part numbers, suppliers, QC notes): staff and operations:read keys. */
export function readsInternalData(viewer: Viewer): boolean {
  return isStaff(viewer) || (viewer.kind === 'apiKey' && viewer.scopes.includes(ApiScope.OPERATIONS_READ));
}

/**
 * What a customer (or a guest, or a key without operations:read) reads for each event: the plant's own
 * message names parts, suppliers, requisitions and QC notes.
 */
export const CUSTOMER_EVENT_MESSAGES: Readonly<Record<OrderEventKind, string>> = {
  AWAITING_REVIEW: 'Your order is large: our planners review it before it is scheduled.',
  REVIEW_ACCEPTED: 'Our planners accepted your order: it is being scheduled.',
  PLACED: 'Order received.',
  MATERIALS_PLANNED: 'The materials for your build are planned.',
  CONFIRMED: 'Order confirmed.',
  AWAITING_MATERIALS: 'Waiting for materials for your build.',
  MATERIAL_RECEIVED: 'Materials for your build arrived.',
  MATERIALS_READY: 'Every material for your build is in.',
  MATERIALS_ISSUED: 'The materials went to the workshop.',
  WORK_STARTED: 'Work on your build started.',
  WORK_COMPLETED: 'A production step is done.',
  PRODUCTION_FINISHED: 'Production finished.',
  QUALITY_PASSED: 'Your build passed its quality check.',
  QUALITY_FAILED: 'Our quality check asked for rework: your build is back in production.',
  SHIPPED: 'Shipped.',
  DELIVERED: 'Delivered.',
  CANCELLED: 'Order cancelled.',
  RELEASED: 'Reserved materials were released.',
  PROMISE_SLIPPED: 'Your build will ship later than promised.',
  SUPPLY_UPDATED: 'A supplier confirmed a date for materials of your build.',
};

/** Why a promise slipped, as a customer reads it (the plant's cause names the part and its supplier). */
export const CUSTOMER_SLIP_CAUSE = 'A part for your build arrives later than planned.';
