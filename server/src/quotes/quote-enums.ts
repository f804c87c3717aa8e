import { registerEnumType } from 'type-graphql';
import type { QuoteAction as EngineQuoteAction, QuoteStatus as LifecycleStatus } from '../engine/index.js';

/**
 * Where a quote revision is in its lifecycle: the engine's statuses (server/src/engine/quotes/lifecycle.ts),
 * as a value for the column and the GraphQL enum. `satisfies` keeps the two sets the same.
 */
export const QuoteStatus = {
  DRAFT: 'DRAFT',
  PENDING_APPROVAL: 'PENDING_APPROVAL',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  SENT: 'SENT',
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  EXPIRED: 'EXPIRED',
  SUPERSEDED: 'SUPERSEDED',
} as const satisfies { [S in LifecycleStatus]: S };
export type QuoteStatus = (typeof QuoteStatus)[keyof typeof QuoteStatus];

registerEnumType(QuoteStatus, {
  name: 'QuoteStatus',
  description: 'Where a quote revision is in its lifecycle.',
  valuesConfig: {
    DRAFT: { description: 'Being written by a sales rep; changed in place.' },
    PENDING_APPROVAL: {
      description: 'An approval rule applies: waiting for a sales manager (withdraw it to change it).',
    },
    APPROVED: { description: 'Approved for exactly this content; any change makes it a draft again.' },
    REJECTED: { description: 'A manager rejected it with a comment; change it and submit it again.' },
    SENT: { description: 'Sent to the customer: immutable, changed only by a new revision.' },
    ACCEPTED: { description: 'Accepted (by the customer, or a rep on their behalf): an order was placed.' },
    DECLINED: { description: 'Declined by the customer.' },
    EXPIRED: { description: 'Past its validity date without an answer; a rep can revise it.' },
    SUPERSEDED: { description: 'A later revision replaced it.' },
  },
});

/** The engine's actions in the schema's spelling. */
export const QuoteAction = {
  EDIT: 'EDIT',
  SUBMIT_FOR_APPROVAL: 'SUBMIT_FOR_APPROVAL',
  WITHDRAW: 'WITHDRAW',
  APPROVE: 'APPROVE',
  REJECT: 'REJECT',
  SEND: 'SEND',
  ACCEPT: 'ACCEPT',
  DECLINE: 'DECLINE',
  EXPIRE: 'EXPIRE',
  REVISE: 'REVISE',
} as const;
export type QuoteAction = (typeof QuoteAction)[keyof typeof QuoteAction];

/** engine action -> schema action, complete by type. */
export const QUOTE_ACTION_NAMES: { [A in EngineQuoteAction]: QuoteAction } = {
  edit: 'EDIT',
  submitForApproval: 'SUBMIT_FOR_APPROVAL',
  withdraw: 'WITHDRAW',
  approve: 'APPROVE',
  reject: 'REJECT',
  send: 'SEND',
  accept: 'ACCEPT',
  decline: 'DECLINE',
  expire: 'EXPIRE',
  revise: 'REVISE',
};

registerEnumType(QuoteAction, {
  name: 'QuoteAction',
  description: 'A step of the quote lifecycle (what allowedActions offers, what an event records).',
});

/** What a quote event records: a lifecycle step, or a change of a draft. */
export const QuoteEventKind = {
  CREATED: 'CREATED',
  EDITED: 'EDITED',
  SUBMITTED_FOR_APPROVAL: 'SUBMITTED_FOR_APPROVAL',
  WITHDRAWN: 'WITHDRAWN',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  SENT: 'SENT',
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  EXPIRED: 'EXPIRED',
  REVISED: 'REVISED',
  REVISION_CREATED: 'REVISION_CREATED',
} as const;
export type QuoteEventKind = (typeof QuoteEventKind)[keyof typeof QuoteEventKind];

registerEnumType(QuoteEventKind, {
  name: 'QuoteEventKind',
  description:
    'What happened to a quote revision: a lifecycle step (fromStatus and toStatus set) or a change of a draft (EDITED).',
});

/** A manager's decision on a quote revision. */
export const ApprovalDecision = { APPROVED: 'APPROVED', REJECTED: 'REJECTED' } as const;
export type ApprovalDecision = (typeof ApprovalDecision)[keyof typeof ApprovalDecision];

registerEnumType(ApprovalDecision, {
  name: 'ApprovalDecision',
  description: "A sales manager's decision on a quote's content.",
});

/** What an approval rule looks at. */
export const ApprovalRuleKind = {
  DISCOUNT_ABOVE: 'DISCOUNT_ABOVE',
  MARGIN_BELOW: 'MARGIN_BELOW',
  TOTAL_ABOVE: 'TOTAL_ABOVE',
} as const;
export type ApprovalRuleKind = (typeof ApprovalRuleKind)[keyof typeof ApprovalRuleKind];

registerEnumType(ApprovalRuleKind, {
  name: 'ApprovalRuleKind',
  description:
    'DISCOUNT_ABOVE: a line or quote discount above a percentage; MARGIN_BELOW: a line or quote margin below a percentage; TOTAL_ABOVE: a quote total above an amount in one currency.',
});

/** Whether a percentage rule looks at each line or at the quote as a whole. */
export const ApprovalRuleScope = { LINE: 'LINE', QUOTE: 'QUOTE' } as const;
export type ApprovalRuleScope = (typeof ApprovalRuleScope)[keyof typeof ApprovalRuleScope];

registerEnumType(ApprovalRuleScope, {
  name: 'ApprovalRuleScope',
  description: 'LINE: each line on its own; QUOTE: the quote as a whole.',
});

/**
 * Whether a quote's prices include tax (GROSS) or have it added (NET): the price lists' own enum
 * (PriceMode in the schema), one name for one idea.
 */
export { PriceMode as PriceBasis } from '../graphql/model-enums.js';
