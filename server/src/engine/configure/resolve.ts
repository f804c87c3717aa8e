import { Decimal } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import { EvaluationError, evaluate } from '../expression/evaluate.js';
import type { ExpressionNode } from '../expression/parse.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { FeatureValue, PriceFormula, ProductModel } from '../model/product-model.js';
import { readFeatureValue, writeFeatureValue } from '../model/values.js';
import { price } from '../pricing/price.js';
import {
  assignmentOf,
  type CompiledModel,
  compileModel,
  valueIndex,
  variablesRead,
} from '../solver/compile.js';
import { leastTotalCost, type ScopedCost } from '../solver/least-cost.js';
import { type Reasoner, reasonerOf } from '../solver/reasoner.js';
import { allowedWith, type HeldValue, heldValues } from './guidance.js';
import { readSelection, type SelectionProblem } from './selection.js';

/** One earlier choice to give up, and what it becomes. */
export interface ChoiceChange {
  feature: string;
  from: SelectionValue | null;
  /** Its value in the resolution (null: an optional choice left open). */
  to: SelectionValue | null;
}

export type ConflictResolution =
  | {
      ok: true;
      /** False when no valid configuration has the wanted option at all, whatever is given up. */
      possible: boolean;
      /** The fewest earlier choices to give up, each with what it changes to (configurator order). */
      changes: ChoiceChange[];
      /** The choices once resolved: the wanted option, the changes, and every other choice kept. */
      selection: Selection;
    }
  | { ok: false; problems: SelectionProblem[] };

/**
 * Asking for an option that the choices exclude: the nearest fix, the earlier choices to change so
 * that it becomes possible (a valid complete configuration with the wanted option), and the selection
 * that applies it. Fixes are ordered, first to last criterion (see nearestFix):
 * 1. the fewest choices changed (a multiple choice counts one per tick box);
 * 2. then, for numbers, the least distance from the value the person gave, in steps of the feature
 *    (width 2100 with an oak top, made up to 2000: 2000);
 * 3. then the least price, as `price` gives it, of the fix completed as cheaply as the rules allow;
 * 4. then a changed choice takes its feature's default (an optional choice without one: left open),
 *    else the option listed first; a number the smaller of two equally near values.
 * The other choices are kept; the features nobody chose are not part of the fix (the configurator
 * fills them in as before). `value` is the option (a multiple choice: the option to tick),
 * 'true'/'false', or a number.
 */
export function resolveConflict(
  model: ProductModel,
  selection: Selection,
  feature: string,
  value: string,
): ConflictResolution {
  return resolveConflictOn(reasonerOf(compileModel(model)), selection, feature, value);
}

/** resolveConflict with a given reasoner (tests compare the counting tree with search). */
export function resolveConflictOn(
  reasoner: Reasoner,
  selection: Selection,
  feature: string,
  value: string,
): ConflictResolution {
  const { compiled } = reasoner;
  const { model } = compiled;
  const read = readSelection(model, selection);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  const target = model.featureByCode.get(feature);
  if (!target) {
    return { ok: false, problems: [{ feature, message: `${model.name} has no feature '${feature}'` }] };
  }
  const variables = compiled.variablesOfFeature.get(feature)!;
  let wanted: HeldValue | null = null;
  if (target.kind === 'multiple') {
    const variable = variables.find((v) => compiled.variables[v]!.option === value);
    if (variable !== undefined) wanted = { feature, variable, at: compiled.offsets[variable]! + 1 };
  } else {
    const parsed = readFeatureValue(target, value);
    const index = parsed.ok ? valueIndex(compiled, variables[0]!, parsed.value) : -1;
    if (index >= 0)
      wanted = { feature, variable: variables[0]!, at: compiled.offsets[variables[0]!]! + index };
  }
  if (!wanted) {
    return {
      ok: false,
      problems: [{ feature, message: `'${value}' is not an option of ${target.label}` }],
    };
  }
  const held = heldValues(compiled, read.assignment);
  const resolved = nearestFix(reasoner, held, wanted);
  if (!resolved) return { ok: true, possible: false, changes: [], selection: { ...selection } };
  const changed = new Set(
    held
      .filter((h) => h.variable !== wanted.variable)
      .filter((h) => compiled.offsets[h.variable]! + resolved.values[h.variable]! !== h.at)
      .map((h) => h.feature),
  );
  const after: Record<string, SelectionValue | null> = {};
  for (const f of model.features) {
    if (f.code === feature) {
      after[f.code] = writeFeatureValue(featureValueIn(compiled, f.code, resolved.values));
    } else if (changed.has(f.code)) {
      after[f.code] = writeFeatureValue(featureValueIn(compiled, f.code, resolved.values));
    } else if (read.assignment.has(f.code)) after[f.code] = writeFeatureValue(read.assignment.get(f.code)!);
  }
  const changes = model.features
    .filter((f) => changed.has(f.code))
    .map((f) => ({
      feature: f.code,
      from: writeFeatureValue(read.assignment.get(f.code)!),
      to: after[f.code] ?? null,
    }));
  // Make sure the wanted option holds and everything kept is still held (the resolution's promise).
  if (
    !reasoner.satisfiable(allowedWith(compiled, heldValues(compiled, readSelection(model, after).assignment)))
  )
    throw new Error(`resolution of ${feature}=${value} in ${model.code} does not hold`);
  return { ok: true, possible: true, changes, selection: after };
}

