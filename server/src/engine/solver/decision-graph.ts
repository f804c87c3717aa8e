import type { CompiledModel } from './compile.js';
import { TreeCounts } from './counting-tree.js';
import { Propagator } from './propagator.js';

/**
 * A model compiled, once, into a decision graph (a decision-DNNF): for models whose counting tree
 * would be too large (Renault big: one variable with 324 values is linked to every other, so every
 * bucket of the tree holds it and its rows run to hundreds of millions).
 *
 * The graph is built top down by search with arc consistency: a decision node branches on one
 * variable's values; after each branch the open variables fall apart into independent parts (an AND
 * node), each compiled once and shared wherever the same part meets the same domains and the same
 * fixed neighbours again. What propagation fixes on a branch is written on the branch as literals,
 * so every variable is decided or fixed exactly once on every path, and the graph is the model's
 * polynomial: the sum over valid configurations of the product of their values' indicators. With the
 * indicators set to the allowed values (the choices), one pass up counts, and one pass down gives
 * its derivative per value: the count with that value and every other choice kept (what switching
 * to it leaves), and multiplied by the value's own indicator, the count within the choices. A min-sum
 * pass up gives the least-cost configuration.
 *
 * Time and memory follow the graph's edges, which the search bounds, not the number of
 * configurations.
 */
export interface DecisionGraph {
  compiled: CompiledModel;
  /** Nodes in an order where every child comes before its parents; the root is the last. */
  nodeCount: number;
  /** Per node: 1 for a decision (a sum over its edges), 0 for an AND (a product of its edges' children). */
  isDecision: Uint8Array;
  /** Node n's edges are edgeStart[n] .. edgeStart[n + 1] - 1. */
  edgeStart: Int32Array;
  edgeChild: Int32Array;
  /** Edge e's literals (flat value indices) are literals[literalStart[e] .. literalStart[e + 1]). */
  literalStart: Int32Array;
  literals: Int32Array;
  edgeCount: number;
  /** The literals fixed before any decision (what the rules alone force), a factor of every term. */
  rootLiterals: Int32Array;
  /** The node that stands for "nothing left to decide" (1). */
  trueNode: number;
}

/** Edges past this make the model too large to compile; it is then reasoned on by search. */
export const DECISION_GRAPH_EDGE_LIMIT = 6_000_000;
/**
 * Branches tried (each a propagation) past this, the same: compiling must not hold a server for
 * minutes (a branch costs up to about 0.4 ms). Renault big tries 2,412: the parts it meets again are
 * shared, not compiled again.
 */
export const DECISION_GRAPH_BRANCH_LIMIT = 50_000;

class TooLarge extends Error {}

