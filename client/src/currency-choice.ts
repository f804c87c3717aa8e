/**
 * The currency a visitor picked, remembered on this browser (local storage) so that every page they open
 * next (the catalogue, another product) prices in it; the page's URL (`?currency=USD`) names it too, so
 * that a shared link shows the same prices. A signed-in customer's account fixes the currency instead.
 */

/** Where this browser remembers the currency a visitor picked. */
export const CURRENCY_STORAGE_KEY = 'mto.currency';

const CURRENCY = /^[A-Z]{3}$/;

/** An ISO 4217 code as a URL or the storage gives it (three capital letters), else null. */
export function currencyCodeOf(value: unknown): string | null {
  return typeof value === 'string' && CURRENCY.test(value) ? value : null;
}

export function storedCurrency(): string | null {
  try {
    return currencyCodeOf(globalThis.localStorage?.getItem(CURRENCY_STORAGE_KEY) ?? null);
  } catch {
    // Storage may be refused (private mode, a sandbox): the URL still keeps it.
    return null;
  }
}

/** Remembers the currency picked on this browser; null forgets it (the server's default again). */
export function storeCurrency(currency: string | null): void {
  try {
    if (currency) globalThis.localStorage?.setItem(CURRENCY_STORAGE_KEY, currency);
    else globalThis.localStorage?.removeItem(CURRENCY_STORAGE_KEY);
  } catch {
    // Not remembered on this browser; the URL still keeps it.
  }
}
