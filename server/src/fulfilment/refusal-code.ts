import { registerEnumType } from 'type-graphql';
import type { TransitionRefusal } from '../engine/index.js';

/**
 * Why an action on an order was refused (ActionRefused.code): every code here is one the server sends
 * (server/src/fulfilment/refusal-codes.api.test.ts provokes each), and it sends no other.
 */
export const RefusalCode = {
  NOT_ALLOWED_IN_STATUS: 'NOT_ALLOWED_IN_STATUS',
  MATERIALS_NOT_COMPLETE: 'MATERIALS_NOT_COMPLETE',
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  REASON_REQUIRED: 'REASON_REQUIRED',
  REASON_TOO_LONG: 'REASON_TOO_LONG',
  REQUISITION_NOT_FOUND: 'REQUISITION_NOT_FOUND',
  REQUISITION_NOT_OPEN: 'REQUISITION_NOT_OPEN',
  INVALID_DATE: 'INVALID_DATE',
  WORK_ORDER_NOT_FOUND: 'WORK_ORDER_NOT_FOUND',
  WORK_ORDER_NOT_PLANNED: 'WORK_ORDER_NOT_PLANNED',
  WORK_ORDER_NOT_STARTED: 'WORK_ORDER_NOT_STARTED',
  UNKNOWN_CHECK_ITEM: 'UNKNOWN_CHECK_ITEM',
  DUPLICATE_CHECK_ITEM: 'DUPLICATE_CHECK_ITEM',
  CHECKLIST_INCOMPLETE: 'CHECKLIST_INCOMPLETE',
  FAILED_ITEMS: 'FAILED_ITEMS',
  NOTES_REQUIRED: 'NOTES_REQUIRED',
  INVALID_REWORK_MINUTES: 'INVALID_REWORK_MINUTES',
  INVALID_CARRIER: 'INVALID_CARRIER',
  INVALID_TRACKING_NUMBER: 'INVALID_TRACKING_NUMBER',
  INVALID_TEXT: 'INVALID_TEXT',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/**
 * The code of a lifecycle guard's refusal of a person's action. The engine's other guards cannot refuse
 * one: WORK_ORDERS_OPEN guards finishWork, which only the order takes by itself, and QUALITY_NOT_PASSED
 * guards ship, which starts from READY_TO_SHIP, a status only a passed check leads to. Either one here is
 * a broken invariant, not an answer for the caller.
 */
export function lifecycleRefusal(code: TransitionRefusal): RefusalCode {
  if (code === 'NOT_ALLOWED_IN_STATUS' || code === 'MATERIALS_NOT_COMPLETE') return code;
  throw new Error(`The lifecycle refused a person's action with ${code}, which only guards automatic steps`);
}

registerEnumType(RefusalCode, {
  name: 'RefusalCode',
  description: 'Why an action on an order was refused; ActionRefused.field names the argument at fault.',
  valuesConfig: {
    NOT_ALLOWED_IN_STATUS: {
      description: 'The order’s status does not allow the action (the message says what it allows now).',
    },
    MATERIALS_NOT_COMPLETE: {
      description:
        'A work order cannot start before every material is in (the message says how many parts are short).',
    },
    ORDER_NOT_FOUND: { description: 'There is no order with this number.' },
    REASON_REQUIRED: { description: 'A cancellation without a reason.' },
    REASON_TOO_LONG: { description: 'A cancellation reason longer than 500 characters.' },
    REQUISITION_NOT_FOUND: { description: 'There is no purchase requisition with this id.' },
    REQUISITION_NOT_OPEN: { description: 'The requisition is received or cancelled already.' },
    INVALID_DATE: { description: 'Not a date written YYYY-MM-DD.' },
    WORK_ORDER_NOT_FOUND: { description: 'There is no work order with this id.' },
    WORK_ORDER_NOT_PLANNED: {
      description: 'Only a planned work order can start: this one is started, done or cancelled.',
    },
    WORK_ORDER_NOT_STARTED: { description: 'Only a started work order can be completed.' },
    UNKNOWN_CHECK_ITEM: { description: 'An item that is not on the order’s checklist.' },
    DUPLICATE_CHECK_ITEM: { description: 'A checklist item answered twice.' },
    CHECKLIST_INCOMPLETE: { description: 'A checklist item not answered.' },
    FAILED_ITEMS: { description: 'A check recorded as passed with a failed item.' },
    NOTES_REQUIRED: { description: 'A failed check with every item passed, and no notes to say why.' },
    INVALID_REWORK_MINUTES: { description: 'Rework minutes that are not a whole number from 1 to 10,000.' },
    INVALID_CARRIER: {
      description: 'The carrier is empty, longer than 100 characters or has a control character.',
    },
    INVALID_TRACKING_NUMBER: {
      description: 'The tracking number is empty, longer than 100 characters or has a control character.',
    },
    INVALID_TEXT: {
      description:
        'A text with a control character (a reason, an order number, notes...), or longer than its limit (quality check notes: 2,000 characters; an item’s note: 500; a number or code: 100).',
    },
  },
});
