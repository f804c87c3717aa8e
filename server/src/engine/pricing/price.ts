import { Decimal, decimalText } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import { decidedAssignment } from '../configure/check.js';
import { readSelection } from '../configure/selection.js';
import { type EvaluationContext, EvaluationError, evaluate } from '../expression/evaluate.js';
import { type ExpressionNode, referencedFeatures } from '../expression/parse.js';
import type { RoundingMode, Selection } from '../model/model.types.js';
import type { Assignment, ProductModel } from '../model/product-model.js';
import { orderQuantityProblem } from './order-quantity.js';

/**
 * Prices one configuration of a product model for an order quantity.
 *
 * A price is a list of lines that add up to the total, so that a person can see why it costs what it
 * costs: the base price, each chosen option's surcharge, each price formula that applies, and the
 * quantity break. Every amount is in integer minor units of the model's currency.
 *
 * Rounding: each line is rounded ONCE, to whole minor units per product unit, by the model's stated
 * rule (pricing.rounding, half-up by default). A formula line is evaluated exactly (decimals, never
 * floats) and rounded when it becomes a line; the quantity break is computed on the rounded unit
 * subtotal and rounded once too. Line amounts are then unit amount x quantity, exactly, so the lines
 * always add up: unitPriceMinor = sum of unit amounts, totalMinor = sum of amounts = unitPriceMinor x
 * quantity. (Rounding the total instead of each line would make the lines not add up to what is shown.)
 *
 * A price can be asked for while someone is still configuring: a formula (or its condition) that
 * reads a feature not decided yet is left out and named in `pending`; an undecided choice simply has
 * no surcharge line yet. The price does not check rules: `check` says whether the configuration is
 * valid and complete.
 */

export interface PriceContext {
  /** The currency the caller expects (a quote, a cart); it must be the model's. */
  currency?: string;
}

export type PriceLineKind = 'base' | 'option' | 'formula' | 'discount';

export interface PriceLine {
  /**
   * Unique within a price: `base`, `option:<feature>=<option>`, `formula:<formula code>`,
   * `quantity-break:<minQuantity>`.
   */
  code: string;
  label: string;
  kind: PriceLineKind;
  /** Per product unit, minor units (negative for a discount). */
  unitAmountMinor: number;
  /** unitAmountMinor x quantity, exactly. */
  amountMinor: number;
  /** Option lines: the feature and option that cost this. */
  feature?: string;
  option?: string;
}

/** The price list a price comes from (see price-list.ts). */
export interface PriceListReference {
  code: string;
  name: string;
  /** Whether the list's prices include tax (gross) or not (net): what a price shown from it must say. */
  prices: 'net' | 'gross';
}

export interface Price {
  currency: string;
  /** The price list that priced it (`pricedWith`); null: the model's own prices. */
  priceList: PriceListReference | null;
  /** Digits of the currency's minor unit, to write amounts back in major units. */
  currencyDigits: number;
  quantity: number;
  /** How each line was rounded to minor units (the model's stated rule). */
  rounding: RoundingMode;
  lines: PriceLine[];
  unitPriceMinor: number;
  totalMinor: number;
  /** Codes of the price formulas left out because they read a feature not decided yet. */
  pending: string[];
}

/** Why a price could not be given: `field` names what is wrong (`quantity`, `selection.width_mm`...). */
export interface PriceProblem {
  field: string;
  message: string;
}

export type PriceResult = { ok: true; price: Price } | { ok: false; problems: PriceProblem[] };

