import { Decimal } from '../common/decimal.js';
import type { ExpressionNode } from '../expression/parse.js';
import type { Assignment, Feature, FeatureValue, ProductModel, Rule } from '../model/product-model.js';
import { ruleHolds, sameValue } from '../model/values.js';

/**
 * A product model compiled onto a small, generic finite-domain solver core that knows nothing of
 * desks or bikes: variables with integer-indexed domains and constraints over them. Every error rule
 * becomes a table of allowed combinations (tabulated once, here) when its scope is small enough;
 * larger ones are kept as checks, evaluated once all their variables but one are fixed.
 */
export interface CompiledModel {
  model: ProductModel;
  variables: Variable[];
  /** Feature code -> its variables (one for most kinds; one per option for multiple choice). */
  variablesOfFeature: ReadonlyMap<string, number[]>;
  constraints: Constraint[];
  /** Variable index -> indices of the constraints that read it. */
  constraintsOfVariable: number[][];
  /** Offset of each variable's first value in flat domain arrays. */
  offsets: Int32Array;
  totalValues: number;
  /** Per variable: a value's key (see valueKey) -> its index, to find a chosen value without comparing decimals. */
  valueIndices: ReadonlyMap<string, number>[];
}

export interface Variable {
  index: number;
  feature: Feature;
  /** For a multiple choice feature: the option this 0/1 variable stands for. */
  option: string | null;
  /** The values, by index. Multiple choice option variables hold [false, true]. */
  values: FeatureValue[];
}

export interface Constraint {
  index: number;
  /** The rule this constraint enforces; null for a multiple choice's min/max selected. */
  rule: Rule | null;
  /** The feature whose min/max selected this enforces, for the rule-less kind. */
  feature: Feature | null;
  variables: number[];
  /** Allowed tuples, flattened: tuple t's value for variables[i] is tuples[t * arity + i]; -1 = any value. */
  tuples: Int32Array | null;
  tupleCount: number;
  /** For a constraint too large to tabulate: does the full tuple of value indices satisfy it? */
  test: ((valueIndices: Int32Array) => boolean) | null;
}

/** Scopes whose domain product is larger than this are checked, not tabulated. */
export const TABULATION_LIMIT = 200_000;

const compiled = new WeakMap<ProductModel, CompiledModel>();

/** Compiles a model once; later calls with the same model object return the same compiled form. */
export function compileModel(model: ProductModel): CompiledModel {
  let result = compiled.get(model);
  if (!result) {
    result = compile(model);
    compiled.set(model, result);
  }
  return result;
}

function featureDomain(feature: Feature): FeatureValue[] {
  switch (feature.kind) {
    case 'single': {
      const codes: FeatureValue[] = feature.options.map((option) => option.code);
      return feature.required ? codes : [...codes, null];
    }
    case 'boolean':
      return [false, true];
    case 'integer':
    case 'decimal': {
      const values: FeatureValue[] = [];
      const step = feature.step ?? new Decimal(1);
      for (let value = feature.min!; value.lessThanOrEqualTo(feature.max!); value = value.plus(step))
        values.push(value);
      return values;
    }
    case 'multiple':
      return [false, true];
  }
}

function compile(model: ProductModel): CompiledModel {
  const variables: Variable[] = [];
  const variablesOfFeature = new Map<string, number[]>();
  for (const feature of model.features) {
    const indices: number[] = [];
    if (feature.kind === 'multiple') {
      for (const option of feature.options) {
        indices.push(variables.length);
        variables.push({ index: variables.length, feature, option: option.code, values: [false, true] });
      }
    } else {
      indices.push(variables.length);
      variables.push({ index: variables.length, feature, option: null, values: featureDomain(feature) });
    }
    variablesOfFeature.set(feature.code, indices);
  }
  const offsets = new Int32Array(variables.length);
  let totalValues = 0;
  for (const variable of variables) {
    offsets[variable.index] = totalValues;
    totalValues += variable.values.length;
  }

  const constraints: Constraint[] = [];
  for (const rule of model.rules) {
    if (rule.severity !== 'error') continue;
    const scope = rule.condition
      ? variablesRead(rule.condition, model, variablesOfFeature, variables)
      : rule.features.flatMap((code) => variablesOfFeature.get(code) ?? []);
    const constraint = rule.rows
      ? tableFromRows(constraints.length, rule, scope, variables)
      : tabulate(constraints.length, rule, null, scope, variables, (assignment) =>
          ruleHolds(model, rule, assignment),
        );
    constraints.push(constraint);
  }
  for (const feature of model.features) {
    if (feature.kind !== 'multiple') continue;
    if (feature.minSelected === 0 && feature.maxSelected >= feature.options.length) continue;
    const scope = variablesOfFeature.get(feature.code)!;
    constraints.push(
      tabulate(constraints.length, null, feature, scope, variables, (assignment) => {
        const chosen = (assignment.get(feature.code) as ReadonlySet<string>).size;
        return chosen >= feature.minSelected && chosen <= feature.maxSelected;
      }),
    );
  }
  const constraintsOfVariable: number[][] = variables.map(() => []);
  for (const constraint of constraints) {
    for (const variable of new Set(constraint.variables))
      constraintsOfVariable[variable]!.push(constraint.index);
  }
  const valueIndices = variables.map(
    (variable) => new Map(variable.values.map((value, i) => [valueKey(value), i])),
  );
  return {
    model,
    variables,
    variablesOfFeature,
    constraints,
    constraintsOfVariable,
    offsets,
    totalValues,
    valueIndices,
  };
}

