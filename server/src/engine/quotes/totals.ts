/**
 * A quote's totals from its lines. Money is integer minor units; quantities, discounts and costs are
 * exact decimals. Rounding is stated and happens at fixed places only, half-up to whole minor units:
 *
 * 1. each line's gross = unit price × quantity, rounded;
 * 2. each line's discount = gross × line discount % / 100, rounded; line net = gross − discount;
 * 3. subtotal = the sum of the line nets (exact: whole numbers);
 * 4. header discount = subtotal × header discount % / 100, rounded; total = subtotal − header discount;
 * 5. the header discount is shared out over the lines in proportion to their nets (largest remainder,
 *    ties to the earlier line), so each line's net after the header discount adds up to the total exactly.
 *
 * Costs (optional, per unit, in minor units, may have decimals: a BOM's cost is exact) give each line's
 * cost = unit cost × quantity, rounded; margin = net after header discount − cost. The quote's cost and
 * margin are the sums, so line margins add up to the quote's margin. Margin % = margin / net × 100, exact
 * to 40 digits (`marginPercent`), and compared exactly by the approval rules (no division there).
 */

import { Decimal, parseDecimal } from '../common/decimal.js';

export interface QuoteLineInput {
  /** The line's key, kept across revisions. */
  id: string;
  /** What people call the line (the product's name), for messages; the id otherwise. */
  label?: string;
  /** The configuration's unit price in minor units (its price lines' sum). */
  unitPriceMinor: number;
  /** A positive exact decimal. */
  quantity: string | number;
  /** An exact decimal percentage from 0 to 100. */
  discountPercent?: string | number;
  /** The configuration's unit cost in minor units, an exact decimal (staff only). */
  unitCostMinor?: string | number;
}

export interface QuoteInput {
  currency: string;
  /** The currency's minor unit digits (EUR 2, JPY 0), for amounts written in messages; 2 when not given. */
  currencyDigits?: number;
  lines: readonly QuoteLineInput[];
  /** An exact decimal percentage from 0 to 100, off the subtotal. */
  headerDiscountPercent?: string | number;
}

export interface QuoteLineTotals {
  id: string;
  unitPriceMinor: number;
  quantity: Decimal;
  /** unit price × quantity, rounded half-up */
  grossMinor: number;
  discountPercent: Decimal;
  discountMinor: number;
  /** gross − line discount */
  netMinor: number;
  /** this line's share of the header discount */
  headerDiscountShareMinor: number;
  /** net − header discount share: what the customer pays for the line */
  netAfterHeaderMinor: number;
  /** unit cost × quantity, rounded half-up; null when no cost was given */
  costMinor: number | null;
  /** net after header discount − cost */
  marginMinor: number | null;
  /** margin / net after header discount × 100; null without cost or when the line's net is 0 */
  marginPercent: Decimal | null;
}

export interface QuoteTotals {
  currency: string;
  lines: QuoteLineTotals[];
  /** the sum of the lines' gross amounts, before any discount */
  grossMinor: number;
  /** the sum of the line discounts */
  lineDiscountsMinor: number;
  /** the sum of the line nets */
  subtotalMinor: number;
  headerDiscountPercent: Decimal;
  headerDiscountMinor: number;
  totalMinor: number;
  /** everything off the gross, line and header discounts together, as a percentage; 0 for a gross of 0 */
  discountPercent: Decimal;
  /** null unless every line has a cost */
  costMinor: number | null;
  marginMinor: number | null;
  marginPercent: Decimal | null;
}

export interface QuoteProblem {
  field: string;
  message: string;
}

export type QuoteTotalsResult = { ok: true; totals: QuoteTotals } | { ok: false; problems: QuoteProblem[] };

const HUNDRED = new Decimal(100);

function roundMinor(value: Decimal): Decimal {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

/** An exact decimal percentage from 0 to 100, or a problem naming the field. */
export function readPercent(
  value: string | number | undefined,
  field: string,
  problems: QuoteProblem[],
): Decimal {
  if (value === undefined) return new Decimal(0);
  const percent = parseDecimal(value);
  if (!percent || percent.isNegative() || percent.greaterThan(HUNDRED)) {
    problems.push({ field, message: `${field} must be a percentage from 0 to 100, not '${value}'` });
    return new Decimal(0);
  }
  return percent;
}

function safe(value: Decimal, field: string, problems: QuoteProblem[]): number {
  if (!value.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER)) {
    problems.push({ field, message: `${field} is too large (above ${Number.MAX_SAFE_INTEGER} minor units)` });
    return 0;
  }
  return value.toNumber();
}