/**
 * The nearest fix: the valid complete configuration containing `wanted` that is least by the order
 * resolveConflict gives (choices changed, then steps moved, then price, then default first), in one
 * least-cost search on the counting tree (or by search, for a model without one). The order is
 * written as one cost per configuration: the price in minor units, each step and each change weighted
 * so that no sum of a later criterion reaches one unit of an earlier one, and the ranks of criterion 4
 * as binary fractions below one minor unit. Exact while every sum stays below 2^53 (in units of the
 * least fraction), which the weights are checked against. The price's formulas are weighed as the
 * cheapest completion weighs them (solver/least-cost.ts, the same tables): the first two criteria are
 * met even when its search stops at its limit, as the first configuration it prices is already least
 * by them. Null when no valid configuration contains `wanted`.
 */
export function nearestFix(
  reasoner: Reasoner,
  held: readonly HeldValue[],
  wanted: HeldValue,
): { values: Int32Array; proven: boolean } | null {
  const { compiled } = reasoner;
  const weights = fixWeightsOf(compiled);
  const others = held.filter((h) => h.variable !== wanted.variable);
  const cost = new Float64Array(weights.priceCost);
  for (const { variable, at } of others) {
    const base = compiled.offsets[variable]!;
    const size = compiled.variables[variable]!.values.length;
    const heldIndex = at - base;
    for (let i = 0; i < size; i++) {
      if (i === heldIndex) continue;
      // A number's values lie on its steps (min + i × step): the distance in steps is the index distance.
      cost[base + i]! += weights.numeric[variable]
        ? weights.perChange +
          weights.perStep * Math.abs(i - heldIndex) +
          (i > heldIndex ? weights.perRank : 0)
        : weights.perChange + weights.perRank * weights.rank[base + i]!;
    }
  }
  const allowed = allowedWith(compiled, [wanted]);
  // The formulas' tables leave out what `price` cannot price (Infinity): the least priced fix.
  const priced = leastTotalCost(reasoner, allowed, cost, weights.formulaCosts);
  if (!weights.unpriceable) return priced && { values: priced.values, proven: priced.proven };
  // Some configurations cannot be priced: they are fixes too, after the priced ones as near by
  // criteria 1 and 2. The nearest of all by those, the formulas left out, says whether one is.
  const any = leastTotalCost(reasoner, allowed, cost, []);
  if (!any) return null;
  const nearness = (values: Int32Array): number => {
    let sum = 0;
    for (const { variable, at } of others) {
      const index = values[variable]!;
      const heldIndex = at - compiled.offsets[variable]!;
      if (index !== heldIndex)
        sum +=
          weights.perChange + (weights.numeric[variable] ? weights.perStep * Math.abs(index - heldIndex) : 0);
    }
    return sum;
  };
  if (priced && nearness(priced.values) === nearness(any.values))
    return { values: priced.values, proven: priced.proven };
  return { values: any.values, proven: any.proven };
}

/** The weights that write resolveConflict's order as one cost, per compiled model. */
interface FixWeights {
  /** One choice changed (criterion 1). */
  perChange: number;
  /** One step of distance of a number (criterion 2). Criterion 3, price, weighs 1 per minor unit. */
  perStep: number;
  /** One rank of criterion 4: a power of two below one minor unit, so that sums stay exact. */
  perRank: number;
  /** Per variable: whether it holds a number (its values on steps). */
  numeric: Uint8Array;
  /** Per flat value: the option surcharge it brings (minor units). */
  priceCost: Float64Array;
  /** The price formulas' lines by the values they read (minor units; Infinity where `price` fails). */
  formulaCosts: readonly ScopedCost[];
  /** Whether some formula cannot price some configuration. */
  unpriceable: boolean;
  /** Per flat value of a single choice: its rank when a changed choice takes it (0: its default). */
  rank: Float64Array;
}

