import { LRUCache } from 'lru-cache';
import { CACHE_LIMITS } from '../cache-limits.js';
import { type Decimal, decimalText } from '../common/decimal.js';
import type { FeatureKind, Selection, SelectionValue } from '../model/model.types.js';
import type { Assignment, Feature, FeatureValue, ProductModel } from '../model/product-model.js';
import { writeFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel, valueIndex } from '../solver/compile.js';
import { Propagator, type Snapshot } from '../solver/propagator.js';
import { type Reasoner, reasonerOf, type Support } from '../solver/reasoner.js';
import { type ExplanationHints, explainExcluded, rulesOfConflict } from './explain.js';
import { allowedWith, type HeldValue, heldValues, minimalConflictChecked } from './guidance.js';
import { readSelection, type SelectionProblem } from './selection.js';

export type OptionStateKind = 'selected' | 'available' | 'excluded';

/** One rule behind an exclusion, in words a person understands. */
export interface Reason {
  ruleId: string;
  message: string;
  /** The features the rule reads. */
  features: string[];
}

/** Where a value in the selection came from: the person chose it, or it was filled in for them (a default). */
export type ChoiceSource = 'chosen' | 'default';

/** One earlier choice behind an exclusion, and whether the person made it or a default filled it in. */
export interface BlockingChoice {
  feature: string;
  source: ChoiceSource;
}

export interface OptionState {
  code: string;
  label: string;
  state: OptionStateKind;
  /** Not chosen, but every valid completion contains it: the rules imply it. */
  implied: boolean;
  /**
   * For an excluded option: the rules responsible, those on its own feature first. With only these
   * rules and only the choices in blockedBy, no valid configuration has the option (a proof). Read
   * only: an empty list is one frozen array shared by every option (a propagation builds hundreds).
   */
  reasons: Reason[];
  /** For an excluded option: the earlier choices responsible (feature codes, configurator order). Read only, as reasons. */
  blockedBy: string[];
  /** blockedBy with where each value came from (the person's choice or a default). Read only, as reasons. */
  blocking: BlockingChoice[];
  /**
   * For an excluded option: whether its explanation is known to be minimal (without any one of its
   * rules or choices the option is possible again). False when arc consistency or a search that gave
   * up found it: still a proof, perhaps with more than is needed.
   */
  minimal: boolean;
  /**
   * Valid complete configurations with this option: given every choice for an open feature, and
   * given the other choices for an option of a feature already chosen (what switching to it leaves).
   * Null when the model cannot be counted or the choices conflict.
   */
  count: bigint | null;
}

export interface FeatureState {
  code: string;
  label: string;
  kind: FeatureKind;
  group: string | null;
  /** Whether someone chose this feature (defaults are not choices). */
  decided: boolean;
  /** The value chosen, written as in a selection. */
  value: SelectionValue | null;
  /**
   * Choice and boolean features: every option with its state. Booleans show 'true' and 'false'.
   * Numbers: none (one frozen empty array shared, read only).
   */
  options: OptionState[];
  /** Numeric features: the interval still allowed given the other choices. */
  allowed: { min: string; max: string; step: string | null; unit: string | null } | null;
}

export interface Propagation {
  /** False when the choices together break the rules: no valid configuration keeps them all. */
  consistent: boolean;
  /** When inconsistent: the rules and choices in conflict. */
  conflict: { reasons: Reason[]; features: string[] } | null;
  features: FeatureState[];
  /** Choices that could not be used (unknown feature, value outside the domain); left out. */
  problems: SelectionProblem[];
  /** Valid complete configurations that keep every choice; null when the model cannot be counted. */
  remaining: bigint | null;
}

export interface PropagateOptions {
  /** Explain each excluded option (a minimal set of choices and the rules linking them). Default true. */
  explanations?: boolean;
  /**
   * Features whose value in the selection was filled in for the person (a default they kept), not
   * chosen: they restrict like any choice, explanations say so, and name the person's own choices
   * rather than them when either would do.
   */
  filledIn?: ReadonlySet<string>;
}

interface RunSnapshot {
  propagator: Snapshot;
  removalConstraint: Int32Array;
  removalBits: Uint32Array;
  variableBits: Uint32Array;
  chosen: Uint8Array;
  failed: boolean;
}

interface Cause {
  constraint: number;
  features: Set<string>;
  constraints: Set<number>;
}