/** The quote's totals, margins when every cost is known, or every problem of the input, each with its field. */
export function quoteTotals(quote: QuoteInput): QuoteTotalsResult {
  const problems: QuoteProblem[] = [];
  if (typeof quote.currency !== 'string' || !/^[A-Z]{3}$/.test(quote.currency))
    problems.push({
      field: 'currency',
      message: `currency must be an ISO 4217 code such as EUR, not '${quote.currency}'`,
    });
  const ids = new Set<string>();
  const read = quote.lines.map((line, index) => {
    const at = `lines[${index}]`;
    if (typeof line.id !== 'string' || line.id === '')
      problems.push({ field: `${at}.id`, message: `${at}.id must be a non-empty text` });
    else if (ids.has(line.id))
      problems.push({ field: `${at}.id`, message: `${at}.id '${line.id}' is used by an earlier line` });
    ids.add(line.id);
    if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0)
      problems.push({
        field: `${at}.unitPriceMinor`,
        message: `${at}.unitPriceMinor must be a whole number of minor units, 0 or more, not '${line.unitPriceMinor}'`,
      });
    const quantity = parseDecimal(line.quantity);
    if (!quantity?.greaterThan(0))
      problems.push({
        field: `${at}.quantity`,
        message: `${at}.quantity must be a number above 0, not '${line.quantity}'`,
      });
    const discount = readPercent(line.discountPercent, `${at}.discountPercent`, problems);
    let unitCost: Decimal | null = null;
    if (line.unitCostMinor !== undefined) {
      unitCost = parseDecimal(line.unitCostMinor) ?? null;
      if (!unitCost || unitCost.isNegative()) {
        problems.push({
          field: `${at}.unitCostMinor`,
          message: `${at}.unitCostMinor must be an amount of minor units, 0 or more, not '${line.unitCostMinor}'`,
        });
        unitCost = null;
      }
    }
    return { line, at, quantity: quantity ?? new Decimal(1), discount, unitCost };
  });
  const headerPercent = readPercent(quote.headerDiscountPercent, 'headerDiscountPercent', problems);
  if (problems.length > 0) return { ok: false, problems };

  const lines = read.map(({ line, at, quantity, discount, unitCost }) => {
    const gross = roundMinor(new Decimal(line.unitPriceMinor).times(quantity));
    const grossMinor = safe(gross, `${at}.quantity`, problems);
    // The discount is at most the gross, so it and the net are safe when the gross is.
    const discountMinor = roundMinor(new Decimal(grossMinor).times(discount).dividedBy(HUNDRED)).toNumber();
    return {
      line,
      at,
      quantity,
      discount,
      gross: grossMinor,
      discountMinor,
      net: grossMinor - discountMinor,
      cost:
        unitCost === null
          ? null
          : safe(roundMinor(unitCost.times(quantity)), `${at}.unitCostMinor`, problems),
    };
  });
  if (problems.length > 0) return { ok: false, problems };

  const grossMinor = sum(lines.map((l) => l.gross));
  const subtotalMinor = sum(lines.map((l) => l.net));
  const totalsProblem = [grossMinor, subtotalMinor].some((n) => !Number.isSafeInteger(n));
  if (totalsProblem)
    return {
      ok: false,
      problems: [
        {
          field: 'lines',
          message: `the quote's total is too large (above ${Number.MAX_SAFE_INTEGER} minor units)`,
        },
      ],
    };
  const headerDiscountMinor = roundMinor(
    new Decimal(subtotalMinor).times(headerPercent).dividedBy(HUNDRED),
  ).toNumber();
  const totalMinor = subtotalMinor - headerDiscountMinor;
  const shares = shareOut(
    headerDiscountMinor,
    lines.map((l) => l.net),
  );

  const lineTotals: QuoteLineTotals[] = lines.map((l, index) => {
    const netAfterHeaderMinor = l.net - shares[index]!;
    const marginMinor = l.cost === null ? null : netAfterHeaderMinor - l.cost;
    return {
      id: l.line.id,
      unitPriceMinor: l.line.unitPriceMinor,
      quantity: l.quantity,
      grossMinor: l.gross,
      discountPercent: l.discount,
      discountMinor: l.discountMinor,
      netMinor: l.net,
      headerDiscountShareMinor: shares[index]!,
      netAfterHeaderMinor,
      costMinor: l.cost,
      marginMinor,
      marginPercent: percentOf(marginMinor, netAfterHeaderMinor),
    };
  });
  const everyCost = lineTotals.every((l) => l.costMinor !== null);
  const costMinor = everyCost ? sum(lineTotals.map((l) => l.costMinor!)) : null;
  const marginMinor = costMinor === null ? null : totalMinor - costMinor;
  return {
    ok: true,
    totals: {
      currency: quote.currency,
      lines: lineTotals,
      grossMinor,
      lineDiscountsMinor: grossMinor - subtotalMinor,
      subtotalMinor,
      headerDiscountPercent: headerPercent,
      headerDiscountMinor,
      totalMinor,
      discountPercent: percentOf(grossMinor - totalMinor, grossMinor) ?? new Decimal(0),
      costMinor,
      marginMinor,
      marginPercent: percentOf(marginMinor, totalMinor),
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function percentOf(part: number | null, whole: number): Decimal | null {
  if (part === null || whole === 0) return null;
  return new Decimal(part).times(HUNDRED).dividedBy(whole);
}

/**
 * Shares `amount` out over `weights` in proportion, in whole units that add up to `amount` exactly:
 * each gets the floor of its exact share, and the units left over go to the largest remainders, the
 * earlier line first on a tie. All weights 0: nothing to share in proportion, so it goes to the first.
 */
export function shareOut(amount: number, weights: readonly number[]): number[] {
  const total = sum(weights);
  if (weights.length === 0) return [];
  if (total === 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => new Decimal(amount).times(w).dividedBy(total));
  const shares = exact.map((e) => e.floor().toNumber());
  let left = amount - sum(shares);
  const order = exact
    .map((e, index) => ({ index, remainder: e.minus(e.floor()) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}