const fixWeights = new WeakMap<CompiledModel, FixWeights>();

function fixWeightsOf(compiled: CompiledModel): FixWeights {
  let weights = fixWeights.get(compiled);
  if (weights) return weights;
  const { variables, offsets } = compiled;
  // Criterion 4: ranks, and the most they can add up to (a number's two sides rank 0 and 1).
  const rank = new Float64Array(compiled.totalValues);
  const numeric = new Uint8Array(variables.length);
  let rankSpread = 0;
  let stepSpread = 0;
  for (const variable of variables) {
    const { feature } = variable;
    const base = offsets[variable.index]!;
    if (feature.kind === 'integer' || feature.kind === 'decimal') {
      numeric[variable.index] = 1;
      rankSpread += 1;
      stepSpread += variable.values.length - 1;
      continue;
    }
    if (feature.kind !== 'single') continue; // a tick box or a boolean has one other value only
    const byDefault = feature.default === undefined && !feature.required ? null : feature.default;
    let next = 1;
    variable.values.forEach((value, i) => {
      rank[base + i] = value === byDefault ? 0 : next++;
    });
    rankSpread += next - 1;
  }
  // Criterion 3: prices in minor units, and how far apart two priced configurations' prices can be.
  const prices = priceCostsOf(compiled);
  let priceSpread = 0;
  let largestPrice = 0;
  for (const variable of variables) {
    const base = offsets[variable.index]!;
    const line = prices.valueCost.subarray(base, base + variable.values.length);
    priceSpread += Math.max(...line) - Math.min(...line);
    largestPrice += Math.max(...line.map(Math.abs));
  }
  let unpriceable = false;
  for (const cost of prices.costs) {
    let least = Infinity;
    let most = -Infinity;
    for (const value of cost.table) {
      if (!Number.isFinite(value)) unpriceable = true;
      else {
        least = Math.min(least, value);
        most = Math.max(most, value);
      }
    }
    if (!Number.isFinite(least)) continue; // never priced: it leaves no configuration in the search
    priceSpread += most - least;
    largestPrice += Math.max(Math.abs(least), Math.abs(most));
  }
  // The ranks' sum stays below one minor unit: 2^-k with 2^k above the most they add up to.
  let perRank = 1;
  while (perRank * rankSpread >= 1) perRank /= 2;
  let perStep = priceSpread + 1;
  let withPrices = true;
  const largest = (): number =>
    perStep * (stepSpread + 1) * variables.length +
    perStep * stepSpread +
    (withPrices ? largestPrice : 0) +
    1;
  // Every cost is a multiple of perRank: exact while the largest sum counts fewer than 2^53 of them.
  // Where it would not be, the ranks are left out of the order (ties go as the search finds them), then
  // the prices (a model priced in the billions of minor units, say).
  if (largest() / perRank >= Number.MAX_SAFE_INTEGER) perRank = 0;
  if (perRank === 0 && largest() >= Number.MAX_SAFE_INTEGER) {
    withPrices = false;
    perStep = 1;
  }
  if (largest() >= Number.MAX_SAFE_INTEGER)
    throw new Error(`${compiled.model.code}: too many choices and steps to order fixes exactly`);
  weights = {
    perChange: perStep * (stepSpread + 1),
    perStep,
    perRank,
    numeric,
    priceCost: withPrices ? prices.valueCost : new Float64Array(compiled.totalValues),
    formulaCosts: withPrices ? prices.costs : [],
    unpriceable: withPrices && unpriceable,
    rank,
  };
  fixWeights.set(compiled, weights);
  return weights;
}

/** A feature's value in a full assignment of value indices. */
export function featureValueIn(compiled: CompiledModel, feature: string, values: Int32Array): FeatureValue {
  const variables = compiled.variablesOfFeature.get(feature)!;
  const first = compiled.variables[variables[0]!]!;
  if (first.option === null) return first.values[values[first.index]!]!;
  const ticked = new Set<string>();
  for (const v of variables) {
    const variable = compiled.variables[v]!;
    if (variable.values[values[v]!] === true) ticked.add(variable.option!);
  }
  return ticked;
}