/** What the rules alone rule out, before any choice: computed once per compiled model. */
interface RootState {
  consistent: boolean;
  state: ReturnType<Propagator['state']>;
  removalConstraint: Int32Array;
  removalBits: Uint32Array;
  variableBits: Uint32Array;
}

const roots = new WeakMap<CompiledModel, RootState>();

function rootOf(compiled: CompiledModel): RootState {
  let root = roots.get(compiled);
  if (!root) {
    const run = new ExplainedRun(compiled, null);
    const consistent = run.run(new Map());
    root = {
      consistent,
      state: run.propagator.state(),
      removalConstraint: run.removalConstraint.slice(),
      removalBits: run.removalBits.slice(),
      variableBits: run.variableBits.slice(),
    };
    roots.set(compiled, root);
  }
  return root;
}

/** A propagator holding the model's root state (or the full domains when the model has no valid configuration). */
export function rootPropagator(compiled: CompiledModel): Propagator {
  const root = rootOf(compiled);
  return root.consistent ? new Propagator(compiled, root.state) : new Propagator(compiled);
}

/**
 * A propagator holding the choices made and their consequences, started from the model's root state.
 * `consistent` is false when the choices conflict, or when the model has no valid configuration at all.
 */
export function propagatorWithChoices(
  compiled: CompiledModel,
  assignment: Assignment,
): { propagator: Propagator; consistent: boolean } {
  const propagator = rootPropagator(compiled);
  const chosen = [...assignment.keys()].flatMap((code) => compiled.variablesOfFeature.get(code) ?? []);
  const applied = applyChoices(compiled, propagator, assignment);
  return {
    propagator,
    consistent: rootOf(compiled).consistent && applied && propagator.propagateFrom(chosen),
  };
}

/**
 * Propagation runs with the bookkeeping that explains each removal: for every removed value, the
 * constraint that removed it, and (as bit sets, cheap to merge) the choices and constraints behind
 * it, inherited from the removals in the constraint's other variables. One instance serves several
 * runs of one request; each run starts again from the model's root state.
 */
