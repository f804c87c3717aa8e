import { z } from 'zod';
import { isIsoDate } from '../engine/index.js';
import { actor, type InputProblem, reasonText, trimmed } from '../graphql/input-validation.js';
import type { RefusalCode } from './refusal-code.js';

export const MAX_REWORK_MINUTES = 10_000;
const MAX_SHIPPING_TEXT = 100;

/** Who does an action on an order (`by`), as every order action takes it. */
export const byArgument = { by: actor };

export const cancelReason = reasonText('Say why the order is cancelled');

export const expectedDateInput = z.string().refine(isIsoDate, {
  error: (issue) => `'${String(issue.input)}' is not a date written YYYY-MM-DD`,
});

const shippingText = (message: string) =>
  trimmed.pipe(z.string().min(1, message).max(MAX_SHIPPING_TEXT, message));
export const carrierInput = shippingText('Name the carrier (1 to 100 characters)');
export const trackingNumberInput = shippingText('Give the tracking number (1 to 100 characters)');

/** A quality check (QualityCheckInput); which items it must answer depends on the order's checklist. */
export const qualityCheckInput = z.object({
  orderNumber: z.string(),
  passed: z.boolean(),
  items: z.array(z.object({ code: z.string(), passed: z.boolean(), note: z.string().nullish() })),
  notes: z.string().nullish(),
  reworkMinutes: z
    .number()
    .refine((minutes) => Number.isSafeInteger(minutes) && minutes >= 1 && minutes <= MAX_REWORK_MINUTES, {
      error: `Rework minutes are a whole number from 1 to ${MAX_REWORK_MINUTES}`,
    })
    .nullish(),
  by: actor,
});

/** The ActionRefused code of a bad argument of an order action. */
export function refusalCode({ field, issue }: InputProblem): RefusalCode {
  if (field === 'by' || field === 'input.by') return 'INVALID_ACTOR';
  if (field === 'reason') return issue.code === 'too_small' ? 'REASON_REQUIRED' : 'REASON_TOO_LONG';
  if (field === 'expectedDate') return 'INVALID_DATE';
  if (field === 'carrier') return 'INVALID_CARRIER';
  if (field === 'trackingNumber') return 'INVALID_TRACKING_NUMBER';
  if (field === 'input.reworkMinutes') return 'INVALID_REWORK_MINUTES';
  // Every argument an order action checks has its code above; a new one must be given one (and documented
  // in RefusalCode) rather than answer with a code the schema does not list.
  throw new Error(`No refusal code for a bad '${field}': give it one in refusalCode (fulfilment.inputs.ts)`);
}
