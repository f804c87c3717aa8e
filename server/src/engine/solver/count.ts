import type { CompiledModel } from './compile.js';
import type { Propagator } from './propagator.js';

/**
 * Exact counting of the valid complete configurations, and per value the number that contain it, by
 * bucket elimination over the compiled tables and one calibration pass back (a junction tree built
 * from the elimination order). Time and memory follow the width of the constraint graph, not the
 * number of configurations. Counts are BigInt: real product ranges have more than 2^53 variants.
 *
 * A value is in some valid configuration exactly when its count is above 0, so these counts also give
 * complete (backtrack-free) propagation. Rules too large to tabulate cannot be counted this way: the
 * answer is then null.
 */
export interface Counts {
  total: bigint;
  /** Per variable, per value index: valid complete configurations with that value (0 for removed values). */
  perValue: bigint[][];
}

/** A factor over some variables: each row is an assignment of value indices with its count. */
interface Factor {
  scope: number[];
  rows: Map<string, { values: number[]; count: bigint }>;
}

function keyOf(values: number[]): string {
  return values.join(',');
}

function project(values: number[], from: number[], to: number[]): number[] {
  return to.map((variable) => values[from.indexOf(variable)]!);
}

/** The product of two factors (a join on their common variables). */
function multiply(a: Factor, b: Factor): Factor {
  const scope = [...a.scope, ...b.scope.filter((v) => !a.scope.includes(v))];
  const shared = a.scope.filter((v) => b.scope.includes(v));
  const index = new Map<string, { values: number[]; count: bigint }[]>();
  for (const row of b.rows.values()) {
    const key = keyOf(project(row.values, b.scope, shared));
    const bucket = index.get(key);
    if (bucket) bucket.push(row);
    else index.set(key, [row]);
  }
  const extra = b.scope.filter((v) => !a.scope.includes(v));
  const rows: Factor['rows'] = new Map();
  for (const row of a.rows.values()) {
    for (const match of index.get(keyOf(project(row.values, a.scope, shared))) ?? []) {
      const values = [...row.values, ...project(match.values, b.scope, extra)];
      rows.set(keyOf(values), { values, count: row.count * match.count });
    }
  }
  return { scope, rows };
}

/** Sums a factor onto a subset of its variables. */
function marginal(factor: Factor, keep: number[]): Factor {
  const rows: Factor['rows'] = new Map();
  for (const row of factor.rows.values()) {
    const values = project(row.values, factor.scope, keep);
    const key = keyOf(values);
    const found = rows.get(key);
    if (found) found.count += row.count;
    else rows.set(key, { values, count: row.count });
  }
  return { scope: keep, rows };
}

function unit(): Factor {
  return { scope: [], rows: new Map([['', { values: [], count: 1n }]]) };
}

/**
 * Counts the valid complete configurations within the propagator's current domains (the choices made
 * and what propagation removed), or null when a rule could not be tabulated.
 */
