/**
 * The document's numbers and dates in words, in British English: money by Intl.NumberFormat for its currency
 * (its own minor unit: JPY none, EUR two), dates as "3 December 2026". Intl is handed exact decimal text,
 * never a float, so no amount is ever rounded here.
 */

const LOCALE = 'en-GB';

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    // The narrow symbol ($, not US$): the document says its currency once, at the top of the lines.
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** The currency's minor unit digits as Intl knows them: 2 for EUR, 0 for JPY. */
export function currencyDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units as exact decimal text in major units: 12345, 2 digits -> "123.45". */
export function minorToDecimalText(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return minor < 0 ? `-${major}` : major;
}

/** 123456 USD -> "$1,234.56"; 123456 JPY -> "¥123,456". */
export function formatMoney(minor: number, currency: string): string {
  // Intl.NumberFormat v3 formats a string as the exact decimal it says (typed as number in TS's lib).
  return moneyFormat(currency).format(
    minorToDecimalText(minor, currencyDigits(currency)) as unknown as number,
  );
}

const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 20 });

/** An exact decimal as written for people: "1500" -> "1,500", "2.50" -> "2.5". */
export function formatDecimal(value: string): string {
  return decimalFormat.format(value as unknown as number);
}

/** "12.50" -> "12.5%". */
export function formatPercent(value: string): string {
  return `${formatDecimal(value)}%`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-12-03" -> "3 December 2026": a calendar date, read at UTC so no time zone moves it. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}
