import type { Propagator } from './propagator.js';

export type SearchOutcome =
  | { status: 'found'; values: Int32Array }
  | { status: 'none'; failedConstraints: Set<number> }
  | { status: 'gave-up'; nodes: number };

export interface SearchOptions {
  /** Value indices of a variable in the order to try them (preferred first); may omit none. */
  valueOrder: (variable: number, candidates: number[]) => number[];
  /** Branching decisions before the search gives up. */
  nodeLimit: number;
  /**
   * The variables to decide, in order (default: all, in the model's order). The others are left as
   * they are: a solution then fixes only these (enough when no constraint reads the others).
   */
  variables?: ArrayLike<number>;
}

/**
 * Depth-first search maintaining arc consistency: fix the next open variable (in the model's order,
 * so earlier features get their preferred values first) to its most preferred value, propagate, and on
 * a dead end exclude that value and propagate again. The propagator must already hold the choices and
 * be consistent.
 */
export function search(propagator: Propagator, options: SearchOptions): SearchOutcome {
  const variableCount = propagator.compiled.variables.length;
  const failedConstraints = new Set<number>();
  let nodes = 0;
  const decided = options.variables;

  const firstOpen = (): number => {
    if (decided) {
      for (let i = 0; i < decided.length; i++) if (propagator.sizes[decided[i]!]! > 1) return decided[i]!;
      return -1;
    }
    for (let v = 0; v < variableCount; v++) if (propagator.sizes[v]! > 1) return v;
    return -1;
  };

  const dive = (): 'found' | 'none' | 'gave-up' => {
    const variable = firstOpen();
    if (variable < 0) return 'found';
    const candidates = options.valueOrder(variable, propagator.values(variable));
    for (const value of candidates) {
      if (!propagator.has(variable, value)) continue;
      if (++nodes > options.nodeLimit) return 'gave-up';
      const before = propagator.snapshot();
      propagator.restrict(variable, (v) => v === value);
      if (propagator.propagateFrom([variable])) {
        const outcome = dive();
        if (outcome !== 'none') return outcome;
      } else failedConstraints.add(propagator.failedConstraint);
      propagator.restore(before);
      // Refuted: this value is in no solution below here; remove it and propagate that knowledge.
      if (!propagator.restrict(variable, (v) => v !== value) || !propagator.propagateFrom([variable])) {
        if (propagator.failedConstraint >= 0) failedConstraints.add(propagator.failedConstraint);
        return 'none';
      }
      if (propagator.sizes[variable] === 1) return dive();
    }
    return 'none';
  };

  const before = propagator.snapshot();
  const outcome = dive();
  if (outcome === 'found') {
    const values = Int32Array.from({ length: variableCount }, (_, v) => propagator.values(v)[0]!);
    propagator.restore(before);
    return { status: 'found', values };
  }
  propagator.restore(before);
  return outcome === 'none' ? { status: 'none', failedConstraints } : { status: 'gave-up', nodes };
}