export function countConfigurations(compiled: CompiledModel, propagator: Propagator): Counts | null {
  const { variables, constraints } = compiled;
  if (constraints.some((c) => c.tuples === null)) return null;
  const domains = variables.map((v) => propagator.values(v.index));

  // Factors: each table restricted to the current domains (a wildcard stands for every value left).
  const factors: Factor[] = constraints.map((constraint) => {
    const scope = [...new Set(constraint.variables)];
    const arity = constraint.variables.length;
    const rows: Factor['rows'] = new Map();
    for (let t = 0; t < constraint.tupleCount; t++) {
      let partial: number[][] = [[]];
      let alive = true;
      const assigned = new Map<number, number>();
      for (let i = 0; i < arity && alive; i++) {
        const variable = constraint.variables[i]!;
        const value = constraint.tuples![t * arity + i]!;
        if (value >= 0) {
          if (
            !propagator.has(variable, value) ||
            (assigned.has(variable) && assigned.get(variable) !== value)
          )
            alive = false;
          assigned.set(variable, value);
        }
      }
      if (!alive) continue;
      for (const variable of scope) {
        const fixed = assigned.get(variable);
        const choices = fixed === undefined ? domains[variable]! : [fixed];
        partial = partial.flatMap((prefix) => choices.map((value) => [...prefix, value]));
      }
      for (const values of partial) rows.set(keyOf(values), { values, count: 1n });
    }
    return { scope, rows };
  });

  // Every variable gets a unary factor of its domain, so that unconstrained ones count their values.
  for (const variable of variables) {
    const rows: Factor['rows'] = new Map();
    for (const value of domains[variable.index]!) rows.set(String(value), { values: [value], count: 1n });
    factors.push({ scope: [variable.index], rows });
  }

  // Elimination order: min-degree on the constraint graph, updated as variables go.
  const neighbours = variables.map(() => new Set<number>());
  for (const factor of factors) {
    for (const a of factor.scope) for (const b of factor.scope) if (a !== b) neighbours[a]!.add(b);
  }
  const order: number[] = [];
  const eliminated = new Uint8Array(variables.length);
  for (let step = 0; step < variables.length; step++) {
    let best = -1;
    for (let v = 0; v < variables.length; v++) {
      if (eliminated[v] === 0 && (best < 0 || neighbours[v]!.size < neighbours[best]!.size)) best = v;
    }
    order.push(best);
    eliminated[best] = 1;
    const around = [...neighbours[best]!];
    for (const a of around) {
      neighbours[a]!.delete(best);
      for (const b of around) if (a !== b) neighbours[a]!.add(b);
    }
  }
  const position = new Int32Array(variables.length);
  order.forEach((variable, i) => {
    position[variable] = i;
  });

  // Forward pass: each bucket joins its factors and the messages it receives, then sums out its variable.
  const bucketFactors: Factor[][] = order.map(() => []);
  const placeAt = (factor: Factor): number =>
    factor.scope.length === 0 ? -1 : Math.min(...factor.scope.map((v) => position[v]!));
  let constant = 1n;
  for (const factor of factors) bucketFactors[placeAt(factor)]!.push(factor);
  const joined: Factor[] = [];
  const messages: (Factor | null)[] = [];
  const parent = new Int32Array(order.length).fill(-1);
  for (let i = 0; i < order.length; i++) {
    const psi = bucketFactors[i]!.reduce(multiply, unit());
    joined.push(psi);
    const message = marginal(
      psi,
      psi.scope.filter((v) => v !== order[i]),
    );
    messages.push(message);
    const target = placeAt(message);
    if (target < 0) {
      let sum = 0n;
      for (const row of message.rows.values()) sum += row.count;
      constant *= sum;
    } else {
      parent[i] = target;
      bucketFactors[target]!.push(message);
    }
  }
  const total = constant;

  // Backward pass (Hugin): a bucket's belief is its joined factor times what its parent passes back;
  // dividing by the message it sent leaves the rest of the tree's contribution.
  const beliefs: Factor[] = new Array(order.length);
  const rootConstants = new Map<number, bigint>();
  for (let i = order.length - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p < 0) {
      // A root of a component: the other components multiply in as a constant.
      const own = (() => {
        let sum = 0n;
        for (const row of messages[i]!.rows.values()) sum += row.count;
        return sum;
      })();
      const others = own === 0n ? 0n : total / own;
      rootConstants.set(i, others);
      const belief: Factor = { scope: joined[i]!.scope, rows: new Map() };
      for (const [key, row] of joined[i]!.rows)
        belief.rows.set(key, { values: row.values, count: row.count * others });
      beliefs[i] = belief;
      continue;
    }
    const parentBelief = beliefs[p]!;
    const sent = messages[i]!;
    const back = marginal(parentBelief, sent.scope);
    const belief: Factor = { scope: joined[i]!.scope, rows: new Map() };
    for (const [key, row] of joined[i]!.rows) {
      const separator = keyOf(project(row.values, joined[i]!.scope, sent.scope));
      const down = sent.rows.get(separator)?.count ?? 0n;
      const up = back.rows.get(separator)?.count ?? 0n;
      belief.rows.set(key, { values: row.values, count: down === 0n ? 0n : (row.count * up) / down });
    }
    beliefs[i] = belief;
  }

  const perValue = variables.map((variable) => variable.values.map(() => 0n));
  for (let i = 0; i < order.length; i++) {
    const variable = order[i]!;
    const belief = beliefs[i]!;
    const at = belief.scope.indexOf(variable);
    for (const row of belief.rows.values()) perValue[variable]![row.values[at]!]! += row.count;
  }
  return { total, perValue };
}
