import { Decimal } from '../common/decimal.js';
import { evaluateNumber } from '../expression/evaluate.js';
import type { BinaryOperator, ExpressionNode } from '../expression/parse.js';
import { assignmentOf, type CompiledModel, TABULATION_LIMIT, variablesRead } from './compile.js';

/** Rows of value indices over variables (tree variable indices: the model's, then auxiliary ones). */
export interface DecomposedTable {
  scope: number[];
  count: number;
  data: Int32Array;
}

export interface SumDecomposition {
  /** Domain sizes of the auxiliary variables, numbered from the `firstAuxiliary` given. */
  auxiliarySizes: number[];
  tables: DecomposedTable[];
}

const COMPARISONS: ReadonlySet<BinaryOperator> = new Set(['<', '<=', '>', '>=', '=', '!=']);

/** A comparison's terms: each with its sign (left +, right -). */
function terms(node: ExpressionNode, sign: 1 | -1, into: { sign: 1 | -1; node: ExpressionNode }[]): void {
  if (node.type === 'binary' && (node.operator === '+' || node.operator === '-')) {
    terms(node.left, sign, into);
    terms(node.right, node.operator === '+' ? sign : (-sign as 1 | -1), into);
    return;
  }
  into.push({ sign, node });
}

function compare(operator: BinaryOperator, difference: Decimal): boolean {
  const c = difference.comparedTo(0);
  switch (operator) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '=':
      return c === 0;
    default:
      return c !== 0;
  }
}

/**
 * A rule too large to tabulate, of the form `sum op sum` (the desk's lift capacity: the top's weight
 * from its size and material, plus the accessories' load, plus 40, at most the motors' lift), split
 * so that a counting tree can hold it: each group of terms over its own variables becomes a small
 * table to an auxiliary variable holding the group's value, and one table relates the auxiliary
 * variables. The group with the most distinct values is held only as its place among the thresholds
 * the other groups set, which keeps that last table small. Null when the rule has another shape or a
 * group is itself too large.
 */
