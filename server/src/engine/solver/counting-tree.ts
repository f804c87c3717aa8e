import type { CompiledModel } from './compile.js';
import { decomposeSum } from './sum-decomposition.js';

/**
 * A model compiled, once, into a tree decomposition of its constraint graph (buckets of a variable
 * elimination order) whose buckets hold the rows that the rules allow on their variables. On it, one
 * pass up and one pass down give, for any choices:
 * - the exact number of valid complete configurations that keep them,
 * - per value, how many of those contain it (so a value is possible exactly when its count is above
 *   0: complete propagation, no dead ends),
 * - per value, the same count with every choice kept but that variable's own ("switch to this"),
 * and a min-sum pass gives the fewest choices to change to reach a value (conflict resolution).
 *
 * Time and memory follow the width of the constraint graph (the size of the buckets), not the number
 * of configurations. Counts run in floating point while they stay below 2^53, where it is exact, and
 * again in BigInt when they do not.
 */
export interface CountingTree {
  compiled: CompiledModel;
  buckets: Bucket[];
  /** Buckets with no parent (one per connected part of the constraint graph). */
  roots: number[];
  /** Rows over all buckets: what a pass costs. */
  totalRows: number;
  /** The largest bucket's number of variables. */
  width: number;
  /** Domain sizes of the tree's variables: the model's, then auxiliary ones (decomposed rules). */
  sizes: number[];
  /** Flat value offsets of the tree's variables; the model's are as compiled, auxiliary ones follow. */
  offsets: Int32Array;
  /** Flat values over the tree's variables (the model's first). */
  totalValues: number;
  /** Message entries over all buckets (messages live in one array: bucket i's start at messageBase[i]). */
  messageEntries: number;
  /** The most children a bucket has. */
  maxChildren: number;
  /**
   * Passes up, each kept after it runs so that the next one redoes only the buckets whose subtree's
   * allowed values changed: the pass with nothing chosen (a bucket whose subtree holds no choice is
   * copied from it), the last count (propagation: one choice more each time) and the last
   * satisfiability question (explanations, replays). Built on first use.
   */
  passes: { unrestricted: PassState; counting: PassState; checking: PassState } | null;
  /** The least-cost pass's buffers, by flat value and by message entry. */
  leastCost: {
    cost: Float64Array;
    /** The costs, allowed values and row costs the kept messages are for (allowed null: none). */
    lastCost: Float64Array;
    allowed: Uint8Array | null;
    rowCost: (Float64Array | null)[];
    /** Per bucket, during a pass: 1 when its messages were redone. */
    changed: Uint8Array;
    best: Float64Array;
    bestRow: Int32Array;
  } | null;
  /** Per child of the bucket being passed: where its messages are. */
  sources: Float64Array[] | null;
  /** The pass down's buffers (a pass runs to its end without yielding, so one set is enough). */
  down: {
    downs: Float64Array;
    active: Int32Array;
    activeCount: Int32Array;
    partial: Float64Array;
  } | null;
}

/** A pass up as it stands: every bucket's message entries and row products for `allowed`. */
interface PassState {
  messages: Float64Array;
  products: Float64Array;
  /** The (extended) allowed values the messages and products are for; null while none are. */
  allowed: Uint8Array | null;
  /**
   * Per bucket: 1 when its messages and products are those of the unrestricted pass, read there (what
   * the state holds in their place is stale).
   */
  asUnrestricted: Uint8Array;
  /** Per bucket, during a pass: 1 when its subtree holds a restricted value. */
  restricted: Uint8Array;
  /** Per bucket, during a pass: 1 when its messages were redone (or copied) in this pass. */
  changed: Uint8Array;
}

export interface Bucket {
  /** The variable eliminated here: its choice (evidence) is applied here and only here. */
  home: number;
  scope: number[];
  rowCount: number;
  /** Per row: the flat index (offsets[home] + value index) of the home variable's value. */
  homeValue: Int32Array;
  parent: number;
  /** Distinct assignments of the separator (the scope without home): the message's entries. */
  messageSize: number;
  /** Per row: its entry in the message to the parent. */
  messageIndex: Int32Array;
  children: number[];
  /** Per child, per row: the child's message entry this row reads. */
  childIndex: Int32Array[];
  /** Where this bucket's rows start in the pass's product array. */
  rowBase: number;
  /** Where this bucket's message entries start in the message array. */
  messageBase: number;
  /** Per row: its entry in the message array (messageBase + messageIndex). */
  messageAt: Int32Array;
  /** Rows are in message-entry order: entry e's rows are entryStart[e] to entryStart[e + 1] - 1. */
  entryStart: Int32Array;
  /** Per row, per child (row-major): the entry it reads in the message array. */
  childAt: Int32Array;
  /** Per row (row-major over scope): the value index of each scope variable, for costs over several variables. */
  rowValues: Uint8Array | Uint16Array | Int32Array;
}

