import type { Decimal } from '../common/decimal.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { Assignment, FeatureValue, ProductModel } from '../model/product-model.js';
import { sameValue, writeFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel } from '../solver/compile.js';
import { decisionGraphOf, graphSample } from '../solver/decision-graph.js';
import { search } from '../solver/search.js';
import { rulesOfConflict } from './explain.js';
import { heldValues } from './guidance.js';
import { propagate, propagatorWithChoices, type Reason, reasonOf } from './propagate.js';
import { readSelection, type SelectionProblem } from './selection.js';

export type Completion =
  | {
      found: true;
      /** Every feature decided: the choices kept, the rest filled in. */
      selection: Record<string, SelectionValue | null>;
      /** The features that were filled in (not chosen). */
      filledIn: string[];
    }
  | {
      found: false;
      /** Why: 'conflict' (no valid configuration keeps these choices), 'invalid-selection', 'search-limit'. */
      cause: 'conflict' | 'invalid-selection' | 'search-limit';
      message: string;
      /** For a conflict: a smallest-by-deletion set of choices that cannot be kept together, and the rules that link them. */
      conflictingChoices: string[];
      reasons: Reason[];
      problems: SelectionProblem[];
    };

export interface AutocompleteOptions {
  /** Search effort before giving up (branching decisions). */
  nodeLimit?: number;
  /** Value order for the features left open; default: each feature's default first, then model order. */
  prefer?: (feature: string, values: FeatureValue[]) => FeatureValue[];
  /** Draw values in random order instead (a random valid configuration, for tests and samples). */
  random?: () => number;
}

const DEFAULT_NODE_LIMIT = 200_000;

/**
 * A valid complete configuration that keeps every choice made, preferring the defaults (earlier
 * features first), or the statement that none exists and why.
 */
export function autocomplete(
  model: ProductModel,
  selection: Selection,
  options: AutocompleteOptions = {},
): Completion {
  const { assignment, problems } = readSelection(model, selection);
  if (problems.length > 0) {
    return {
      found: false,
      cause: 'invalid-selection',
      message: problems.map((p) => p.message).join('; '),
      conflictingChoices: problems.map((p) => p.feature),
      reasons: [],
      problems,
    };
  }
  const compiled = compileModel(model);
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const outcome = solve(compiled, assignment, nodeLimit, options.prefer, options.random);
  if (outcome.status === 'found') {
    const selectionOut: Record<string, SelectionValue | null> = {};
    for (const [code, value] of valuesToAssignment(compiled, outcome.values))
      selectionOut[code] = writeFeatureValue(value);
    return {
      found: true,
      selection: selectionOut,
      filledIn: model.features.filter((f) => !assignment.has(f.code)).map((f) => f.code),
    };
  }
  if (outcome.status === 'gave-up') {
    return {
      found: false,
      cause: 'search-limit',
      message: `No completion found within ${nodeLimit} search steps; the choices may still be completable`,
      conflictingChoices: [],
      reasons: [],
      problems: [],
    };
  }
  // Shrink the choices to a set that still cannot be completed: drop each one that is not needed.
  const kept = new Map(assignment);
  for (const code of [...assignment.keys()].reverse()) {
    const without = new Map(kept);
    without.delete(code);
    if (solve(compiled, without, nodeLimit, undefined).status === 'none') kept.delete(code);
  }
  const core = propagate(
    model,
    Object.fromEntries([...kept].map(([code, value]) => [code, writeFeatureValue(value)!])),
  );
  const conflictingChoices = model.features.filter((f) => kept.has(f.code)).map((f) => f.code);
  // Propagation names the conflict's rules; where it does not see one (search gave up there), the rules
  // under which the kept choices admit no configuration, found the same certified way.
  const reasons =
    core.conflict?.reasons ??
    rulesOfConflict(compiled, heldValues(compiled, kept)).constraints.map((c) => reasonOf(compiled, c));
  return {
    found: false,
    cause: 'conflict',
    message:
      conflictingChoices.length > 0
        ? `No valid configuration keeps ${conflictingChoices.map((c) => `'${c}'`).join(', ')} together`
        : 'This model has no valid configuration at all',
    conflictingChoices,
    reasons,
    problems: [],
  };
}

