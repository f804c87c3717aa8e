/**
 * The quotes list's filters, kept in the URL so that a filtered list can be bookmarked and shared:
 *   /sales/quotes?status=SENT&account=12&rep=sales@demo.example&expiring=7
 * Anything unreadable in the URL (an unknown status, a negative number) is left out rather than refused:
 * the list then shows more, never an error page.
 */

export interface QuoteFilters {
  /** One status; null: every status (but superseded revisions). */
  status: string | null;
  accountId: number | null;
  /** The rep who made the quote, by e-mail (QuoteFilterInput.createdBy). */
  rep: string | null;
  /** Sent quotes whose validity ends within this many days from today (0: today). */
  expiringWithinDays: number | null;
}

export const NO_FILTERS: QuoteFilters = {
  status: null,
  accountId: null,
  rep: null,
  expiringWithinDays: null,
};

/** The most days "expiring within" may ask for (a year): more says nothing a rep would use. */
export const MAX_EXPIRING_DAYS = 366;

function first(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function positiveId(raw: unknown): number | null {
  const text = first(raw);
  if (text === null || !/^\d{1,9}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 ? id : null;
}

export function filtersFromQuery(query: Record<string, unknown>, known: readonly string[]): QuoteFilters {
  const status = first(query.status)?.toUpperCase() ?? null;
  const daysText = first(query.expiring);
  const days = daysText !== null && /^\d{1,3}$/.test(daysText) ? Number(daysText) : null;
  const rep = first(query.rep);
  return {
    status: status !== null && known.includes(status) ? status : null,
    accountId: positiveId(query.account),
    rep: rep !== null && rep.length <= 320 ? rep.toLowerCase() : null,
    expiringWithinDays: days !== null && days <= MAX_EXPIRING_DAYS ? days : null,
  };
}

export function filtersToQuery(filters: QuoteFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.status !== null) query.status = filters.status;
  if (filters.accountId !== null) query.account = String(filters.accountId);
  if (filters.rep !== null) query.rep = filters.rep;
  if (filters.expiringWithinDays !== null) query.expiring = String(filters.expiringWithinDays);
  return query;
}

export function hasFilters(filters: QuoteFilters): boolean {
  return (
    filters.status !== null ||
    filters.accountId !== null ||
    filters.rep !== null ||
    filters.expiringWithinDays !== null
  );
}