/** Buckets larger than this many rows make the model too large to count (it is then only propagated). */
export const COUNTING_ROW_LIMIT = 2_000_000;

/** Past this bound on the rows (the sum of the buckets' domain products), the tree is not tried. */
export const COUNTING_ROW_BOUND_LIMIT = 1e9;

const trees = new WeakMap<CompiledModel, CountingTree | null>();

/** The counting tree of a compiled model, built on first use and shared; null when it would be too large. */
export function countingTreeOf(compiled: CompiledModel): CountingTree | null {
  let tree = trees.get(compiled);
  if (tree === undefined) {
    tree = buildCountingTree(compiled);
    trees.set(compiled, tree);
  }
  return tree;
}

/** A factor during compilation: rows of value indices over its scope. */
interface Rows {
  scope: number[];
  count: number;
  /** count × scope.length value indices. */
  data: Int32Array;
}

function keyFunction(
  sizes: number[],
  positions: number[],
): (data: Int32Array, base: number) => number | string {
  let product = 1;
  for (const p of positions) product *= sizes[p]!;
  if (product < 2 ** 50) {
    return (data, base) => {
      let key = 0;
      for (const p of positions) key = key * sizes[p]! + data[base + p]!;
      return key;
    };
  }
  return (data, base) => positions.map((p) => data[base + p]).join(',');
}

/** Joins two factors on their shared variables (a hash join). */
function join(a: Rows, b: Rows, domainSize: (variable: number) => number, limit: number): Rows {
  const extra = b.scope.filter((v) => !a.scope.includes(v));
  const scope = [...a.scope, ...extra];
  const shared = a.scope.filter((v) => b.scope.includes(v));
  const aWidth = a.scope.length;
  const bWidth = b.scope.length;
  const sizesA = a.scope.map(domainSize);
  const sizesB = b.scope.map(domainSize);
  const keyA = keyFunction(
    sizesA,
    shared.map((v) => a.scope.indexOf(v)),
  );
  const keyB = keyFunction(
    sizesB,
    shared.map((v) => b.scope.indexOf(v)),
  );
  const index = new Map<number | string, number[]>();
  for (let r = 0; r < b.count; r++) {
    const key = keyB(b.data, r * bWidth);
    const bucket = index.get(key);
    if (bucket) bucket.push(r);
    else index.set(key, [r]);
  }
  const extraAt = extra.map((v) => b.scope.indexOf(v));
  const out: number[] = [];
  let count = 0;
  for (let r = 0; r < a.count; r++) {
    const matches = index.get(keyA(a.data, r * aWidth));
    if (!matches) continue;
    for (const m of matches) {
      for (let i = 0; i < aWidth; i++) out.push(a.data[r * aWidth + i]!);
      for (const at of extraAt) out.push(b.data[m * bWidth + at]!);
      if (++count > limit) throw new TooLarge();
    }
  }
  return { scope, count, data: Int32Array.from(out) };
}

class TooLarge extends Error {}

/** Distinct rows of a factor projected onto some of its variables. */
function project(
  rows: Rows,
  keep: number[],
  domainSize: (variable: number) => number,
): {
  projected: Rows;
  entryOf: Int32Array;
} {
  const width = rows.scope.length;
  const positions = keep.map((v) => rows.scope.indexOf(v));
  const key = keyFunction(rows.scope.map(domainSize), positions);
  const entries = new Map<number | string, number>();
  const entryOf = new Int32Array(rows.count);
  const out: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    const k = key(rows.data, r * width);
    let entry = entries.get(k);
    if (entry === undefined) {
      entry = entries.size;
      entries.set(k, entry);
      for (const p of positions) out.push(rows.data[r * width + p]!);
    }
    entryOf[r] = entry;
  }
  return { projected: { scope: keep, count: entries.size, data: Int32Array.from(out) }, entryOf };
}

/** A constraint's allowed rows over its distinct variables (a wildcard stands for every value). */
function constraintRows(compiled: CompiledModel, constraintIndex: number): Rows {
  const constraint = compiled.constraints[constraintIndex]!;
  const scope = [...new Set(constraint.variables)];
  const arity = constraint.variables.length;
  const out: number[] = [];
  let count = 0;
  const seen = new Set<string>();
  const current = new Int32Array(scope.length);
  for (let t = 0; t < constraint.tupleCount; t++) {
    current.fill(-1);
    let alive = true;
    for (let i = 0; i < arity && alive; i++) {
      const value = constraint.tuples![t * arity + i]!;
      if (value < 0) continue;
      const at = scope.indexOf(constraint.variables[i]!);
      if (current[at]! >= 0 && current[at] !== value) alive = false;
      current[at] = value;
    }
    if (!alive) continue;
    // Expand wildcards over the whole domain.
    const open = scope.map((_, i) => i).filter((i) => current[i]! < 0);
    const expand = (k: number): void => {
      if (k === open.length) {
        const key = current.join(',');
        if (seen.has(key)) return;
        seen.add(key);
        for (const value of current) out.push(value);
        count++;
        return;
      }
      const at = open[k]!;
      const size = compiled.variables[scope[at]!]!.values.length;
      for (let value = 0; value < size; value++) {
        current[at] = value;
        expand(k + 1);
      }
      current[at] = -1;
    };
    expand(0);
  }
  return { scope, count, data: Int32Array.from(out) };
}

