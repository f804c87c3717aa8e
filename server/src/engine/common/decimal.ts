import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The engine's own Decimal: 40 significant digits, half-up. A private clone, so that nobody else's
 * global Decimal settings change our arithmetic. Quantities and money never pass through a float.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a decimal written by a person (a number or a decimal string); undefined when it is not one. */
export function parseDecimal(text: string | number): Decimal | undefined {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return undefined;
    // String(number) gives the shortest text that reads back as the same double: what the person wrote.
    return new Decimal(String(text));
  }
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return undefined;
  return new Decimal(trimmed);
}

/** Plain decimal text without exponent and without trailing zeros ("12.5", "3", "0.001"). */
export function decimalText(value: Decimal): string {
  return value.toFixed();
}