/** Builds the decision graph of a compiled model; null when it would pass the edge limit. */
export function buildDecisionGraph(
  compiled: CompiledModel,
  options: { edgeLimit?: number; branchLimit?: number; priority?: ArrayLike<number> } = {},
): DecisionGraph | null {
  const edgeLimit = options.edgeLimit ?? DECISION_GRAPH_EDGE_LIMIT;
  const branchLimit = options.branchLimit ?? DECISION_GRAPH_BRANCH_LIMIT;
  let branches = 0;
  const { variables, constraints, offsets, constraintsOfVariable } = compiled;
  const n = variables.length;
  const propagator = new Propagator(compiled);
  const empty = (): DecisionGraph => ({
    compiled,
    nodeCount: 1,
    isDecision: Uint8Array.of(1),
    edgeStart: Int32Array.of(0, 0),
    edgeChild: new Int32Array(0),
    literalStart: Int32Array.of(0),
    literals: new Int32Array(0),
    edgeCount: 0,
    rootLiterals: new Int32Array(0),
    trueNode: 0,
  });
  if (!propagator.propagateAll()) return empty();

  // Decisions follow a static order: the variables linked to the most others first (the hubs, such as
  // the car's version), so the rest falls apart into independent parts soonest. On Renault big this
  // gave the smallest graph of the orders tried (14,854 edges; the reverse of a min-degree elimination
  // order gave 43,656), and the same exact count on each.
  const priority = options.priority ?? decisionPriority(compiled);

  // The graph under construction, node by node (children always before parents).
  const isDecision: number[] = [];
  const edgeStart: number[] = [];
  const edgeChild: number[] = [];
  const literalStart: number[] = [0];
  const literals: number[] = [];
  const addNode = (decision: boolean, edges: { child: number; literals: number[] }[]): number => {
    const node = isDecision.length;
    isDecision.push(decision ? 1 : 0);
    edgeStart.push(edgeChild.length);
    for (const edge of edges) {
      edgeChild.push(edge.child);
      for (const literal of edge.literals) literals.push(literal);
      literalStart.push(literals.length);
    }
    if (edgeChild.length > edgeLimit) throw new TooLarge();
    return node;
  };
  const trueNode = addNode(false, []);
  const falseNode = addNode(true, []);

  const { sizes, present } = propagator;
  const fixedValue = (variable: number): number => {
    const base = offsets[variable]!;
    for (let i = 0; ; i++) if (present[base + i] === 1) return i;
  };
  // Components of open variables: linked by a constraint with two open variables or more.
  const openIn = (constraint: number): number => {
    let open = 0;
    for (const v of constraints[constraint]!.variables) if (sizes[v]! > 1) open++;
    return open;
  };
  const mark = new Int32Array(n).fill(-1);
  let stamp = 0;
  const componentsOf = (vars: number[]): number[][] => {
    stamp++;
    const parts: number[][] = [];
    for (const start of vars) {
      if (sizes[start]! <= 1 || mark[start] === stamp) continue;
      const part = [start];
      mark[start] = stamp;
      for (let i = 0; i < part.length; i++) {
        for (const c of constraintsOfVariable[part[i]!]!) {
          if (openIn(c) < 2) continue;
          for (const v of constraints[c]!.variables) {
            if (sizes[v]! > 1 && mark[v] !== stamp) {
              mark[v] = stamp;
              part.push(v);
            }
          }
        }
      }
      part.sort((a, b) => a - b);
      parts.push(part);
    }
    return parts;
  };

  // A part's subproblem is set by its variables' domains and by the fixed values of the variables
  // it shares a constraint with two open variables of the part or more (a constraint reaching the
  // part in one variable only is already in that variable's domain).
  const inPart = new Int32Array(n).fill(-1);
  let partStamp = 0;
  const cache = new Map<string, number>();
  const keyOf = (part: number[]): string => {
    partStamp++;
    for (const v of part) inPart[v] = partStamp;
    const codes: number[] = [];
    const domain = (v: number): void => {
      codes.push(v);
      const base = offsets[v]!;
      const size = variables[v]!.values.length;
      for (let i = 0; i < size; i += 16) {
        let bits = 0;
        for (let j = i; j < i + 16 && j < size; j++) if (present[base + j] === 1) bits |= 1 << (j - i);
        codes.push(bits);
      }
    };
    for (const v of part) domain(v);
    codes.push(0xffff);
    const seen = new Set<number>();
    for (const v of part) {
      for (const c of constraintsOfVariable[v]!) {
        if (seen.has(c)) continue;
        seen.add(c);
        let inside = 0;
        for (const w of constraints[c]!.variables) if (inPart[w] === partStamp) inside++;
        if (inside < 2) continue;
        for (const w of constraints[c]!.variables) {
          if (inPart[w] !== partStamp) {
            codes.push(w);
            codes.push(fixedValue(w));
          }
        }
      }
    }
    let key = '';
    for (let i = 0; i < codes.length; i += 4096) key += String.fromCharCode(...codes.slice(i, i + 4096));
    return key;
  };

  const compilePart = (part: number[]): number => {
    const key = keyOf(part);
    const known = cache.get(key);
    if (known !== undefined) return known;
    let decide = part[0]!;
    for (const v of part) if (priority[v]! > priority[decide]!) decide = v;
    const base = offsets[decide]!;
    const size = variables[decide]!.values.length;
    const edges: { child: number; literals: number[] }[] = [];
    const saved = propagator.snapshot();
    for (let value = 0; value < size; value++) {
      if (present[base + value] !== 1) continue;
      if (++branches > branchLimit) throw new TooLarge();
      const ok = propagator.restrict(decide, (v) => v === value) && propagator.propagateFrom([decide]);
      if (ok) {
        const fixed: number[] = [];
        for (const v of part)
          if (sizes[v] === 1 && saved.sizes[v]! > 1) fixed.push(offsets[v]! + fixedValue(v));
        const parts = componentsOf(part);
        let child: number;
        if (parts.length === 0) child = trueNode;
        else if (parts.length === 1) child = compilePart(parts[0]!);
        else {
          const children = parts.map(compilePart);
          child = children.includes(falseNode)
            ? falseNode
            : addNode(
                false,
                children.map((c) => ({ child: c, literals: [] })),
              );
        }
        if (child !== falseNode) edges.push({ child, literals: fixed });
      }
      propagator.restore(saved);
    }
    const node = edges.length === 0 ? falseNode : addNode(true, edges);
    cache.set(key, node);
    return node;
  };

  let root: number;
  const rootLiterals: number[] = [];
  try {
    for (let v = 0; v < n; v++) if (sizes[v] === 1) rootLiterals.push(offsets[v]! + fixedValue(v));
    const all = Array.from({ length: n }, (_, v) => v);
    const parts = componentsOf(all);
    const children = parts.map(compilePart);
    root = children.includes(falseNode)
      ? falseNode
      : addNode(
          false,
          children.map((c) => ({ child: c, literals: [] })),
        );
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }
  if (root === falseNode) return empty();
  // The root last: nodes are numbered children first, and the root was added after its children.
  return {
    compiled,
    nodeCount: isDecision.length,
    isDecision: Uint8Array.from(isDecision),
    edgeStart: Int32Array.from([...edgeStart, edgeChild.length]),
    edgeChild: Int32Array.from(edgeChild),
    literalStart: Int32Array.from(literalStart),
    literals: Int32Array.from(literals),
    edgeCount: edgeChild.length,
    rootLiterals: Int32Array.from(rootLiterals),
    trueNode,
  };
}

