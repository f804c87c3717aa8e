import type { CompiledModel } from './compile.js';
import { type CountingTree, countingTreeOf, leastCostConfiguration } from './counting-tree.js';
import type { Reasoner } from './reasoner.js';

/**
 * The least-cost valid complete configuration when the cost is not only per value but also over
 * several variables at once (a price formula: per m² of a desk top reads its width, depth and
 * material). Exact, by best-first branch and bound:
 * - a cost over variables that one bucket of the counting tree holds is added to that bucket's rows,
 *   so the tree's min-sum pass counts it exactly (every configuration takes one row of each bucket);
 * - the other costs, in groups of costs that share variables, are bounded from below by their least
 *   value over the values still allowed (each group's variables judged apart from the rules); a node
 *   restricts the allowed values, its bound is the min-sum pass plus those least values, and its
 *   min-sum configuration, a valid complete one, is priced in full (an upper bound);
 * - the node of least bound is split on a variable of the group whose real cost exceeds its bound
 *   most (its value in the node's configuration, or any other), until the least bound left meets the
 *   cheapest configuration found: that one is then proven cheapest.
 * Every node's configuration is valid: a branch the rules leave empty has no min-sum configuration
 * and is dropped.
 */

/** A cost over a few variables, by combination of their value indices (mixed radix, first variable most significant). */
export interface ScopedCost {
  scope: number[];
  /** One cost per combination; Infinity for a combination that can never be taken (it cannot be priced). */
  table: Float64Array;
}

export interface LeastCostResult {
  /** The configuration's total cost (value costs and scoped costs). */
  cost: number;
  /** Value index per variable of the compiled model. */
  values: Int32Array;
  /** True when no valid configuration within the allowed values costs less. */
  proven: boolean;
  /** Min-sum passes run (nodes of the search). */
  nodes: number;
}

/** Nodes (min-sum passes) before the search stops with the cheapest configuration found so far. */
export const LEAST_COST_NODE_LIMIT = 2_000;

/** Combinations of allowed values read at most to bound a group at one node. */
const BOX_LIMIT = 100_000;

/** A group of costs with more combinations than this is bounded cost by cost instead of jointly. */
const GROUP_TABLE_LIMIT = 1_000_000;

interface Group {
  scope: number[];
  /** Joint table over the scope (the sum of the group's costs), or null when too large. */
  table: Float64Array | null;
  costs: ScopedCost[];
}

interface Placement {
  rowCost: (Float64Array | null)[];
  groups: Group[];
}

const placements = new WeakMap<CountingTree | CompiledModel, WeakMap<readonly ScopedCost[], Placement>>();

/** Mixed-radix index of a combination of the scope's values, read from a full assignment. */
function indexIn(scope: readonly number[], sizes: readonly number[], values: ArrayLike<number>): number {
  let index = 0;
  for (let i = 0; i < scope.length; i++) index = index * sizes[i]! + values[scope[i]!]!;
  return index;
}

function sizesOf(compiled: CompiledModel, scope: readonly number[]): number[] {
  return scope.map((v) => compiled.variables[v]!.values.length);
}

/** Places each cost in the smallest bucket holding all its variables; groups the rest by shared variables. */
function placementOf(
  compiled: CompiledModel,
  tree: CountingTree | null,
  costs: readonly ScopedCost[],
): Placement {
  const key = tree ?? compiled;
  let byCosts = placements.get(key);
  if (!byCosts) {
    byCosts = new WeakMap();
    placements.set(key, byCosts);
  }
  let placement = byCosts.get(costs);
  if (placement) return placement;
  const rowCost: (Float64Array | null)[] = tree ? tree.buckets.map(() => null) : [];
  const unplaced: ScopedCost[] = [];
  for (const cost of costs) {
    let best = -1;
    if (tree) {
      tree.buckets.forEach((bucket, i) => {
        if (!cost.scope.every((v) => bucket.scope.includes(v))) return;
        if (best < 0 || bucket.rowCount < tree.buckets[best]!.rowCount) best = i;
      });
    }
    if (best < 0) {
      unplaced.push(cost);
      continue;
    }
    const bucket = tree!.buckets[best]!;
    const width = bucket.scope.length;
    const positions = cost.scope.map((v) => bucket.scope.indexOf(v));
    const sizes = sizesOf(compiled, cost.scope);
    const extra = rowCost[best] ?? new Float64Array(bucket.rowCount);
    for (let r = 0; r < bucket.rowCount; r++) {
      let index = 0;
      for (let i = 0; i < positions.length; i++)
        index = index * sizes[i]! + bucket.rowValues[r * width + positions[i]!]!;
      extra[r]! += cost.table[index]!;
    }
    rowCost[best] = extra;
  }
  // Costs sharing a variable are bounded together (the desk's per-m² formulas, one per material).
  const groups: Group[] = [];
  for (const cost of unplaced) {
    const joined = groups.filter((g) => g.scope.some((v) => cost.scope.includes(v)));
    const group: Group = {
      scope: [...new Set([...joined.flatMap((g) => g.scope), ...cost.scope])],
      table: null,
      costs: [...joined.flatMap((g) => g.costs), cost],
    };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(group);
  }
  for (const group of groups) group.table = jointTable(compiled, group);
  placement = { rowCost, groups };
  byCosts.set(costs, placement);
  return placement;
}

