import { Decimal, ZERO } from '../common/decimal.js';
import type { Assignment, Feature } from '../model/product-model.js';
import type { ExpressionNode } from './parse.js';

/** Evaluation failed on a value (division by zero, an undecided feature): the expression has no value. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} at column ${column}`);
    this.name = 'EvaluationError';
  }
}

type Value = Decimal | boolean | string | null | ReadonlySet<string> | Value[];

export interface EvaluationContext {
  /** Values of the decided features. */
  assignment: Assignment;
  feature: (code: string) => Feature | undefined;
}

/**
 * Evaluates a type-checked expression tree. Evaluation trusts the type check done at load; it only
 * fails on values: a feature that is not decided, a division by zero.
 */
export function evaluate(node: ExpressionNode, context: EvaluationContext): Value {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'none':
      return null;
    case 'feature': {
      const value = context.assignment.get(node.code);
      if (value === undefined) throw new EvaluationError(`'${node.code}' is not decided`, node.column);
      return value as Value;
    }
    case 'attribute': {
      const target = evaluate(node.target, context);
      const feature = context.feature(featureOf(node.target));
      const attribute = (code: string): Decimal =>
        feature?.optionByCode.get(code)?.attributes.get(node.name) ?? ZERO;
      if (target === null) return ZERO;
      if (typeof target === 'string') return attribute(target);
      // Multiple choice: the attribute summed over the chosen options (watts of all accessories).
      let sum = ZERO;
      for (const code of target as ReadonlySet<string>) sum = sum.plus(attribute(code));
      return sum;
    }
    case 'negate':
      return (evaluate(node.operand, context) as Decimal).negated();
    case 'not':
      return !(evaluate(node.operand, context) as boolean);
    case 'binary': {
      if (node.operator === 'and')
        return (evaluate(node.left, context) as boolean) && (evaluate(node.right, context) as boolean);
      if (node.operator === 'or')
        return (evaluate(node.left, context) as boolean) || (evaluate(node.right, context) as boolean);
      const left = evaluate(node.left, context);
      const right = evaluate(node.right, context);
      switch (node.operator) {
        case '=':
          return same(left, right);
        case '!=':
          return !same(left, right);
        case '+':
          return (left as Decimal).plus(right as Decimal);
        case '-':
          return (left as Decimal).minus(right as Decimal);
        case '*':
          return (left as Decimal).times(right as Decimal);
        case '/':
          if ((right as Decimal).isZero()) throw new EvaluationError('division by zero', node.column);
          return (left as Decimal).dividedBy(right as Decimal);
        case '<':
          return (left as Decimal).lessThan(right as Decimal);
        case '<=':
          return (left as Decimal).lessThanOrEqualTo(right as Decimal);
        case '>':
          return (left as Decimal).greaterThan(right as Decimal);
        case '>=':
          return (left as Decimal).greaterThanOrEqualTo(right as Decimal);
      }
      break;
    }
    case 'in': {
      const element = evaluate(node.element, context);
      const collection = evaluate(node.collection, context);
      const found = Array.isArray(collection)
        ? collection.some((item) => same(element, item))
        : (collection as ReadonlySet<string>).has(element as string);
      return node.negated ? !found : found;
    }
    case 'list':
      return node.items.map((item) => evaluate(item, context));
    case 'call': {
      if (node.name === 'count')
        return new Decimal((evaluate(node.args[0]!, context) as ReadonlySet<string>).size);
      const args = node.args.map((argument) => evaluate(argument, context) as Decimal);
      const first = args[0]!;
      switch (node.name) {
        case 'min':
          return Decimal.min(...args);
        case 'max':
          return Decimal.max(...args);
        case 'abs':
          return first.abs();
        case 'ceil':
          return first.ceil();
        case 'floor':
          return first.floor();
        case 'round':
          return first.toDecimalPlaces(args[1] ? args[1].toNumber() : 0, Decimal.ROUND_HALF_UP);
      }
      throw new EvaluationError(`unknown function '${node.name}'`, node.column);
    }
    case 'if': {
      const test = evaluate(node.test, context) as boolean;
      if (!node.else) return test ? evaluate(node.then, context) : true;
      return test ? evaluate(node.then, context) : evaluate(node.else, context);
    }
  }
  throw new EvaluationError('unsupported expression', 0);
}

function featureOf(node: ExpressionNode): string {
  return node.type === 'feature' ? node.code : '';
}

function same(left: Value, right: Value): boolean {
  if (Decimal.isDecimal(left) && Decimal.isDecimal(right)) return (left as Decimal).equals(right as Decimal);
  return left === right;
}

/** Evaluates a condition; a missing condition holds. */
export function holds(node: ExpressionNode | undefined, context: EvaluationContext): boolean {
  return node === undefined || evaluate(node, context) === true;
}

/** Evaluates a numeric formula. */
export function evaluateNumber(node: ExpressionNode, context: EvaluationContext): Decimal {
  return evaluate(node, context) as Decimal;
}
