/**
 * Quotes in words, for the sales workspace and the customer's quote page: statuses, actions, percentages,
 * validity. The server decides everything (lifecycle, totals, approvals); this file only says it.
 */
import { humanise } from '../orders/format';

/** How long after the rep's last keystroke an edit of the quote goes to the server (the editor's live totals). */
export const QUOTE_EDIT_DELAY_MS = 400;

/** The quote's statuses in their lifecycle's order (the pipeline and the status filter use it). */
export const QUOTE_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'SENT',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'SUPERSEDED',
] as const;

const STAFF_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  PENDING_APPROVAL: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  SENT: 'Sent',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  EXPIRED: 'Expired',
  SUPERSEDED: 'Superseded',
};

/** What the customer reads: they only ever see a quote that was sent to them. */
const CUSTOMER_LABELS: Record<string, string> = {
  SENT: 'Open',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  EXPIRED: 'Expired',
  SUPERSEDED: 'Replaced by a newer version',
};

export function statusLabel(status: string, audience: 'staff' | 'customer' = 'staff'): string {
  const labels = audience === 'customer' ? CUSTOMER_LABELS : STAFF_LABELS;
  return labels[status] ?? STAFF_LABELS[status] ?? humanise(status.toLowerCase());
}

/** The badge's modifier class: one colour per outcome (open, waiting, won, lost). */
export function statusTone(status: string): 'open' | 'waiting' | 'won' | 'lost' | 'neutral' {
  switch (status) {
    case 'DRAFT':
    case 'APPROVED':
    case 'SENT':
      return 'open';
    case 'PENDING_APPROVAL':
      return 'waiting';
    case 'ACCEPTED':
      return 'won';
    case 'REJECTED':
    case 'DECLINED':
    case 'EXPIRED':
      return 'lost';
    default:
      return 'neutral';
  }
}

/** "12.5" -> "12.5 %"; null or empty -> "–". Exact decimal text, never a float. */
export function formatPercent(percent: string | null | undefined): string {
  if (percent === null || percent === undefined || percent === '') return '–';
  return `${trimZeros(percent)} %`;
}

/** "10.00" -> "10", "12.50" -> "12.5": a percentage as a person types it. */
export function trimZeros(decimal: string): string {
  if (!decimal.includes('.')) return decimal;
  const trimmed = decimal.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * A percentage typed by a person, checked before it is sent: an exact decimal from 0 to 100 with at most
 * two decimals ("12,5" is read as 12.5). Answers the text to send, or the problem in words.
 */
export function readPercentInput(
  text: string,
  what = 'A discount',
): { ok: true; value: string } | { ok: false; message: string } {
  const value = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (value === '') return { ok: true, value: '0' };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) {
    return { ok: false, message: 'Give a percentage such as 5 or 12.5 (at most two decimals).' };
  }
  if (Number(value) > 100) return { ok: false, message: `${what} cannot be more than 100 %.` };
  return { ok: true, value: trimZeros(value) };
}

/** A quantity typed by a person: a whole number of at least 1 (the configurator's quantity too). */
export function readQuantityInput(
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    return { ok: false, message: 'Give a whole number of at least 1.' };
  }
  return { ok: true, value: Number(value) };
}

/** "2026-12-31" -> "31 Dec 2026" (a calendar date: no time zone may move it). */
export function formatDate(iso: string, locale = 'en-GB'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Whole days from `today` to `date` (both "YYYY-MM-DD"): 0 on the day itself, negative once past. */
export function daysUntil(date: string, today: string): number {
  const at = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((at(date) - at(today)) / 86_400_000);
}

/** "valid until 31 Dec 2026 (in 3 days)": the validity as a rep reads it, with how long is left. */
export function validityText(validUntil: string, today: string): string {
  const days = daysUntil(validUntil, today);
  const left =
    days < 0
      ? `${-days} ${-days === 1 ? 'day' : 'days'} ago`
      : days === 0
        ? 'last day today'
        : `in ${days} ${days === 1 ? 'day' : 'days'}`;
  return `${formatDate(validUntil)} (${left})`;
}

/** Today as "YYYY-MM-DD" in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A feature's chosen options in words: "Top: Oak; Accessories: Cable tray, Drawer". */
export function optionsInWords(options: readonly { feature: string; value: string }[]): string {
  const byFeature = new Map<string, string[]>();
  for (const option of options) {
    const values = byFeature.get(option.feature) ?? [];
    values.push(option.value);
    byFeature.set(option.feature, values);
  }
  return [...byFeature].map(([feature, values]) => `${feature}: ${values.join(', ')}`).join('; ');
}

/** An e-mail address typed by a person, checked lightly before it is sent (the server checks it fully). */
export function readEmailInput(
  text: string,
): { ok: true; value: string | null } | { ok: false; message: string } {
  const value = text.trim();
  if (value === '') return { ok: true, value: null };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || value.length > 320) {
    return { ok: false, message: 'Give an e-mail address such as buyer@example.com.' };
  }
  return { ok: true, value };
}
