/**
 * Tax on a quote priced by a net price list: the rate applies to the quote's total after every discount,
 * rounded once, half-up, to whole minor units (as the quote document prints it: subtotal − header discount
 * + tax). A gross list's prices include tax: no tax is added.
 */

import { Decimal, parseDecimal } from '../common/decimal.js';

export type QuoteTaxResult =
  | { ok: true; taxMinor: number; totalWithTaxMinor: number }
  | { ok: false; field: string; message: string };

/** The tax on `totalMinor` at `ratePercent` (exact decimal text, 0 to 100), and the total with it. */
export function quoteTax(totalMinor: number, ratePercent: string | number): QuoteTaxResult {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0)
    return {
      ok: false,
      field: 'totalMinor',
      message: `totalMinor must be a whole number of minor units, 0 or more, not '${totalMinor}'`,
    };
  const rate = parseDecimal(ratePercent);
  if (!rate || rate.isNegative() || rate.greaterThan(100))
    return {
      ok: false,
      field: 'taxRatePercent',
      message: `taxRatePercent must be a percentage from 0 to 100, not '${ratePercent}'`,
    };
  const taxMinor = new Decimal(totalMinor)
    .times(rate)
    .dividedBy(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
  const totalWithTaxMinor = totalMinor + taxMinor;
  if (!Number.isSafeInteger(totalWithTaxMinor))
    return { ok: false, field: 'totalMinor', message: 'the total with tax is too large to count' };
  return { ok: true, taxMinor, totalWithTaxMinor };
}
