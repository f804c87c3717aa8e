/**
 * Dates, numbers and money for people, in the reader's locale (formatLocale): one place, so every page
 * writes them alike. Amounts arrive as the server writes them, exact decimal text; Intl formats the text
 * itself, so no float ever rounds a price.
 */
import { formatLocale } from './index';

/** What the server writes for money: exact decimal text in major units and its ISO 4217 currency. */
export interface MoneyText {
  amount: string;
  currency: string;
}

function digitsOf(decimal: string): number {
  return decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
}

/** "1170.60" EUR -> "€1,170.60" (en-GB) or "1.170,60 €" (de-DE), with the digits the server wrote. */
export function formatMoney(money: MoneyText, locale = formatLocale.value): string {
  const digits = digitsOf(money.amount);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // Intl's format takes decimal strings exactly; the cast only satisfies older lib typings.
  }).format(money.amount as unknown as number);
}

/** A number or exact decimal text with grouping: 1600 -> "1,600" / "1.600"; "28.5" keeps its digits. */
export function formatNumber(value: number | string, locale = formatLocale.value): string {
  const text = String(value);
  const digits = digitsOf(text);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(text as unknown as number);
}

/** A percentage given as a number of percent: 19 -> "19%" / "19 %". */
export function formatPercent(percent: number | string, locale = formatLocale.value): string {
  const text = String(percent);
  const digits = digitsOf(text);
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(text) / 100);
}

/** A calendar day (YYYY-MM-DD) as written in the locale: "15 Dec 2026"; never shifted by a time zone. */
export function formatDay(day: string | null | undefined, locale = formatLocale.value): string {
  if (!day) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A calendar day with its weekday: "Tuesday, 15 December 2026". */
export function formatLongDay(day: string, locale = formatLocale.value): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(date);
}

/** An instant in the reader's time zone: "7 Dec 2026, 09:30". */
export function formatDateTime(iso: string, locale = formatLocale.value): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Items joined as the language joins them: "oak, walnut and ash" / "Eiche, Walnuss und Esche". */
export function formatList(items: readonly string[], locale = formatLocale.value): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A country's name in the reader's language: "DE" -> "Germany" / "Deutschland". */
export function countryName(code: string, locale = formatLocale.value): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