function jointTable(compiled: CompiledModel, group: Group): Float64Array | null {
  const sizes = sizesOf(compiled, group.scope);
  const product = sizes.reduce((a, b) => a * b, 1);
  if (product > GROUP_TABLE_LIMIT) return null;
  const table = new Float64Array(product);
  const values = new Int32Array(compiled.variables.length);
  const members = group.costs.map((c) => ({ cost: c, sizes: sizesOf(compiled, c.scope) }));
  for (let n = 0; n < product; n++) {
    let rest = n;
    for (let i = group.scope.length - 1; i >= 0; i--) {
      values[group.scope[i]!] = rest % sizes[i]!;
      rest = Math.floor(rest / sizes[i]!);
    }
    let sum = 0;
    for (const m of members) sum += m.cost.table[indexIn(m.cost.scope, m.sizes, values)]!;
    table[n] = sum;
  }
  return table;
}

const overallLeast = new WeakMap<Float64Array, number>();

/** The least value of a table over the combinations whose every value is allowed (Infinity if none). */
function leastWithin(
  compiled: CompiledModel,
  scope: readonly number[],
  table: Float64Array,
  allowed: Uint8Array,
): number {
  const sizes = sizesOf(compiled, scope);
  const choices = scope.map((v, i) => {
    const base = compiled.offsets[v]!;
    const list: number[] = [];
    for (let value = 0; value < sizes[i]!; value++) if (allowed[base + value] === 1) list.push(value);
    return list;
  });
  if (choices.some((list) => list.length === 0)) return Infinity;
  // A box too large to read at every node is bounded by the table's least value overall (admissible).
  if (choices.reduce((product, list) => product * list.length, 1) > BOX_LIMIT) {
    let overall = overallLeast.get(table);
    if (overall === undefined) {
      overall = Infinity;
      for (let i = 0; i < table.length; i++) if (table[i]! < overall) overall = table[i]!;
      overallLeast.set(table, overall);
    }
    return overall;
  }
  let least = Infinity;
  const at = new Int32Array(scope.length);
  for (;;) {
    let index = 0;
    for (let i = 0; i < scope.length; i++) index = index * sizes[i]! + choices[i]![at[i]!]!;
    const value = table[index]!;
    if (value < least) least = value;
    // Odometer over the allowed values.
    let i = scope.length - 1;
    for (; i >= 0; i--) {
      if (++at[i]! < choices[i]!.length) break;
      at[i] = 0;
    }
    if (i < 0) return least;
  }
}

function groupBound(compiled: CompiledModel, group: Group, allowed: Uint8Array): number {
  if (group.table) return leastWithin(compiled, group.scope, group.table, allowed);
  let sum = 0;
  for (const cost of group.costs) sum += leastWithin(compiled, cost.scope, cost.table, allowed);
  return sum;
}

function groupCost(compiled: CompiledModel, group: Group, values: Int32Array): number {
  let sum = 0;
  for (const cost of group.costs)
    sum += cost.table[indexIn(cost.scope, sizesOf(compiled, cost.scope), values)]!;
  return sum;
}

interface SearchNode {
  bound: number;
  allowed: Uint8Array;
  values: Int32Array;
  /** Per group: its real cost in `values` minus its bound (what splitting can still gain). */
  gaps: number[];
}

/**
 * The valid complete configuration within `allowed` of least total cost: `valueCost` per flat value,
 * plus each scoped cost at the configuration's values. Null when no valid configuration is within
 * `allowed` (or, for a model without a counting tree, when search finds none within its limit).
 */
