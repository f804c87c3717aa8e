import { LRUCache } from 'lru-cache';
import { CACHE_LIMITS } from '../cache-limits.js';
import type { CompiledModel } from '../solver/compile.js';
import { Propagator, type Snapshot } from '../solver/propagator.js';
import { type Decision, type Reasoner, SEARCH_NODE_LIMIT, type Support } from '../solver/reasoner.js';
import { search } from '../solver/search.js';
import { type HeldValue, minimalConflictChecked, quickXplain } from './guidance.js';

/**
 * Certified explanations. An explanation of an excluded option is a proof: with only the rules it
 * names and only the choices it names, no valid complete configuration has the option. It is found in
 * two steps, each on an exact oracle:
 * 1. the choices: a minimal set of the choices that, with every rule, excludes the option (QuickXplain
 *    on the reasoner: the counting tree, or search); a multiple choice is one choice, all its boxes;
 * 2. the rules: with those choices and the option held, a minimal set of rules that still admits no
 *    configuration (QuickXplain over the rules, each question answered by arc consistency and search
 *    on the model with only those rules).
 * The choices stay minimal under fewer rules (fewer rules only allow more), so dropping any one named
 * rule or choice makes the option possible again: the explanation is minimal both ways, unless a
 * search gave up on the way (then `minimal` is false; the proof still holds).
 */
export interface Explanation {
  /** The choices behind it (held values; a multiple choice with every one of its boxes). */
  core: HeldValue[];
  /** The rules behind it (constraint indices): the ones on the option's own feature first, then model order. */
  constraints: number[];
  /** Whether dropping any one rule or choice makes the option possible again (known, not assumed). */
  minimal: boolean;
}

/** Answers a propagation already has, to skip oracle calls (with counts: one pass per choice held alone). */
export interface ExplanationHints {
  /** What the rules alone allow. */
  unconstrained: Support | null;
  /** What each choice held alone allows. */
  alone: ((held: HeldValue) => Support) | null;
}

/**
 * Why `target` is in no valid configuration that keeps `held` (the other choices, in the order to
 * prefer them: an earlier one is named rather than a later one when either would do).
 */
export function explainExcluded(
  reasoner: Reasoner,
  target: HeldValue,
  held: readonly HeldValue[],
  hints: ExplanationHints = { unconstrained: null, alone: null },
): Explanation {
  let core: HeldValue[] | null = null;
  let minimal = reasoner.counts;
  const { unconstrained, alone } = hints;
  if (unconstrained) {
    if (!unconstrained.possible(target.at)) core = [];
    else if (alone) {
      // One value alone excludes it: its whole choice (a multiple choice's every box) does too.
      const single = held.find((h) => !alone(h).possible(target.at));
      if (single) core = held.filter((h) => h.feature === single.feature);
    }
  }
  if (core === null) {
    const found = minimalConflictChecked(reasoner, [target], held);
    core = found?.core ?? [...held];
    minimal = found?.minimal ?? false;
  }
  const rules = rulesBehind(reasoner.compiled, [target, ...core], [target.variable]);
  return { core, constraints: rules.constraints, minimal: minimal && rules.minimal };
}

/**
 * The rules behind a conflict of held values (they admit no valid configuration together, with every
 * rule): a minimal set of rules under which they still admit none.
 */
export function rulesOfConflict(
  compiled: CompiledModel,
  core: readonly HeldValue[],
): { constraints: number[]; minimal: boolean } {
  return rulesBehind(
    compiled,
    core,
    core.map((h) => h.variable),
  );
}

interface RuleSet {
  constraints: number[];
  minimal: boolean;
}

const remembered = new WeakMap<CompiledModel, LRUCache<string, RuleSet>>();

/**
 * A minimal set of rules (constraints) under which the `fixed` values admit no valid configuration,
 * by QuickXplain over the rules that can take part. `focus`: the variables the question is about (the
 * option's); only the rules connected to them through variables not fixed can take part. Remembered
 * per model and fixed values.
 */
