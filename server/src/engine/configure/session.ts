import type { Selection, SelectionValue } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import { readFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel, valueIndex } from '../solver/compile.js';
import { countingTreeOf } from '../solver/counting-tree.js';
import { decisionGraphOf } from '../solver/decision-graph.js';
import { reasonerOf } from '../solver/reasoner.js';
import { explainExcluded } from './explain.js';
import { allowedWith, type HeldValue, heldValues } from './guidance.js';
import { type Reason, reasonOf } from './propagate.js';
import { readSelection } from './selection.js';

/** What the engine compiled for complete guidance on a model (built once per model, then shared). */
export interface GuidanceStructure {
  /** Whether exact counts are available (a counting tree or a decision graph could be built). */
  countable: boolean;
  /** Which structure answers: the counting tree, the decision graph (a model whose tree is too large), or search. */
  structure: 'counting-tree' | 'decision-graph' | 'search';
  /** What one pass costs: rows over all buckets of the counting tree, or edges of the decision graph. */
  rows: number;
  /** Variables in the largest bucket (the width of the decomposition, plus one); 0 for a decision graph. */
  width: number;
}

/** Compiles the model and its counting tree or decision graph now (they are cached per model object). */
export function prepareGuidance(model: ProductModel): GuidanceStructure {
  const compiled = compileModel(model);
  reasonerOf(compiled);
  const tree = countingTreeOf(compiled);
  if (tree) return { countable: true, structure: 'counting-tree', rows: tree.totalRows, width: tree.width };
  const graph = decisionGraphOf(compiled);
  if (graph) return { countable: true, structure: 'decision-graph', rows: graph.edgeCount, width: 0 };
  return { countable: false, structure: 'search', rows: 0, width: 0 };
}

/**
 * A configuration session, one choice at a time: each choice narrows what is allowed, and the session
 * says whether some valid complete configuration still keeps every choice. For replays and batch
 * checks; propagate gives the full picture of one state.
 */
export class ChoiceSession {
  private readonly compiled;
  private allowed: Uint8Array;

  constructor(readonly model: ProductModel) {
    this.compiled = compileModel(model);
    this.allowed = allowedWith(this.compiled, []);
  }

  /** Adds a choice; false when no valid configuration keeps the choices any more (or it is unreadable). */
  choose(feature: string, value: SelectionValue): boolean {
    const read = readSelection(this.model, { [feature]: value });
    if (read.problems.length > 0) return false;
    for (const held of heldValues(this.compiled, read.assignment)) {
      const base = this.compiled.offsets[held.variable]!;
      const size = this.compiled.variables[held.variable]!.values.length;
      const keep = this.allowed[held.at];
      this.allowed.fill(0, base, base + size);
      this.allowed[held.at] = keep!;
    }
    return reasonerOf(this.compiled).satisfiable(this.allowed);
  }

  reset(): void {
    this.allowed = allowedWith(this.compiled, []);
  }
}

/** Why the choices exclude an option: the choices and the rules behind it, with only which it is excluded. */
export interface ExclusionExplanation {
  /** A minimal set of the choices (feature codes, configurator order); [] when the rules alone exclude it. */
  blockedBy: string[];
  /** The rules: with only these and only the choices named, no valid configuration has the option. */
  reasons: Reason[];
  /** Whether dropping any one rule or choice makes the option possible again (known, not assumed). */
  minimal: boolean;
}

/**
 * Why the choices exclude an option (a certified explanation, see explain.ts); null when it is not
 * excluded or not one of the feature's values.
 */
export function explainExclusion(
  model: ProductModel,
  selection: Selection,
  feature: string,
  value: SelectionValue,
): ExclusionExplanation | null {
  const compiled = compileModel(model);
  const reasoner = reasonerOf(compiled);
  const held = heldValues(compiled, readSelection(model, selection).assignment);
  const wanted = wantedValue(compiled, feature, value);
  if (!wanted) return null;
  const others = held.filter((h) => h.variable !== wanted.variable);
  if (reasoner.satisfiable(allowedWith(compiled, [...others, wanted]))) return null;
  const found = explainExcluded(reasoner, wanted, others);
  return {
    blockedBy: model.features.filter((f) => found.core.some((h) => h.feature === f.code)).map((f) => f.code),
    reasons: found.constraints.map((c) => reasonOf(compiled, c)),
    minimal: found.minimal,
  };
}

/** An option as a held value: a multiple choice's option is its box ticked. Null when not a value of the feature. */
function wantedValue(compiled: CompiledModel, feature: string, value: SelectionValue): HeldValue | null {
  const target = compiled.model.featureByCode.get(feature);
  const variables = compiled.variablesOfFeature.get(feature);
  if (!target || !variables) return null;
  if (target.kind === 'multiple') {
    const variable = variables.find((v) => compiled.variables[v]!.option === value);
    return variable === undefined ? null : { feature, variable, at: compiled.offsets[variable]! + 1 };
  }
  const read = readFeatureValue(target, value);
  const index = read.ok ? valueIndex(compiled, variables[0]!, read.value) : -1;
  return index < 0
    ? null
    : { feature, variable: variables[0]!, at: compiled.offsets[variables[0]!]! + index };
}
