import type { RoundingMode } from '../model/model.types.js';
import { Decimal } from './decimal.js';

/** Money is integer minor units with a currency: 1249.00 EUR is { currency: 'EUR', minor: 124900 }. */
export interface Money {
  currency: string;
  minor: number;
}

const ROUNDING = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN } as const;

/** Rounds an amount in major units to whole minor units by the stated rule. */
export function toMinorUnits(major: Decimal, digits: number, rounding: RoundingMode = 'half-up'): number {
  const minor = major.times(new Decimal(10).pow(digits)).toDecimalPlaces(0, ROUNDING[rounding]);
  if (!minor.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`amount ${major.toFixed()} is too large`);
  return minor.toNumber();
}

/** Exact decimal text in major units, with all the currency's digits: 124900, 2 -> "1249.00". */
export function formatMinorUnits(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  // Integer text, split at the decimal point: exact, and cheap enough for every price line of every request.
  const digitsText = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const text = digits === 0 ? digitsText : `${digitsText.slice(0, -digits)}.${digitsText.slice(-digits)}`;
  return minor < 0 ? `-${text}` : text;
}
