import { Decimal } from '../common/decimal.js';

/**
 * The expression language shared by rules, price formulas, BOM conditions and quantities and routing
 * times. Text is parsed into a syntax tree here and evaluated from that tree: model text is never
 * handed to eval or new Function.
 *
 *   if motor = 'm750' then battery in ['b500', 'b750']          (if-then: an implication)
 *   if frame = 'cargo' then 2 else 1                            (if-then-else: a value)
 *   width_mm * depth_mm / 1000000 * 180                         (arithmetic on exact decimals)
 *   cpu.watts + gpu.watts + 150 <= psu.watts                    (option attributes)
 *   'cable_tray' in accessories and count(accessories) <= 3     (multiple choice)
 *   not cargo_box or frame_size != 'S'                          (booleans; `none` = single choice left open)
 *
 * Positions are 1-based columns into the expression text.
 */

export type BinaryOperator = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type ExpressionNode =
  | { type: 'number'; value: Decimal; column: number }
  | { type: 'string'; value: string; column: number }
  | { type: 'boolean'; value: boolean; column: number }
  | { type: 'none'; column: number }
  | { type: 'feature'; code: string; column: number }
  | { type: 'attribute'; target: ExpressionNode; name: string; column: number }
  | { type: 'negate'; operand: ExpressionNode; column: number }
  | { type: 'not'; operand: ExpressionNode; column: number }
  | { type: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode; column: number }
  | { type: 'in'; element: ExpressionNode; collection: ExpressionNode; negated: boolean; column: number }
  | { type: 'list'; items: ExpressionNode[]; column: number }
  | { type: 'call'; name: string; args: ExpressionNode[]; column: number }
  | { type: 'if'; test: ExpressionNode; then: ExpressionNode; else?: ExpressionNode; column: number };

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} at column ${column}`);
    this.name = 'ExpressionSyntaxError';
  }
}

type TokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'symbol' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  column: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'if', 'then', 'else', 'true', 'false', 'none']);
const SYMBOLS = [
  '<=',
  '>=',
  '!=',
  '==',
  '<>',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const column = i + 1;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: match[0], column });
      i += match[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionSyntaxError('unterminated string', column);
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), column });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      const word = match[0];
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'identifier', text: word, column });
      i += word.length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (!symbol) throw new ExpressionSyntaxError(`unexpected character '${c}'`, column);
    // '==' and '<>' are accepted as the spellings people bring from other tools.
    const normal = symbol === '==' ? '=' : symbol === '<>' ? '!=' : symbol;
    tokens.push({ kind: 'symbol', text: normal, column });
    i += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}

/** Parses one expression; throws ExpressionSyntaxError naming the column of the first problem. */
export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const next = (): Token => tokens[position++]!;
  const is = (kind: TokenKind, value?: string): boolean => {
    const token = peek();
    return token.kind === kind && (value === undefined || token.text === value);
  };
  const describe = (token: Token): string => (token.kind === 'end' ? 'end of expression' : `'${token.text}'`);
  const expect = (kind: TokenKind, value: string): Token => {
    if (!is(kind, value))
      throw new ExpressionSyntaxError(`expected '${value}' but found ${describe(peek())}`, peek().column);
    return next();
  };

  const parseIf = (): ExpressionNode => {
    if (is('keyword', 'if')) {
      const column = next().column;
      const test = parseIf();
      expect('keyword', 'then');
      const thenBranch = parseIf();
      if (is('keyword', 'else')) {
        next();
        return { type: 'if', test, then: thenBranch, else: parseIf(), column };
      }
      return { type: 'if', test, then: thenBranch, column };
    }
    return parseOr();
  };
  const parseOr = (): ExpressionNode => {
    let left = parseAnd();
    while (is('keyword', 'or')) {
      const column = next().column;
      left = { type: 'binary', operator: 'or', left, right: parseAnd(), column };
    }
    return left;
  };
  const parseAnd = (): ExpressionNode => {
    let left = parseNot();
    while (is('keyword', 'and')) {
      const column = next().column;
      left = { type: 'binary', operator: 'and', left, right: parseNot(), column };
    }
    return left;
  };
  const parseNot = (): ExpressionNode => {
    if (is('keyword', 'not')) {
      const column = next().column;
      return { type: 'not', operand: parseNot(), column };
    }
    return parseComparison();
  };
  const parseComparison = (): ExpressionNode => {
    const left = parseSum();
    const token = peek();
    if (token.kind === 'symbol' && ['=', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      next();
      return {
        type: 'binary',
        operator: token.text as BinaryOperator,
        left,
        right: parseSum(),
        column: token.column,
      };
    }
    if (is('keyword', 'in')) {
      next();
      return { type: 'in', element: left, collection: parseSum(), negated: false, column: token.column };
    }
    if (
      is('keyword', 'not') &&
      tokens[position + 1]?.kind === 'keyword' &&
      tokens[position + 1]?.text === 'in'
    ) {
      next();
      next();
      return { type: 'in', element: left, collection: parseSum(), negated: true, column: token.column };
    }
    return left;
  };
  const parseSum = (): ExpressionNode => {
    let left = parseProduct();
    while (is('symbol', '+') || is('symbol', '-')) {
      const token = next();
      left = {
        type: 'binary',
        operator: token.text as BinaryOperator,
        left,
        right: parseProduct(),
        column: token.column,
      };
    }
    return left;
  };
  const parseProduct = (): ExpressionNode => {
    let left = parseUnary();
    while (is('symbol', '*') || is('symbol', '/')) {
      const token = next();
      left = {
        type: 'binary',
        operator: token.text as BinaryOperator,
        left,
        right: parseUnary(),
        column: token.column,
      };
    }
    return left;
  };
  const parseUnary = (): ExpressionNode => {
    if (is('symbol', '-')) {
      const column = next().column;
      return { type: 'negate', operand: parseUnary(), column };
    }
    if (is('symbol', '+')) {
      next();
      return parseUnary();
    }
    return parsePostfix();
  };
  const parsePostfix = (): ExpressionNode => {
    let node = parsePrimary();
    while (is('symbol', '.')) {
      const dot = next();
      const name = peek();
      if (name.kind !== 'identifier')
        throw new ExpressionSyntaxError(
          `expected an attribute name after '.' but found ${describe(name)}`,
          name.column,
        );
      next();
      node = { type: 'attribute', target: node, name: name.text, column: dot.column };
    }
    return node;
  };
  const parseList = (open: string, close: string): ExpressionNode[] => {
    expect('symbol', open);
    const items: ExpressionNode[] = [];
    if (!is('symbol', close)) {
      items.push(parseIf());
      while (is('symbol', ',')) {
        next();
        items.push(parseIf());
      }
    }
    expect('symbol', close);
    return items;
  };
  const parsePrimary = (): ExpressionNode => {
    const token = peek();
    switch (token.kind) {
      case 'number':
        next();
        return { type: 'number', value: new Decimal(token.text), column: token.column };
      case 'string':
        next();
        return { type: 'string', value: token.text, column: token.column };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false') {
          next();
          return { type: 'boolean', value: token.text === 'true', column: token.column };
        }
        if (token.text === 'none') {
          next();
          return { type: 'none', column: token.column };
        }
        if (token.text === 'if') return parseIf();
        break;
      case 'identifier':
        next();
        if (is('symbol', '('))
          return { type: 'call', name: token.text, args: parseList('(', ')'), column: token.column };
        return { type: 'feature', code: token.text, column: token.column };
      case 'symbol':
        if (token.text === '(') {
          next();
          const inner = parseIf();
          expect('symbol', ')');
          return inner;
        }
        if (token.text === '[') return { type: 'list', items: parseList('[', ']'), column: token.column };
        break;
      default:
        break;
    }
    throw new ExpressionSyntaxError(`unexpected ${describe(token)}`, token.column);
  };

  if (is('end')) throw new ExpressionSyntaxError('empty expression', 1);
  const tree = parseIf();
  if (!is('end')) throw new ExpressionSyntaxError(`unexpected ${describe(peek())}`, peek().column);
  return tree;
}

/** The feature codes an expression reads, in first-use order. */
export function referencedFeatures(node: ExpressionNode, into: string[] = []): string[] {
  switch (node.type) {
    case 'feature':
      if (!into.includes(node.code)) into.push(node.code);
      break;
    case 'attribute':
      referencedFeatures(node.target, into);
      break;
    case 'negate':
    case 'not':
      referencedFeatures(node.operand, into);
      break;
    case 'binary':
      referencedFeatures(node.left, into);
      referencedFeatures(node.right, into);
      break;
    case 'in':
      referencedFeatures(node.element, into);
      referencedFeatures(node.collection, into);
      break;
    case 'list':
    case 'call':
      for (const item of node.type === 'list' ? node.items : node.args) referencedFeatures(item, into);
      break;
    case 'if':
      referencedFeatures(node.test, into);
      referencedFeatures(node.then, into);
      if (node.else) referencedFeatures(node.else, into);
      break;
    default:
      break;
  }
  return into;
}