/** The cheapest valid completion of the choices, and what it costs. */
export interface CheapestCompletion {
  /** Every feature decided: the choices kept, the rest filled in. */
  selection: Record<string, SelectionValue | null>;
  /** Its price for one unit, in minor units, as `price` gives it. */
  unitPriceMinor: number;
  /**
   * True when no valid completion costs less. False when the search stopped at its limit first, when
   * a price formula has too many combinations to weigh, or when the model has no counting tree: the
   * completion is then the cheapest found.
   */
  proven: boolean;
}

export interface CheapestOptions {
  /** Search effort (min-sum passes) before the cheapest found so far is returned. */
  nodeLimit?: number;
}

/**
 * The valid completion of the choices with the least price, as `price` computes it: the base price,
 * the options' surcharges and the price formulas (per m² of a top, per GB of memory...), every choice
 * kept. A quantity break takes a share of the unit subtotal and so never makes a dearer configuration
 * cheaper: the least subtotal is the least price at any quantity. Exact by branch and bound on the
 * counting tree (solver/least-cost.ts). Null when no valid completion exists or the selection is unreadable.
 */
export function cheapestCompletionByPrice(
  model: ProductModel,
  selection: Selection,
  options: CheapestOptions = {},
): CheapestCompletion | null {
  const read = readSelection(model, selection);
  if (read.problems.length > 0) return null;
  const compiled = compileModel(model);
  const reasoner = reasonerOf(compiled);
  const costs = priceCostsOf(compiled);
  const allowed = allowedWith(compiled, heldValues(compiled, read.assignment));
  const best = leastTotalCost(reasoner, allowed, costs.valueCost, costs.costs, options.nodeLimit);
  if (!best) return null;
  const completion: Record<string, SelectionValue | null> = {};
  const chosen: Record<string, SelectionValue> = {};
  for (const feature of model.features) {
    const value = writeFeatureValue(featureValueIn(compiled, feature.code, best.values));
    completion[feature.code] = value;
    if (value !== null) chosen[feature.code] = value;
  }
  const priced = price(model, chosen, 1);
  if (!priced.ok) return null;
  return {
    selection: completion,
    unitPriceMinor: priced.price.unitPriceMinor,
    proven: best.proven && costs.complete,
  };
}

/** The cheapest valid completion of the choices by price (see cheapestCompletionByPrice); null when none exists. */
export function cheapestCompletion(
  model: ProductModel,
  selection: Selection,
): Record<string, SelectionValue | null> | null {
  return cheapestCompletionByPrice(model, selection)?.selection ?? null;
}

/** A price formula with more combinations of the values it reads than this is left out of the search. */
const FORMULA_TABLE_LIMIT = 1_000_000;

interface PriceCosts {
  /** Per flat value: the option surcharge it brings (minor units). */
  valueCost: Float64Array;
  /** Per price formula: its line (minor units, rounded as `price` rounds it) by the values it reads. */
  costs: ScopedCost[];
  /** False when some formula was too large to tabulate (and so is not weighed). */
  complete: boolean;
}

const priceCosts = new WeakMap<CompiledModel, PriceCosts>();

/** The model's prices as costs on its variables: built once per compiled model. */
function priceCostsOf(compiled: CompiledModel): PriceCosts {
  let result = priceCosts.get(compiled);
  if (result) return result;
  const { model } = compiled;
  const valueCost = new Float64Array(compiled.totalValues);
  for (const variable of compiled.variables) {
    const feature = variable.feature;
    const base = compiled.offsets[variable.index]!;
    variable.values.forEach((value, i) => {
      if (feature.kind === 'single' && typeof value === 'string')
        valueCost[base + i] = feature.optionByCode.get(value)?.priceMinor ?? 0;
      if (feature.kind === 'multiple' && value === true)
        valueCost[base + i] = feature.optionByCode.get(variable.option!)?.priceMinor ?? 0;
    });
  }
  const costs: ScopedCost[] = [];
  let complete = true;
  for (const formula of model.pricing.formulas) {
    const cost = formulaCost(compiled, formula);
    if (cost) costs.push(cost);
    else complete = false;
  }
  result = { valueCost, costs, complete };
  priceCosts.set(compiled, result);
  return result;
}

/**
 * A formula's line over every combination of the values it reads: 0 where its condition does not
 * hold, its amount rounded to minor units where it does, Infinity where `price` could not price it
 * (an evaluation error, an amount too large). Each expression is evaluated once per combination of
 * its own variables. Null when there are too many combinations.
 */
