import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * patches/graphql@16.15.0.patch: a field without arguments is given one shared frozen object rather than
 * new dictionaries for every resolved field (~1,000 a configurator page). graphql ships a CommonJS build
 * (index.js: what Node loads for `import 'graphql'`, having no exports map) and an ES module build
 * (index.mjs: what bundlers take from `module`): both must be patched, and arguments must still work.
 * The patch also reads a leaf field that has no resolver of its own straight from its parent (no resolve
 * info object): values, methods, nulls and serialization errors must come out as before.
 */
type GraphQLModule = typeof import('graphql');

const builds: [string, () => Promise<GraphQLModule>][] = [
  ['CommonJS (index.js)', async () => createRequire(import.meta.url)('graphql') as GraphQLModule],
  ['ES module (index.mjs)', async () => (await import('graphql/index.mjs' as string)) as GraphQLModule],
];

const SDL = `
  type Query { desk: Desk! }
  type Desk { width: Int! depth: Int! label(prefix: String, upper: Boolean = false): String! }
`;

async function argumentsSeen(graphql: GraphQLModule, document: string, variables?: Record<string, unknown>) {
  const schema = graphql.buildSchema(SDL);
  const seen: Record<string, unknown> = {};
  const desk = schema.getType('Desk') as import('graphql').GraphQLObjectType;
  for (const [name, field] of Object.entries(desk.getFields())) {
    field.resolve = (_source, args) => {
      seen[name] = args;
      return name === 'label'
        ? `${args.prefix ?? ''}${args.upper ? 'DESK' : 'desk'}`
        : name === 'width'
          ? 160
          : 80;
    };
  }
  const result = await graphql.graphql({
    schema,
    source: document,
    rootValue: { desk: {} },
    variableValues: variables,
  });
  return { seen, result };
}

describe.each(builds)('graphql-js execution, %s', (_name, load) => {
  it('is the patched build: fields without arguments share one frozen, empty arguments object', async () => {
    const graphql = await load();
    const { seen, result } = await argumentsSeen(graphql, '{ desk { width depth } }');
    expect(result).toEqual({ data: { desk: { width: 160, depth: 80 } } });
    expect(seen.width).toEqual({});
    expect(seen.width).toBe(seen.depth);
    expect(Object.isFrozen(seen.width)).toBe(true);
  });

  it('still reads arguments: literals, variables and defaults, a new object for each field', async () => {
    const graphql = await load();
    const { seen, result } = await argumentsSeen(
      graphql,
      'query ($u: Boolean) { desk { a: label(prefix: "x-") b: label(upper: $u) c: label } }',
      { u: true },
    );
    expect(result).toEqual({ data: { desk: { a: 'x-desk', b: 'DESK', c: 'desk' } } });
    expect({ ...(seen.label as object) }).toEqual({ upper: false });
    expect(Object.isFrozen(seen.label)).toBe(false);
    const label = (
      graphql.buildSchema(SDL).getType('Desk') as import('graphql').GraphQLObjectType
    ).getFields().label as import('graphql').GraphQLField<unknown, unknown>;
    const [operation] = graphql.parse('{ label(prefix: "p") }').definitions as [
      import('graphql').OperationDefinitionNode,
    ];
    const values = graphql.getArgumentValues(
      label,
      operation.selectionSet.selections[0] as import('graphql').FieldNode,
    );
    expect(values).toEqual({ prefix: 'p', upper: false });
  });

  it('still refuses a required argument that is missing', async () => {
    const graphql = await load();
    const schema = graphql.buildSchema('type Query { desk(code: String!): String }');
    const result = await graphql.execute({ schema, document: graphql.parse('{ desk }') });
    expect(result.errors?.[0]?.message).toBe('Argument "code" of required type "String!" was not provided.');
  });

  it('reads leaf fields without a resolver as before: values, methods, nulls and their errors', async () => {
    const graphql = await load();
    const schema = graphql.buildSchema(`
      enum Finish { OAK WALNUT }
      type Query { desk: Desk }
      type Desk { code: String! finish: Finish! sizes: [Int!]! note: String width: Int! label(upper: Boolean): String! }
    `);
    const run = (desk: Record<string, unknown>, fields: string) =>
      graphql.graphql({ schema, source: `{ desk { ${fields} } }`, rootValue: { desk } });
    const desk = {
      code: 'desk',
      finish: 'OAK',
      sizes: [160, 80],
      note: null,
      width: 160,
      label: (args: { upper?: boolean }, _context: unknown, info: { fieldName: string }) =>
        `${info.fieldName}:${args.upper ? 'DESK' : 'desk'}`,
    };
    expect(await run(desk, 'code finish sizes note width label(upper: true)')).toEqual({
      data: {
        desk: { code: 'desk', finish: 'OAK', sizes: [160, 80], note: null, width: 160, label: 'label:DESK' },
      },
    });
    const missing = await run({ ...desk, code: null }, 'code');
    expect(missing.errors?.map((e) => [e.message, e.path])).toEqual([
      ['Cannot return null for non-nullable field Desk.code.', ['desk', 'code']],
    ]);
    expect(missing.data).toEqual({ desk: null });
    const badEnum = await run({ ...desk, finish: 'PINE' }, 'finish');
    expect(badEnum.errors?.map((e) => [e.message, e.path])).toEqual([
      ['Enum "Finish" cannot represent value: "PINE"', ['desk', 'finish']],
    ]);
    const badInt = await run({ ...desk, width: 'wide' }, 'width note');
    expect(badInt.errors?.map((e) => e.path)).toEqual([['desk', 'width']]);
    expect(badInt.errors?.[0]?.message).toMatch(/^Int cannot represent non-integer value/);
    const thrown = await run({ ...desk, note: new Error('no note') }, 'note code');
    expect(thrown.errors?.map((e) => [e.message, e.path])).toEqual([['no note', ['desk', 'note']]]);
    expect(thrown.data).toEqual({ desk: { note: null, code: 'desk' } });
  });

  it('answers objects with every response name as an own key, in order, `__proto__` and `constructor` too', async () => {
    const graphql = await load();
    const plain = await argumentsSeen(graphql, '{ desk { depth width constructor: depth toString: width } }');
    expect(JSON.stringify(plain.result.data)).toBe(
      '{"desk":{"depth":80,"width":160,"constructor":80,"toString":160}}',
    );
    const proto = await argumentsSeen(graphql, '{ desk { __proto__: width depth } }');
    expect(proto.result.errors).toBeUndefined();
    const desk = (proto.result.data as { desk: object }).desk;
    expect(Object.getPrototypeOf(desk)).toBeNull();
    expect(Object.hasOwn(desk, '__proto__')).toBe(true);
    expect(JSON.stringify(proto.result.data)).toBe('{"desk":{"__proto__":160,"depth":80}}');
  });
});