export function decomposeSum(
  compiled: CompiledModel,
  constraintIndex: number,
  firstAuxiliary: number,
): SumDecomposition | null {
  const constraint = compiled.constraints[constraintIndex]!;
  const condition = constraint.rule?.condition;
  if (condition?.type !== 'binary' || !COMPARISONS.has(condition.operator)) return null;
  const { model, variables } = compiled;
  const all: { sign: 1 | -1; node: ExpressionNode }[] = [];
  terms(condition.left, 1, all);
  terms(condition.right, -1, all);
  // Terms that share a variable are one group.
  const groups: { variables: number[]; terms: typeof all }[] = [];
  let constant = new Decimal(0);
  const context = (scope: number[], values: ArrayLike<number>) => ({
    assignment: assignmentOf(scope, values, variables),
    feature: (code: string) => model.featureByCode.get(code),
  });
  for (const term of all) {
    const read = variablesRead(term.node, model, compiled.variablesOfFeature, variables);
    if (read.length === 0) {
      try {
        constant = constant.plus(evaluateNumber(term.node, context([], [])).times(term.sign));
      } catch {
        return null;
      }
      continue;
    }
    const joined = { variables: [...read], terms: [term] };
    for (let g = groups.length - 1; g >= 0; g--) {
      if (groups[g]!.variables.some((v) => joined.variables.includes(v))) {
        for (const v of groups[g]!.variables) if (!joined.variables.includes(v)) joined.variables.push(v);
        joined.terms.push(...groups[g]!.terms);
        groups.splice(g, 1);
      }
    }
    groups.push(joined);
  }
  if (groups.length < 2) return null;
  // Each group's value for every assignment of its variables.
  const evaluated = [];
  for (const group of groups) {
    const sizes = group.variables.map((v) => variables[v]!.values.length);
    const product = sizes.reduce((a, b) => a * b, 1);
    if (product > TABULATION_LIMIT) return null;
    const rows: { values: number[]; sum: Decimal | null }[] = [];
    const current = new Int32Array(sizes.length);
    for (let n = 0; n < product; n++) {
      let sum: Decimal | null = new Decimal(0);
      try {
        for (const term of group.terms)
          sum = sum!.plus(evaluateNumber(term.node, context(group.variables, current)).times(term.sign));
      } catch {
        sum = null; // no value here (a division by zero): the rule cannot hold
      }
      rows.push({ values: [...current], sum });
      for (let i = sizes.length - 1; i >= 0; i--) {
        if (++current[i]! < sizes[i]!) break;
        current[i] = 0;
      }
    }
    const distinct = [...new Map(rows.filter((r) => r.sum).map((r) => [r.sum!.toString(), r.sum!])).values()];
    evaluated.push({ group, rows, distinct });
  }
  // The largest group is held by its place among the thresholds the others set.
  evaluated.sort((a, b) => b.distinct.length - a.distinct.length);
  const [big, ...others] = evaluated;
  let combinations: Decimal[] = [constant];
  const otherIndex: number[][] = [];
  for (const other of others) {
    const next: Decimal[] = [];
    for (const sum of combinations) for (const value of other.distinct) next.push(sum.plus(value));
    combinations = next;
    if (combinations.length > 50_000) return null;
  }
  const thresholds = [
    ...new Map(combinations.map((c) => [c.negated().toString(), c.negated()])).values(),
  ].sort((a, b) => a.comparedTo(b));
  const classOf = (value: Decimal): number => {
    // 2i: strictly between thresholds i-1 and i; 2i+1: equal to threshold i.
    let low = 0;
    let high = thresholds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (thresholds[middle]!.lessThan(value)) low = middle + 1;
      else high = middle;
    }
    return low < thresholds.length && thresholds[low]!.equals(value) ? 2 * low + 1 : 2 * low;
  };
  const operator = (condition as { operator: BinaryOperator }).operator;
  const tables: DecomposedTable[] = [];
  const auxiliarySizes: number[] = [];
  // Link tables: a group's variables to its auxiliary variable.
  const classes = new Map<number, { index: number; representative: Decimal }>();
  const link = (
    rows: { values: number[]; sum: Decimal | null }[],
    scope: number[],
    key: (sum: Decimal) => number,
  ) => {
    const aux = firstAuxiliary + auxiliarySizes.length;
    const data: number[] = [];
    let count = 0;
    for (const row of rows) {
      if (!row.sum) continue;
      data.push(...row.values, key(row.sum));
      count++;
    }
    tables.push({ scope: [...scope, aux], count, data: Int32Array.from(data) });
    return aux;
  };
  const bigAux = link(big!.rows, big!.group.variables, (sum) => {
    const c = classOf(sum);
    let entry = classes.get(c);
    if (!entry) {
      entry = { index: classes.size, representative: sum };
      classes.set(c, entry);
    }
    return entry.index;
  });
  auxiliarySizes.push(classes.size);
  const otherAux: number[] = [];
  for (const other of others) {
    const index = new Map(other.distinct.map((d, i) => [d.toString(), i]));
    otherAux.push(link(other.rows, other.group.variables, (sum) => index.get(sum.toString())!));
    auxiliarySizes.push(other.distinct.length);
    otherIndex.push(other.distinct.map((_, i) => i));
  }
  // The relation: each class of the big group, each combination of the others' values.
  const relation: number[] = [];
  let relationRows = 0;
  const representatives = [...classes.values()];
  const walk = (k: number, sum: Decimal, picked: number[]): void => {
    if (k === others.length) {
      for (const { index, representative } of representatives) {
        if (compare(operator, representative.plus(sum))) {
          relation.push(index, ...picked);
          relationRows++;
        }
      }
      return;
    }
    others[k]!.distinct.forEach((value, i) => {
      walk(k + 1, sum.plus(value), [...picked, i]);
    });
  };
  walk(0, constant, []);
  if (relationRows * (1 + others.length) > TABULATION_LIMIT * 4) return null;
  tables.push({ scope: [bigAux, ...otherAux], count: relationRows, data: Int32Array.from(relation) });
  return { auxiliarySizes, tables };
}
