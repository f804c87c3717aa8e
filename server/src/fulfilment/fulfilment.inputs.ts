import { z } from 'zod';
import { isIsoDate } from '../engine/index.js';
import {
  type InputProblem,
  isControlCharacter,
  key,
  quoted,
  reasonText,
  text,
} from '../graphql/input-validation.js';
import type { RefusalCode } from './refusal-code.js';

export const MAX_REWORK_MINUTES = 10_000;
const MAX_SHIPPING_TEXT = 100;
/** Quality check notes: at most 2,000 characters (the column's size); an item's note: 500. */
export const MAX_QUALITY_NOTES_LENGTH = 2_000;
export const MAX_ITEM_NOTE_LENGTH = 500;
/** More items than any checklist has. */
const MAX_CHECK_ITEMS = 200;

/** What the materials page searches for (a part number or a word of its description). */
export const searchInput = text({ label: 'A search', max: 100, untrimmed: true }).nullish();

/** The order an action is on, by its number. */
export const orderNumberInput = key('An order number');

export const cancelReason = reasonText('Say why the order is cancelled');

export const expectedDateInput = z.string().refine(isIsoDate, {
  error: (issue) => `${quoted(issue.input)} is not a date written YYYY-MM-DD`,
});

const shippingText = (label: string, message: string) =>
  text({ label, max: MAX_SHIPPING_TEXT, required: message, tooLong: message });
export const carrierInput = shippingText('The carrier', 'Name the carrier (1 to 100 characters)');
export const trackingNumberInput = shippingText(
  'The tracking number',
  'Give the tracking number (1 to 100 characters)',
);

/** A quality check (QualityCheckInput); which items it must answer depends on the order's checklist. */
export const qualityCheckInput = z.object({
  orderNumber: orderNumberInput,
  passed: z.boolean(),
  items: z
    .array(
      z.object({
        code: key('A checklist item'),
        passed: z.boolean(),
        note: text({ label: 'A note', max: MAX_ITEM_NOTE_LENGTH, multiline: true }).nullish(),
      }),
    )
    .max(MAX_CHECK_ITEMS, `A quality check has at most ${MAX_CHECK_ITEMS} items`),
  notes: text({
    label: 'The notes',
    max: MAX_QUALITY_NOTES_LENGTH,
    tooLong: (length) => `The notes have at most ${MAX_QUALITY_NOTES_LENGTH} characters, not ${length}`,
    multiline: true,
  }).nullish(),
  reworkMinutes: z
    .number()
    .refine((minutes) => Number.isSafeInteger(minutes) && minutes >= 1 && minutes <= MAX_REWORK_MINUTES, {
      error: `Rework minutes are a whole number from 1 to ${MAX_REWORK_MINUTES}`,
    })
    .nullish(),
});

/** The order actions' text arguments whose bad value is INVALID_TEXT (besides their own codes). */
const TEXT_FIELDS = /^(number|reason|input\.(orderNumber|notes|items(\[\d+\](\.(code|note))?)?))$/;

/** The ActionRefused code of a bad argument of an order action. */
export function refusalCode({ field, issue }: InputProblem): RefusalCode {
  if (field === 'reason' && !isControlCharacter(issue))
    return issue.code === 'too_small' ? 'REASON_REQUIRED' : 'REASON_TOO_LONG';
  if (field === 'expectedDate') return 'INVALID_DATE';
  if (field === 'carrier') return 'INVALID_CARRIER';
  if (field === 'trackingNumber') return 'INVALID_TRACKING_NUMBER';
  if (field === 'input.reworkMinutes') return 'INVALID_REWORK_MINUTES';
  // A control character in a reason, a key, a code or notes too long: the field says which.
  if (TEXT_FIELDS.test(field)) return 'INVALID_TEXT';
  // Every argument an order action checks has its code above; a new one must be given one (and documented
  // in RefusalCode) rather than answer with a code the schema does not list.
  throw new Error(`No refusal code for a bad '${field}': give it one in refusalCode (fulfilment.inputs.ts)`);
}