class ExplainedRun {
  readonly propagator: Propagator;
  /** Words per bit set: feature bits first, then constraint bits. */
  private readonly words: number;
  private readonly featureWords: number;
  readonly removalConstraint: Int32Array;
  readonly removalBits: Uint32Array;
  readonly variableBits: Uint32Array;
  private readonly chosen: Uint8Array;
  private readonly featureIndex: Int32Array;
  private readonly scratch: Uint32Array;
  private readonly initial: Snapshot | null;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly root: RootState | null,
  ) {
    const { variables, constraints, offsets, totalValues, model } = compiled;
    const fromRoot = root?.consistent === true;
    this.propagator = fromRoot ? new Propagator(compiled, root.state) : new Propagator(compiled);
    this.initial = this.propagator.snapshot();
    this.featureWords = Math.ceil(model.features.length / 32);
    this.words = this.featureWords + Math.ceil(constraints.length / 32);
    this.removalConstraint = new Int32Array(totalValues);
    this.removalBits = new Uint32Array(totalValues * this.words);
    this.variableBits = new Uint32Array(variables.length * this.words);
    this.chosen = new Uint8Array(variables.length);
    const position = new Map(model.features.map((feature, index) => [feature.code, index]));
    this.featureIndex = Int32Array.from(variables, (variable) => position.get(variable.feature.code)!);
    this.scratch = new Uint32Array(this.words);
    const { words, featureWords, scratch } = this;
    this.propagator.listener = (variable, value, c) => {
      scratch.fill(0);
      scratch[featureWords + (c >>> 5)]! |= 1 << (c & 31);
      for (const other of constraints[c]!.variables) {
        if (other === variable) continue;
        if (this.chosen[other] === 1) {
          const f = this.featureIndex[other]!;
          scratch[f >>> 5]! |= 1 << (f & 31);
        } else {
          const base = other * words;
          for (let w = 0; w < words; w++) scratch[w]! |= this.variableBits[base + w]!;
        }
      }
      const at = offsets[variable]! + value;
      this.removalConstraint[at] = c;
      this.removalBits.set(scratch, at * words);
      const base = variable * words;
      for (let w = 0; w < words; w++) this.variableBits[base + w]! |= scratch[w]!;
    };
  }

  /** Back to the model's root state, with no choice made. */
  reset(): void {
    const { root, propagator } = this;
    propagator.restore(this.initial!);
    if (root?.consistent) {
      this.removalConstraint.set(root.removalConstraint);
      this.removalBits.set(root.removalBits);
      this.variableBits.set(root.variableBits);
    } else {
      this.removalConstraint.fill(-1);
      this.removalBits.fill(0);
      this.variableBits.fill(0);
    }
    this.chosen.fill(0);
    this.failed = false;
  }

  /** Whether the choices added so far broke the rules. */
  failed = false;

  /** Adds choices and propagates them; false (and nothing more is propagated) once the choices conflict. */
  add(choices: Assignment): boolean {
    if (this.failed) return false;
    const before = this.chosen.slice();
    if (!applyChoices(this.compiled, this.propagator, choices, this.chosen)) {
      this.failed = true;
      return false;
    }
    const changed: number[] = [];
    for (let v = 0; v < this.chosen.length; v++) if (this.chosen[v] === 1 && before[v] === 0) changed.push(v);
    const ok = this.root?.consistent
      ? this.propagator.propagateFrom(changed)
      : this.propagator.propagateAll();
    this.failed = !ok;
    return ok;
  }

  save(): RunSnapshot {
    return {
      propagator: this.propagator.snapshot(),
      removalConstraint: this.removalConstraint.slice(),
      removalBits: this.removalBits.slice(),
      variableBits: this.variableBits.slice(),
      chosen: this.chosen.slice(),
      failed: this.failed,
    };
  }

  restore(snapshot: RunSnapshot): void {
    this.propagator.restore(snapshot.propagator);
    this.removalConstraint.set(snapshot.removalConstraint);
    this.removalBits.set(snapshot.removalBits);
    this.variableBits.set(snapshot.variableBits);
    this.chosen.set(snapshot.chosen);
    this.failed = snapshot.failed;
  }

  /** Propagates these choices from the root state; false when they cannot all hold together. */
  run(assignment: Assignment): boolean {
    this.reset();
    return this.add(assignment);
  }

  /** Why a value is gone, or undefined while it is possible. */
  removal(variable: number, value: number): Cause | undefined {
    const at = this.compiled.offsets[variable]! + value;
    if (this.propagator.has(variable, value)) return undefined;
    return this.causeOf(
      this.removalConstraint[at]!,
      this.removalBits.subarray(at * this.words, (at + 1) * this.words),
    );
  }

  private causeOf(constraint: number, bits: Uint32Array): Cause {
    const features = new Set<string>();
    const constraints = new Set<number>();
    for (let w = 0; w < this.words; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        if (w < this.featureWords) features.add(this.compiled.model.features[w * 32 + bit]!.code);
        else constraints.add((w - this.featureWords) * 32 + bit);
      }
    }
    return { constraint, features, constraints };
  }

  /** The conflict behind a failed run: the emptied variable's causes and the failing constraint's. */
  conflict(): Cause {
    const { failedVariable, failedConstraint } = this.propagator;
    const bits = new Uint32Array(this.words);
    const merge = (variable: number): void => {
      for (let w = 0; w < this.words; w++) bits[w]! |= this.variableBits[variable * this.words + w]!;
      if (this.chosen[variable] === 1) {
        const f = this.featureIndex[variable]!;
        bits[f >>> 5]! |= 1 << (f & 31);
      }
    };
    if (failedConstraint >= 0) {
      bits[this.featureWords + (failedConstraint >>> 5)]! |= 1 << (failedConstraint & 31);
      for (const variable of this.compiled.constraints[failedConstraint]!.variables) merge(variable);
    }
    if (failedVariable >= 0) merge(failedVariable);
    return this.causeOf(failedConstraint, bits);
  }
}

/**
 * Restricts the propagator to the choices made. Returns false when a choice has no value left in its
 * domain (cannot happen for values read by readSelection).
 */
export function applyChoices(
  compiled: CompiledModel,
  propagator: Propagator,
  assignment: Assignment,
  chosen?: Uint8Array,
): boolean {
  let ok = true;
  for (const [code, value] of assignment) {
    for (const variable of compiled.variablesOfFeature.get(code) ?? []) {
      const { option } = compiled.variables[variable]!;
      const wanted: FeatureValue = option === null ? value : (value as ReadonlySet<string>).has(option);
      const index = valueIndex(compiled, variable, wanted);
      ok = propagator.restrict(variable, (i) => i === index) && ok;
      if (chosen) chosen[variable] = 1;
    }
  }
  return ok;
}

