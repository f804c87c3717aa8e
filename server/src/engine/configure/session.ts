import type { Selection, SelectionValue } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import { compileModel } from '../solver/compile.js';
import { countingTreeOf } from '../solver/counting-tree.js';
import { decisionGraphOf } from '../solver/decision-graph.js';
import { reasonerOf } from '../solver/reasoner.js';
import { allowedWith, heldValues, minimalConflict } from './guidance.js';
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

/**
 * Why the choices exclude an option: a minimal set of the choices (feature codes) that excludes it on
 * its own (QuickXplain on the exact oracle); [] when the rules alone exclude it, null when it is not
 * excluded.
 */
export function explainExclusion(
  model: ProductModel,
  selection: Selection,
  feature: string,
  value: SelectionValue,
): string[] | null {
  const compiled = compileModel(model);
  const held = heldValues(compiled, readSelection(model, selection).assignment);
  const target = heldValues(compiled, readSelection(model, { [feature]: value }).assignment);
  const others = held.filter((h) => !target.some((t) => t.variable === h.variable));
  const core = minimalConflict(reasonerOf(compiled), target, others);
  return core === null ? null : [...new Set(core.map((h) => h.feature))];
}
