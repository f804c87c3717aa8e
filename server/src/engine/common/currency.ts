/**
 * Digits of each currency's minor unit, from ISO 4217 (List One, "Minor unit" column, maintained by
 * SIX on behalf of ISO). A small table rather than a package (`currency-codes` holds every code, with
 * countries we do not need): the engine imports only its four libraries, and a currency missing here
 * is refused by name rather than priced with a guessed number of decimals.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  AUD: 2,
  BHD: 3,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HUF: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  TND: 3,
  USD: 2,
};

/** Digits of an ISO 4217 currency's minor unit; undefined for a currency this table does not know. */
export function currencyMinorUnits(currency: string): number | undefined {
  return Object.hasOwn(CURRENCY_MINOR_UNITS, currency) ? CURRENCY_MINOR_UNITS[currency] : undefined;
}
