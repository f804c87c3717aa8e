/**
 * Quotes in words, for the sales workspace and the customer's quote page: statuses, actions, percentages,
 * validity, in the reader's language (messages `sales` and `quote`; dates and numbers through
 * i18n/format.ts). The server decides everything (lifecycle, totals, approvals); this file only says it.
 */
import { i18n } from '../../i18n';
import { formatDay, formatPercent as formatPercentOf } from '../../i18n/format';
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

/**
 * A status in words: staff read `sales.status`; the customer (who only ever sees a quote sent to them)
 * reads `quote.status`, else the staff's word; a status the client does not know yet, humanised.
 */
export function statusLabel(status: string, audience: 'staff' | 'customer' = 'staff'): string {
  const { t, te } = i18n.global;
  if (audience === 'customer' && te(`quote.status.${status}`)) return t(`quote.status.${status}`);
  if (te(`sales.status.${status}`)) return t(`sales.status.${status}`);
  return humanise(status.toLowerCase());
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

/** "12.50" -> "12.5%" (de: "12,5 %"); null or empty -> "–". Exact decimal text, never a float. */
export function formatPercent(percent: string | null | undefined): string {
  if (percent === null || percent === undefined || percent === '') return '–';
  return formatPercentOf(trimZeros(percent));
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
  what: 'discount' | 'tax' = 'discount',
): { ok: true; value: string } | { ok: false; message: string } {
  const { t } = i18n.global;
  const value = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (value === '') return { ok: true, value: '0' };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return { ok: false, message: t('sales.input.percent') };
  if (Number(value) > 100) {
    return {
      ok: false,
      message: t(what === 'tax' ? 'sales.input.taxTooHigh' : 'sales.input.discountTooHigh'),
    };
  }
  return { ok: true, value: trimZeros(value) };
}

/** A quantity typed by a person: a whole number of at least 1 (the configurator's quantity too). */
export function readQuantityInput(
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    return { ok: false, message: i18n.global.t('sales.input.quantity') };
  }
  return { ok: true, value: Number(value) };
}

/** "2026-12-31" -> "31 Dec 2026" in the reader's locale (a calendar date: no time zone may move it). */
export function formatDate(iso: string, locale?: string): string {
  return formatDay(iso, locale);
}

/** Whole days from `today` to `date` (both "YYYY-MM-DD"): 0 on the day itself, negative once past. */
export function daysUntil(date: string, today: string): number {
  const at = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((at(date) - at(today)) / 86_400_000);
}

/** "valid until 31 Dec 2026 (in 3 days)": the validity as a rep reads it, with how long is left. */
export function validityText(validUntil: string, today: string): string {
  const { t } = i18n.global;
  const days = daysUntil(validUntil, today);
  const day = formatDate(validUntil);
  if (days < 0) return t('sales.validity.ago', { day, n: -days }, -days);
  if (days === 0) return t('sales.validity.today', { day });
  return t('sales.validity.in', { day, n: days }, days);
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
    return { ok: false, message: i18n.global.t('sales.input.email') };
  }
  return { ok: true, value };
}