/** Per variable: how early to decide it (higher first): more distinct neighbours, then fewer values. */
function decisionPriority(compiled: CompiledModel): Float64Array {
  const { variables, constraints, constraintsOfVariable } = compiled;
  return Float64Array.from(variables, (variable) => {
    const neighbours = new Set<number>();
    for (const c of constraintsOfVariable[variable.index]!)
      for (const other of constraints[c]!.variables) if (other !== variable.index) neighbours.add(other);
    return neighbours.size - variable.values.length / (variable.values.length + 1);
  });
}

const SAFE = Number.MAX_SAFE_INTEGER;

const graphs = new WeakMap<CompiledModel, DecisionGraph | null>();

/** The decision graph of a compiled model, built on first use and shared; null when it would be too large. */
export function decisionGraphOf(compiled: CompiledModel): DecisionGraph | null {
  let graph = graphs.get(compiled);
  if (graph === undefined) {
    graph = buildDecisionGraph(compiled);
    graphs.set(compiled, graph);
  }
  return graph;
}

/** Per flat value: its variable. */
const variableOfValue = new WeakMap<DecisionGraph, Int32Array>();
function variablesOfValues(graph: DecisionGraph): Int32Array {
  let result = variableOfValue.get(graph);
  if (!result) {
    const { compiled } = graph;
    result = new Int32Array(compiled.totalValues);
    for (const variable of compiled.variables) {
      const base = compiled.offsets[variable.index]!;
      result.fill(variable.index, base, base + variable.values.length);
    }
    variableOfValue.set(graph, result);
  }
  return result;
}

/** Arithmetic the passes run in: floating point (exact below 2^53), or BigInt. */
interface Numbers<T> {
  zero: T;
  one: T;
  add(a: T, b: T): T;
  multiply(a: T, b: T): T;
  isZero(a: T): boolean;
  array(length: number): T[] | Float64Array;
}

const FLOAT: Numbers<number> = {
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  multiply: (a, b) => a * b,
  isZero: (a) => a === 0,
  array: (length) => new Float64Array(length),
};

const BIG: Numbers<bigint> = {
  zero: 0n,
  one: 1n,
  add: (a, b) => a + b,
  multiply: (a, b) => a * b,
  isZero: (a) => a === 0n,
  array: (length) => new Array<bigint>(length).fill(0n),
};

/** The pass up: per node, the number of its configurations within `allowed`. */
function passUp<T>(graph: DecisionGraph, allowed: Uint8Array, num: Numbers<T>): T[] {
  const { nodeCount, isDecision, edgeStart, edgeChild, literalStart, literals } = graph;
  const up = num.array(nodeCount) as T[];
  for (let node = 0; node < nodeCount; node++) {
    const first = edgeStart[node]!;
    const last = edgeStart[node + 1]!;
    if (isDecision[node] === 1) {
      let sum = num.zero;
      for (let e = first; e < last; e++) {
        let open = true;
        for (let l = literalStart[e]!; open && l < literalStart[e + 1]!; l++)
          open = allowed[literals[l]!] === 1;
        if (open) sum = num.add(sum, up[edgeChild[e]!]!);
      }
      up[node] = sum;
    } else {
      let product = num.one;
      for (let e = first; e < last && !num.isZero(product); e++)
        product = num.multiply(product, up[edgeChild[e]!]!);
      up[node] = product;
    }
  }
  return up;
}