/** Prices a selection of a product model for an order of `quantity` units. Bad input is refused, never priced. */
export function price(
  model: ProductModel,
  selection: Selection,
  quantity: number,
  context: PriceContext = {},
): PriceResult {
  const problems: PriceProblem[] = [];
  const quantityProblem = orderQuantityProblem(quantity);
  if (quantityProblem) problems.push({ field: 'quantity', message: quantityProblem });
  if (context.currency !== undefined && context.currency !== model.currency) {
    problems.push({
      field: 'context.currency',
      message: `${model.name} is priced in ${model.currency}, not ${context.currency}`,
    });
  }
  const read = readSelection(model, selection);
  for (const problem of read.problems)
    problems.push({ field: `selection.${problem.feature}`, message: problem.message });
  if (problems.length > 0) return { ok: false, problems };

  const decided = decidedAssignment(model, read.assignment);
  const evaluation: EvaluationContext = {
    assignment: decided,
    feature: (code) => model.featureByCode.get(code),
  };
  const { pricing } = model;
  const units: Omit<PriceLine, 'amountMinor'>[] = [];
  const pending: string[] = [];

  units.push({ code: 'base', label: 'Base price', kind: 'base', unitAmountMinor: pricing.basePriceMinor });

  for (const feature of model.features) {
    if (feature.kind !== 'single' && feature.kind !== 'multiple') continue;
    const value = decided.get(feature.code);
    if (value === undefined || value === null) continue;
    const chosen = typeof value === 'string' ? new Set([value]) : (value as ReadonlySet<string>);
    // Option order of the model, not the order someone ticked them in: the same configuration
    // always reads the same.
    for (const option of feature.options) {
      if (!chosen.has(option.code) || option.priceMinor === 0) continue;
      units.push({
        code: `option:${feature.code}=${option.code}`,
        label: `${feature.label}: ${option.label}`,
        kind: 'option',
        unitAmountMinor: option.priceMinor,
        feature: feature.code,
        option: option.code,
      });
    }
  }

  for (const formula of pricing.formulas) {
    const field = `pricing.formulas.${formula.code}`;
    const applies = tryEvaluate(formula.when, decided, evaluation);
    if (applies.status === 'pending') {
      pending.push(formula.code);
      continue;
    }
    if (applies.status === 'failed') {
      problems.push({
        field,
        message: `the condition of '${formula.label}' has no value here: ${applies.message}`,
      });
      continue;
    }
    if (applies.value !== true) continue;
    const amount = tryEvaluate(formula.amount, decided, evaluation);
    if (amount.status === 'pending') {
      pending.push(formula.code);
      continue;
    }
    if (amount.status === 'failed') {
      problems.push({ field, message: `'${formula.label}' has no value here: ${amount.message}` });
      continue;
    }
    const unitAmountMinor = roundToMinor(amount.value as Decimal, model.currencyDigits, pricing.rounding);
    if (unitAmountMinor === undefined) {
      problems.push({
        field,
        message: `'${formula.label}' comes to ${decimalText(amount.value as Decimal)}, too large to price`,
      });
      continue;
    }
    units.push({ code: `formula:${formula.code}`, label: formula.label, kind: 'formula', unitAmountMinor });
  }
  if (problems.length > 0) return { ok: false, problems };

  const unitSubtotal = sumOf(units.map((line) => line.unitAmountMinor));
  if (unitSubtotal === undefined) return { ok: false, problems: [tooLarge('price', 'the unit price')] };

  // The highest tier reached applies (tiers are sorted by minQuantity). A discount never raises a
  // price: nothing is taken off a unit subtotal of 0 or less, and a discount that rounds to 0 is no line.
  const tier = pricing.quantityBreaks.filter((t) => t.minQuantity <= quantity).at(-1);
  if (tier && unitSubtotal > 0) {
    const discount = roundToMinor(
      new Decimal(unitSubtotal).times(tier.discountPercent).dividedBy(100),
      0,
      pricing.rounding,
    );
    if (discount === undefined) return { ok: false, problems: [tooLarge('price', 'the quantity discount')] };
    if (discount !== 0) {
      units.push({
        code: `quantity-break:${tier.minQuantity}`,
        label: tier.label,
        kind: 'discount',
        unitAmountMinor: -discount,
      });
    }
  }

  const lines: PriceLine[] = [];
  for (const unit of units) {
    const amountMinor = productOf(unit.unitAmountMinor, quantity);
    if (amountMinor === undefined)
      return { ok: false, problems: [tooLarge('quantity', `'${unit.label}' for ${quantity} units`)] };
    lines.push({ ...unit, amountMinor });
  }
  const unitPriceMinor = sumOf(lines.map((line) => line.unitAmountMinor));
  const totalMinor = sumOf(lines.map((line) => line.amountMinor));
  if (unitPriceMinor === undefined) return { ok: false, problems: [tooLarge('price', 'the unit price')] };
  if (totalMinor === undefined)
    return { ok: false, problems: [tooLarge('quantity', `the total for ${quantity} units`)] };

  return {
    ok: true,
    price: {
      currency: model.currency,
      priceList: (model as { priceList?: PriceListReference }).priceList ?? null,
      currencyDigits: model.currencyDigits,
      quantity,
      rounding: pricing.rounding,
      lines,
      unitPriceMinor,
      totalMinor,
      pending,
    },
  };
}

type Outcome =
  | { status: 'value'; value: ReturnType<typeof evaluate> }
  | { status: 'pending' }
  | { status: 'failed'; message: string };

/**
 * Evaluates a formula or condition on what is decided so far. When every feature it reads is
 * decided, an evaluation error (division by zero) is a failure to report. When some are not, it is
 * pending, unless the decided ones already settle it (`cargo_box and width_mm > 1000` with no cargo box).
 * A missing condition holds.
 */
function tryEvaluate(
  node: ExpressionNode | undefined,
  decided: Assignment,
  context: EvaluationContext,
): Outcome {
  if (node === undefined) return { status: 'value', value: true };
  const complete = referencedFeatures(node).every((code) => decided.has(code));
  try {
    return { status: 'value', value: evaluate(node, context) };
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    return complete ? { status: 'failed', message: error.message } : { status: 'pending' };
  }
}

/**
 * Decimals kept of an exact amount before it is rounded to minor units. Amounts are exact to 40
 * significant digits, so a repeating decimal carries an error in the last one: 31 / 3 * 0.045 comes
 * out as 0.46499...99, a hair below the 0.465 it truly is, and would round down to 0.46. Twenty decimals are far
 * beyond any currency's digits and far before that error.
 */
const GUARD_DECIMALS = 20;

/** Rounds major units (or, with digits 0, minor units) to whole minor units; undefined when not a safe integer. */
function roundToMinor(amount: Decimal, digits: number, rounding: RoundingMode): number | undefined {
  try {
    const minor = toMinorUnits(
      amount.toDecimalPlaces(GUARD_DECIMALS, Decimal.ROUND_HALF_UP),
      digits,
      rounding,
    );
    return Number.isSafeInteger(minor) ? minor : undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function productOf(a: number, b: number): number | undefined {
  const product = new Decimal(a).times(b);
  return product.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER) ? product.toNumber() : undefined;
}

function sumOf(values: number[]): number | undefined {
  let sum = new Decimal(0);
  for (const value of values) sum = sum.plus(value);
  return sum.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER) ? sum.toNumber() : undefined;
}

function tooLarge(field: string, what: string): PriceProblem {
  return { field, message: `${what} is too large to price (above ${Number.MAX_SAFE_INTEGER} minor units)` };
}
