/**
 * The quote lifecycle as a pure state machine: which action takes a quote from which status to which,
 * who may take it, and the facts each step needs (approval, validity, lines). The server records every
 * transition as an event (who, when, why); this file only decides.
 *
 * ```
 * DRAFT -edit-> DRAFT                       APPROVED | REJECTED -edit-> DRAFT (an approval no longer holds)
 * DRAFT -submitForApproval (a rule needs approval)-> PENDING_APPROVAL -withdraw-> DRAFT
 * PENDING_APPROVAL -approve (manager)-> APPROVED     PENDING_APPROVAL -reject (manager, comment)-> REJECTED
 * DRAFT (no approval needed) | APPROVED (approved for exactly this revision) -send (valid, has lines)-> SENT
 * SENT -accept (not expired; customer, or a rep on their behalf)-> ACCEPTED    SENT -decline-> DECLINED
 * SENT -expire (system, past the validity date)-> EXPIRED
 * SENT | EXPIRED | DECLINED -revise-> SUPERSEDED, and the server creates the next revision as a DRAFT
 * ```
 *
 * A sent quote is immutable: it changes only by revision. Before sending, a quote is edited in place, and
 * `revision` in the facts is whatever identifies its content now (an edit counter or a digest of lines,
 * discounts, validity and terms): an approval holds for exactly the revision approved.
 */

import { type IsoDate, isIsoDate } from '../fulfilment/calendar.js';
import { isExpired } from './expiry.js';

export type QuoteStatus =
  | 'DRAFT'
  | 'PENDING_APPROVAL'
  | 'APPROVED'
  | 'REJECTED'
  | 'SENT'
  | 'ACCEPTED'
  | 'DECLINED'
  | 'EXPIRED'
  | 'SUPERSEDED';

export type QuoteAction =
  | 'edit'
  | 'submitForApproval'
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'send'
  | 'accept'
  | 'decline'
  | 'expire'
  | 'revise';

/** Who acts: a sales rep, a sales manager, the customer (on the quote's page), or the system (expiry). */
export type QuoteActor = 'rep' | 'manager' | 'customer' | 'system';

export const QUOTE_STATUSES: readonly QuoteStatus[] = [
  'DRAFT',
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'SENT',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'SUPERSEDED',
];

export const QUOTE_ACTIONS: readonly QuoteAction[] = [
  'edit',
  'submitForApproval',
  'withdraw',
  'approve',
  'reject',
  'send',
  'accept',
  'decline',
  'expire',
  'revise',
];

export const QUOTE_ACTORS: readonly QuoteActor[] = ['rep', 'manager', 'customer', 'system'];

/** What the guards look at, read by the server from the quote, its approval and the person acting. */
export interface QuoteFacts {
  actor: QuoteActor;
  today: IsoDate;
  /** valid through this date, inclusive (`isExpired`) */
  validUntil: IsoDate;
  lineCount: number;
  /** whether some approval rule triggers on the quote as it is now (`approvalsNeeded`) */
  approvalNeeded: boolean;
  /** what identifies the quote's content now */
  revision: string | number;
  /** the revision a manager approved, if any */
  approvedRevision: string | number | null;
  /** the reason given with the action (a rejection needs one) */
  comment?: string;
}

export type QuoteTransitionRefusal =
  | 'NOT_ALLOWED_IN_STATUS'
  | 'NOT_ALLOWED_FOR_ACTOR'
  | 'INVALID_FACTS'
  | 'NO_LINES'
  | 'VALIDITY_PAST'
  | 'APPROVAL_REQUIRED'
  | 'NO_APPROVAL_NEEDED'
  | 'COMMENT_REQUIRED'
  | 'QUOTE_EXPIRED'
  | 'NOT_YET_EXPIRED';

export type QuoteTransitionResult =
  | {
      ok: true;
      to: QuoteStatus;
      /** revise: the server creates the next revision in this status, the old one being superseded */
      creates?: 'DRAFT';
    }
  | { ok: false; code: QuoteTransitionRefusal; message: string; field?: string };

type Refusal = { code: QuoteTransitionRefusal; message: string };

