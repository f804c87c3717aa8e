import type { CompiledModel } from './compile.js';
import {
  countingTreeOf,
  countWithin,
  leastCostConfiguration,
  satisfiable,
  type TreeCounts,
} from './counting-tree.js';
import {
  type DecisionGraph,
  decisionGraphOf,
  graphCounts,
  graphLeastCost,
  graphSatisfiable,
} from './decision-graph.js';
import { Propagator } from './propagator.js';
import { search } from './search.js';

/**
 * Exact answers about the valid complete configurations within some allowed values (the choices):
 * is there one, which values are in one (complete propagation), how many, and which one costs least.
 * On the model's counting tree when it has one; else on its decision graph (a model whose tree would be
 * too large); otherwise by search with propagation (no counts).
 */
export interface Reasoner {
  readonly compiled: CompiledModel;
  /** Whether counts are available (the model has a counting tree). */
  readonly counts: boolean;
  satisfiable(allowed: Uint8Array): boolean;
  /** Whether a valid configuration exists within `allowed`: 'unknown' when a search gave up (satisfiable says yes then). */
  decide(allowed: Uint8Array): Decision;
  support(allowed: Uint8Array): Support;
  /** The valid complete configuration within `allowed` of least summed cost (per flat value); null if none. */
  leastCost(allowed: Uint8Array, cost: Float64Array): { cost: number; values: Int32Array } | null;
}

export type Decision = 'yes' | 'no' | 'unknown';

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
    const graph = tree ? null : decisionGraphOf(compiled);
    reasoner = tree
      ? {
          compiled,
          counts: true,
          satisfiable: (allowed) => satisfiable(tree, allowed),
          decide: (allowed) => (satisfiable(tree, allowed) ? 'yes' : 'no'),
          support: (allowed) => countedSupport(countWithin(tree, allowed)),
          leastCost: (allowed, cost) => leastCostConfiguration(tree, allowed, cost),
        }
      : graph
        ? graphReasoner(graph)
        : searchReasoner(compiled);
    reasoners.set(compiled, reasoner);
  }
  return reasoner;
}

function countedSupport(
  counts: Pick<TreeCounts, 'total' | 'count' | 'countIfSwitched' | 'possible' | 'possibleIfSwitched'>,
): Support {
  return {
    total: counts.total,
    possible: (at) => counts.possible(at),
    possibleIfSwitched: (at) => counts.possibleIfSwitched(at),
    count: (at) => counts.count(at),
    countIfSwitched: (at) => counts.countIfSwitched(at),
  };
}

/** The reasoner on a decision graph (a model whose counting tree would be too large; and tests). */
export function graphReasoner(graph: DecisionGraph): Reasoner {
  return {
    compiled: graph.compiled,
    counts: true,
    satisfiable: (allowed) => graphSatisfiable(graph, allowed),
    decide: (allowed) => (graphSatisfiable(graph, allowed) ? 'yes' : 'no'),
    support: (allowed) => countedSupport(graphCounts(graph, allowed)),
    leastCost: (allowed, cost) => graphLeastCost(graph, allowed, cost),
  };
}

/** All values allowed (no choice made). */
export function allowAll(compiled: CompiledModel): Uint8Array {
  return new Uint8Array(compiled.totalValues).fill(1);
}

/** The reasoner by search with propagation (no counts): for models without a counting tree, and tests. */
export function searchReasoner(compiled: CompiledModel): Reasoner {
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
    decide(allowed) {
      const outcome = solve(allowed);
      return outcome === null ? 'no' : outcome === 'unknown' ? 'unknown' : 'yes';
    },
    support(allowed) {
      // A value is possible when a solution holds it; each solution found supports all its values.
      // Probes start from the allowed values already propagated: values arc consistency removes are
      // impossible without a search.
      const possible = new Uint8Array(compiled.totalValues);
      const ifSwitched = new Uint8Array(compiled.totalValues);
      const mark = (solution: Int32Array, into: Uint8Array): void => {
        for (const variable of variables) into[offsets[variable.index]! + solution[variable.index]!] = 1;
      };
      const within = restricted(allowed);
      const base = within?.snapshot();
      // Probe one value with the others as allowed (or, for a held variable, its other values).
      const probe = (
        propagator: Propagator,
        variable: number,
        value: number,
      ): Int32Array | null | 'unknown' => {
        if (!propagator.has(variable, value)) return null;
        if (!propagator.restrict(variable, (v) => v === value) || !propagator.propagateFrom([variable]))
          return null;
        const outcome = search(propagator, { valueOrder: naturalOrder, nodeLimit: SEARCH_NODE_LIMIT });
        return outcome.status === 'found' ? outcome.values : outcome.status === 'none' ? null : 'unknown';
      };
      for (const variable of variables) {
        const first = offsets[variable.index]!;
        const size = variable.values.length;
        const held = Array.from({ length: size }, (_, i) => allowed[first + i] === 1).some((ok) => !ok);
        // For a held variable: every other choice kept, this variable free, propagated once.
        let switching: { propagator: Propagator; start: ReturnType<Propagator['snapshot']> } | null = null;
        if (held) {
          const others = new Uint8Array(allowed);
          others.fill(1, first, first + size);
          const propagator = restricted(others);
          if (propagator) switching = { propagator, start: propagator.snapshot() };
        }
        const known = (at: number): boolean => (held ? ifSwitched[at] : possible[at]) === 1;
        const examine = (value: number): void => {
          const at = first + value;
          if (allowed[at] === 1) {
            if (possible[at] === 1 || !within) return;
            within.restore(base!);
            const found = probe(within, variable.index, value);
            if (found === 'unknown') possible[at] = 1;
            else if (found) {
              mark(found, possible);
              mark(found, ifSwitched);
            }
          } else if (switching && ifSwitched[at] !== 1) {
            // Switching a held variable: every other choice kept, this value instead.
            switching.propagator.restore(switching.start);
            if (probe(switching.propagator, variable.index, value) !== null) ifSwitched[at] = 1;
          }
        };
        if (variable.feature.kind === 'integer' || variable.feature.kind === 'decimal') {
          // A number reports the interval still allowed: only its lowest and highest possible values
          // are needed, so values are examined from each end inwards until one is found.
          for (let value = 0; value < size; value++) {
            examine(value);
            if (known(first + value)) break;
          }
          for (let value = size - 1; value >= 0; value--) {
            examine(value);
            if (known(first + value)) break;
          }
        } else for (let value = 0; value < size; value++) examine(value);
      }
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