function fullDomain(size: number, variable: number): Rows {
  return { scope: [variable], count: size, data: Int32Array.from({ length: size }, (_, i) => i) };
}

/**
 * A variable elimination order by fewest remaining neighbours (min-degree) on the constraint graph.
 * On Renault medium it gives fewer rows than least fill-in (136k against 178k), and rows are what a
 * pass costs.
 */
function eliminationOrder(
  n: number,
  scopes: number[][],
  sizes: number[],
): { order: number[]; rowBound: number } {
  const neighbours = Array.from({ length: n }, () => new Set<number>());
  for (const scope of scopes) {
    for (const a of scope) for (const b of scope) if (a !== b) neighbours[a]!.add(b);
  }
  const order: number[] = [];
  let rowBound = 0;
  const done = new Uint8Array(n);
  for (let step = 0; step < n; step++) {
    let best = -1;
    for (let v = 0; v < n; v++) {
      if (done[v] === 0 && (best < 0 || neighbours[v]!.size < neighbours[best]!.size)) best = v;
    }
    order.push(best);
    done[best] = 1;
    const around = [...neighbours[best]!];
    let clique = sizes[best]!;
    for (const a of around) clique *= sizes[a]!;
    rowBound += clique;
    for (const a of around) {
      neighbours[a]!.delete(best);
      for (const b of around) if (a !== b) neighbours[a]!.add(b);
    }
  }
  return { order, rowBound };
}

