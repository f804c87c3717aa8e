import type { CompiledModel } from './compile.js';
import {
  countingTreeOf,
  countWithin,
  leastCostConfiguration,
  satisfiable,
  type TreeCounts,
} from './counting-tree.js';
import { Propagator } from './propagator.js';
import { search } from './search.js';

/**
 * Exact answers about the valid complete configurations within some allowed values (the choices):
 * is there one, which values are in one (complete propagation), how many, and which one costs least.
 * On the model's counting tree when it has one; otherwise by search with propagation (no counts).
 */
export interface Reasoner {
  readonly compiled: CompiledModel;
  /** Whether counts are available (the model has a counting tree). */
  readonly counts: boolean;
  satisfiable(allowed: Uint8Array): boolean;
  support(allowed: Uint8Array): Support;
  /** The valid complete configuration within `allowed` of least summed cost (per flat value); null if none. */
  leastCost(allowed: Uint8Array, cost: Float64Array): { cost: number; values: Int32Array } | null;
}

/** Which values are in some valid configuration within the allowed values, by flat value index. */
export interface Support {
  /** Valid complete configurations within the allowed values; null without counts. */
  total: bigint | null;
  possible(at: number): boolean;
  /** With the value's own variable freed (its choice left out): what switching to it leaves. */
  possibleIfSwitched(at: number): boolean;
  count(at: number): bigint | null;
  countIfSwitched(at: number): bigint | null;
}

/** Search effort per question before it gives up and answers "possible" (never a false dead end). */
export const SEARCH_NODE_LIMIT = 100_000;

const reasoners = new WeakMap<CompiledModel, Reasoner>();

export function reasonerOf(compiled: CompiledModel): Reasoner {
  let reasoner = reasoners.get(compiled);
  if (!reasoner) {
    const tree = countingTreeOf(compiled);
    reasoner = tree
      ? {
          compiled,
          counts: true,
          satisfiable: (allowed) => satisfiable(tree, allowed),
          support: (allowed) => countedSupport(countWithin(tree, allowed)),
          leastCost: (allowed, cost) => leastCostConfiguration(tree, allowed, cost),
        }
      : searchReasoner(compiled);
    reasoners.set(compiled, reasoner);
  }
  return reasoner;
}

function countedSupport(counts: TreeCounts): Support {
  return {
    total: counts.total,
    possible: (at) => counts.possible(at),
    possibleIfSwitched: (at) => counts.possibleIfSwitched(at),
    count: (at) => counts.count(at),
    countIfSwitched: (at) => counts.countIfSwitched(at),
  };
}

/** All values allowed (no choice made). */
export function allowAll(compiled: CompiledModel): Uint8Array {
  return new Uint8Array(compiled.totalValues).fill(1);
}

function searchReasoner(compiled: CompiledModel): Reasoner {
  const { variables, offsets } = compiled;
  /** A propagator restricted to `allowed` and propagated; null when that already fails. */
  const restricted = (allowed: Uint8Array): Propagator | null => {
    const propagator = new Propagator(compiled);
    for (const variable of variables) {
      const base = offsets[variable.index]!;
      if (!propagator.restrict(variable.index, (value) => allowed[base + value] === 1)) return null;
    }
    return propagator.propagateAll() ? propagator : null;
  };
  const naturalOrder = (_variable: number, candidates: number[]): number[] => candidates;
  /** A solution within `allowed`, null when there is none; 'unknown' when the search gave up. */
  const solve = (allowed: Uint8Array): Int32Array | null | 'unknown' => {
    const propagator = restricted(allowed);
    if (!propagator) return null;
    const outcome = search(propagator, { valueOrder: naturalOrder, nodeLimit: SEARCH_NODE_LIMIT });
    return outcome.status === 'found' ? outcome.values : outcome.status === 'none' ? null : 'unknown';
  };
  return {
    compiled,
    counts: false,
    satisfiable: (allowed) => solve(allowed) !== null,
    support(allowed) {
      // A value is possible when a solution holds it; each solution found supports all its values.
      const possible = new Uint8Array(compiled.totalValues);
      const ifSwitched = new Uint8Array(compiled.totalValues);
      const mark = (solution: Int32Array, into: Uint8Array): void => {
        for (const variable of variables) into[offsets[variable.index]! + solution[variable.index]!] = 1;
      };
      const probe = new Uint8Array(allowed);
      for (const variable of variables) {
        const base = offsets[variable.index]!;
        const size = variable.values.length;
        const chosen = Array.from({ length: size }, (_, i) => allowed[base + i] === 1);
        const restrictedHere = chosen.some((ok) => !ok);
        for (let value = 0; value < size; value++) {
          const at = base + value;
          const target = chosen[value] ? possible : ifSwitched;
          if (target[at] === 1) continue;
          if (!chosen[value] && !restrictedHere) continue;
          // Ask for a solution with this value, the other variables as allowed.
          for (let i = 0; i < size; i++) probe[base + i] = i === value ? 1 : 0;
          const found = solve(probe);
          for (let i = 0; i < size; i++) probe[base + i] = allowed[base + i]!;
          if (found === 'unknown') target[at] = 1;
          else if (found) {
            mark(found, target);
            if (chosen[value]) mark(found, ifSwitched);
          }
        }
      }
      // A value possible with every choice kept is possible when its own choice is left out too.
      for (let at = 0; at < possible.length; at++) if (possible[at] === 1) ifSwitched[at] = 1;
      return {
        total: null,
        possible: (at) => possible[at] === 1,
        possibleIfSwitched: (at) => ifSwitched[at] === 1,
        count: () => null,
        countIfSwitched: () => null,
      };
    },
    leastCost(allowed, cost) {
      const propagator = restricted(allowed);
      if (!propagator) return null;
      // Branch and bound: cheapest values first; a branch whose cost so far plus each open variable's
      // cheapest value left cannot beat the best found is cut.
      let best: { cost: number; values: Int32Array } | null = null;
      let nodes = 0;
      const bound = (): number => {
        let sum = 0;
        for (const variable of variables) {
          let least = Infinity;
          for (const value of propagator.values(variable.index))
            least = Math.min(least, cost[offsets[variable.index]! + value]!);
          sum += least;
        }
        return sum;
      };
      const dive = (): void => {
        if (++nodes > SEARCH_NODE_LIMIT) return;
        const lower = bound();
        if (best && lower >= best.cost) return;
        const open = variables.findIndex((v) => propagator.sizes[v.index]! > 1);
        if (open < 0) {
          best = {
            cost: lower,
            values: Int32Array.from(variables, (v) => propagator.values(v.index)[0]!),
          };
          return;
        }
        const base = offsets[open]!;
        const candidates = propagator.values(open).sort((a, b) => cost[base + a]! - cost[base + b]!);
        for (const value of candidates) {
          const before = propagator.snapshot();
          if (propagator.restrict(open, (v) => v === value) && propagator.propagateFrom([open])) dive();
          propagator.restore(before);
        }
      };
      dive();
      return best;
    },
  };
}
