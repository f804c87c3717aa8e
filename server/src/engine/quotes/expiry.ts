/**
 * A quote's validity. A quote is valid through its validity date, inclusive: valid until 2026-03-31
 * can be accepted all day on 31 March and is expired from 1 April. Dates are `YYYY-MM-DD` (the
 * seller's calendar day, decided by the server); "today" is an argument, never the clock.
 */

import { addCalendarDays, type IsoDate, isIsoDate } from '../fulfilment/calendar.js';

/**
 * Whether a quote valid until `validUntil` is expired on `today`: true from the day after the validity
 * date. Throws a RangeError naming the argument for text that is not a date (the server stores dates).
 */
export function isExpired(validUntil: IsoDate, today: IsoDate): boolean {
  if (!isIsoDate(validUntil))
    throw new RangeError(`validUntil '${validUntil}' is not a date written YYYY-MM-DD`);
  if (!isIsoDate(today)) throw new RangeError(`today '${today}' is not a date written YYYY-MM-DD`);
  // YYYY-MM-DD text orders as the dates do.
  return today > validUntil;
}

/** The default validity date of a quote made today: `days` calendar days on (a setting, e.g. 30). */
export function defaultValidUntil(today: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days) || days < 0)
    throw new RangeError(`validity days must be a whole number, 0 or more, not ${days}`);
  return addCalendarDays(today, days);
}