function buildCountingTree(compiled: CompiledModel): CountingTree | null {
  const { variables, constraints } = compiled;
  // The tree's variables: the model's, then auxiliary ones that decomposed rules introduce.
  const sizes = variables.map((v) => v.values.length);
  const tableRows: Rows[] = [];
  const checkRules: number[] = [];
  for (const constraint of constraints) {
    if (constraint.variables.length === 0) continue;
    if (constraint.tuples) {
      tableRows.push(constraintRows(compiled, constraint.index));
      continue;
    }
    const decomposed = decomposeSum(compiled, constraint.index, sizes.length);
    if (decomposed) {
      sizes.push(...decomposed.auxiliarySizes);
      tableRows.push(...decomposed.tables);
    } else checkRules.push(constraint.index);
  }
  const domainSize = (variable: number): number => sizes[variable]!;
  const offsets = new Int32Array(sizes.length);
  offsets.set(compiled.offsets);
  let totalValues = compiled.totalValues;
  for (let v = variables.length; v < sizes.length; v++) {
    offsets[v] = totalValues;
    totalValues += sizes[v]!;
  }
  const { order, rowBound } = eliminationOrder(
    sizes.length,
    [...tableRows.map((t) => t.scope), ...checkRules.map((c) => [...new Set(constraints[c]!.variables)])],
    sizes,
  );
  // Each bucket's rows are at most its variables' domain product. Far past the limit (Renault big:
  // 1e10, medium: 3e6), building would run for seconds before giving up: the decision graph answers.
  if (rowBound > COUNTING_ROW_BOUND_LIMIT) return null;
  const position = new Int32Array(sizes.length);
  order.forEach((variable, i) => {
    position[variable] = i;
  });
  const firstOf = (scope: number[]): number => Math.min(...scope.map((v) => position[v]!));

  // Factors of each bucket: the tables, and the checks (rules too large to tabulate) to filter with.
  const tables: Rows[][] = order.map(() => []);
  const checks: number[][] = order.map(() => []);
  for (const rows of tableRows) tables[firstOf(rows.scope)]!.push(rows);
  for (const c of checkRules) checks[firstOf(constraints[c]!.variables)]!.push(c);
  for (let v = 0; v < sizes.length; v++) tables[position[v]!]!.push(fullDomain(sizes[v]!, v));

  // A rule that reads nothing and never holds (a constant false): nothing is valid.
  const neverHolds = constraints.some(
    (c) => c.variables.length === 0 && (c.tuples ? c.tupleCount === 0 : !c.test!(new Int32Array(0))),
  );
  if (neverHolds) tables[0]?.push({ scope: [order[0]!], count: 0, data: new Int32Array(0) });
  const rowsOf: Rows[] = [];
  const separators: Rows[] = [];
  const entryOf: Int32Array[] = [];
  const parent = new Int32Array(order.length).fill(-1);
  const children: number[][] = order.map(() => []);
  let totalRows = 0;
  try {
    for (let i = 0; i < order.length; i++) {
      const home = order[i]!;
      const factors = [...tables[i]!, ...children[i]!.map((c) => separators[c]!)];
      // Check rules need all their variables in the rows: bring the missing ones in, whole. A check
      // rule whose whole domain product exceeds the limit was too large to tabulate by far: give up now.
      for (const c of checks[i]!) {
        const dense = constraints[c]!.variables.reduce((product, v) => product * domainSize(v), 1);
        if (dense > COUNTING_ROW_LIMIT) return null;
      }
      const scopeSoFar = new Set(factors.flatMap((f) => f.scope));
      for (const c of checks[i]!) {
        for (const v of constraints[c]!.variables) {
          if (!scopeSoFar.has(v)) {
            scopeSoFar.add(v);
            factors.push(fullDomain(sizes[v]!, v));
          }
        }
      }
      // Smallest first keeps the intermediate joins small.
      factors.sort((a, b) => a.count - b.count);
      let rows = factors[0]!;
      for (let f = 1; f < factors.length; f++) rows = join(rows, factors[f]!, domainSize, COUNTING_ROW_LIMIT);
      if (checks[i]!.length > 0) rows = filterByChecks(compiled, rows, checks[i]!);
      totalRows += rows.count;
      if (totalRows > COUNTING_ROW_LIMIT) return null;
      rowsOf.push(rows);
      const separator = rows.scope.filter((v) => v !== home);
      const projection = project(rows, separator, domainSize);
      const { projected } = projection;
      // Rows in the order of their message entry: a pass reads and writes messages in sequence.
      const permutation = Array.from({ length: rows.count }, (_, r) => r).sort(
        (a, b) => projection.entryOf[a]! - projection.entryOf[b]!,
      );
      const width = rows.scope.length;
      const sortedData = new Int32Array(rows.data.length);
      const entries = new Int32Array(rows.count);
      permutation.forEach((from, to) => {
        sortedData.set(rows.data.subarray(from * width, (from + 1) * width), to * width);
        entries[to] = projection.entryOf[from]!;
      });
      rows = { scope: rows.scope, count: rows.count, data: sortedData };
      rowsOf[rowsOf.length - 1] = rows;
      // A root's message has its one entry even when no row is left (its sum is then 0).
      if (separator.length === 0) projected.count = 1;
      separators.push(projected);
      entryOf.push(entries);
      if (separator.length > 0) {
        const target = firstOf(separator);
        parent[i] = target;
        children[target]!.push(i);
      }
    }
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }

  const messageBases: number[] = [];
  let messageEntries = 0;
  for (let i = 0; i < order.length; i++) {
    messageBases.push(messageEntries);
    messageEntries += separators[i]!.count;
  }
  let rowBase = 0;
  const buckets: Bucket[] = order.map((home, i) => {
    const rows = rowsOf[i]!;
    const width = rows.scope.length;
    const homeAt = rows.scope.indexOf(home);
    const homeValue = new Int32Array(rows.count);
    for (let r = 0; r < rows.count; r++) homeValue[r] = offsets[home]! + rows.data[r * width + homeAt]!;
    const childIndex = children[i]!.map((c) => {
      // The child's separator entries, found again from this bucket's rows.
      const sep = separators[c]!;
      const key = keyFunction(
        sep.scope.map(domainSize),
        sep.scope.map((_, k) => k),
      );
      const entries = new Map<number | string, number>();
      for (let e = 0; e < sep.count; e++) entries.set(key(sep.data, e * sep.scope.length), e);
      const positions = sep.scope.map((v) => rows.scope.indexOf(v));
      const mine = keyFunction(rows.scope.map(domainSize), positions);
      const index = new Int32Array(rows.count);
      for (let r = 0; r < rows.count; r++) index[r] = entries.get(mine(rows.data, r * width))!;
      return index;
    });
    const k = childIndex.length;
    const childAt = new Int32Array(rows.count * k);
    for (let r = 0; r < rows.count; r++)
      for (let j = 0; j < k; j++) childAt[r * k + j] = messageBases[children[i]![j]!]! + childIndex[j]![r]!;
    const messageIndex = entryOf[i]!;
    const messageAt = messageIndex.map((e) => messageBases[i]! + e);
    const entryStart = new Int32Array(separators[i]!.count + 1);
    for (let r = 0; r < rows.count; r++) entryStart[messageIndex[r]! + 1]!++;
    for (let e = 0; e < separators[i]!.count; e++) entryStart[e + 1]! += entryStart[e]!;
    const largest = Math.max(0, ...rows.scope.map(domainSize));
    const rowValues =
      largest <= 256 ? new Uint8Array(rows.data) : largest <= 65_536 ? new Uint16Array(rows.data) : rows.data;
    const bucket: Bucket = {
      rowValues,
      home,
      scope: rows.scope,
      rowCount: rows.count,
      homeValue,
      parent: parent[i]!,
      messageSize: separators[i]!.count,
      messageIndex,
      children: children[i]!,
      childIndex,
      rowBase,
      messageBase: messageBases[i]!,
      messageAt,
      entryStart,
      childAt,
    };
    rowBase += rows.count;
    return bucket;
  });
  return {
    compiled,
    buckets,
    roots: buckets.flatMap((b, i) => (b.parent < 0 ? [i] : [])),
    totalRows,
    width: Math.max(0, ...buckets.map((b) => b.scope.length)),
    sizes,
    offsets,
    totalValues,
    messageEntries,
    maxChildren: Math.max(0, ...buckets.map((b) => b.children.length)),
    passes: null,
    sources: null,
    leastCost: null,
    down: null,
  };
}

