import type { Feature } from '../model/product-model.js';
import type { ExpressionNode } from './parse.js';

/**
 * Static types of the expression language, checked once when a model loads so that evaluation never
 * meets a number compared with an option, an unknown option code or an attribute no option has.
 */
export type ExpressionType =
  | { kind: 'number' }
  | { kind: 'boolean' }
  /** A single choice feature's value: one of its option codes, or none. */
  | { kind: 'option'; feature: Feature }
  /** A multiple choice feature's value: a set of its option codes. */
  | { kind: 'set'; feature: Feature }
  /** A string literal; it takes its meaning from the option feature it is compared with. */
  | { kind: 'string'; value: string; column: number }
  | { kind: 'none' }
  | { kind: 'list'; items: ExpressionType[] };

export class ExpressionTypeError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} at column ${column}`);
    this.name = 'ExpressionTypeError';
  }
}

const NUMBER: ExpressionType = { kind: 'number' };
const BOOLEAN: ExpressionType = { kind: 'boolean' };

function describe(type: ExpressionType): string {
  switch (type.kind) {
    case 'option':
      return `an option of '${type.feature.code}'`;
    case 'set':
      return `the options chosen in '${type.feature.code}'`;
    case 'string':
      return `the text '${type.value}'`;
    case 'list':
      return 'a list';
    case 'none':
      return 'none';
    default:
      return `a ${type.kind}`;
  }
}

export const FUNCTIONS: Record<string, { min: number; max: number }> = {
  min: { min: 1, max: Number.POSITIVE_INFINITY },
  max: { min: 1, max: Number.POSITIVE_INFINITY },
  abs: { min: 1, max: 1 },
  ceil: { min: 1, max: 1 },
  floor: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  count: { min: 1, max: 1 },
};

/** Infers the type of an expression; throws ExpressionTypeError at the first problem. */
export function typeOf(node: ExpressionNode, lookup: (code: string) => Feature | undefined): ExpressionType {
  const fail = (message: string, column = node.column): never => {
    throw new ExpressionTypeError(message, column);
  };
  const expect = (child: ExpressionNode, wanted: 'number' | 'boolean', role: string): void => {
    const type = typeOf(child, lookup);
    if (type.kind !== wanted) fail(`${role} must be a ${wanted}, not ${describe(type)}`, child.column);
  };
  const checkOptionCode = (feature: Feature, literal: ExpressionType & { kind: 'string' }): void => {
    if (!feature.optionByCode.has(literal.value)) {
      const known = feature.options.map((o) => o.code).join(', ');
      fail(`'${literal.value}' is not an option of '${feature.code}' (options: ${known})`, literal.column);
    }
  };

  switch (node.type) {
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'string':
      return { kind: 'string', value: node.value, column: node.column };
    case 'none':
      return { kind: 'none' };
    case 'feature': {
      const feature = lookup(node.code);
      if (!feature) return fail(`unknown feature '${node.code}'`);
      switch (feature.kind) {
        case 'single':
          return { kind: 'option', feature };
        case 'multiple':
          return { kind: 'set', feature };
        case 'boolean':
          return BOOLEAN;
        default:
          return NUMBER;
      }
    }
    case 'attribute': {
      const target = typeOf(node.target, lookup);
      if (target.kind !== 'option' && target.kind !== 'set') {
        return fail(`'.${node.name}' reads an option attribute, but this is ${describe(target)}`);
      }
      if (!target.feature.options.some((o) => o.attributes.has(node.name))) {
        return fail(`no option of '${target.feature.code}' has the attribute '${node.name}'`);
      }
      return NUMBER;
    }
    case 'negate':
      expect(node.operand, 'number', 'the operand of -');
      return NUMBER;
    case 'not':
      expect(node.operand, 'boolean', "the operand of 'not'");
      return BOOLEAN;
    case 'binary': {
      const { operator } = node;
      if (operator === 'and' || operator === 'or') {
        expect(node.left, 'boolean', `the left side of '${operator}'`);
        expect(node.right, 'boolean', `the right side of '${operator}'`);
        return BOOLEAN;
      }
      if (['+', '-', '*', '/', '<', '<=', '>', '>='].includes(operator)) {
        expect(node.left, 'number', `the left side of '${operator}'`);
        expect(node.right, 'number', `the right side of '${operator}'`);
        return ['+', '-', '*', '/'].includes(operator) ? NUMBER : BOOLEAN;
      }
      // = and !=: numbers with numbers, booleans with booleans, options with option codes or none.
      const left = typeOf(node.left, lookup);
      const right = typeOf(node.right, lookup);
      const mismatch = (): never =>
        fail(`cannot compare ${describe(left)} with ${describe(right)} using '${operator}'`);
      if (left.kind === 'option' || right.kind === 'option') {
        const option = (left.kind === 'option' ? left : right) as ExpressionType & { kind: 'option' };
        const other = left.kind === 'option' ? right : left;
        if (other.kind === 'string') checkOptionCode(option.feature, other);
        else if (other.kind === 'option') {
          if (other.feature !== option.feature) mismatch();
        } else if (other.kind !== 'none') mismatch();
        return BOOLEAN;
      }
      if (
        (left.kind === 'number' && right.kind === 'number') ||
        (left.kind === 'boolean' && right.kind === 'boolean')
      ) {
        return BOOLEAN;
      }
      return mismatch();
    }
    case 'in': {
      const element = typeOf(node.element, lookup);
      const collection = typeOf(node.collection, lookup);
      if (collection.kind === 'set') {
        if (element.kind !== 'string') {
          return fail(
            `'in ${collection.feature.code}' needs an option code in quotes on its left, not ${describe(element)}`,
          );
        }
        checkOptionCode(collection.feature, element);
        return BOOLEAN;
      }
      if (collection.kind !== 'list') {
        return fail(
          `'in' needs a list in [ ] or a multiple choice feature on its right, not ${describe(collection)}`,
        );
      }
      for (const item of collection.items) {
        if (element.kind === 'option') {
          if (item.kind === 'string') checkOptionCode(element.feature, item);
          else if (item.kind !== 'none') fail(`cannot look for ${describe(element)} among ${describe(item)}`);
        } else if (element.kind === 'number' || element.kind === 'boolean') {
          if (item.kind !== element.kind)
            fail(`cannot look for ${describe(element)} among ${describe(item)}`);
        } else {
          fail(`'in' cannot look for ${describe(element)} in a list`);
        }
      }
      return BOOLEAN;
    }
    case 'list':
      return { kind: 'list', items: node.items.map((item) => typeOf(item, lookup)) };
    case 'call': {
      const signature = FUNCTIONS[node.name];
      if (!signature)
        return fail(`unknown function '${node.name}' (known: ${Object.keys(FUNCTIONS).join(', ')})`);
      if (node.args.length < signature.min || node.args.length > signature.max) {
        return fail(
          `'${node.name}' takes ${signature.min === signature.max ? signature.min : `${signature.min} or more`} argument(s), not ${node.args.length}`,
        );
      }
      if (node.name === 'count') {
        const argument = typeOf(node.args[0]!, lookup);
        if (argument.kind !== 'set')
          fail(`'count' needs a multiple choice feature, not ${describe(argument)}`, node.args[0]!.column);
        return NUMBER;
      }
      node.args.forEach((argument, index) => {
        expect(argument, 'number', `argument ${index + 1} of '${node.name}'`);
      });
      return NUMBER;
    }
    case 'if': {
      expect(node.test, 'boolean', "the condition after 'if'");
      const thenType = typeOf(node.then, lookup);
      if (!node.else) {
        // if-then without else is an implication: both sides are conditions.
        if (thenType.kind !== 'boolean')
          fail(
            `'if ... then' without 'else' needs a condition after 'then', not ${describe(thenType)}`,
            node.then.column,
          );
        return BOOLEAN;
      }
      const elseType = typeOf(node.else, lookup);
      if (thenType.kind !== elseType.kind || (thenType.kind !== 'number' && thenType.kind !== 'boolean')) {
        fail(
          `'then' and 'else' must both be numbers or both conditions (found ${describe(thenType)} and ${describe(elseType)})`,
        );
      }
      return thenType;
    }
  }
}