function rulesBehind(
  compiled: CompiledModel,
  fixed: readonly HeldValue[],
  focus: readonly number[],
): RuleSet {
  let cache = remembered.get(compiled);
  if (!cache) {
    cache = new LRUCache({ max: CACHE_LIMITS.explanationsPerModel.maxEntries });
    remembered.set(compiled, cache);
  }
  // The focus orders the rules named (and bounds the candidates): part of the question.
  const key = `${fixed
    .map((h) => h.at)
    .sort((a, b) => a - b)
    .join()}|${focus.join()}`;
  let found = cache.get(key);
  if (!found) {
    found = findRules(compiled, fixed, focus);
    cache.set(key, found);
  }
  return found;
}

function findRules(compiled: CompiledModel, fixed: readonly HeldValue[], focus: readonly number[]): RuleSet {
  const oracle = ruleOracleOf(compiled);
  const connected = connectedConstraints(compiled, fixed, focus);
  // Arc consistency usually refutes the fixed values already, and says on which rules it rested: a
  // proof to shrink, much smaller than every rule connected. Otherwise search decides on all of them.
  const refuted = oracle.refutation(connected, fixed);
  const candidates = refuted ? connected.filter((c) => refuted.has(c)) : connected;
  let unknown = false;
  const consistent = (constraints: readonly number[]): boolean => {
    const decision = oracle.decide(constraints, fixed);
    if (decision === 'unknown') unknown = true;
    return decision !== 'no';
  };
  // With no rule at all the fixed values (one per variable) are admitted: a refuted set of one is minimal.
  const rules =
    refuted && candidates.length === 1
      ? candidates
      : quickXplain([], candidates, consistent, refuted !== null && refuted.size > 0);
  // Null only when a search gave up even on every candidate: they are a proof all the same (the
  // reasoner found no configuration with every rule, and the rules not connected cannot matter).
  const constraints = rules ?? candidates;
  return { constraints: ordered(compiled, constraints, focus), minimal: rules !== null && !unknown };
}

/** The rules reading a focus variable first, then the others; each part in model order. */
function ordered(
  compiled: CompiledModel,
  constraints: readonly number[],
  focus: readonly number[],
): number[] {
  const near = (c: number): number =>
    compiled.constraints[c]!.variables.some((v) => focus.includes(v)) ? 0 : 1;
  return [...constraints].sort((a, b) => near(a) - near(b) || a - b);
}

/**
 * The constraints that can take part in refuting the fixed values: those reachable from the focus
 * variables' constraints through variables not fixed. The others fall apart from them once the fixed
 * values are held, and they admit a configuration on their own (the model does, without the focus).
 */
function connectedConstraints(
  compiled: CompiledModel,
  fixed: readonly HeldValue[],
  focus: readonly number[],
): number[] {
  const { constraints, constraintsOfVariable } = compiled;
  if (focus.length === 0) return constraints.map((_, c) => c);
  const isFixed = new Uint8Array(compiled.variables.length);
  for (const h of fixed) isFixed[h.variable] = 1;
  const seen = new Uint8Array(constraints.length);
  const queue: number[] = [];
  const reach = (c: number): void => {
    if (seen[c] === 1) return;
    seen[c] = 1;
    queue.push(c);
  };
  for (const v of focus) for (const c of constraintsOfVariable[v]!) reach(c);
  while (queue.length > 0) {
    const c = queue.pop()!;
    for (const v of constraints[c]!.variables) {
      if (isFixed[v] === 1) continue;
      for (const next of constraintsOfVariable[v]!) reach(next);
    }
  }
  const result: number[] = [];
  for (let c = 0; c < constraints.length; c++) if (seen[c] === 1) result.push(c);
  return result;
}

/**
 * Questions about the model with only some of its rules: one propagator over the full domains (not
 * the model's root state, which every rule has narrowed), restored before each question.
 */