export function leastTotalCost(
  reasoner: Reasoner,
  allowed: Uint8Array,
  valueCost: Float64Array,
  costs: readonly ScopedCost[],
  nodeLimit = LEAST_COST_NODE_LIMIT,
): LeastCostResult | null {
  const { compiled } = reasoner;
  const tree = reasoner.counts ? countingTreeOf(compiled) : null;
  const { rowCost, groups } = placementOf(compiled, tree, costs);
  // Without a tree, search minimises the value costs only (shifted to start at 0 per variable).
  let shift = 0;
  let searchCost: Float64Array | null = null;
  if (!tree) {
    searchCost = new Float64Array(valueCost);
    for (const variable of compiled.variables) {
      const base = compiled.offsets[variable.index]!;
      const size = variable.values.length;
      let least = Infinity;
      for (let i = base; i < base + size; i++) least = Math.min(least, searchCost[i]!);
      if (!Number.isFinite(least)) continue;
      for (let i = base; i < base + size; i++) searchCost[i] = searchCost[i]! - least;
      shift += least;
    }
  }
  const relax = (within: Uint8Array): { cost: number; values: Int32Array } | null => {
    if (tree) return leastCostConfiguration(tree, within, valueCost, rowCost);
    const found = reasoner.leastCost(within, searchCost!);
    return found ? { cost: found.cost + shift, values: found.values } : null;
  };
  let nodes = 0;
  const incumbent: { best: { cost: number; values: Int32Array } | null } = { best: null };
  const open: SearchNode[] = [];
  const visit = (within: Uint8Array): void => {
    nodes++;
    const relaxed = relax(within);
    if (!relaxed || !Number.isFinite(relaxed.cost)) return;
    let bound = relaxed.cost;
    let cost = relaxed.cost;
    const gaps = groups.map((group) => {
      const least = groupBound(compiled, group, within);
      const real = groupCost(compiled, group, relaxed.values);
      bound += least;
      cost += real;
      return real - least;
    });
    const values = relaxed.values.subarray(0, compiled.variables.length);
    const { best } = incumbent;
    if (Number.isFinite(cost) && (!best || cost < best.cost))
      incumbent.best = { cost, values: values.slice() };
    if (!Number.isFinite(bound) || (incumbent.best && bound >= incumbent.best.cost)) return;
    push(open, { bound, allowed: within, values, gaps });
  };
  visit(allowed);
  while (open.length > 0 && nodes < nodeLimit) {
    const node = pop(open);
    if (incumbent.best && node.bound >= incumbent.best.cost) {
      open.length = 0;
      break;
    }
    // Split on a variable of the group with the widest gap: its value in the node's configuration, or not.
    let widest = -1;
    node.gaps.forEach((gap, g) => {
      if (gap > 0 && (widest < 0 || gap > node.gaps[widest]!)) widest = g;
    });
    if (widest < 0) continue; // the node's configuration costs its bound: nothing below is cheaper
    const group = groups[widest]!;
    const variable = group.scope.find((v) => {
      const base = compiled.offsets[v]!;
      let left = 0;
      for (let i = 0; i < compiled.variables[v]!.values.length; i++) left += node.allowed[base + i]!;
      return left > 1;
    });
    if (variable === undefined) continue;
    const base = compiled.offsets[variable]!;
    const size = compiled.variables[variable]!.values.length;
    const taken = base + node.values[variable]!;
    const kept = node.allowed.slice();
    kept.fill(0, base, base + size);
    kept[taken] = 1;
    const other = node.allowed.slice();
    other[taken] = 0;
    visit(kept);
    visit(other);
  }
  const found = incumbent.best;
  if (!found) return null;
  // Proven when every node left open is bounded at or above it (search without a tree may stop early).
  const proven = tree !== null && open.every((node) => node.bound >= found.cost);
  return { cost: found.cost, values: found.values, proven, nodes };
}

/** A binary heap by bound, least first. */
function push(heap: SearchNode[], node: SearchNode): void {
  heap.push(node);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.bound <= heap[i]!.bound) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function pop(heap: SearchNode[]): SearchNode {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < heap.length && heap[l]!.bound < heap[least]!.bound) least = l;
      if (r < heap.length && heap[r]!.bound < heap[least]!.bound) least = r;
      if (least === i) break;
      [heap[least], heap[i]] = [heap[i]!, heap[least]!];
      i = least;
    }
  }
  return top;
}
