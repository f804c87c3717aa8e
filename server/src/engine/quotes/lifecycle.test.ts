import { describe, expect, it } from 'vitest';
import { defaultValidUntil, isExpired } from './expiry.js';
import {
  allowedActions,
  QUOTE_ACTIONS,
  QUOTE_STATUSES,
  type QuoteAction,
  type QuoteFacts,
  type QuoteStatus,
  transition,
} from './lifecycle.js';

/** A rep's quote, valid through 31 March, with two lines, needing no approval. */
const rep: QuoteFacts = {
  actor: 'rep',
  today: '2026-03-10',
  validUntil: '2026-03-31',
  lineCount: 2,
  approvalNeeded: false,
  revision: 3,
  approvedRevision: null,
};

/** For each action, facts under which its guard holds and the right person acts. */
const FACTS_FOR: Record<QuoteAction, QuoteFacts> = {
  edit: rep,
  submitForApproval: { ...rep, approvalNeeded: true },
  withdraw: rep,
  approve: { ...rep, actor: 'manager' },
  reject: { ...rep, actor: 'manager', comment: 'Ten percent at most.' },
  send: rep,
  accept: { ...rep, actor: 'customer' },
  decline: { ...rep, actor: 'customer' },
  expire: { ...rep, actor: 'system', today: '2026-04-01' },
  revise: rep,
};

/** The statuses each action may start from, and where it leads (when every guard holds). */
const ALLOWED: Record<QuoteAction, Partial<Record<QuoteStatus, QuoteStatus>>> = {
  edit: { DRAFT: 'DRAFT', APPROVED: 'DRAFT', REJECTED: 'DRAFT' },
  submitForApproval: { DRAFT: 'PENDING_APPROVAL' },
  withdraw: { PENDING_APPROVAL: 'DRAFT' },
  approve: { PENDING_APPROVAL: 'APPROVED' },
  reject: { PENDING_APPROVAL: 'REJECTED' },
  send: { DRAFT: 'SENT', APPROVED: 'SENT' },
  accept: { SENT: 'ACCEPTED' },
  decline: { SENT: 'DECLINED' },
  expire: { SENT: 'EXPIRED' },
  revise: { SENT: 'SUPERSEDED', EXPIRED: 'SUPERSEDED', DECLINED: 'SUPERSEDED' },
};

const pairs = QUOTE_STATUSES.flatMap((status) => QUOTE_ACTIONS.map((action) => [status, action] as const));

