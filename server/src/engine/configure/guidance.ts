import type { Assignment, FeatureValue } from '../model/product-model.js';
import { type CompiledModel, valueIndex } from '../solver/compile.js';
import type { Reasoner } from '../solver/reasoner.js';

/**
 * A choice as the reasoner sees it: one variable held to one value. A single choice, boolean or
 * number is one; a multiple choice is one per tick box (ticked or not), so that an explanation or a
 * resolution can name the one box that matters.
 */
export interface HeldValue {
  feature: string;
  variable: number;
  /** Flat value index (offsets[variable] + value index). */
  at: number;
}

/** The variables the choices hold, in configurator order. */
export function heldValues(compiled: CompiledModel, assignment: Assignment): HeldValue[] {
  const held: HeldValue[] = [];
  for (const feature of compiled.model.features) {
    if (!assignment.has(feature.code)) continue;
    const value = assignment.get(feature.code)!;
    for (const variable of compiled.variablesOfFeature.get(feature.code) ?? []) {
      const { option } = compiled.variables[variable]!;
      const wanted: FeatureValue = option === null ? value : (value as ReadonlySet<string>).has(option);
      const index = valueIndex(compiled, variable, wanted);
      if (index >= 0) held.push({ feature: feature.code, variable, at: compiled.offsets[variable]! + index });
    }
  }
  return held;
}

/** Allowed values with these held (each held variable allows only its value) and these extra. */
export function allowedWith(compiled: CompiledModel, held: readonly HeldValue[]): Uint8Array {
  const allowed = new Uint8Array(compiled.totalValues).fill(1);
  for (const { variable } of held) {
    const base = compiled.offsets[variable]!;
    const size = compiled.variables[variable]!.values.length;
    allowed.fill(0, base, base + size);
  }
  for (const { at } of held) allowed[at] = 1;
  return allowed;
}

/**
 * A minimal set of held values that, with `background`, admits no valid configuration
 * (QuickXplain): leave any one out and a valid configuration exists again. Null when `background`
 * and all of `candidates` together still admit one.
 */
export function minimalConflict(
  reasoner: Reasoner,
  background: readonly HeldValue[],
  candidates: readonly HeldValue[],
): HeldValue[] | null {
  return quickXplain(background, candidates, (held) =>
    reasoner.satisfiable(allowedWith(reasoner.compiled, held)),
  );
}

/**
 * As minimalConflict, choice by choice: a multiple choice's tick boxes are one choice (as the person
 * made it), kept or left out together. Also says whether the set is known to be minimal: a search that
 * gave up is taken for "a configuration exists" (the set found still admits none, but it may hold a
 * choice not needed).
 */
export function minimalConflictChecked(
  reasoner: Reasoner,
  background: readonly HeldValue[],
  candidates: readonly HeldValue[],
): { core: HeldValue[]; minimal: boolean } | null {
  let unknown = false;
  const groups = byFeature(candidates);
  const core = quickXplain([background], groups, (sets) => {
    const decision = reasoner.decide(allowedWith(reasoner.compiled, sets.flat()));
    if (decision === 'unknown') unknown = true;
    return decision !== 'no';
  });
  return core === null ? null : { core: core.flat(), minimal: !unknown };
}

/** Held values grouped by feature, in the order of their first appearance. */
export function byFeature(held: readonly HeldValue[]): HeldValue[][] {
  const groups = new Map<string, HeldValue[]>();
  for (const h of held) {
    const group = groups.get(h.feature);
    if (group) group.push(h);
    else groups.set(h.feature, [h]);
  }
  return [...groups.values()];
}

/**
 * QuickXplain: a minimal subset of `candidates` that, with `background`, is not consistent (leave any
 * one out and it is); [] when `background` alone is not, null when everything together is.
 */
export function quickXplain<T>(
  background: readonly T[],
  candidates: readonly T[],
  consistent: (items: readonly T[]) => boolean,
  /** Already known: background and candidates together are not consistent (the first question is skipped). */
  knownInconsistent = false,
): T[] | null {
  if (!knownInconsistent && consistent([...background, ...candidates])) return null;
  if (!consistent(background)) return [];
  const explain = (base: T[], items: T[], checkBase: boolean): T[] => {
    if (checkBase && !consistent(base)) return [];
    if (items.length === 1) return items;
    const middle = items.length >>> 1;
    const first = items.slice(0, middle);
    const second = items.slice(middle);
    const fromSecond = explain([...base, ...first], second, first.length > 0);
    const fromFirst = explain([...base, ...fromSecond], first, fromSecond.length > 0);
    return [...fromFirst, ...fromSecond];
  };
  return explain([...background], [...candidates], false);
}