/** Literals of a term not allowed, up to two: -1 when all are, -2 when two or more are not. */
function closedLiteral(allowed: Uint8Array, literals: Int32Array, from: number, to: number): number {
  let closed = -1;
  for (let l = from; l < to; l++) {
    if (allowed[literals[l]!] !== 1) {
      if (closed >= 0) return -2;
      closed = literals[l]!;
    }
  }
  return closed;
}

/**
 * The pass down: per flat value, the derivative of the count by its indicator, that is the number of
 * configurations with that value and every choice kept but its own variable's.
 */
function passDown<T>(
  graph: DecisionGraph,
  allowed: Uint8Array,
  up: T[],
  num: Numbers<T>,
): { total: T; free: T[] } {
  const { nodeCount, isDecision, edgeStart, edgeChild, literalStart, literals, rootLiterals } = graph;
  const free = num.array(graph.compiled.totalValues) as T[];
  const down = num.array(nodeCount) as T[];
  const root = nodeCount - 1;
  const rootUp = up[root]!;
  const rootClosed = closedLiteral(allowed, rootLiterals, 0, rootLiterals.length);
  // A term's derivative by one of its literals: the rest of the term (0 when another literal is closed).
  const credit = (closed: number, from: number, to: number, source: Int32Array, amount: T): void => {
    if (closed === -2 || num.isZero(amount)) return;
    if (closed >= 0) free[closed] = num.add(free[closed]!, amount);
    else for (let l = from; l < to; l++) free[source[l]!] = num.add(free[source[l]!]!, amount);
  };
  credit(rootClosed, 0, rootLiterals.length, rootLiterals, rootUp);
  const total = rootClosed === -1 ? rootUp : num.zero;
  down[root] = rootClosed === -1 ? num.one : num.zero;
  const products: T[] = [];
  for (let node = root; node >= 0; node--) {
    const d = down[node]!;
    if (num.isZero(d)) continue;
    const first = edgeStart[node]!;
    const last = edgeStart[node + 1]!;
    if (isDecision[node] === 1) {
      for (let e = first; e < last; e++) {
        const child = edgeChild[e]!;
        const closed = closedLiteral(allowed, literals, literalStart[e]!, literalStart[e + 1]!);
        if (closed === -1) down[child] = num.add(down[child]!, d);
        credit(closed, literalStart[e]!, literalStart[e + 1]!, literals, num.multiply(d, up[child]!));
      }
    } else {
      // Each child's share: the product of its siblings (suffix products, then a running prefix).
      const k = last - first;
      products.length = k + 1;
      products[k] = num.one;
      for (let i = k - 1; i >= 0; i--)
        products[i] = num.multiply(products[i + 1]!, up[edgeChild[first + i]!]!);
      let prefix: T = d;
      for (let i = 0; i < k && !num.isZero(prefix); i++) {
        const child = edgeChild[first + i]!;
        down[child] = num.add(down[child]!, num.multiply(prefix, products[i + 1]!));
        prefix = num.multiply(prefix, up[child]!);
      }
    }
  }
  return { total, free };
}

/** Counts within `allowed` on the decision graph, exactly: per flat value, with it and if switched to it. */
export function graphCounts(graph: DecisionGraph, allowed: Uint8Array): TreeCounts {
  const up = passUp(graph, allowed, FLOAT);
  const { total, free } = passDown(graph, allowed, up, FLOAT);
  let exact = total <= SAFE;
  for (let i = 0; exact && i < free.length; i++) exact = free[i]! <= SAFE;
  if (exact) {
    const floatFree = free as unknown as Float64Array;
    const within = new Float64Array(floatFree.length);
    for (let i = 0; i < within.length; i++) within[i] = allowed[i] === 1 ? floatFree[i]! : 0;
    return new TreeCounts(BigInt(total), within, floatFree);
  }
  const bigUp = passUp(graph, allowed, BIG);
  const big = passDown(graph, allowed, bigUp, BIG);
  const within = big.free.map((count, i) => (allowed[i] === 1 ? count : 0n));
  return new TreeCounts(big.total, within, big.free);
}

