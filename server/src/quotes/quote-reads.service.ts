import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { tokenHash } from '../accounts/session.service.js';
import type { Clock } from '../db/clock.js';
import { type ApprovalRule, addCalendarDays, QUOTE_STATUSES } from '../engine/index.js';
import { badInput } from '../errors.js';
import type { ApprovalRuleService } from './approval-rules.service.js';
import { Quote, QuoteApproval, QuoteEvent, QuoteLine } from './quote.entity.js';
import type { QuoteStatus } from './quote-enums.js';
import { figuresOf, type QuoteFigures } from './quote-figures.js';

/** The statuses a customer sees a revision in: it was sent to them. */
export const SENT_STATUSES: readonly QuoteStatus[] = [
  'SENT',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'SUPERSEDED',
];

export const DEFAULT_QUOTE_PAGE_SIZE = 20;

export interface QuoteFilter {
  /** Left out: every status but SUPERSEDED (the revisions that are current). */
  status?: QuoteStatus | null;
  accountId?: number | null;
  /** The rep who made the quote, by their audit name (their e-mail). */
  createdBy?: string | null;
  /** SENT quotes whose validity ends within this many days from today (0: today). */
  expiringWithinDays?: number | null;
  /** Changed at or after this instant. */
  updatedSince?: Date | null;
  /** Created at or after `from`, before `to`. */
  createdBetween?: { from?: Date | null; to?: Date | null } | null;
}

/** A revision with its lines (in order) and its figures. */
export interface QuoteWithFigures {
  quote: Quote;
  lines: QuoteLine[];
  figures: QuoteFigures;
}

export interface PipelineEntry {
  status: QuoteStatus;
  currency: string;
  currencyDigits: number;
  count: number;
  /** The sum of the quotes' totals (after discounts, before tax), minor units. */
  totalMinor: number;
}

export interface QuotePage {
  quotes: QuoteWithFigures[];
  hasNextPage: boolean;
  totalCount: number;
  /** Every quote the filter matches (not only this page): count and value by status and currency. */
  pipeline: PipelineEntry[];
}

/**
 * An opaque cursor: the revision's createdAt (ms) and id. The page after it starts at the first revision after
 * that place in the order (createdAt, id descending), whether or not that revision still matches: revisions
 * created or changed meanwhile never make a page repeat or skip one.
 */
export function encodeQuoteCursor(quote: Quote): string {
  return Buffer.from(`quote:${quote.createdAt.getTime()}:${quote.id}`).toString('base64url');
}

