import type { Selection, SelectionValue } from '../model/model.types.js';
import type { FeatureValue, ProductModel } from '../model/product-model.js';
import { readFeatureValue, writeFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel, valueIndex } from '../solver/compile.js';
import { reasonerOf } from '../solver/reasoner.js';
import { allowedWith, type HeldValue, heldValues, leastChangesFor } from './guidance.js';
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
 * Asking for an option that the choices exclude: the smallest set of earlier choices to give up so
 * that it becomes possible (a valid complete configuration with the wanted option that keeps as many
 * choices as can be kept), and the selection that applies it. A multiple choice counts one change per
 * tick box. `value` is the option (a multiple choice: the option to tick), 'true'/'false', or a number.
 */
export function resolveConflict(
  model: ProductModel,
  selection: Selection,
  feature: string,
  value: string,
): ConflictResolution {
  const read = readSelection(model, selection);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  const target = model.featureByCode.get(feature);
  if (!target) {
    return { ok: false, problems: [{ feature, message: `${model.name} has no feature '${feature}'` }] };
  }
  const compiled = compileModel(model);
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
  const reasoner = reasonerOf(compiled);
  const held = heldValues(compiled, read.assignment);
  const resolved = leastChangesFor(reasoner, held, wanted);
  if (!resolved) return { ok: true, possible: false, changes: [], selection: { ...selection } };
  const changed = new Set(resolved.givenUp.map((g) => g.held.feature));
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

/**
 * The cheapest valid completion of the choices by the options' own surcharges (formula lines, which
 * depend on several features at once, are not part of the order); null when none exists.
 */
export function cheapestCompletion(
  model: ProductModel,
  selection: Selection,
): Record<string, SelectionValue | null> | null {
  const read = readSelection(model, selection);
  if (read.problems.length > 0) return null;
  const compiled = compileModel(model);
  const reasoner = reasonerOf(compiled);
  const cost = new Float64Array(compiled.totalValues);
  for (const variable of compiled.variables) {
    const feature = variable.feature;
    const base = compiled.offsets[variable.index]!;
    variable.values.forEach((value, i) => {
      if (feature.kind === 'single' && typeof value === 'string')
        cost[base + i] = feature.optionByCode.get(value)?.priceMinor ?? 0;
      if (feature.kind === 'multiple' && value === true)
        cost[base + i] = feature.optionByCode.get(variable.option!)?.priceMinor ?? 0;
    });
  }
  // Surcharges may be negative (a credit): shift each variable's costs to start at 0 for the bound.
  for (const variable of compiled.variables) {
    const base = compiled.offsets[variable.index]!;
    const size = variable.values.length;
    let least = Infinity;
    for (let i = base; i < base + size; i++) least = Math.min(least, cost[i]!);
    for (let i = base; i < base + size; i++) cost[i] = cost[i]! - least;
  }
  const best = reasoner.leastCost(allowedWith(compiled, heldValues(compiled, read.assignment)), cost);
  if (!best) return null;
  const completion: Record<string, SelectionValue | null> = {};
  for (const feature of model.features)
    completion[feature.code] = writeFeatureValue(featureValueIn(compiled, feature.code, best.values));
  return completion;
}