/**
 * After the choices made: for every feature, every option's state (selected, available, excluded with
 * a minimal set of earlier choices responsible and the rules linking them, and how many valid
 * configurations contain it), the number of valid configurations left, and for numbers the interval
 * still allowed. Complete: an option is offered exactly when some valid complete configuration keeps
 * the choices and contains it. Alternatives to a choice already made are judged against the other
 * choices, so that a person sees what they could switch to.
 */
export function propagate(
  model: ProductModel,
  selection: Selection,
  options: PropagateOptions = {},
): Propagation {
  const compiled = compileModel(model);
  const { assignment, problems } = readSelection(model, selection);
  const reasoner = reasonerOf(compiled);
  const filledIn = options.filledIn ?? NO_FILLED_IN;
  // The person's own choices first: an explanation names them rather than a default when either would do.
  const held = preferChosen(heldValues(compiled, assignment), filledIn);
  const allowed = allowedWith(compiled, held);
  // Nothing or one value held (every session's start): answers remembered per model, as for explanations.
  const support = !reasoner.counts
    ? reasoner.support(allowed)
    : held.length === 0
      ? unconstrainedSupport(reasoner)
      : held.length === 1
        ? supportWithOnly(reasoner, held[0]!)
        : reasoner.support(allowed);
  const consistent = support.total !== null ? support.total > 0n : reasoner.satisfiable(allowed);
  if (!consistent) {
    // Nothing is possible with every choice kept: the states come from arc consistency (each
    // alternative judged against the other choices), the conflict is a minimal one.
    const result = propagateByArcConsistency(model, selection, filledIn);
    const core = minimalConflictChecked(reasoner, [], held)?.core ?? held;
    const features = new Set(core.map((h) => h.feature));
    result.conflict = {
      features: ordered(model, features),
      reasons: rulesOfConflict(compiled, core).constraints.map((c) => reasonOf(compiled, c)),
    };
    // Arc consistency may not see it (it is not complete): the reasoner's answer stands.
    result.consistent = false;
    result.remaining = support.total;
    return result;
  }
  const explain = options.explanations ?? true;
  const heldByVariable = new Map(held.map((h) => [h.variable, h]));
  // With counts, one pass per choice held alone says, for every option at once, whether that choice
  // alone excludes it: most explanations are one choice. The others are searched for (QuickXplain).
  // What the rules alone allow (shared by every request on this model): an option no configuration
  // has is explained by the rules alone.
  const hints: ExplanationHints = {
    unconstrained: explain && reasoner.counts ? unconstrainedSupport(reasoner) : null,
    alone: (h: HeldValue): Support => supportWithOnly(reasoner, h),
  };
  const explanation = (variable: number, value: number): OptionExplanation => {
    if (!explain) return NO_EXPLANATION;
    const target = {
      feature: compiled.variables[variable]!.feature.code,
      variable,
      at: compiled.offsets[variable]! + value,
    };
    const others = held.filter((h) => h.variable !== variable);
    const found = explainExcluded(reasoner, target, others, hints);
    const blockedBy = ordered(model, new Set(found.core.map((h) => h.feature)));
    return {
      reasons: found.constraints.map((c) => reasonOf(compiled, c)),
      blockedBy,
      blocking: blockingChoices(blockedBy, filledIn),
      minimal: found.minimal,
    };
  };
  const features = model.features.map((feature) =>
    completeFeatureState(
      compiled,
      feature,
      assignment.get(feature.code),
      support,
      heldByVariable,
      explanation,
    ),
  );
  return { consistent: true, conflict: null, features, problems, remaining: support.total };
}

const unconstrainedSupports = new WeakMap<Reasoner, Support>();
/** One choice's answers held alone are remembered per model: the next request shares most choices. */
const supportsWithOnly = new WeakMap<Reasoner, LRUCache<number, Support>>();

function supportWithOnly(reasoner: Reasoner, held: HeldValue): Support {
  let remembered = supportsWithOnly.get(reasoner);
  if (!remembered) {
    // Sized by the counts each holds: per value two numbers, as BigInt (about 40 bytes each) past 2^53.
    const values = reasoner.compiled.totalValues;
    remembered = new LRUCache({
      max: CACHE_LIMITS.supportsPerModel.maxEntries,
      maxSize: CACHE_LIMITS.supportsPerModel.maxEstimatedBytes,
      sizeCalculation: (support) =>
        64 + values * (support.total !== null && support.total > BigInt(Number.MAX_SAFE_INTEGER) ? 80 : 16),
    });
    supportsWithOnly.set(reasoner, remembered);
  }
  let support = remembered.get(held.at);
  if (!support) {
    support = reasoner.support(allowedWith(reasoner.compiled, [held]));
    remembered.set(held.at, support);
  }
  return support;
}