class RuleOracle {
  private readonly propagator: Propagator;
  private readonly initial: Snapshot;
  private readonly active: Uint8Array;
  /** Words per constraint bit set. */
  private readonly words: number;
  /** Per variable: the constraints its removals so far rest on (a bit set). */
  private readonly because: Uint32Array;

  constructor(private readonly compiled: CompiledModel) {
    this.propagator = new Propagator(compiled);
    this.initial = this.propagator.snapshot();
    this.active = new Uint8Array(compiled.constraints.length);
    this.propagator.active = this.active;
    this.words = Math.max(1, Math.ceil(compiled.constraints.length / 32));
    this.because = new Uint32Array(compiled.variables.length * this.words);
  }

  /** Back to the full domains with only `constraints` taking part and the fixed values held. */
  private start(constraints: readonly number[], fixed: readonly HeldValue[]): boolean {
    const { propagator, compiled } = this;
    propagator.restore(this.initial);
    this.active.fill(0);
    for (const c of constraints) this.active[c] = 1;
    let ok = true;
    for (const { variable, at } of fixed) {
      const index = at - compiled.offsets[variable]!;
      ok = propagator.restrict(variable, (i) => i === index) && ok;
    }
    return ok;
  }

  /**
   * Arc consistency with these constraints and the fixed values. When it finds no configuration: the
   * constraints the wipe-out rests on (each removal's constraint and, recursively, those behind the
   * removals it needed), which alone refute the fixed values too. Null when it finds nothing.
   */
  refutation(constraints: readonly number[], fixed: readonly HeldValue[]): Set<number> | null {
    const { propagator, compiled, words, because } = this;
    if (!this.start(constraints, fixed)) return new Set();
    because.fill(0);
    propagator.listener = (variable, _value, c) => {
      const base = variable * words;
      because[base + (c >>> 5)]! |= 1 << (c & 31);
      for (const other of compiled.constraints[c]!.variables) {
        if (other === variable) continue;
        for (let w = 0; w < words; w++) because[base + w]! |= because[other * words + w]!;
      }
    };
    const consistent = propagator.propagateAll();
    propagator.listener = null;
    if (consistent) return null;
    const bits = new Uint32Array(words);
    const merge = (variable: number): void => {
      for (let w = 0; w < words; w++) bits[w]! |= because[variable * words + w]!;
    };
    const failed = propagator.failedConstraint;
    if (failed >= 0) {
      bits[failed >>> 5]! |= 1 << (failed & 31);
      for (const variable of compiled.constraints[failed]!.variables) merge(variable);
    }
    if (propagator.failedVariable >= 0) merge(propagator.failedVariable);
    const result = new Set<number>();
    for (let w = 0; w < words; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        result.add(w * 32 + bit);
      }
    }
    return result;
  }

  /** Whether some configuration satisfies these constraints with the fixed values held. */
  decide(constraints: readonly number[], fixed: readonly HeldValue[]): Decision {
    const { propagator, compiled } = this;
    if (!this.start(constraints, fixed) || !propagator.propagateAll()) return 'no';
    // Only the variables these constraints read need a value; the others are free.
    const read = new Set<number>();
    for (const c of constraints) for (const v of compiled.constraints[c]!.variables) read.add(v);
    const variables = Int32Array.from([...read].sort((a, b) => a - b));
    const outcome = search(propagator, {
      valueOrder: (_variable, candidates) => candidates,
      nodeLimit: SEARCH_NODE_LIMIT,
      variables,
    });
    return outcome.status === 'found' ? 'yes' : outcome.status === 'none' ? 'no' : 'unknown';
  }
}

const oracles = new WeakMap<CompiledModel, RuleOracle>();

function ruleOracleOf(compiled: CompiledModel): RuleOracle {
  let oracle = oracles.get(compiled);
  if (!oracle) {
    oracle = new RuleOracle(compiled);
    oracles.set(compiled, oracle);
  }
  return oracle;
}
