import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  execute,
  type FieldNode,
  type GraphQLError,
  type GraphQLObjectType,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  specifiedRules,
  TokenKind,
  validate,
  visit,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS_DIR, operation } from '../test-support/operations.js';
import { FIELD_COSTS, LIST_SIZES, OperationCosts, operationCost, PAGE_SIZES } from './cost.js';
import { costRefusal, graphqlLimits, LIMIT_CODES, QUERY_LIMITS, withDeadline } from './limits.js';
import { buildGraphQLSchema } from './schema.js';

/** The files of schema/operations that hold an operation (not only fragments). */
const operationFiles = readdirSync(OPERATIONS_DIR).filter(
  (file) =>
    file.endsWith('.graphql') &&
    /^(query|mutation|subscription)\b/m.test(readFileSync(join(OPERATIONS_DIR, file), 'utf8')),
);

/**
 * urql's document cache adds `__typename` to every selection set but an operation's own (a subscription may
 * select one root field only): more tokens than the file.
 */
function asTheClientSendsIt(text: string): string {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return print(
    visit(parse(text), {
      SelectionSet: (node, _key, parent) =>
        (parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION
          ? undefined
          : { ...node, selections: [...node.selections, typename] },
    }),
  );
}

function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

describe('the GraphQL limits and the client’s own operations', () => {
  let schema: Awaited<ReturnType<typeof buildGraphQLSchema>>;
  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  /**
   * Every measure of one document, by refusal code, and the errors the server gives it before any resolver
   * (validation, then the cost once the variables are known; none given: each priced as the client may send it).
   */
  function check(
    text: string,
    variables?: Record<string, unknown>,
  ): { measures: Record<string, number>; errors: readonly GraphQLError[] } {
    const measures: Record<string, number> = { [LIMIT_CODES.tokens]: tokenCount(text) };
    const limits = graphqlLimits((code, n) => {
      measures[code] = Math.max(measures[code] ?? 0, n);
    });
    const document = parse(text, limits.parseOptions);
    const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
    const cost = operationCost(schema, document, undefined, variables);
    measures[LIMIT_CODES.cost] = cost;
    return { measures, errors: cost > QUERY_LIMITS.maxCost ? [...errors, costRefusal(cost)] : errors };
  }

  it('measures every file of the shared operations that holds one; the others hold only fragments', () => {
    for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'))) {
      const kinds = new Set(
        parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')).definitions.map((d) => d.kind),
      );
      if (kinds.has(Kind.OPERATION_DEFINITION)) expect(operationFiles, file).toContain(file);
      else expect([...kinds], file).toEqual([Kind.FRAGMENT_DEFINITION]);
    }
    expect(operationFiles.length).toBeGreaterThanOrEqual(20);
  });

  it('accepts every shared operation, as written and as the client sends it, each under half of every limit', () => {
    const largest: Record<string, { n: number; file: string }> = {};
    for (const file of operationFiles) {
      expect(check(operation(file)).errors, file).toEqual([]);
      const { measures, errors } = check(asTheClientSendsIt(operation(file)));
      expect(
        errors.map((error) => error.message),
        file,
      ).toEqual([]);
      for (const [code, n] of Object.entries(measures)) {
        if (n > (largest[code]?.n ?? -1)) largest[code] = { n, file };
      }
    }
    const limitOf: Record<string, number> = {
      [LIMIT_CODES.depth]: QUERY_LIMITS.maxDepth,
      [LIMIT_CODES.aliases]: QUERY_LIMITS.maxAliases,
      [LIMIT_CODES.directives]: QUERY_LIMITS.maxDirectives,
      [LIMIT_CODES.tokens]: QUERY_LIMITS.maxTokens,
      [LIMIT_CODES.cost]: QUERY_LIMITS.maxCost,
    };
    expect(Object.keys(largest).sort()).toEqual(Object.keys(limitOf).sort());
    const report = Object.entries(largest).map(
      ([code, { n, file }]) => `${code}: ${n} (${file}) of ${limitOf[code]}`,
    );
    console.log(`Largest measures of the shared operations:\n  ${report.join('\n  ')}`);
    for (const [code, { n, file }] of Object.entries(largest)) {
      expect(n, `${file}: ${code}`).toBeLessThanOrEqual(limitOf[code]! / 2);
    }
  });

  it('accepts the standard introspection query (partners build clients from it)', () => {
    const text = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      inputValueDeprecation: true,
    });
    expect(check(text).errors).toEqual([]);
  });

  it.each([
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      LIMIT_CODES.aliases,
    ],
    ['depth', `{ products { ${'features { '.repeat(20)}code${' }'.repeat(20)} } }`, LIMIT_CODES.depth],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(11)}}`, LIMIT_CODES.directives],
    [
      'cost',
      '{ a: materials { __typename } b: materials { __typename } c: materials { __typename } d: materials { __typename } }',
      LIMIT_CODES.cost,
    ],
    [
      'a long string',
      `{ product(code: "${'x'.repeat(QUERY_LIMITS.maxStringLength + 1)}") { code } }`,
      LIMIT_CODES.stringLength,
    ],
  ])('refuses %s over its limit with its code', (_name, text, code) => {
    const { errors } = check(text);
    expect(errors.map((error) => error.extensions.limit)).toContain(code);
  });

  it('prices autocomplete by its preference: CHEAPEST, or a variable not known, is dearer than the defaults', () => {
    const cost = (text: string, variables?: Record<string, unknown>) =>
      check(text, variables).measures[LIMIT_CODES.cost]!;
    const input = 'input: { productCode: "DESK", selections: [] }';
    const defaults = cost(`{ autocomplete(${input}) { __typename } }`);
    expect(cost(`{ autocomplete(preference: CHEAPEST, ${input}) { __typename } }`)).toBeGreaterThan(
      defaults * 3,
    );
    const byVariable = `query($p: CompletionPreference!) { autocomplete(preference: $p, ${input}) { __typename } }`;
    expect(cost(byVariable)).toBeGreaterThan(defaults * 3);
    expect(cost(byVariable, { p: 'CHEAPEST' })).toBeGreaterThan(defaults * 3);
    expect(cost(byVariable, { p: 'DEFAULTS' })).toBe(defaults);
  });

  /** A page of orders with everything nested that a partner could ask for. */
  const ordersPage = (first: string) =>
    `{ orders(first: ${first}) { edges { node { number lines { quantity bom { partNumber quantity } operations { code } } fulfilment { events { kind } reservations { partNumber } } } } } }`;

  it('multiplies a page by its `first`: a hundred orders with everything nested are refused, one is not', () => {
    const one = check(ordersPage('1'));
    const hundred = check(ordersPage('100'));
    expect(one.errors).toEqual([]);
    expect(hundred.measures[LIMIT_CODES.cost]! - FIELD_COSTS['Query.orders']!).toBeGreaterThanOrEqual(
      100 * (one.measures[LIMIT_CODES.cost]! - FIELD_COSTS['Query.orders']!),
    );
    expect(hundred.errors.map((error) => error.extensions.limit)).toEqual([LIMIT_CODES.cost]);
    // Without `first`, the page is the orders' default (20).
    expect(check(ordersPage('20')).measures[LIMIT_CODES.cost]).toBe(
      check(ordersPage('20').replace('(first: 20)', '')).measures[LIMIT_CODES.cost],
    );
  });

  it('remembers an operation’s cost per document by the variables it reads, and no other', () => {
    const text = ordersPage('$first').replace('{ orders', 'query($first: Int, $note: String) { orders');
    const document = parse(text);
    const costs = new OperationCosts(schema);
    for (const variables of [{ first: 1 }, { first: 100 }, {}, { first: 1, note: 'x' }, { first: 100 }, {}])
      expect(costs.cost(document, undefined, variables)).toBe(
        operationCost(schema, document, undefined, variables),
      );
    // The configurator page's operation (no variable read): the same cost whatever the choices.
    const page = parse(operation('configure'));
    const desk = { input: { productCode: 'standing-desk', selections: [] } };
    const wide = {
      input: { productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '1800' }] },
    };
    expect(costs.cost(page, 'Configure', desk)).toBe(operationCost(schema, page, 'Configure', desk));
    expect(costs.cost(page, 'Configure', wide)).toBe(operationCost(schema, page, 'Configure', wide));
  });

  it('prices a page by its `first` variable, as the request gives it', () => {
    const text = ordersPage('$first').replace('{ orders', 'query($first: Int) { orders');
    const cost = (first?: number) =>
      check(text, first === undefined ? {} : { first }).measures[LIMIT_CODES.cost]!;
    expect(cost(100)).toBeGreaterThan(cost(1) * 50);
    expect(cost()).toBe(cost(PAGE_SIZES['Query.orders']));
    expect(check(text, { first: 100 }).errors.map((error) => error.extensions.limit)).toEqual([
      LIMIT_CODES.cost,
    ]);
  });

  it('multiplies lists without an argument by their typical size: an order line’s BOM costs 40 lines', () => {
    const order = (lines: string) =>
      check(`{ order(number: "X") { lines { ${lines} } } }`).measures[LIMIT_CODES.cost]!;
    expect(order('bom { partNumber }') - order('quantity')).toBe(
      (LIST_SIZES['Order.lines'] as number) * (LIST_SIZES['OrderLine.bom'] as number),
    );
  });

  it('knows the size of every list of objects in the schema', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        if (
          isListType(getNullableType(field.type)) &&
          !isLeafType(getNamedType(field.type)) &&
          !(key in LIST_SIZES)
        ) {
          missing.push(key);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the deadline between root fields', () => {
  /** A schema whose `busy` field blocks the event loop for `ms` (an engine search does), and `quick` does not. */
  function busySchema() {
    const schema = buildSchema(
      'type Query { busy(ms: Int!): Int! quick: Int! } type Mutation { busy(ms: Int!): Int! }',
    );
    const busy = (_: unknown, { ms }: { ms: number }) => {
      const until = Date.now() + ms;
      while (Date.now() < until);
      return ms;
    };
    schema.getQueryType()!.getFields().busy!.resolve = busy;
    schema.getQueryType()!.getFields().quick!.resolve = () => 1;
    schema.getMutationType()!.getFields().busy!.resolve = busy;
    return withDeadline(schema, 50);
  }

  it.each([
    ['query', '{ a: busy(ms: 80) b: quick c: busy(ms: 80) }'],
    ['mutation', 'mutation { a: busy(ms: 80) b: busy(ms: 80) c: busy(ms: 80) }'],
  ])(
    'cuts a %s off once its time is up: the fields after it are REQUEST_TIMEOUT errors',
    async (_kind, text) => {
      const started = Date.now();
      const result = await execute({ schema: busySchema(), document: parse(text), contextValue: {} });
      expect(result.data).toBeNull();
      expect(result.errors?.map((error) => [error.path?.[0], error.extensions.code])).toEqual(
        expect.arrayContaining([['b', LIMIT_CODES.deadline]]),
      );
      expect(result.errors?.[0]?.message).toMatch(/deadline/);
      // The second busy field never ran.
      expect(Date.now() - started).toBeLessThan(150);
    },
  );

  it('lets a request within its time run every field', async () => {
    const result = await execute({
      schema: busySchema(),
      document: parse('{ a: busy(ms: 10) b: quick c: busy(ms: 10) }'),
      contextValue: {},
    });
    expect(result).toEqual({ data: { a: 10, b: 1, c: 10 } });
  });
});

describe('the deadline inside one root field', () => {
  /** `items` lists n items at once; reading an item's `child` blocks the event loop for `ms` (a slow load). */
  function nestedSchema() {
    const schema = buildSchema(
      'type Query { items(n: Int!, ms: Int!): [Item!]! } type Mutation { make(n: Int!, ms: Int!): [Item!]! } ' +
        'type Item { n: Int! ms: Int! child: Item }',
    );
    const read: number[] = [];
    const items = (_: unknown, { n, ms }: { n: number; ms: number }) =>
      Array.from({ length: n }, (_, i) => ({ n: i, ms }));
    schema.getQueryType()!.getFields().items!.resolve = items;
    schema.getMutationType()!.getFields().make!.resolve = items;
    const item = schema.getType('Item') as GraphQLObjectType;
    item.getFields().child!.resolve = ({ n, ms }: { n: number; ms: number }) => {
      read.push(n);
      const until = Date.now() + ms;
      while (Date.now() < until);
      return { n: n + 100, ms: 0 };
    };
    return { schema: withDeadline(schema, 50), read };
  }

  it('cuts a query whose single root field runs over: the rest are REQUEST_TIMEOUT errors', async () => {
    const { schema, read } = nestedSchema();
    const result = await execute({
      schema,
      document: parse('{ items(n: 6, ms: 30) { n child { n child { n } } } }'),
      contextValue: {},
    });
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(new Set(result.errors?.map((error) => error.extensions.code))).toEqual(
      new Set([LIMIT_CODES.deadline]),
    );
    expect(result.errors?.[0]?.message).toMatch(/deadline: Item\.child was not read/);
    // The items after the deadline were never read (each takes 30 ms of a 50 ms budget).
    expect(read.length).toBeLessThan(6);
  });

  it('never cuts a mutation once it has started: its answer is given whole', async () => {
    const { schema, read } = nestedSchema();
    const result = await execute({
      schema,
      document: parse('mutation { make(n: 4, ms: 30) { n child { n } } }'),
      contextValue: {},
    });
    expect(result.errors).toBeUndefined();
    expect(read).toEqual([0, 1, 2, 3]);
  });
});