function unconstrainedSupport(reasoner: Reasoner): Support {
  let support = unconstrainedSupports.get(reasoner);
  if (!support) {
    support = reasoner.support(allowedWith(reasoner.compiled, []));
    unconstrainedSupports.set(reasoner, support);
  }
  return support;
}

function completeFeatureState(
  compiled: CompiledModel,
  feature: Feature,
  chosen: FeatureValue | undefined,
  support: Support,
  held: ReadonlyMap<number, HeldValue>,
  explanation: (variable: number, value: number) => OptionExplanation,
): FeatureState {
  // Runs once per feature on every propagation: plain loops, no closures, little garbage.
  const variables = compiled.variablesOfFeature.get(feature.code)!;
  const state = blankFeatureState(feature, chosen);
  const variable = variables[0]!;
  const values = compiled.variables[variable]!.values;
  switch (feature.kind) {
    case 'single': {
      const only = chosen === undefined ? onlyPossibleValue(compiled, support, held, variable) : -1;
      const options: OptionState[] = new Array(feature.options.length);
      for (let i = 0; i < options.length; i++) {
        const o = feature.options[i]!;
        const index = values.indexOf(o.code);
        const result = optionState(
          compiled,
          support,
          held,
          explanation,
          o,
          variable,
          index,
          chosen === o.code,
        );
        result.implied = only >= 0 && only === index;
        options[i] = result;
      }
      state.options = options;
      break;
    }
    case 'boolean': {
      const only = chosen === undefined ? onlyPossibleValue(compiled, support, held, variable) : -1;
      state.options = [
        optionState(compiled, support, held, explanation, YES, variable, 1, chosen === true),
        optionState(compiled, support, held, explanation, NO, variable, 0, chosen === false),
      ];
      state.options[0]!.implied = only === 1;
      state.options[1]!.implied = only === 0;
      break;
    }
    case 'multiple':
      state.options = feature.options.map((o, i) => {
        const selected = chosen !== undefined && (chosen as ReadonlySet<string>).has(o.code);
        const result = optionState(compiled, support, held, explanation, o, variables[i]!, 1, selected);
        // For a tick box, "implied" means the rules leave only "ticked".
        result.implied =
          !selected &&
          chosen === undefined &&
          onlyPossibleValue(compiled, support, held, variables[i]!) === 1;
        return result;
      });
      break;
    default: {
      const base = compiled.offsets[variable]!;
      const isHeld = held.has(variable);
      let lowest = -1;
      let highest = -1;
      for (let i = 0; i < values.length; i++) {
        if (!possibleAt(support, isHeld, base + i)) continue;
        if (lowest < 0) lowest = i;
        highest = i;
      }
      state.allowed = interval(feature, values, lowest < 0 ? [] : [lowest, highest]);
    }
  }
  return state;
}

/** The empty lists of an option nothing excludes (or not explained): shared, frozen. */
const NO_REASONS = Object.freeze([]) as unknown as Reason[];
const NO_FEATURES = Object.freeze([]) as unknown as string[];
const NO_OPTIONS = Object.freeze([]) as unknown as OptionState[];
const NO_BLOCKING = Object.freeze([]) as unknown as BlockingChoice[];
const NO_EXPLANATION: OptionExplanation = Object.freeze({
  reasons: NO_REASONS,
  blockedBy: NO_FEATURES,
  blocking: NO_BLOCKING,
  minimal: false,
});
const NO_FILLED_IN: ReadonlySet<string> = new Set();

/** What an excluded option's state says about why. */
interface OptionExplanation {
  reasons: Reason[];
  blockedBy: string[];
  blocking: BlockingChoice[];
  minimal: boolean;
}

/** The held values with the person's own choices first (each part in configurator order). */
function preferChosen(held: HeldValue[], filledIn: ReadonlySet<string>): HeldValue[] {
  if (filledIn.size === 0) return held;
  return [...held.filter((h) => !filledIn.has(h.feature)), ...held.filter((h) => filledIn.has(h.feature))];
}