/** Whether some valid complete configuration stays within `allowed`. */
export function graphSatisfiable(graph: DecisionGraph, allowed: Uint8Array): boolean {
  const up = passUp(graph, allowed, FLOAT);
  return (
    up[graph.nodeCount - 1]! > 0 &&
    closedLiteral(allowed, graph.rootLiterals, 0, graph.rootLiterals.length) === -1
  );
}

/**
 * The valid complete configuration within `allowed` of least summed cost (per flat value): a min-sum
 * pass up, then the best edges read back down. Null when nothing is within `allowed`.
 */
export function graphLeastCost(
  graph: DecisionGraph,
  allowed: Uint8Array,
  cost: Float64Array,
): { cost: number; values: Int32Array } | null {
  const { nodeCount, isDecision, edgeStart, edgeChild, literalStart, literals, rootLiterals } = graph;
  if (closedLiteral(allowed, rootLiterals, 0, rootLiterals.length) !== -1) return null;
  const best = new Float64Array(nodeCount);
  const bestEdge = new Int32Array(nodeCount).fill(-1);
  for (let node = 0; node < nodeCount; node++) {
    const first = edgeStart[node]!;
    const last = edgeStart[node + 1]!;
    if (isDecision[node] === 1) {
      let least = Infinity;
      for (let e = first; e < last; e++) {
        let value = best[edgeChild[e]!]!;
        for (let l = literalStart[e]!; value !== Infinity && l < literalStart[e + 1]!; l++)
          value = allowed[literals[l]!] === 1 ? value + cost[literals[l]!]! : Infinity;
        if (value < least) {
          least = value;
          bestEdge[node] = e;
        }
      }
      best[node] = least;
    } else {
      let sum = 0;
      for (let e = first; e < last; e++) sum += best[edgeChild[e]!]!;
      best[node] = sum;
    }
  }
  const root = nodeCount - 1;
  let total = best[root]!;
  for (const literal of rootLiterals) total += cost[literal]!;
  if (!Number.isFinite(total)) return null;
  const values = configurationAlong(graph, (node) => bestEdge[node]!);
  return { cost: total, values };
}

/** Per graph: every node's count with nothing chosen, in floating point (enough to draw by). */
const unrestrictedUp = new WeakMap<DecisionGraph, number[]>();

/**
 * A valid complete configuration drawn uniformly at random (each equally likely): from the root,
 * each decision takes a branch with probability its count over the node's, each part is drawn on
 * its own. Per variable, its value index.
 */
export function graphSample(graph: DecisionGraph, random: () => number): Int32Array | null {
  const { edgeStart, edgeChild, compiled, nodeCount } = graph;
  let up = unrestrictedUp.get(graph);
  if (!up) {
    up = passUp(graph, new Uint8Array(compiled.totalValues).fill(1), FLOAT);
    unrestrictedUp.set(graph, up);
  }
  const root = nodeCount - 1;
  if (!(up[root]! > 0)) return null;
  return configurationAlong(graph, (node) => {
    const first = edgeStart[node]!;
    const last = edgeStart[node + 1]!;
    let threshold = random() * up[node]!;
    let e = first;
    for (; e < last - 1; e++) {
      threshold -= up[edgeChild[e]!]!;
      if (threshold < 0) break;
    }
    return e;
  });
}

/**
 * The configuration a walk down the graph reads (per variable, its value index): the root's literals,
 * then from each decision node the edge `pick` names, and every part of each AND node.
 */
function configurationAlong(graph: DecisionGraph, pick: (node: number) => number): Int32Array {
  const { isDecision, edgeStart, edgeChild, literalStart, literals, rootLiterals, compiled, nodeCount } =
    graph;
  const variableOf = variablesOfValues(graph);
  const values = new Int32Array(compiled.variables.length);
  const take = (literal: number): void => {
    const variable = variableOf[literal]!;
    values[variable] = literal - compiled.offsets[variable]!;
  };
  for (const literal of rootLiterals) take(literal);
  const stack = [nodeCount - 1];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isDecision[node] === 1) {
      const e = pick(node);
      for (let l = literalStart[e]!; l < literalStart[e + 1]!; l++) take(literals[l]!);
      stack.push(edgeChild[e]!);
    } else for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++) stack.push(edgeChild[e]!);
  }
  return values;
}