function decodeQuoteCursor(cursor: string): { createdAt: number; id: number } | null {
  const match = /^quote:(\d{1,15}):([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { createdAt: Number(match[1]), id } : null;
}

/** Reading quotes: lists with their pipeline, one revision, the approval queue, a customer's link and quotes. */
export class QuoteReads {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly rules: ApprovalRuleService,
  ) {}

  /**
   * Revisions newest first, `first` after the cursor `after`, and the pipeline of everything the filter
   * matches: every matching revision and its lines are read to count the pipeline's values (a sales team's
   * open quotes, hundreds, not millions), and the page is cut from them.
   */
  async list(
    filter: QuoteFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<QuotePage> {
    const size = first ?? DEFAULT_QUOTE_PAGE_SIZE;
    const where = this.filterOf(filter);
    const matching = await this.em.find(Quote, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      populate: ['account'],
    });
    let start = 0;
    if (after !== null && after !== undefined) {
      const from = decodeQuoteCursor(after);
      if (!from) throw badInput('after', `'after' is not a cursor of this list: '${after}'`);
      const next = matching.findIndex((quote) => {
        const createdAt = quote.createdAt.getTime();
        return createdAt < from.createdAt || (createdAt === from.createdAt && quote.id < from.id);
      });
      start = next < 0 ? matching.length : next;
    }
    const withFigures = await this.withFigures(matching);
    return {
      quotes: withFigures.slice(start, start + size),
      hasNextPage: withFigures.length > start + size,
      totalCount: matching.length,
      pipeline: pipelineOf(withFigures),
    };
  }

  private filterOf(filter: QuoteFilter): FilterQuery<Quote> {
    const and: FilterQuery<Quote>[] = [
      filter.status ? { status: filter.status } : { status: { $ne: 'SUPERSEDED' } },
    ];
    if (filter.accountId != null) and.push({ account: filter.accountId });
    if (filter.createdBy) and.push({ createdBy: filter.createdBy.trim().toLowerCase() });
    if (filter.expiringWithinDays != null) {
      const today = this.clock.today();
      and.push({
        status: 'SENT',
        validUntil: { $gte: today, $lte: addCalendarDays(today, filter.expiringWithinDays) },
      });
    }
    if (filter.updatedSince) and.push({ updatedAt: { $gte: filter.updatedSince } });
    if (filter.createdBetween?.from) and.push({ createdAt: { $gte: filter.createdBetween.from } });
    if (filter.createdBetween?.to) and.push({ createdAt: { $lt: filter.createdBetween.to } });
    return { $and: and };
  }

  async byId(id: number): Promise<QuoteWithFigures | null> {
    const quote = await this.em.findOne(Quote, { id }, { populate: ['account'] });
    return quote ? (await this.withFigures([quote]))[0]! : null;
  }

  async byReference(reference: string): Promise<QuoteWithFigures | null> {
    const quote = await this.em.findOne(Quote, { reference }, { populate: ['account'] });
    return quote ? (await this.withFigures([quote]))[0]! : null;
  }

  /** Quotes waiting for a sales manager, oldest request first. */
  async approvalQueue(): Promise<QuoteWithFigures[]> {
    const quotes = await this.em.find(
      Quote,
      { status: 'PENDING_APPROVAL' },
      { orderBy: { id: 'asc' }, populate: ['account'] },
    );
    return this.withFigures(quotes);
  }

  /**
   * What a customer's link opens: the latest sent revision of its quote, and the revision the link was made
   * for (to say what changed since). Null for a token that opens nothing.
   */
  async forToken(token: string): Promise<{ latest: QuoteWithFigures; linked: QuoteWithFigures } | null> {
    const linked = await this.em.findOne(
      Quote,
      { customerTokenHash: tokenHash(token) },
      { populate: ['account'] },
    );
    if (!linked) return null;
    const latest =
      (await this.em.findOne(
        Quote,
        { number: linked.number, sentAt: { $ne: null } },
        { orderBy: { revision: 'desc' }, populate: ['account'] },
      )) ?? linked;
    const [latestFigures, linkedFigures] = await this.withFigures(
      latest === linked ? [latest] : [latest, linked],
    );
    return { latest: latestFigures!, linked: linkedFigures ?? latestFigures! };
  }

  /** An account's quotes as its customers see them: the latest sent revision of each, newest first. */
  async ofAccount(accountId: number): Promise<QuoteWithFigures[]> {
    const sent = await this.em.find(
      Quote,
      { account: accountId, sentAt: { $ne: null } },
      { orderBy: { number: 'desc', revision: 'desc' }, populate: ['account'] },
    );
    const latest = new Map<string, Quote>();
    for (const quote of sent) if (!latest.has(quote.number)) latest.set(quote.number, quote);
    return this.withFigures([...latest.values()]);
  }

  /** Every revision of a quote's number, first to last. */
  async revisionsOf(number: string): Promise<Quote[]> {
    return this.em.find(Quote, { number }, { orderBy: { revision: 'asc' } });
  }

  /** The revision before this one, with its lines; null for a first revision. */
  async previous(quote: Quote): Promise<{ quote: Quote; lines: QuoteLine[] } | null> {
    if (quote.revision <= 1) return null;
    const previous = await this.em.findOne(Quote, { number: quote.number, revision: quote.revision - 1 });
    if (!previous) return null;
    return { quote: previous, lines: (await this.linesOf([previous])).get(previous.id) ?? [] };
  }

  async events(quoteId: number): Promise<QuoteEvent[]> {
    return this.em.find(QuoteEvent, { quote: quoteId }, { orderBy: { at: 'asc', id: 'asc' } });
  }

  async approvals(quoteId: number): Promise<QuoteApproval[]> {
    return this.em.find(QuoteApproval, { quote: quoteId }, { orderBy: { at: 'asc', id: 'asc' } });
  }

  /** Revisions with their lines and figures, in the order given (one query for all the lines). */
  async withFigures(quotes: readonly Quote[]): Promise<QuoteWithFigures[]> {
    const rules: ApprovalRule[] = await this.rules.activeRules();
    const lines = await this.linesOf(quotes);
    return quotes.map((quote) => {
      const own = lines.get(quote.id) ?? [];
      return { quote, lines: own, figures: figuresOf(quote, own, rules) };
    });
  }

  private async linesOf(quotes: readonly Quote[]): Promise<Map<number, QuoteLine[]>> {
    const byQuote = new Map<number, QuoteLine[]>();
    if (quotes.length === 0) return byQuote;
    const lines = await this.em.find(
      QuoteLine,
      { quote: { $in: quotes.map((quote) => quote.id) } },
      { orderBy: { position: 'asc' }, populate: ['modelVersion'] },
    );
    for (const line of lines) {
      const id = line.quote.id;
      byQuote.set(id, [...(byQuote.get(id) ?? []), line]);
    }
    return byQuote;
  }
}

/** Count and value by status and currency (never summed across currencies), in lifecycle then currency order. */
function pipelineOf(quotes: readonly QuoteWithFigures[]): PipelineEntry[] {
  const entries = new Map<string, PipelineEntry>();
  for (const { quote, figures } of quotes) {
    const key = `${quote.status}|${quote.currency}`;
    const entry = entries.get(key) ?? {
      status: quote.status,
      currency: quote.currency,
      currencyDigits: quote.currencyDigits,
      count: 0,
      totalMinor: 0,
    };
    entry.count += 1;
    entry.totalMinor += figures.totals.totalMinor;
    entries.set(key, entry);
  }
  const order = (status: QuoteStatus) => QUOTE_STATUSES.indexOf(status);
  return [...entries.values()].sort((a, b) =>
    a.status === b.status ? a.currency.localeCompare(b.currency) : order(a.status) - order(b.status),
  );
}
