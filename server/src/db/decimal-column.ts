import { Decimal } from '../engine/index.js';

/** A decimal column: digits in all and after the point, as numeric(precision, scale) keeps them. */
export interface DecimalColumn {
  precision: number;
  scale: number;
}

/** The largest value a decimal column holds: 999…9.99…9. */
export function largestIn(column: DecimalColumn): Decimal {
  return new Decimal(10).pow(column.precision - column.scale).minus(new Decimal(10).pow(-column.scale));
}

/**
 * Whether a decimal fits its column as it is: at most `scale` decimals and within ±largestIn. Both
 * databases then store it exactly (SQLite would keep 1e308 as a float; PostgreSQL would refuse it).
 */
export function fitsColumn(value: Decimal, column: DecimalColumn): boolean {
  return value.decimalPlaces() <= column.scale && value.abs().lessThanOrEqualTo(largestIn(column));
}

/** The range of a column as a message says it: "from -999999999999.999999 to 999999999999.999999". */
export function rangeOf(column: DecimalColumn): string {
  const largest = largestIn(column).toFixed();
  return `from -${largest} to ${largest}, with at most ${column.scale} decimals`;
}

/**
 * The column of every stock quantity (on hand, reserved, minimum order): numeric(18, 6), so up to
 * 999,999,999,999.999999. What the API takes that ends up there (a change of stock, a numeric
 * feature's value, which drives BOM quantities) is checked against it first.
 */
export const STOCK_QUANTITY = { precision: 18, scale: 6 } as const;