function blockingChoices(blockedBy: readonly string[], filledIn: ReadonlySet<string>): BlockingChoice[] {
  if (blockedBy.length === 0) return NO_BLOCKING;
  return blockedBy.map((feature) => ({ feature, source: filledIn.has(feature) ? 'default' : 'chosen' }));
}

const YES = { code: 'true', label: 'Yes' };
const NO = { code: 'false', label: 'No' };

/**
 * Whether a value is in some valid configuration: with every choice, or with every other choice when
 * its own variable is held by a choice (switching).
 */
function possibleAt(support: Support, isHeld: boolean, at: number): boolean {
  return isHeld ? support.possibleIfSwitched(at) : support.possible(at);
}

/** The variable's one possible value (value index), or -1 when none or several are. */
function onlyPossibleValue(
  compiled: CompiledModel,
  support: Support,
  held: ReadonlyMap<number, HeldValue>,
  variable: number,
): number {
  const base = compiled.offsets[variable]!;
  const size = compiled.variables[variable]!.values.length;
  const isHeld = held.has(variable);
  let only = -1;
  for (let i = 0; i < size; i++) {
    if (!possibleAt(support, isHeld, base + i)) continue;
    if (only >= 0) return -1;
    only = i;
  }
  return only;
}

function optionState(
  compiled: CompiledModel,
  support: Support,
  held: ReadonlyMap<number, HeldValue>,
  explanation: (variable: number, value: number) => OptionExplanation,
  option: { code: string; label: string },
  variable: number,
  valueIndex: number,
  selected: boolean,
): OptionState {
  const at = compiled.offsets[variable]! + valueIndex;
  const isHeld = held.has(variable);
  const ok = selected || possibleAt(support, isHeld, at);
  const why = ok ? null : explanation(variable, valueIndex);
  return {
    code: option.code,
    label: option.label,
    state: selected ? 'selected' : ok ? 'available' : 'excluded',
    implied: false,
    reasons: why ? why.reasons : NO_REASONS,
    blockedBy: why ? why.blockedBy : NO_FEATURES,
    blocking: why ? why.blocking : NO_BLOCKING,
    minimal: why ? why.minimal : false,
    count: isHeld ? support.countIfSwitched(at) : support.count(at),
  };
}

/**
 * After the choices made: for every feature, every option's state (selected, available, excluded with
 * the rules and earlier choices responsible), and for numbers the interval still allowed. Alternatives
 * to a choice already made are judged against the other choices, so that a person sees what they could
 * switch to. Sound: an option that some valid complete configuration contains is never excluded.
 */
/** Option states by arc consistency with leave-one-out for the choices made: sound, not complete. */
function propagateByArcConsistency(
  model: ProductModel,
  selection: Selection,
  filledIn: ReadonlySet<string>,
): Propagation {
  const compiled = compileModel(model);
  const { assignment, problems } = readSelection(model, selection);
  const run = new ExplainedRun(compiled, rootOf(compiled));
  const consistent = run.run(assignment);
  let conflict: Propagation['conflict'] = null;
  if (!consistent) {
    const cause = run.conflict();
    conflict = { reasons: reasonsOf(compiled, cause), features: ordered(model, cause.features) };
  }
  const features: FeatureState[] = new Array(model.features.length);
  model.features.forEach((feature, index) => {
    if (!assignment.has(feature.code))
      features[index] = featureState(compiled, feature, run, undefined, filledIn);
  });
  // Alternatives to a choice are judged against the other choices. Every "all choices but one" state
  // is reached by divide and conquer: add one half of the choices, recurse into the other half, so the
  // work is shared instead of repeated once per choice.
  const decided = [...assignment.keys()];
  const indexOf = new Map(model.features.map((feature, index) => [feature.code, index]));
  const leaveOneOut = (low: number, high: number): void => {
    if (high - low === 1) {
      const code = decided[low]!;
      features[indexOf.get(code)!] = featureState(
        compiled,
        model.featureByCode.get(code)!,
        run,
        assignment.get(code),
        filledIn,
      );
      return;
    }
    const middle = (low + high) >>> 1;
    const saved = run.save();
    run.add(new Map(decided.slice(middle, high).map((code) => [code, assignment.get(code)!])));
    leaveOneOut(low, middle);
    run.restore(saved);
    run.add(new Map(decided.slice(low, middle).map((code) => [code, assignment.get(code)!])));
    leaveOneOut(middle, high);
    run.restore(saved);
  };
  if (decided.length > 0) {
    run.reset();
    leaveOneOut(0, decided.length);
  }
  return { consistent, conflict, features, problems, remaining: null };
}