function filterByChecks(compiled: CompiledModel, rows: Rows, checkIndices: number[]): Rows {
  const width = rows.scope.length;
  const tests = checkIndices.map((c) => {
    const constraint = compiled.constraints[c]!;
    const positions = constraint.variables.map((v) => rows.scope.indexOf(v));
    return { test: constraint.test!, positions, values: new Int32Array(positions.length) };
  });
  const out: number[] = [];
  let count = 0;
  for (let r = 0; r < rows.count; r++) {
    const base = r * width;
    let ok = true;
    for (const { test, positions, values } of tests) {
      for (let i = 0; i < positions.length; i++) values[i] = rows.data[base + positions[i]!]!;
      if (!test(values)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    for (let i = 0; i < width; i++) out.push(rows.data[base + i]!);
    count++;
  }
  return { scope: rows.scope, count, data: Int32Array.from(out) };
}

/**
 * Counts under some choices, by flat value (offsets[variable] + value index). Held as floating point
 * when every count is below 2^53 (exact there), else as BigInt; read them through the methods.
 */
export class TreeCounts {
  constructor(
    readonly total: bigint,
    private readonly within: Float64Array | bigint[],
    private readonly free: Float64Array | bigint[],
  ) {}

  /** Valid complete configurations keeping every choice, with this value. */
  count(at: number): bigint {
    return asBigInt(this.within[at]!);
  }

  /** The same with every choice kept but this value's variable's own: what switching to it leaves. */
  countIfSwitched(at: number): bigint {
    return asBigInt(this.free[at]!);
  }

  possible(at: number): boolean {
    return this.within[at]! > 0;
  }

  possibleIfSwitched(at: number): boolean {
    return this.free[at]! > 0;
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** Small counts (most of them, once a few choices are made) as BigInt without a new one each time. */
const SMALL_BIGINTS = Array.from({ length: 4096 }, (_, i) => BigInt(i));

function asBigInt(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  return value < SMALL_BIGINTS.length ? SMALL_BIGINTS[value]! : BigInt(value);
}

/** The model's allowed values, with every auxiliary value allowed (no choice is ever made on one). */
function extended(tree: CountingTree, allowed: Uint8Array): Uint8Array {
  if (allowed.length === tree.totalValues) return allowed;
  const all = new Uint8Array(tree.totalValues).fill(1);
  all.set(allowed);
  return all;
}

/**
 * Counts within `allowed` (per flat value, 1 when the choices allow it), exactly. `allowed` carries
 * the choices: a chosen variable allows only its value.
 */
export function countWithin(tree: CountingTree, given: Uint8Array): TreeCounts {
  const allowed = extended(tree, given);
  const fast = passFloat(tree, passesOf(tree).counting, allowed, true);
  let exact = fast.total <= SAFE;
  for (let i = 0; exact && i < fast.perValueFree.length; i++) exact = fast.perValueFree[i]! <= SAFE;
  if (exact) return new TreeCounts(BigInt(fast.total), fast.perValue, fast.perValueFree);
  return passBigInt(tree, allowed);
}

/** Whether some valid complete configuration stays within `allowed` (one pass up, no counts kept). */
export function satisfiable(tree: CountingTree, allowed: Uint8Array): boolean {
  return passFloat(tree, passesOf(tree).checking, extended(tree, allowed), false).total > 0;
}

interface FloatPass {
  total: number;
  perValue: Float64Array;
  perValueFree: Float64Array;
}

function passState(tree: CountingTree): PassState {
  const n = tree.buckets.length;
  return {
    messages: new Float64Array(tree.messageEntries),
    products: new Float64Array(tree.totalRows),
    allowed: null,
    asUnrestricted: new Uint8Array(n),
    restricted: new Uint8Array(n),
    changed: new Uint8Array(n),
  };
}

function passesOf(tree: CountingTree): NonNullable<CountingTree['passes']> {
  if (!tree.passes) {
    const unrestricted = passState(tree);
    passUp(tree, unrestricted, null, new Uint8Array(tree.totalValues).fill(1));
    unrestricted.asUnrestricted.fill(1);
    tree.passes = { unrestricted, counting: passState(tree), checking: passState(tree) };
  }
  return tree.passes;
}

/**
 * The pass up into `state` for `allowed`, redoing only what differs from what `state` holds: a bucket
 * is redone when its home variable's allowed values or a child's message changed since the state's
 * last pass, and copied from the unrestricted pass instead when nothing in its subtree is restricted.
 * Returns the number of valid configurations (the product of the roots' messages).
 */
function passUp(
  tree: CountingTree,
  state: PassState,
  unrestricted: PassState | null,
  allowed: Uint8Array,
): number {
  const { buckets, roots, offsets, sizes } = tree;
  const { messages, products, asUnrestricted, restricted, changed } = state;
  const last = state.allowed;
  // Marked unknown while the pass runs: a pass that did not finish leaves nothing to reuse.
  state.allowed = null;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    const base = offsets[bucket.home]!;
    const end = base + sizes[bucket.home]!;
    let isRestricted = 0;
    let isChanged = last === null ? 1 : 0;
    for (let at = base; at < end; at++) {
      if (allowed[at] !== 1) isRestricted = 1;
      if (isChanged === 0 && allowed[at] !== last![at]) isChanged = 1;
    }
    const { children } = bucket;
    for (let j = 0; j < children.length; j++) {
      const c = children[j]!;
      isRestricted |= restricted[c]!;
      isChanged |= changed[c]!;
    }
    restricted[i] = isRestricted;
    changed[i] = isChanged;
    if (isChanged === 0) continue;
    const { rowCount, rowBase, messageBase, messageSize } = bucket;
    if (isRestricted === 0 && unrestricted !== null) {
      // As with nothing chosen: read where the unrestricted pass keeps it, nothing copied.
      asUnrestricted[i] = 1;
      continue;
    }
    asUnrestricted[i] = 0;
    const { childAt, homeValue, messageAt } = bucket;
    messages.fill(0, messageBase, messageBase + messageSize);
    const k = children.length;
    if (k === 0) {
      for (let r = 0; r < rowCount; r++) {
        products[rowBase + r] = 1;
        if (allowed[homeValue[r]!] === 1) messages[messageAt[r]!]! += 1;
      }
    } else if (k === 1) {
      const from = messagesOf(state, unrestricted, children[0]!);
      for (let r = 0; r < rowCount; r++) {
        const value = from[childAt[r]!]!;
        products[rowBase + r] = value;
        if (value !== 0 && allowed[homeValue[r]!] === 1) messages[messageAt[r]!]! += value;
      }
    } else {
      const from = sourcesOf(tree, state, unrestricted, children);
      for (let r = 0; r < rowCount; r++) {
        let value = 1;
        const at = r * k;
        for (let j = 0; j < k && value !== 0; j++) value *= from[j]![childAt[at + j]!]!;
        products[rowBase + r] = value;
        if (value !== 0 && allowed[homeValue[r]!] === 1) messages[messageAt[r]!]! += value;
      }
    }
  }
  let total = 1;
  for (const root of roots) total *= messagesOf(state, unrestricted, root)[buckets[root]!.messageBase]!;
  if (last === null) state.allowed = allowed.slice();
  else {
    last.set(allowed);
    state.allowed = last;
  }
  return total;
}

/** Where a bucket's messages are: its own place in the state, or the unrestricted pass's. */
function messagesOf(state: PassState, unrestricted: PassState | null, bucket: number): Float64Array {
  return unrestricted !== null && state.asUnrestricted[bucket] === 1 ? unrestricted.messages : state.messages;
}

/** Per child, where its messages are (a buffer kept per tree, valid until the next call). */
function sourcesOf(
  tree: CountingTree,
  state: PassState,
  unrestricted: PassState | null,
  children: number[],
): Float64Array[] {
  tree.sources ??= [];
  const sources = tree.sources;
  for (let j = 0; j < children.length; j++) sources[j] = messagesOf(state, unrestricted, children[j]!);
  return sources;
}

function passFloat(tree: CountingTree, state: PassState, allowed: Uint8Array, down: boolean): FloatPass {
  const { buckets, roots, totalValues } = tree;
  const unrestricted = passesOf(tree).unrestricted;
  const total = passUp(tree, state, unrestricted, allowed);
  const perValue = new Float64Array(down ? totalValues : 0);
  const perValueFree = new Float64Array(down ? totalValues : 0);
  if (!down) return { total, perValue, perValueFree };

  tree.down ??= {
    downs: new Float64Array(tree.messageEntries),
    active: new Int32Array(tree.messageEntries),
    activeCount: new Int32Array(buckets.length),
    partial: new Float64Array(tree.maxChildren + 1),
  };
  // downs is all 0 between passes: each entry is read once and cleared. A bucket's entries that
  // something above allows (d > 0) are listed as they first receive a value, so that a bucket with
  // few of them (many choices made) reads only those.
  const { downs, active, activeCount, partial } = tree.down;
  const receive = (child: number, entry: number, value: number): void => {
    if (downs[entry] === 0) {
      const childBase = buckets[child]!.messageBase;
      active[childBase + activeCount[child]!++] = entry - childBase;
    }
    downs[entry]! += value;
  };
  for (const root of roots) {
    let others = 1;
    for (const other of roots)
      if (other !== root) others *= messagesOf(state, unrestricted, other)[buckets[other]!.messageBase]!;
    if (others !== 0) receive(root, buckets[root]!.messageBase, others);
  }
  for (let i = buckets.length - 1; i >= 0; i--) {
    const bucket = buckets[i]!;
    const { childAt, children, homeValue, rowBase, entryStart, messageBase, messageSize } = bucket;
    const k = children.length;
    const listed = activeCount[i]!;
    activeCount[i] = 0;
    if (listed === 0) continue;
    const products = state.asUnrestricted[i] === 1 ? unrestricted.products : state.products;
    const from = k > 1 ? sourcesOf(tree, state, unrestricted, children) : null;
    // Few entries: those listed; many: every entry in order (reading rows in sequence is faster).
    const sequential = listed * 8 > messageSize;
    const entries = sequential ? messageSize : listed;
    for (let n = 0; n < entries; n++) {
      const e = sequential ? n : active[messageBase + n]!;
      const d = downs[messageBase + e]!;
      if (d === 0) continue;
      downs[messageBase + e] = 0;
      const end = entryStart[e + 1]!;
      for (let r = entryStart[e]!; r < end; r++) {
        const at = homeValue[r]!;
        const count = products[rowBase + r]! * d;
        perValueFree[at]! += count;
        if (allowed[at] !== 1) continue;
        perValue[at]! += count;
        if (k === 0) continue;
        if (k === 1) {
          receive(children[0]!, childAt[r]!, d);
          continue;
        }
        // Each child gets d times the other children's messages: the product of those before it
        // (kept in partial) times the product of those after it (built from the end).
        const base = r * k;
        partial[0] = d;
        for (let j = 1; j < k; j++) partial[j] = partial[j - 1]! * from![j - 1]![childAt[base + j - 1]!]!;
        let after = 1;
        for (let j = k - 1; j >= 0; j--) {
          const entry = childAt[base + j]!;
          const value = partial[j]! * after;
          if (value !== 0) receive(children[j]!, entry, value);
          after *= from![j]![entry]!;
        }
      }
    }
  }
  return { total, perValue, perValueFree };
}

/** The same two passes in BigInt, for counts beyond 2^53. */
function passBigInt(tree: CountingTree, allowed: Uint8Array): TreeCounts {
  const { buckets, roots, totalValues } = tree;
  const messages: bigint[][] = new Array(buckets.length);
  const products: bigint[][] = new Array(buckets.length);
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    const message: bigint[] = new Array(bucket.messageSize).fill(0n);
    const product: bigint[] = new Array(bucket.rowCount);
    for (let r = 0; r < bucket.rowCount; r++) {
      let value = 1n;
      bucket.children.forEach((c, j) => {
        value *= messages[c]![bucket.childIndex[j]![r]!]!;
      });
      product[r] = value;
      if (value !== 0n && allowed[bucket.homeValue[r]!] === 1) message[bucket.messageIndex[r]!]! += value;
    }
    messages[i] = message;
    products[i] = product;
  }
  let total = 1n;
  for (const root of roots) total *= messages[root]![0] ?? 0n;
  const perValue: bigint[] = new Array(totalValues).fill(0n);
  const perValueFree: bigint[] = new Array(totalValues).fill(0n);
  const downs: bigint[][] = new Array(buckets.length);
  for (const root of roots) {
    let others = 1n;
    for (const other of roots) if (other !== root) others *= messages[other]![0] ?? 0n;
    downs[root] = [others];
  }
  for (let i = buckets.length - 1; i >= 0; i--) {
    const bucket = buckets[i]!;
    const toChildren = bucket.children.map((c) => new Array<bigint>(buckets[c]!.messageSize).fill(0n));
    for (let r = 0; r < bucket.rowCount; r++) {
      const d = downs[i]![bucket.messageIndex[r]!]!;
      if (d === 0n) continue;
      const at = bucket.homeValue[r]!;
      const count = products[i]![r]! * d;
      perValueFree[at]! += count;
      if (allowed[at] !== 1) continue;
      perValue[at]! += count;
      bucket.children.forEach((_, j) => {
        let value = d;
        bucket.children.forEach((c, o) => {
          if (o !== j) value *= messages[c]![bucket.childIndex[o]![r]!]!;
        });
        toChildren[j]![bucket.childIndex[j]![r]!]! += value;
      });
    }
    bucket.children.forEach((c, j) => {
      downs[c] = toChildren[j]!;
    });
  }
  return new TreeCounts(total, perValue, perValueFree);
}

/**
 * The valid complete configuration within `allowed` of least total cost, where cost[flat value] is
 * what taking that value costs (0 for a value as preferred, 1 for a choice given up, ...): one min-sum
 * pass up and the best rows read back down. Null when nothing is within `allowed`. `rowCost[bucket][row]`
 * adds a cost over several variables at once (a price formula whose variables one bucket holds): every
 * configuration takes exactly one row of each bucket, so it is counted once and exactly. Row costs are
 * recognised by identity between passes: an array's contents must not change once passed.
 */
export function leastCostConfiguration(
  tree: CountingTree,
  given: Uint8Array,
  givenCost: Float64Array,
  rowCost?: ReadonlyArray<Float64Array | null>,
): { cost: number; values: Int32Array } | null {
  const { buckets, roots, offsets, sizes } = tree;
  const allowed = extended(tree, given);
  tree.leastCost ??= {
    cost: new Float64Array(tree.totalValues),
    lastCost: new Float64Array(tree.totalValues),
    allowed: null,
    rowCost: buckets.map(() => null),
    changed: new Uint8Array(buckets.length),
    best: new Float64Array(tree.messageEntries),
    bestRow: new Int32Array(tree.messageEntries),
  };
  // Buffers kept per tree (a pass runs to its end without yielding): one pass allocates nothing large.
  // Like the pass up, the pass redoes only the buckets whose subtree's allowed values or costs changed
  // since the last one (a resolution after another on the same choices: two paths to the root).
  const state = tree.leastCost;
  const { cost, lastCost, best, bestRow, changed } = state;
  const last = state.allowed;
  state.allowed = null;
  cost.fill(0);
  cost.set(givenCost);
  for (let i = 0; i < buckets.length; i++) {
    const { childAt, children, home, homeValue, messageAt, messageBase, messageSize, rowCount } = buckets[i]!;
    const extra = rowCost?.[i] ?? null;
    let isChanged = last === null || extra !== state.rowCost[i] ? 1 : 0;
    const base = offsets[home]!;
    const end = base + sizes[home]!;
    for (let at = base; isChanged === 0 && at < end; at++)
      if (allowed[at] !== last![at] || cost[at] !== lastCost[at]) isChanged = 1;
    const k = children.length;
    for (let j = 0; isChanged === 0 && j < k; j++) isChanged = changed[children[j]!]!;
    changed[i] = isChanged;
    if (isChanged === 0) continue;
    state.rowCost[i] = extra;
    best.fill(Infinity, messageBase, messageBase + messageSize);
    bestRow.fill(-1, messageBase, messageBase + messageSize);
    for (let r = 0; r < rowCount; r++) {
      const at = homeValue[r]!;
      if (allowed[at] !== 1) continue;
      let value = extra === null ? cost[at]! : cost[at]! + extra[r]!;
      for (let j = 0; j < k && value !== Infinity; j++) value += best[childAt[r * k + j]!]!;
      const entry = messageAt[r]!;
      if (value < best[entry]!) {
        best[entry] = value;
        bestRow[entry] = r;
      }
    }
  }
  lastCost.set(cost);
  if (last === null) state.allowed = allowed.slice();
  else {
    last.set(allowed);
    state.allowed = last;
  }
  let total = 0;
  for (const root of roots) total += best[buckets[root]!.messageBase]!;
  if (!Number.isFinite(total)) return null;
  // Read the best rows back down: a bucket's row names the entry each child must take.
  const values = new Int32Array(tree.sizes.length);
  const chosenRow = new Int32Array(buckets.length).fill(-1);
  for (const root of roots) chosenRow[root] = bestRow[buckets[root]!.messageBase]!;
  for (let i = buckets.length - 1; i >= 0; i--) {
    const { childAt, children, home, homeValue } = buckets[i]!;
    const r = chosenRow[i]!;
    values[home] = homeValue[r]! - offsets[home]!;
    const k = children.length;
    for (let j = 0; j < k; j++) chosenRow[children[j]!] = bestRow[childAt[r * k + j]!]!;
  }
  return { cost: total, values };
}