function solve(
  compiled: CompiledModel,
  assignment: Assignment,
  nodeLimit: number,
  prefer: ((feature: string, values: FeatureValue[]) => FeatureValue[]) | undefined,
  random?: () => number,
): ReturnType<typeof search> {
  const { propagator, consistent } = propagatorWithChoices(compiled, assignment);
  if (!consistent) return { status: 'none', failedConstraints: new Set([propagator.failedConstraint]) };
  return search(propagator, {
    nodeLimit,
    valueOrder: (variable, candidates) => {
      if (random) return shuffle(candidates, random);
      if (prefer) {
        const { feature, values } = compiled.variables[variable]!;
        if (compiled.variables[variable]!.option === null) {
          const order = prefer(
            feature.code,
            candidates.map((i) => values[i]!),
          );
          return order.map((value) => candidates.find((i) => sameValue(values[i]!, value))!);
        }
      }
      // The model's preference, worked out once per model: filter it to the values still possible.
      const possible = new Set(candidates);
      return Array.from(defaultOrder(compiled)[variable]!).filter((i) => possible.has(i));
    },
  });
}

const defaultOrders = new WeakMap<CompiledModel, Int32Array[]>();

/**
 * Per variable, its value indices in the order autocomplete tries them: the feature's default first;
 * for numbers, then the values nearest the default; a tick box's default state first; otherwise model
 * order. Computed once per compiled model.
 */
function defaultOrder(compiled: CompiledModel): Int32Array[] {
  let orders = defaultOrders.get(compiled);
  if (!orders) {
    orders = compiled.variables.map(({ feature, option, values }) => {
      const indices = values.map((_, i) => i);
      const fallback = feature.default;
      if (option !== null) {
        const ticked = fallback instanceof Set && fallback.has(option);
        return Int32Array.from(ticked ? [1, 0] : [0, 1]);
      }
      if (fallback === undefined) return Int32Array.from(indices);
      if (feature.kind === 'integer' || feature.kind === 'decimal') {
        const distance = values.map((value) => (value as Decimal).minus(fallback as Decimal).abs());
        return Int32Array.from(indices.sort((a, b) => distance[a]!.comparedTo(distance[b]!) || a - b));
      }
      const first = indices.filter((i) => sameValue(values[i]!, fallback));
      return Int32Array.from([...first, ...indices.filter((i) => !first.includes(i))]);
    });
    defaultOrders.set(compiled, orders);
  }
  return orders;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** A small seeded pseudo-random generator (mulberry32): the same seed draws the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid complete configurations drawn uniformly at random (each valid configuration equally likely),
 * through the model's decision graph; [] when the model has none or is too large to compile into one.
 * For sessions to time or test on when there is no sales history.
 */
export function randomConfigurations(
  model: ProductModel,
  count: number,
  random: () => number,
): Record<string, SelectionValue | null>[] {
  const compiled = compileModel(model);
  const graph = decisionGraphOf(compiled);
  const drawn: Record<string, SelectionValue | null>[] = [];
  for (let i = 0; graph && i < count; i++) {
    const values = graphSample(graph, random);
    if (!values) break;
    const selection: Record<string, SelectionValue | null> = {};
    for (const [code, value] of valuesToAssignment(compiled, values))
      selection[code] = writeFeatureValue(value);
    drawn.push(selection);
  }
  return drawn;
}

export function valuesToAssignment(compiled: CompiledModel, values: Int32Array): Map<string, FeatureValue> {
  const assignment = new Map<string, FeatureValue>();
  for (const variable of compiled.variables) {
    const value = variable.values[values[variable.index]!]!;
    if (variable.option === null) assignment.set(variable.feature.code, value);
    else {
      const set = (assignment.get(variable.feature.code) as Set<string> | undefined) ?? new Set<string>();
      if (value === true) set.add(variable.option);
      assignment.set(variable.feature.code, set);
    }
  }
  return assignment;
}