function featureState(
  compiled: CompiledModel,
  feature: Feature,
  run: ExplainedRun,
  chosen: FeatureValue | undefined,
  filledIn: ReadonlySet<string>,
): FeatureState {
  const variables = compiled.variablesOfFeature.get(feature.code)!;
  const state = blankFeatureState(feature, chosen);
  const option = (
    code: string,
    label: string,
    variable: number,
    valueIndex: number,
    selected: boolean,
  ): OptionState => {
    const { propagator } = run;
    const possible = propagator.has(variable, valueIndex);
    const cause = possible ? undefined : run.removal(variable, valueIndex);
    const blockedBy = cause ? ordered(compiled.model, cause.features) : NO_FEATURES;
    return {
      code,
      label,
      state: selected ? 'selected' : possible ? 'available' : 'excluded',
      implied: !selected && chosen === undefined && possible && propagator.sizes[variable] === 1,
      // Arc consistency's record of what each removal rested on: a proof, not always a minimal one.
      reasons: cause ? reasonsOf(compiled, cause) : NO_REASONS,
      blockedBy,
      blocking: blockingChoices(blockedBy, filledIn),
      minimal: false,
      count: null,
    };
  };
  const variable = variables[0]!;
  const values = compiled.variables[variable]!.values;
  switch (feature.kind) {
    case 'single':
      state.options = feature.options.map((o) =>
        option(o.code, o.label, variable, values.indexOf(o.code), chosen === o.code),
      );
      break;
    case 'boolean':
      state.options = [
        option('true', 'Yes', variable, 1, chosen === true),
        option('false', 'No', variable, 0, chosen === false),
      ];
      break;
    case 'multiple':
      state.options = feature.options.map((o, i) => {
        const selected = chosen !== undefined && (chosen as ReadonlySet<string>).has(o.code);
        const result = option(o.code, o.label, variables[i]!, 1, selected);
        // For a tick box, "implied" means the rules leave only "ticked".
        result.implied =
          !selected && chosen === undefined && run.propagator.values(variables[i]!).join() === '1';
        return result;
      });
      break;
    default: {
      state.allowed = interval(feature, values, run.propagator.values(variable));
    }
  }
  return state;
}

function reasonsOf(compiled: CompiledModel, cause: Cause): Reason[] {
  const order = [
    cause.constraint,
    ...[...cause.constraints].filter((c) => c !== cause.constraint).sort((a, b) => a - b),
  ];
  return order.filter((c) => c >= 0).map((c) => reasonOf(compiled, c));
}

/** A feature's state before its options are judged. */
function blankFeatureState(feature: Feature, chosen: FeatureValue | undefined): FeatureState {
  return {
    code: feature.code,
    label: feature.label,
    kind: feature.kind,
    group: feature.group,
    decided: chosen !== undefined,
    value: chosen === undefined ? null : writeFeatureValue(chosen),
    options: NO_OPTIONS,
    allowed: null,
  };
}

/** A number's interval still allowed: its lowest and highest possible values (value indices, ascending). */
function interval(feature: Feature, values: FeatureValue[], possible: number[]): FeatureState['allowed'] {
  return {
    min: decimalText(values[possible[0] ?? 0] as Decimal),
    max: decimalText(values[possible[possible.length - 1] ?? 0] as Decimal),
    step: feature.step ? decimalText(feature.step) : null,
    unit: feature.unit,
  };
}

/** A rule (constraint) in words. */
export function reasonOf(compiled: CompiledModel, c: number): Reason {
  const constraint = compiled.constraints[c]!;
  if (constraint.rule)
    return {
      ruleId: constraint.rule.id,
      message: constraint.rule.message,
      features: [...constraint.rule.features],
    };
  const feature = constraint.feature!;
  return {
    ruleId: `${feature.code}.count`,
    message: `Choose between ${feature.minSelected} and ${feature.maxSelected} for ${feature.label}`,
    features: [feature.code],
  };
}

function ordered(model: ProductModel, features: Set<string>): string[] {
  return model.features.filter((f) => features.has(f.code)).map((f) => f.code);
}
