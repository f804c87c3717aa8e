import { z } from 'zod';
import { configurationInput } from '../configurations/configuration.inputs.js';
import { isIsoDate, parseDecimal } from '../engine/index.js';
import { key, MAX_REASON_LENGTH, quoted, reasonText, text } from '../graphql/input-validation.js';
import { customerInput, dateTimeRange } from '../orders/order.inputs.js';
import { MAX_APPROVAL_RULES } from './approval-rules.service.js';
import { ApprovalRuleKind, ApprovalRuleScope, QuoteStatus } from './quote-enums.js';

export const MAX_TERMS_LENGTH = 5_000;
export const MAX_NOTE_LENGTH = 2_000;
export const MAX_QUOTE_PAGE_SIZE = 100;
export const MAX_EXPIRING_WITHIN_DAYS = 3_650;

/** An id of ours (a quote, a line, a rule, an account): a positive whole number. */
const id = (name: string) =>
  z.number().refine((value) => Number.isSafeInteger(value) && value > 0, {
    error: (issue) => `'${name}' must be an id (a whole number above 0), not ${String(issue.input)}`,
  });

/** A percentage from 0 to 100 with at most 4 decimals, as exact decimal text without trailing zeros. */
export const percentText = (label: string) =>
  text({ label, max: 20 })
    .refine(
      (value) => {
        const percent = parseDecimal(value);
        return (
          percent !== undefined &&
          !percent.isNegative() &&
          percent.lessThanOrEqualTo(100) &&
          percent.decimalPlaces() <= 4
        );
      },
      {
        error: (issue) =>
          `${label} must be a percentage from 0 to 100 with at most 4 decimals, not ${quoted(issue.input)}`,
      },
    )
    .transform((value) => parseDecimal(value)!.toFixed());

const note = (label: string, max: number) => text({ label, max, multiline: true });

/** QuoteDetailsInput: each field optional (left out: unchanged), null clears it. */
export const quoteDetailsInput = z.object({
  validUntil: text({ label: 'The validity date', max: 10 })
    .refine(isIsoDate, {
      error: (issue) => `The validity date must be a date written YYYY-MM-DD, not ${quoted(issue.input)}`,
    })
    .nullish(),
  terms: note('The terms', MAX_TERMS_LENGTH).nullish(),
  noteToCustomer: note('The note to the customer', MAX_NOTE_LENGTH).nullish(),
  internalNote: note('The internal note', MAX_NOTE_LENGTH).nullish(),
  headerDiscountPercent: percentText('The discount on the quote').nullish(),
  taxRatePercent: percentText('The tax rate').nullish(),
  recipientName: customerInput.shape.name.nullish(),
  recipientEmail: customerInput.shape.email.nullish(),
});

export const createQuoteArguments = { accountId: id('accountId'), input: quoteDetailsInput.nullish() };
export const updateQuoteArguments = { id: id('id'), input: quoteDetailsInput };
export const quoteIdArgument = { id: id('id') };
export const duplicateQuoteArguments = { id: id('id'), accountId: id('accountId').nullish() };
export const lineIdArgument = { lineId: id('lineId') };

export const addQuoteLineArguments = {
  quoteId: id('quoteId'),
  configuration: configurationInput,
  discountPercent: percentText('The line’s discount').nullish(),
};

export const updateQuoteLineArguments = {
  lineId: id('lineId'),
  change: z.object({
    configuration: configurationInput.nullish(),
    quantity: configurationInput.shape.quantity,
    discountPercent: percentText('The line’s discount').nullish(),
  }),
};

/** A manager's comment: optional for an approval, required for a rejection (the engine says so). */
export const approveArguments = {
  id: id('id'),
  comment: text({ label: 'A comment', max: MAX_REASON_LENGTH, multiline: true }).nullish(),
};
export const rejectArguments = {
  id: id('id'),
  comment: text({ label: 'A comment', max: MAX_REASON_LENGTH, multiline: true }),
};

/** The customer's link token: 43 base64url characters; anything else opens nothing. */
export const quoteTokenArgument = { token: key('A quote link token') };

export const acceptOnBehalfArguments = {
  id: id('id'),
  reason: reasonText('Say how the customer accepted (by phone, by e-mail...)'),
};
export const declineArguments = {
  token: key('A quote link token'),
  reason: text({ label: 'A reason', max: MAX_REASON_LENGTH, multiline: true }).nullish(),
};

export const quotesArguments = {
  filter: z
    .object({
      status: z.enum(QuoteStatus).nullish(),
      accountId: id('filter.accountId').nullish(),
      createdBy: key('A rep’s e-mail').nullish(),
      expiringWithinDays: z
        .number()
        .refine((days) => Number.isSafeInteger(days) && days >= 0 && days <= MAX_EXPIRING_WITHIN_DAYS, {
          error: (issue) =>
            `'expiringWithinDays' must be a whole number of days from 0 to ${MAX_EXPIRING_WITHIN_DAYS}, not ${String(issue.input)}`,
        })
        .nullish(),
      updatedSince: z.date().nullish(),
      createdBetween: dateTimeRange.nullish(),
    })
    .nullish(),
  first: z
    .number()
    .refine((size) => Number.isSafeInteger(size) && size >= 1 && size <= MAX_QUOTE_PAGE_SIZE, {
      error: (issue) =>
        `'first' must be a whole number from 1 to ${MAX_QUOTE_PAGE_SIZE}, not ${String(issue.input)}`,
    })
    .nullish(),
  after: key('A cursor').nullish(),
};

export const approvalRuleInput = z.object({
  name: text({ label: 'A rule’s name', max: 200, required: 'A rule needs a name', collapseSpaces: true }),
  kind: z.enum(ApprovalRuleKind),
  scope: z.enum(ApprovalRuleScope).nullish(),
  percent: text({ label: 'A percent', max: 20 }).nullish(),
  amount: text({ label: 'An amount', max: 30 }).nullish(),
  currency: text({ label: 'A currency', max: 3 }).nullish(),
  active: z.boolean().nullish(),
});

export const createApprovalRuleArguments = { input: approvalRuleInput };
export const setApprovalRulesArguments = {
  rules: z.array(approvalRuleInput).max(MAX_APPROVAL_RULES, `At most ${MAX_APPROVAL_RULES} approval rules`),
};
export const approvalRuleIdArgument = { id: id('id') };
