import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_CODES } from '../graphql/limits.js';
import { Part } from '../parts/part.entity.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();

/**
 * A deadline of 1 ms (GRAPHQL_DEADLINE_MS): every root field starts (the deadline starts with the first),
 * and anything a query reads after its first millisecond is cut.
 */
describe.each(dialects)('the GraphQL deadline inside one root field (%s)', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { GRAPHQL_DEADLINE_MS: '1' } });
    // One order, so that the board has orders to read: an empty board reads its counts within the first
    // millisecond. A mutation's root field runs whole; its answer asks nothing nested that could be cut.
    const { status, data } = await server.graphql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename } }',
      {
        input: {
          ...DEMO_CHECKOUT,
          lines: [{ productCode: 'workstation-pc', selections: [] }],
          customer: { name: 'Deadline Test', email: 'deadline.test@example.com' },
        },
      },
    );
    expect([status, data]).toEqual([200, { placeOrder: { __typename: 'Order' } }]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    [
      'the operations board (ten column reads, then every order with its fulfilment)',
      operation('operations-board'),
    ],
    // Nothing nested past the counts: only the board service's own deadline checks can cut it (request-deadline.ts).
    ['the operations board asked for its columns’ counts', '{ operationsBoard { columns { count } } }'],
    ['materials with its parts', '{ materials { parts { partNumber onHand } backorders { orderNumber } } }'],
    [
      'a page of orders with everything nested',
      '{ orders(first: 100) { edges { node { lines { bom { partNumber } } fulfilment { events { kind } } } } } }',
    ],
  ])('cuts %s: REQUEST_TIMEOUT errors and no data', async (_name, query) => {
    const { status, data, errors } = await server.graphql(query);
    expect(status).toBe(200);
    expect(data).toBeNull();
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.extensions?.code).toBe(LIMIT_CODES.deadline);
      expect(error.message).toMatch(/ran over its 0\.001 s deadline: .+ was not (read|run)\. Ask for less/);
    }
  });

  it('never cuts a mutation inside its transaction: the first root field runs whole, the next is not run', async () => {
    const em = server.running.orm.em.fork();
    const part = (await em.find(Part, {}, { orderBy: { partNumber: 'asc' }, limit: 1 }))[0]!;
    const before = Number(part.stockOnHand);
    const adjust = (alias: string) =>
      `${alias}: adjustStock(partNumber: "${part.partNumber}", quantity: "1", reason: "deadline test") { part { partNumber onHand } movement { quantity } }`;
    const { data, errors } = await server.graphql(`mutation { ${adjust('a')} ${adjust('b')} }`);
    // b was refused before it started (its field is non-null: no data); a's transaction ran whole.
    expect(data).toBeNull();
    expect(errors?.map((error) => [error.path?.[0], error.extensions?.code])).toEqual([
      ['b', LIMIT_CODES.deadline],
    ]);
    const after = await server.running.orm.em.fork().findOneOrFail(Part, { partNumber: part.partNumber });
    expect(Number(after.stockOnHand)).toBe(before + 1);
  });
});
