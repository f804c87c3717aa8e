import { z } from 'zod';
import {
  acceptedTermsVersion,
  checkoutAddress,
  paymentTermsCode,
  vatIdInput,
} from '../checkout/checkout.inputs.js';
import { configurationInput } from '../configurations/configuration.inputs.js';
import { type InputProblem, key, quoted, text } from '../graphql/input-validation.js';
import { OrderStatus } from './order-status.js';
import type { InvalidOrderInputCode } from './place-order-error-code.js';

export const MAX_ORDER_LINES = 100;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
export const MAX_CUSTOMER_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 320;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** name@domain.tld, without spaces; what a person can check in a form. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const emailOf = (text: string): string => text.trim().toLowerCase();

/** Who orders (CustomerInput): the name trimmed, runs of spaces made one; the e-mail trimmed, lower case. */
export const customerInput = z.object({
  name: text({
    label: 'The customer’s name',
    max: MAX_CUSTOMER_NAME_LENGTH,
    required: 'The customer’s name is empty',
    collapseSpaces: true,
  }),
  email: text({ label: 'The e-mail address', max: Number.POSITIVE_INFINITY })
    .refine((text) => emailOf(text).length <= MAX_EMAIL_LENGTH && EMAIL.test(emailOf(text)), {
      error: (issue) => `${quoted(issue.input)} is not an e-mail address (name@example.com)`,
    })
    .transform(emailOf),
});

/** An order (PlaceOrderInput), checked in the order of its fields as a person reads them. */
export const placeOrderInput = z.object({
  lines: z
    .array(configurationInput)
    .min(1, 'An order needs at least one line')
    .max(MAX_ORDER_LINES, {
      error: (issue) =>
        `An order has at most ${MAX_ORDER_LINES} lines, not ${(issue.input as unknown[]).length}: a line can have a quantity`,
    }),
  customer: customerInput,
  idempotencyKey: text({ label: 'An idempotency key', max: Number.POSITIVE_INFINITY, untrimmed: true })
    .refine((key) => key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH, {
      error: (issue) =>
        `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, not ${(issue.input as string).length}`,
    })
    .nullish(),
  accountId: z
    .number()
    .refine((id) => Number.isSafeInteger(id) && id > 0, {
      error: (issue) => `'accountId' must be a customer account's id, not ${String(issue.input)}`,
    })
    .nullish(),
  deliveryAddress: checkoutAddress.nullish().transform((address) => address ?? null),
  billingAddress: checkoutAddress.nullish().transform((address) => address ?? null),
  vatId: vatIdInput,
  paymentTermsCode,
  acceptedTermsVersion,
  expectedTotal: text({ label: 'The expected total', max: 20 })
    .refine((total) => /^\d+$/.test(total), {
      error: (issue) =>
        `${quoted(issue.input)} is not a total in minor units (whole digits, as CheckoutSummary.total.minorUnits)`,
    })
    .nullish(),
});

/** A customer account's id (attachOrderToAccount). */
export const accountIdArgument = {
  accountId: z.number().refine((id) => Number.isSafeInteger(id) && id > 0, {
    error: (issue) => `'accountId' must be a customer account's id, not ${String(issue.input)}`,
  }),
};

/** A tracking token: 43 base64url characters (32 random bytes); anything else opens nothing. */
export const trackingTokenArgument = { token: key('A tracking token') };

/** The InvalidOrderInput code of a bad field of placeOrder's input. */
export function invalidOrderCode({ field, issue }: InputProblem): InvalidOrderInputCode {
  if (field === 'input.lines') return issue.code === 'too_small' ? 'EMPTY_ORDER' : 'TOO_MANY_LINES';
  if (field.startsWith('input.lines[')) return 'INVALID_LINE';
  if (field === 'input.customer.name') return 'INVALID_CUSTOMER_NAME';
  if (field === 'input.customer.email') return 'INVALID_EMAIL';
  if (field === 'input.idempotencyKey') return 'INVALID_IDEMPOTENCY_KEY';
  if (field === 'input.accountId') return 'ACCOUNT_NOT_FOUND';
  if (field.startsWith('input.deliveryAddress') || field.startsWith('input.billingAddress'))
    return 'INVALID_ADDRESS';
  if (field === 'input.vatId') return 'INVALID_VAT_ID';
  if (field === 'input.paymentTermsCode') return 'UNKNOWN_PAYMENT_TERMS';
  if (field === 'input.acceptedTermsVersion') return 'TERMS_NOT_ACCEPTED';
  if (field === 'input.expectedTotal') return 'INVALID_EXPECTED_TOTAL';
  // Every field placeOrderInput checks has its code above; a new one must be given one (and documented in
  // PlaceOrderErrorCode) rather than answer with a code the schema does not list.
  throw new Error(
    `No InvalidOrderInput code for a bad '${field}': give it one in invalidOrderCode (order.inputs.ts)`,
  );
}

/** An order's number as looked up (case, dashes and look-alikes do not matter). */
export const orderNumberArgument = { number: key('An order number') };

/** A cursor of the list of orders. */
export const cursorArgument = { after: key('A cursor').nullish() };

/** The size of a page of orders (`first`): 1 to 100. */
export const pageSize = z
  .number()
  .refine((size) => Number.isSafeInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE, {
    error: (issue) => `'first' must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${String(issue.input)}`,
  })
  .nullish();

/** A span of time (DateTimeRangeInput): `from` before `to` when both are given. */
export const dateTimeRange = z
  .object({ from: z.date().nullish(), to: z.date().nullish() })
  .refine((range) => !range.from || !range.to || range.from < range.to, {
    error: (issue) => {
      const range = issue.input as { from: Date; to: Date };
      return `'from' (${range.from.toISOString()}) must be before 'to' (${range.to.toISOString()}): 'to' is exclusive`;
    },
  });

/** Which orders to list (OrderFilterInput); who may name which account is the service's to say. */
export const orderFilterArgument = {
  filter: z
    .object({
      status: z
        .array(z.enum(OrderStatus))
        .min(1, 'List at least one status, or leave status out for every status')
        .nullish(),
      accountId: z
        .number()
        .refine((id) => Number.isSafeInteger(id) && id > 0, {
          error: (issue) => `'accountId' must be a customer account's id, not ${String(issue.input)}`,
        })
        .nullish(),
      updatedSince: z.date().nullish(),
      placedBetween: dateTimeRange.nullish(),
    })
    .nullish(),
};