interface Edge {
  from: readonly QuoteStatus[];
  to: QuoteStatus;
  by: readonly QuoteActor[];
  creates?: 'DRAFT';
  /** A refusal when the facts do not allow the step, else null. */
  guard?: (facts: QuoteFacts, status: QuoteStatus) => Refusal | null;
}

const STAFF: readonly QuoteActor[] = ['rep', 'manager'];

const hasLines = (facts: QuoteFacts): Refusal | null =>
  facts.lineCount > 0
    ? null
    : {
        code: 'NO_LINES',
        message: 'A quote without lines cannot go out. Add a line from the configurator first.',
      };

const stillValid = (facts: QuoteFacts): Refusal | null =>
  isExpired(facts.validUntil, facts.today)
    ? {
        code: 'VALIDITY_PAST',
        message: `The quote was valid until ${facts.validUntil}, which has passed. Set a later validity date first.`,
      }
    : null;

const EDGES: Record<QuoteAction, Edge> = {
  edit: { from: ['DRAFT', 'APPROVED', 'REJECTED'], to: 'DRAFT', by: STAFF },
  submitForApproval: {
    from: ['DRAFT'],
    to: 'PENDING_APPROVAL',
    by: STAFF,
    guard: (facts) =>
      hasLines(facts) ??
      stillValid(facts) ??
      (facts.approvalNeeded
        ? null
        : {
            code: 'NO_APPROVAL_NEEDED',
            message: 'No approval rule applies to this quote: it needs no approval. Send it.',
          }),
  },
  withdraw: { from: ['PENDING_APPROVAL'], to: 'DRAFT', by: STAFF },
  approve: { from: ['PENDING_APPROVAL'], to: 'APPROVED', by: ['manager'] },
  reject: {
    from: ['PENDING_APPROVAL'],
    to: 'REJECTED',
    by: ['manager'],
    guard: (facts) =>
      facts.comment?.trim()
        ? null
        : {
            code: 'COMMENT_REQUIRED',
            message: 'A rejection needs a comment: say what the rep should change.',
          },
  },
  send: {
    from: ['DRAFT', 'APPROVED'],
    to: 'SENT',
    by: STAFF,
    guard: (facts, status) => {
      const refused = hasLines(facts) ?? stillValid(facts);
      if (refused) return refused;
      if (!facts.approvalNeeded) return null;
      if (facts.approvedRevision !== null && facts.approvedRevision === facts.revision) return null;
      return {
        code: 'APPROVAL_REQUIRED',
        message:
          status === 'APPROVED' || facts.approvedRevision !== null
            ? `The quote changed after it was approved (approved: ${facts.approvedRevision}, now: ${facts.revision}), and an approval holds for exactly the revision approved. Submit it for approval again.`
            : "The quote needs a sales manager's approval before it can be sent. Submit it for approval.",
      };
    },
  },
  accept: {
    from: ['SENT'],
    to: 'ACCEPTED',
    by: ['customer', 'rep', 'manager'],
    guard: (facts) =>
      isExpired(facts.validUntil, facts.today)
        ? {
            code: 'QUOTE_EXPIRED',
            message: `The quote was valid until ${facts.validUntil} and can no longer be accepted. Ask for a new revision.`,
          }
        : null,
  },
  decline: { from: ['SENT'], to: 'DECLINED', by: ['customer', 'rep', 'manager'] },
  expire: {
    from: ['SENT'],
    to: 'EXPIRED',
    by: ['system'],
    guard: (facts) =>
      isExpired(facts.validUntil, facts.today)
        ? null
        : {
            code: 'NOT_YET_EXPIRED',
            message: `The quote is valid until ${facts.validUntil}, inclusive: it expires after that day, not on ${facts.today}.`,
          },
  },
  revise: { from: ['SENT', 'EXPIRED', 'DECLINED'], to: 'SUPERSEDED', by: STAFF, creates: 'DRAFT' },
};

const STATUS_WORDS: Record<QuoteStatus, string> = {
  DRAFT: 'a draft',
  PENDING_APPROVAL: 'pending approval',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  SENT: 'sent',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  EXPIRED: 'expired',
  SUPERSEDED: 'superseded by a later revision',
};

