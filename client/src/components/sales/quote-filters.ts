/**
 * The quotes list's filters, kept in the URL so that a filtered list can be bookmarked and shared:
 *   /sales/quotes?status=SENT,PENDING_APPROVAL&account=12&rep=3&expiring=7
 * Anything unreadable in the URL (an unknown status, a negative number) is left out rather than refused:
 * the list then shows more, never an error page.
 */

export interface QuoteFilters {
  /** Any of these statuses; empty: every status. */
  statuses: string[];
  accountId: number | null;
  /** The rep (user id) who owns the quote. */
  repId: number | null;
  /** Sent quotes whose validity ends within this many days from today (0: today). */
  expiringWithinDays: number | null;
}

export const NO_FILTERS: QuoteFilters = {
  statuses: [],
  accountId: null,
  repId: null,
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
  const statusText = first(query.status);
  const statuses = statusText
    ? [...new Set(statusText.split(',').map((s) => s.trim().toUpperCase()))].filter((s) => known.includes(s))
    : [];
  const daysText = first(query.expiring);
  const days = daysText !== null && /^\d{1,3}$/.test(daysText) ? Number(daysText) : null;
  return {
    statuses,
    accountId: positiveId(query.account),
    repId: positiveId(query.rep),
    expiringWithinDays: days !== null && days <= MAX_EXPIRING_DAYS ? days : null,
  };
}

export function filtersToQuery(filters: QuoteFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.statuses.length > 0) query.status = filters.statuses.join(',');
  if (filters.accountId !== null) query.account = String(filters.accountId);
  if (filters.repId !== null) query.rep = String(filters.repId);
  if (filters.expiringWithinDays !== null) query.expiring = String(filters.expiringWithinDays);
  return query;
}

export function hasFilters(filters: QuoteFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.accountId !== null ||
    filters.repId !== null ||
    filters.expiringWithinDays !== null
  );
}