/** A value's key: decimals by their exact text ("1600" and "1600.0" are one value), others as they are. */
export function valueKey(value: FeatureValue): string {
  if (value === null) return '\u0000none';
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (Decimal.isDecimal(value)) return `n:${(value as Decimal).toFixed()}`;
  return `set:${[...(value as ReadonlySet<string>)].sort().join(',')}`;
}

/** The index of a value in a variable's domain, or -1. */
export function valueIndex(compiled: CompiledModel, variable: number, value: FeatureValue): number {
  return compiled.valueIndices[variable]!.get(valueKey(value)) ?? -1;
}

/**
 * The variables an expression reads. `'cable_tray' in accessories` reads only the cable tray's 0/1
 * variable, not every accessory's: smaller tables, and propagation that follows the rule's real scope.
 * count(accessories) or accessories.kg read them all.
 */
export function variablesRead(
  node: ExpressionNode,
  model: ProductModel,
  variablesOfFeature: ReadonlyMap<string, number[]>,
  variables: Variable[],
  into: number[] = [],
): number[] {
  const add = (variable: number): void => {
    if (!into.includes(variable)) into.push(variable);
  };
  if (
    node.type === 'in' &&
    node.element.type === 'string' &&
    node.collection.type === 'feature' &&
    model.featureByCode.get(node.collection.code)?.kind === 'multiple'
  ) {
    const option = node.element.value;
    const variable = variablesOfFeature
      .get(node.collection.code)!
      .find((v) => variables[v]!.option === option);
    if (variable !== undefined) add(variable);
    return into;
  }
  if (node.type === 'feature') {
    for (const variable of variablesOfFeature.get(node.code) ?? []) add(variable);
    return into;
  }
  for (const child of childrenOf(node)) variablesRead(child, model, variablesOfFeature, variables, into);
  return into;
}

function childrenOf(node: ExpressionNode): ExpressionNode[] {
  switch (node.type) {
    case 'attribute':
      return [node.target];
    case 'negate':
    case 'not':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'in':
      return [node.element, node.collection];
    case 'list':
      return node.items;
    case 'call':
      return node.args;
    case 'if':
      return node.else ? [node.test, node.then, node.else] : [node.test, node.then];
    default:
      return [];
  }
}

function tableFromRows(index: number, rule: Rule, scope: number[], variables: Variable[]): Constraint {
  const arity = scope.length;
  const tuples: number[] = [];
  for (const row of rule.rows!) {
    if (arity === 0) continue;
    const cells = row.map((cell, i) =>
      cell === null ? -1 : variables[scope[i]!]!.values.findIndex((v) => sameValue(v, cell)),
    );
    // A row naming a value outside the domain can never match (the loader already reported it).
    if (cells.some((cell, i) => cell === -1 && row[i] !== null)) continue;
    tuples.push(...cells);
  }
  return {
    index,
    rule,
    feature: null,
    variables: scope,
    tuples: Int32Array.from(tuples),
    tupleCount: rowCount(tuples, arity),
    test: null,
  };
}

function rowCount(tuples: number[], arity: number): number {
  return arity === 0 ? 1 : tuples.length / arity;
}

/** Builds the assignment a rule reads from value indices of its scope's variables. */
export function assignmentOf(
  scope: number[],
  valueIndices: ArrayLike<number>,
  variables: Variable[],
): Map<string, FeatureValue> {
  const assignment = new Map<string, FeatureValue>();
  scope.forEach((variableIndex, i) => {
    const variable = variables[variableIndex]!;
    const value = variable.values[valueIndices[i]!]!;
    if (variable.option === null) {
      assignment.set(variable.feature.code, value);
      return;
    }
    const set = (assignment.get(variable.feature.code) as Set<string> | undefined) ?? new Set<string>();
    if (value === true) set.add(variable.option);
    assignment.set(variable.feature.code, set);
  });
  return assignment;
}

function tabulate(
  index: number,
  rule: Rule | null,
  feature: Feature | null,
  scope: number[],
  variables: Variable[],
  holds: (assignment: Assignment) => boolean,
): Constraint {
  const arity = scope.length;
  const sizes = scope.map((v) => variables[v]!.values.length);
  const product = sizes.reduce((a, b) => a * b, 1);
  // A rule too large to tabulate is evaluated on demand; its answers are remembered (bounded), since
  // the same combinations come back request after request.
  const answers = new Map<string, boolean>();
  const test = (valueIndices: Int32Array): boolean => {
    const key = valueIndices.join();
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = holds(assignmentOf(scope, valueIndices, variables));
      if (answers.size >= 100_000) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
  if (product > TABULATION_LIMIT)
    return { index, rule, feature, variables: scope, tuples: null, tupleCount: 0, test };
  const tuples: number[] = [];
  const current = new Int32Array(arity);
  let rows = 0;
  for (let n = 0; n < product; n++) {
    // Each combination is seen once here: evaluated directly, not remembered.
    if (holds(assignmentOf(scope, current, variables))) {
      rows++;
      for (let i = 0; i < arity; i++) tuples.push(current[i]!);
    }
    // Odometer: the next combination of value indices.
    for (let i = arity - 1; i >= 0; i--) {
      if (++current[i]! < sizes[i]!) break;
      current[i] = 0;
    }
  }
  return {
    index,
    rule,
    feature,
    variables: scope,
    tuples: Int32Array.from(tuples),
    tupleCount: rows,
    test: null,
  };
}