const ACTION_WORDS: Record<QuoteAction, string> = {
  edit: 'be changed',
  submitForApproval: 'be submitted for approval',
  withdraw: 'be withdrawn from approval',
  approve: 'be approved',
  reject: 'be rejected',
  send: 'be sent',
  accept: 'be accepted',
  decline: 'be declined',
  expire: 'expire',
  revise: 'be revised',
};

const ACTOR_WORDS: Record<QuoteActor, string> = {
  rep: 'a sales rep',
  manager: 'a sales manager',
  customer: 'the customer',
  system: 'the system',
};

/** A problem with the facts themselves (the server's mistake, not the person's), naming the field. */
function factsProblem(facts: QuoteFacts): { field: string; message: string } | null {
  if (!QUOTE_ACTORS.includes(facts.actor))
    return {
      field: 'actor',
      message: `actor must be one of ${QUOTE_ACTORS.join(', ')}, not '${facts.actor}'`,
    };
  for (const field of ['today', 'validUntil'] as const)
    if (!isIsoDate(facts[field]))
      return { field, message: `${field} must be a date written YYYY-MM-DD, not '${facts[field]}'` };
  if (!Number.isSafeInteger(facts.lineCount) || facts.lineCount < 0)
    return {
      field: 'lineCount',
      message: `lineCount must be a whole number, 0 or more, not '${facts.lineCount}'`,
    };
  return null;
}

/** One step of the lifecycle: the status the action leads to, or why it cannot be taken now and what to do. */
export function transition(
  status: QuoteStatus,
  action: QuoteAction,
  facts: QuoteFacts,
): QuoteTransitionResult {
  const edge = EDGES[action];
  if (!edge || !QUOTE_STATUSES.includes(status))
    return {
      ok: false,
      code: 'NOT_ALLOWED_IN_STATUS',
      message: `Unknown status or action: ${status}, ${action}`,
    };
  const problem = factsProblem(facts);
  if (problem) return { ok: false, code: 'INVALID_FACTS', ...problem };
  if (!edge.from.includes(status))
    return { ok: false, code: 'NOT_ALLOWED_IN_STATUS', message: notAllowedMessage(status, action) };
  if (!edge.by.includes(facts.actor))
    return {
      ok: false,
      code: 'NOT_ALLOWED_FOR_ACTOR',
      message: `A quote cannot ${ACTION_WORDS[action]} by ${ACTOR_WORDS[facts.actor]}: only by ${edge.by
        .map((actor) => ACTOR_WORDS[actor])
        .join(' or ')}.`,
    };
  const refused = edge.guard?.(facts, status);
  if (refused) return { ok: false, ...refused };
  return edge.creates ? { ok: true, to: edge.to, creates: edge.creates } : { ok: true, to: edge.to };
}

function notAllowedMessage(status: QuoteStatus, action: QuoteAction): string {
  const now = `A quote that is ${STATUS_WORDS[status]} cannot ${ACTION_WORDS[action]}`;
  if (status === 'SENT' && action === 'edit')
    return `${now}: a sent quote is kept as the customer saw it. Revise it: the next revision starts as a draft.`;
  if (status === 'PENDING_APPROVAL' && action === 'edit')
    return `${now} while a manager looks at it. Withdraw it from approval first.`;
  const from = EDGES[action].from.map((s) => STATUS_WORDS[s]).join(' or ');
  const next = QUOTE_ACTIONS.filter((a) => EDGES[a].from.includes(status));
  const hint =
    next.length === 0 ? ' Nothing more can happen to it.' : ` What can happen to it now: ${next.join(', ')}.`;
  return `${now}: only a quote that is ${from} can.${hint}`;
}

/** The actions the quote's page offers this person now: those whose status, actor and guard allow them. */
export function allowedActions(status: QuoteStatus, facts: QuoteFacts): QuoteAction[] {
  if (factsProblem(facts)) return [];
  return QUOTE_ACTIONS.filter((action) => {
    const edge = EDGES[action];
    return edge.from.includes(status) && edge.by.includes(facts.actor) && !edge.guard?.(facts, status);
  });
}