describe('the quote lifecycle', () => {
  it('covers every status and action', () => {
    expect(pairs).toHaveLength(9 * 10);
  });

  it.each(pairs)(
    '%s, %s: allowed ones lead to their status, the others are refused with a message',
    (status, action) => {
      const result = transition(status, action, FACTS_FOR[action]);
      const to = ALLOWED[action][status];
      if (to) {
        expect(result).toEqual(action === 'revise' ? { ok: true, to, creates: 'DRAFT' } : { ok: true, to });
      } else {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.code).toBe('NOT_ALLOWED_IN_STATUS');
        expect(result.message).toMatch(/^A quote that is .+ cannot .+\.$/);
      }
    },
  );

  it('a refusal says what can happen to the quote instead', () => {
    expect(transition('SENT', 'approve', FACTS_FOR.approve)).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_IN_STATUS',
      message:
        'A quote that is sent cannot be approved: only a quote that is pending approval can. What can happen to it now: accept, decline, expire, revise.',
    });
    expect(transition('ACCEPTED', 'revise', rep)).toMatchObject({
      message:
        'A quote that is accepted cannot be revised: only a quote that is sent or expired or declined can. Nothing more can happen to it.',
    });
    expect(transition('SUPERSEDED', 'accept', FACTS_FOR.accept)).toMatchObject({
      message:
        'A quote that is superseded by a later revision cannot be accepted: only a quote that is sent can. Nothing more can happen to it.',
    });
  });

  it('a sent quote cannot be changed, only revised; one pending approval is withdrawn first', () => {
    expect(transition('SENT', 'edit', rep)).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
      message:
        'A quote that is sent cannot be changed: a sent quote is kept as the customer saw it. Revise it: the next revision starts as a draft.',
    });
    expect(transition('PENDING_APPROVAL', 'edit', rep)).toMatchObject({
      message:
        'A quote that is pending approval cannot be changed while a manager looks at it. Withdraw it from approval first.',
    });
    expect(transition('SENT', 'revise', rep)).toEqual({ ok: true, to: 'SUPERSEDED', creates: 'DRAFT' });
  });

  it('only a sales manager approves or rejects, and a rejection needs a comment', () => {
    expect(transition('PENDING_APPROVAL', 'approve', rep)).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_FOR_ACTOR',
      message: 'A quote cannot be approved by a sales rep: only by a sales manager.',
    });
    expect(transition('PENDING_APPROVAL', 'reject', { ...rep, actor: 'manager' })).toEqual({
      ok: false,
      code: 'COMMENT_REQUIRED',
      message: 'A rejection needs a comment: say what the rep should change.',
    });
    expect(
      transition('PENDING_APPROVAL', 'reject', { ...rep, actor: 'manager', comment: '  ' }),
    ).toMatchObject({
      code: 'COMMENT_REQUIRED',
    });
  });

  it('the customer only accepts or declines; only the system expires a quote', () => {
    const customer = { ...rep, actor: 'customer' as const };
    expect(allowedActions('SENT', customer)).toEqual(['accept', 'decline']);
    expect(allowedActions('DRAFT', customer)).toEqual([]);
    expect(transition('SENT', 'revise', customer)).toMatchObject({
      code: 'NOT_ALLOWED_FOR_ACTOR',
      message: 'A quote cannot be revised by the customer: only by a sales rep or a sales manager.',
    });
    expect(transition('SENT', 'expire', { ...rep, today: '2026-04-01' })).toMatchObject({
      code: 'NOT_ALLOWED_FOR_ACTOR',
    });
    // A rep accepts on the customer's behalf (the server records it as such).
    expect(transition('SENT', 'accept', rep)).toEqual({ ok: true, to: 'ACCEPTED' });
  });

  it('a quote needing approval cannot be sent before a manager approves exactly this revision', () => {
    const needs = { ...rep, approvalNeeded: true };
    expect(transition('DRAFT', 'send', needs)).toEqual({
      ok: false,
      code: 'APPROVAL_REQUIRED',
      message: "The quote needs a sales manager's approval before it can be sent. Submit it for approval.",
    });
    expect(allowedActions('DRAFT', needs)).toEqual(['edit', 'submitForApproval']);
    expect(transition('APPROVED', 'send', { ...needs, approvedRevision: 3 })).toEqual({
      ok: true,
      to: 'SENT',
    });
    // Approved at revision 3, changed since: the approval does not carry over.
    expect(transition('APPROVED', 'send', { ...needs, approvedRevision: 3, revision: 4 })).toEqual({
      ok: false,
      code: 'APPROVAL_REQUIRED',
      message:
        'The quote changed after it was approved (approved: 3, now: 4), and an approval holds for exactly the revision approved. Submit it for approval again.',
    });
    expect(transition('DRAFT', 'send', { ...needs, approvedRevision: 3, revision: 4 })).toMatchObject({
      code: 'APPROVAL_REQUIRED',
    });
    // Edited back under every rule's threshold: no approval is needed any more.
    expect(transition('DRAFT', 'send', { ...rep, approvedRevision: 3, revision: 4 })).toEqual({
      ok: true,
      to: 'SENT',
    });
  });

  it('a quote no rule flags is sent, not submitted for approval', () => {
    expect(transition('DRAFT', 'submitForApproval', rep)).toEqual({
      ok: false,
      code: 'NO_APPROVAL_NEEDED',
      message: 'No approval rule applies to this quote: it needs no approval. Send it.',
    });
    expect(allowedActions('DRAFT', rep)).toEqual(['edit', 'send']);
  });

  it('a quote without lines or past its validity date does not go out', () => {
    expect(transition('DRAFT', 'send', { ...rep, lineCount: 0 })).toEqual({
      ok: false,
      code: 'NO_LINES',
      message: 'A quote without lines cannot go out. Add a line from the configurator first.',
    });
    expect(
      transition('DRAFT', 'submitForApproval', { ...rep, approvalNeeded: true, lineCount: 0 }),
    ).toMatchObject({
      code: 'NO_LINES',
    });
    expect(transition('DRAFT', 'send', { ...rep, validUntil: '2026-03-09' })).toEqual({
      ok: false,
      code: 'VALIDITY_PAST',
      message: 'The quote was valid until 2026-03-09, which has passed. Set a later validity date first.',
    });
    expect(transition('DRAFT', 'send', { ...rep, validUntil: '2026-03-10' })).toEqual({
      ok: true,
      to: 'SENT',
    });
  });

  it('a quote is accepted through its validity date, inclusive, and expires the day after', () => {
    const lastDay = { ...rep, actor: 'customer' as const, today: '2026-03-31' };
    expect(transition('SENT', 'accept', lastDay)).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(transition('SENT', 'expire', { ...lastDay, actor: 'system' })).toEqual({
      ok: false,
      code: 'NOT_YET_EXPIRED',
      message:
        'The quote is valid until 2026-03-31, inclusive: it expires after that day, not on 2026-03-31.',
    });
    const dayAfter = { ...lastDay, today: '2026-04-01' };
    expect(transition('SENT', 'accept', dayAfter)).toEqual({
      ok: false,
      code: 'QUOTE_EXPIRED',
      message: 'The quote was valid until 2026-03-31 and can no longer be accepted. Ask for a new revision.',
    });
    expect(transition('SENT', 'expire', { ...dayAfter, actor: 'system' })).toEqual({
      ok: true,
      to: 'EXPIRED',
    });
    expect(allowedActions('SENT', dayAfter)).toEqual(['decline']);
    // An expired quote is revised by a rep into the next revision.
    expect(allowedActions('EXPIRED', { ...dayAfter, actor: 'rep' })).toEqual(['revise']);
  });

  it('facts the server got wrong are named, not guessed', () => {
    expect(transition('SENT', 'accept', { ...rep, today: '2026-02-30' })).toEqual({
      ok: false,
      code: 'INVALID_FACTS',
      field: 'today',
      message: "today must be a date written YYYY-MM-DD, not '2026-02-30'",
    });
    expect(transition('DRAFT', 'send', { ...rep, lineCount: -1 })).toMatchObject({ field: 'lineCount' });
    expect(transition('DRAFT', 'send', { ...rep, actor: 'robot' as never })).toMatchObject({
      field: 'actor',
    });
    expect(allowedActions('DRAFT', { ...rep, validUntil: 'soon' })).toEqual([]);
  });

  it('what each status offers its people, with every guard holding', () => {
    const manager = { ...rep, actor: 'manager' as const };
    expect(allowedActions('PENDING_APPROVAL', manager)).toEqual(['withdraw', 'approve']);
    expect(allowedActions('PENDING_APPROVAL', { ...manager, comment: 'no' })).toEqual([
      'withdraw',
      'approve',
      'reject',
    ]);
    expect(allowedActions('REJECTED', rep)).toEqual(['edit']);
    expect(allowedActions('APPROVED', rep)).toEqual(['edit', 'send']);
    expect(allowedActions('SENT', rep)).toEqual(['accept', 'decline', 'revise']);
    expect(allowedActions('DECLINED', rep)).toEqual(['revise']);
    for (const status of ['ACCEPTED', 'SUPERSEDED'] as const)
      for (const actor of ['rep', 'manager', 'customer', 'system'] as const)
        expect(allowedActions(status, { ...rep, actor })).toEqual([]);
  });
});

describe('a quote’s validity', () => {
  it('is valid through its validity date, inclusive', () => {
    expect(isExpired('2026-03-31', '2026-03-30')).toBe(false);
    expect(isExpired('2026-03-31', '2026-03-31')).toBe(false);
    expect(isExpired('2026-03-31', '2026-04-01')).toBe(true);
    expect(isExpired('2025-12-31', '2026-01-01')).toBe(true);
  });

  it('refuses text that is not a date, naming it', () => {
    expect(() => isExpired('31/03/2026', '2026-03-01')).toThrow("validUntil '31/03/2026' is not a date");
    expect(() => isExpired('2026-03-31', '2026-13-01')).toThrow("today '2026-13-01' is not a date");
  });

  it('a new quote is valid for the set number of calendar days', () => {
    expect(defaultValidUntil('2026-02-10', 30)).toBe('2026-03-12');
    expect(defaultValidUntil('2024-02-10', 30)).toBe('2024-03-11');
    expect(() => defaultValidUntil('2026-02-10', -1)).toThrow(RangeError);
  });
});