function formulaCost(compiled: CompiledModel, formula: PriceFormula): ScopedCost | null {
  const { model, variables, variablesOfFeature } = compiled;
  const whenScope = formula.when ? variablesRead(formula.when, model, variablesOfFeature, variables) : [];
  const amountScope = variablesRead(formula.amount, model, variablesOfFeature, variables);
  const scope = [...new Set([...whenScope, ...amountScope])];
  const sizes = scope.map((v) => variables[v]!.values.length);
  const product = sizes.reduce((a, b) => a * b, 1);
  if (product > FORMULA_TABLE_LIMIT) return null;
  const feature = (code: string) => model.featureByCode.get(code);
  // One assignment per expression, its values set in place (a tick box's set is built each time).
  const reused = new Map<ExpressionNode, Map<string, FeatureValue>>();
  const evaluateOn = (node: ExpressionNode, sub: number[], indices: Int32Array): unknown => {
    let assignment = reused.get(node);
    if (sub.some((v) => variables[v]!.option !== null)) assignment = assignmentOf(sub, indices, variables);
    else {
      if (!assignment) {
        assignment = new Map();
        reused.set(node, assignment);
      }
      for (let i = 0; i < sub.length; i++) {
        const variable = variables[sub[i]!]!;
        assignment.set(variable.feature.code, variable.values[indices[i]!]!);
      }
    }
    try {
      return evaluate(node, { assignment, feature });
    } catch (error) {
      if (error instanceof EvaluationError) return EVALUATION_FAILED;
      throw error;
    }
  };
  // Per combination of the condition's variables: 0 false, 1 true, 2 no value; -1 not yet known.
  const whenAt = whenScope.map((v) => scope.indexOf(v));
  const whenKnown = new Int8Array(whenScope.reduce((a, v) => a * variables[v]!.values.length, 1)).fill(-1);
  const amountAt = amountScope.map((v) => scope.indexOf(v));
  const amountKnown = new Float64Array(amountScope.reduce((a, v) => a * variables[v]!.values.length, 1)).fill(
    Number.NaN,
  );
  const whenIndices = new Int32Array(whenScope.length);
  const amountIndices = new Int32Array(amountScope.length);
  const table = new Float64Array(product);
  const current = new Int32Array(scope.length);
  for (let n = 0; n < product; n++) {
    let whenIndex = 0;
    for (let i = 0; i < whenAt.length; i++) {
      whenIndices[i] = current[whenAt[i]!]!;
      whenIndex = whenIndex * sizes[whenAt[i]!]! + whenIndices[i]!;
    }
    if (whenKnown[whenIndex] === -1) {
      const holds = formula.when ? evaluateOn(formula.when, whenScope, whenIndices) : true;
      whenKnown[whenIndex] = holds === EVALUATION_FAILED ? 2 : holds === true ? 1 : 0;
    }
    const holds = whenKnown[whenIndex]!;
    if (holds === 2) table[n] = Infinity;
    else if (holds === 1) {
      let amountIndex = 0;
      for (let i = 0; i < amountAt.length; i++) {
        amountIndices[i] = current[amountAt[i]!]!;
        amountIndex = amountIndex * sizes[amountAt[i]!]! + amountIndices[i]!;
      }
      if (Number.isNaN(amountKnown[amountIndex]!)) {
        const amount = evaluateOn(formula.amount, amountScope, amountIndices);
        amountKnown[amountIndex] =
          amount === EVALUATION_FAILED ? Infinity : roundedMinor(amount as Decimal, model);
      }
      table[n] = amountKnown[amountIndex]!;
    }
    // Odometer: the next combination of value indices.
    for (let i = scope.length - 1; i >= 0; i--) {
      if (++current[i]! < sizes[i]!) break;
      current[i] = 0;
    }
  }
  return { scope, table };
}

const EVALUATION_FAILED = Symbol('evaluation failed');

/** A formula's amount as `price` rounds it into a line (minor units), or Infinity when it cannot. */
function roundedMinor(amount: Decimal, model: ProductModel): number {
  try {
    const minor = toMinorUnits(
      amount.toDecimalPlaces(20, Decimal.ROUND_HALF_UP),
      model.currencyDigits,
      model.pricing.rounding,
    );
    return Number.isSafeInteger(minor) ? minor : Infinity;
  } catch (error) {
    if (error instanceof RangeError) return Infinity;
    throw error;
  }
}
