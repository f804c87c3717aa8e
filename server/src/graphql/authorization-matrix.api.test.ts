import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionService } from '../accounts/session.service.js';
import { User } from '../accounts/user.entity.js';
import { systemClock } from '../db/clock.js';
import { Order } from '../orders/order.entity.js';
import {
  type As,
  type GraphQLResponse,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import type { CallerName } from '../test-support/callers.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { subscriber } from '../test-support/subscriber.js';
import { API_SCOPES, type ApiScope } from './authorization.js';
import {
  type CallDefinition,
  type MatrixContext,
  MatrixObjects,
  SAMPLE_CALLS,
} from './authorization-matrix.calls.js';

/**
 * The authorization matrix (authorization-matrix.md): every query and mutation of the running server has a
 * row, and every cell's request, made for real as that caller, is answered as the row says.
 */

const MATRIX_FILE = new URL('./authorization-matrix.md', import.meta.url);
const CALLERS = [
  'anonymous',
  'customerA',
  'customerB',
  'sales',
  'salesManager',
  'operations',
  'admin',
  'key+scope',
  'key-scope',
] as const;
type Caller = (typeof CALLERS)[number];
const CELLS = ['allowed', 'UNAUTHENTICATED', 'FORBIDDEN', 'hidden'] as const;
type Cell = (typeof CELLS)[number];
/** The review of a large order reads the plant's capacity from today: a fixed day keeps it the same. */
const TODAY = '2026-12-01';

interface MatrixRow {
  /** `Query.products`, `Mutation.cancelOrder`; for an internal field, `Configuration.cost`. */
  operation: string;
  field: string;
  /** An internal field's row (its object type's name), not an operation's: read through its sample call. */
  fieldOf: string | null;
  /** The scope a key needs; null when no key may call it. */
  scope: ApiScope | null;
  cells: Record<Caller, Cell>;
}

/**
 * The tables of authorization-matrix.md (operations, then internal fields); a malformed row stops the test
 * with the row named.
 */
function readMatrix(): MatrixRow[] {
  const lines = readFileSync(MATRIX_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'));
  const split = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const rows: MatrixRow[] = [];
  for (const line of lines) {
    const [name = '', scope = '', ...cells] = split(line);
    if (/^-+$/.test(name)) continue;
    if (name === 'operation' || name === 'field') {
      const expected = [name, 'key scope', ...CALLERS];
      if (split(line).join() !== expected.join())
        throw new Error(`authorization-matrix.md: a table's header must be | ${expected.join(' | ')} |`);
      continue;
    }
    const match = /^`((\w+)\.(\w+))`$/.exec(name);
    const bad = (what: string) => new Error(`authorization-matrix.md: ${what} in the row: ${line}`);
    if (!match)
      throw bad(
        'the operation is not written `Query.name`, `Mutation.name`, `Subscription.name` or `Type.field`',
      );
    const scopeName = scope.replace(/`/g, '');
    if (scopeName !== 'none' && !API_SCOPES.includes(scopeName as ApiScope))
      throw bad(`"${scope}" is not a scope (${API_SCOPES.join(', ')}) or none`);
    if (cells.length !== CALLERS.length || cells.some((cell) => !CELLS.includes(cell as Cell)))
      throw bad(`every caller's cell must be one of ${CELLS.join(', ')}`);
    const type = match[2]!;
    rows.push({
      operation: match[1]!,
      field: match[3]!,
      fieldOf: ROOT_TYPES.has(type) ? null : type,
      scope: scopeName === 'none' ? null : (scopeName as ApiScope),
      cells: Object.fromEntries(CALLERS.map((caller, index) => [caller, cells[index]])) as Record<
        Caller,
        Cell
      >,
    });
  }
  return rows;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const MATRIX = readMatrix();

type Got = Cell | `invalid call (${string})` | `set-up failed (${string})`;
type Response = GraphQLResponse<Record<string, unknown>>;

/** Codes of a request that never reached the operation's rule: the sample call is wrong, not the rule. */
const INVALID_CALL_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/** What the answer says of the rule: refused (and how), the object hidden, or let through. */
function classify(response: Response, field: string, nullIsAnswer: boolean): { got: Got; detail: string } {
  const detail = JSON.stringify(response.errors ?? response.data?.[field] ?? null).slice(0, 300);
  // Errors of the operation itself (or of the whole request); an error inside the answer (a field the
  // caller may not read) means the operation was let through.
  const own = (response.errors ?? []).filter(
    (error) => !error.path || (error.path.length === 1 && error.path[0] === field),
  );
  for (const error of own) {
    const code = String(error.extensions?.code ?? '');
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return { got: code, detail };
    if (code === 'NOT_FOUND') return { got: 'hidden', detail };
    if (INVALID_CALL_CODES.has(code) || code === '') return { got: `invalid call (${code})`, detail };
  }
  if (response.errors?.length) return { got: 'allowed', detail };
  const answer = response.data?.[field];
  if (answer === null && !nullIsAnswer) return { got: 'hidden', detail };
  const code = (answer as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /(^|_)NOT_FOUND$/.test(code)) return { got: 'hidden', detail };
  return { got: 'allowed', detail };
}

/**
 * What the answer says of an internal field's rule: the operation's own refusal or hidden object first (as
 * for an operation), then the field's own refusal, else allowed.
 */
function classifyField(response: Response, root: string, field: string): { got: Got; detail: string } {
  const onRoot = classify(response, root, false);
  if (onRoot.got !== 'allowed') return onRoot;
  const detail = JSON.stringify(response.errors ?? response.data?.[root] ?? null).slice(0, 300);
  for (const error of response.errors ?? []) {
    const steps = (error.path ?? []).filter((step) => typeof step === 'string');
    const code = String(error.extensions?.code ?? '');
    if (steps.at(-1) === field && (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN'))
      return { got: code, detail };
  }
  return { got: 'allowed', detail };
}

async function schemaOperations(server: TestServer): Promise<Set<string>> {
  const { __schema } = await server.data<{
    __schema: Record<
      'queryType' | 'mutationType' | 'subscriptionType',
      { fields: { name: string }[] } | null
    >;
  }>(
    '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }',
  );
  return new Set([
    ...(__schema.queryType?.fields ?? []).map(({ name }) => `Query.${name}`),
    ...(__schema.mutationType?.fields ?? []).map(({ name }) => `Mutation.${name}`),
    ...(__schema.subscriptionType?.fields ?? []).map(({ name }) => `Subscription.${name}`),
  ]);
}

/** The keys of account A: each scope alone, every scope but one, and every scope. */
async function makeKeys(server: TestServer) {
  const only = {} as Record<ApiScope, string>;
  const allBut = {} as Record<ApiScope, string>;
  for (const scope of API_SCOPES) {
    only[scope] = await server.createApiKey({ scopes: [scope], account: 'A', name: `only ${scope}` });
    allBut[scope] = await server.createApiKey({
      scopes: API_SCOPES.filter((other) => other !== scope),
      account: 'A',
      name: `all but ${scope}`,
    });
  }
  const every = await server.createApiKey({ scopes: [...API_SCOPES], account: 'A', name: 'every scope' });
  return { only, allBut, every };
}

/** New sessions for the seeded callers (after a call that may have ended theirs). */
async function renewSessions(server: TestServer): Promise<void> {
  const em = server.running.orm.em.fork();
  const sessions = new SessionService(em, systemClock(TODAY));
  for (const [name, id] of Object.entries(server.callers.userIds) as [CallerName, number][]) {
    const user = await em.findOneOrFail(User, id);
    server.callers.tokens[name] = (await sessions.start(user)).token;
  }
}

describe.each(await testDialects())('the authorization matrix on %s', (dialect) => {
  let server: TestServer;
  let operations: Set<string>;
  let keys: Awaited<ReturnType<typeof makeKeys>>;
  let objects: MatrixObjects;
  const tally = { operations: 0, cells: 0, allowed: 0 };

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    operations = await schemaOperations(server);
    keys = await makeKeys(server);
    objects = new MatrixObjects(server);
  });
  afterAll(async () => {
    const tableCells = MATRIX.length * CALLERS.length;
    const tableAllowed = MATRIX.flatMap((row) => Object.values(row.cells)).filter(
      (cell) => cell === 'allowed',
    );
    console.info(
      `authorization matrix on ${dialect}: ${MATRIX.length} operations × ${CALLERS.length} callers = ` +
        `${tableCells} cells, ${tableAllowed.length} allowed; checked: ${tally.operations} operations, ` +
        `${tally.cells} cells, ${tally.allowed} answered as allowed`,
    );
    await server?.close();
  });

  /** The fields of the schema's object types, as `Type.field`. */
  async function schemaFields(): Promise<Set<string>> {
    const { __schema } = await server.data<{
      __schema: { types: { name: string; fields: { name: string }[] | null }[] };
    }>('{ __schema { types { name fields { name } } } }');
    return new Set(
      __schema.types.flatMap((type) => (type.fields ?? []).map((f) => `${type.name}.${f.name}`)),
    );
  }

  function as(caller: Caller, row: MatrixRow): As {
    if (caller === 'key+scope') return { bearer: row.scope ? keys.only[row.scope] : keys.every };
    if (caller === 'key-scope') return { bearer: row.scope ? keys.allBut[row.scope] : keys.every };
    return caller;
  }

  /**
   * A subscription's cell, over WebSocket: allowed when the server listens for it, else its refusal's code. A
   * refused subscribe leaves the connection open: a second one on it is answered too.
   */
  async function subscriptionCell(
    row: MatrixRow,
    caller: As,
    query: string,
    variables: Record<string, unknown> | undefined,
  ): Promise<{ got: Got; detail: string }> {
    const bearer = typeof caller === 'object' ? caller.bearer : undefined;
    const client = subscriber(
      server.running,
      bearer
        ? { connectionParams: { authorization: `Bearer ${bearer}` } }
        : { headers: server.headersFor(caller) },
    );
    try {
      const before = server.running.subscriptions.eventStreams.opened;
      const heard = await client.subscribe(query, variables);
      if (server.running.subscriptions.eventStreams.opened > before)
        return { got: 'allowed', detail: 'listening' };
      await heard.refusedWith();
      const errors = (heard.refusal ??
        heard.results.flatMap((result) => result.errors ?? [])) as Response['errors'];
      const got = classify({ status: 200, errors, data: null }, row.field, false);
      if (got.got === 'UNAUTHENTICATED' || got.got === 'FORBIDDEN' || got.got === 'hidden') {
        // The connection still serves: the same subscribe is answered the same way again.
        const again = await client.subscribe(query, variables);
        expect(await again.refusedWith()).toEqual(await heard.refusedWith());
      }
      return got;
    } finally {
      await client.dispose();
    }
  }

  /** One cell: the operation's sample call made as the caller, and what its answer says of the rule. */
  async function cell(
    row: MatrixRow,
    caller: Caller,
    definition: CallDefinition,
    context: MatrixContext,
  ): Promise<{ got: Got; detail: string }> {
    try {
      const { query, variables } = await definition.call(context);
      if (row.operation.startsWith('Subscription.'))
        return await subscriptionCell(row, as(caller, row), query, variables);
      const response = await server.graphql<Record<string, unknown>>(query, variables, {
        as: as(caller, row),
      });
      if (row.fieldOf !== null) {
        if (!definition.root) throw new Error(`${row.operation}: its sample call names no root field`);
        return classifyField(response, definition.root, row.field);
      }
      return classify(response, row.field, definition.nullIsAnswer === true);
    } catch (error) {
      return { got: `set-up failed (${String(error).slice(0, 300)})`, detail: '' };
    }
  }

  it('has a row for every query and mutation of the schema, a sample call for every row, and an operation for every row', async () => {
    const rows = new Set(MATRIX.map((row) => row.operation));
    const fields = await schemaFields();
    const problems = [
      ...MATRIX.filter((row) => row.fieldOf !== null && !fields.has(row.operation)).map(
        (row) => `the row ${row.operation} names no field of the schema: remove it`,
      ),
      ...[...operations]
        .filter((name) => !rows.has(name))
        .map((name) => `${name} has no row: add a row to authorization-matrix.md`),
      ...MATRIX.filter((row) => row.fieldOf === null && !operations.has(row.operation)).map(
        (row) => `the row ${row.operation} names no operation of the schema: remove it`,
      ),
      ...MATRIX.filter((row) => !SAMPLE_CALLS[row.operation]).map(
        (row) => `${row.operation} has no sample call: add one to authorization-matrix.calls.ts`,
      ),
      ...Object.keys(SAMPLE_CALLS)
        .filter((name) => !rows.has(name))
        .map((name) => `the sample call ${name} has no row in authorization-matrix.md`),
      ...MATRIX.map((row) => row.operation)
        .filter((name, index, all) => all.indexOf(name) !== index)
        .map((name) => `${name} has two rows`),
    ];
    expect(problems).toEqual([]);
  });

  for (const row of MATRIX) {
    it(row.operation, async () => {
      if (row.fieldOf === null)
        expect(operations.has(row.operation), `${row.operation}: no such operation in the schema`).toBe(true);
      const definition = SAMPLE_CALLS[row.operation];
      expect(
        definition,
        `${row.operation} has no sample call: add one to authorization-matrix.calls.ts`,
      ).toBeDefined();
      const made = new Map<string, unknown>();
      const context: MatrixContext = {
        server,
        objects,
        async fresh<T>(name: string, make: () => Promise<T>): Promise<T> {
          if (!made.has(name)) made.set(name, await make());
          return made.get(name) as T;
        },
      };
      const wrong: string[] = [];
      tally.operations++;
      for (const caller of CALLERS) {
        const result = await cell(row, caller, definition!, context);
        // MATRIX_DEBUG=1 prints every cell's answer (to check that the sample calls do what they should).
        if (process.env.MATRIX_DEBUG)
          console.log(row.operation, caller, result.got, result.detail.slice(0, 160));
        if (result.got !== 'UNAUTHENTICATED' && result.got !== 'FORBIDDEN') made.clear();
        if (definition!.endsSessions) await renewSessions(server);
        tally.cells++;
        if (result.got === 'allowed') tally.allowed++;
        if (result.got !== row.cells[caller])
          wrong.push(`${caller}: expected ${row.cells[caller]}, got ${result.got}: ${result.detail}`);
      }
      expect(wrong, `${row.operation}:\n  ${wrong.join('\n  ')}`).toEqual([]);
      // A plant action's cells drive fresh orders through production: more than the default 30 s on a busy machine.
    }, 120_000);
  }

  describe('object-level access: what is not the caller’s is answered as what does not exist', () => {
    const ORDER = 'query($number: String!) { order(number: $number) { number status } }';
    const UNKNOWN = 'MTO-0000-0000';

    it("customer B reading customer A's order gets null, as for an order that does not exist", async () => {
      const { number } = await objects.orderOfA();
      const mine = await server.graphql(ORDER, { number }, { as: 'customerA' });
      expect(mine.data?.order).toMatchObject({ number });
      const theirs = await server.graphql(ORDER, { number }, { as: 'customerB' });
      const none = await server.graphql(ORDER, { number: UNKNOWN }, { as: 'customerB' });
      expect(none).toMatchObject({ data: { order: null } });
      expect(theirs).toEqual(none);
    });

    it("customer B cancelling A's order is answered as for an order that does not exist, and the order is unchanged", async () => {
      const { number } = await objects.orderOfA();
      const CANCEL = `mutation($number: String!) { cancelOrder(number: $number, reason: "not mine") {
        __typename ... on ActionRefused { code } ... on Order { status } } }`;
      const before = await objects.staffView(number);
      const theirs = await server.graphql(CANCEL, { number }, { as: 'customerB' });
      const none = await server.graphql(CANCEL, { number: UNKNOWN }, { as: 'customerB' });
      expect(classify(theirs, 'cancelOrder', false).got).toBe('hidden');
      expect(classify(none, 'cancelOrder', false).got).toBe('hidden');
      const codes = (response: Response) => ({
        data: response.data,
        errors: response.errors?.map((error) => error.extensions?.code),
      });
      expect(codes(theirs)).toEqual(codes(none));
      expect(await objects.staffView(number)).toEqual(before);
      expect(before.status).toBe('PLACED');
    });

    it("a key of account B with orders:read reading A's order gets null", async () => {
      const { number } = await objects.orderOfA();
      const bearer = await server.createApiKey({ scopes: ['orders:read'], account: 'B', name: 'B reads' });
      const answer = await server.graphql(ORDER, { number }, { as: { bearer } });
      expect(answer).toMatchObject({ data: { order: null } });
      expect(answer.errors).toBeUndefined();
    });

    it("customer A's orders list holds only account A's orders", async () => {
      const ofA = [(await objects.orderOfA()).number, (await objects.orderOfA()).number];
      const { placeOrder } = await server.data<{ placeOrder: { number: string } }>(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number } } }`,
        {
          input: {
            lines: [{ productCode: 'e-bike', selections: [] }],
            ...DEMO_CHECKOUT,
            customer: { name: 'Bert B', email: 'bert@customer-b.test' },
          },
        },
        { as: 'customerB' },
      );
      const listed = async (as: CallerName) =>
        (
          await server.data<{ orders: { edges: { node: { number: string } }[] } }>(
            'query { orders(first: 100) { edges { node { number } } } }',
            {},
            { as },
          )
        ).orders.edges.map((edge) => edge.node.number);
      const em = server.running.orm.em.fork();
      const accountOf = async (number: string) =>
        (await em.findOneOrFail(Order, { number }, { populate: ['account'] })).account?.id ?? null;
      const listedForA = await listed('customerA');
      expect(listedForA).toEqual(expect.arrayContaining(ofA));
      expect(listedForA).not.toContain(placeOrder.number);
      for (const number of listedForA)
        expect(await accountOf(number), number).toBe(server.callers.accountIds.A);
      const listedForB = await listed('customerB');
      expect(listedForB).toContain(placeOrder.number);
      for (const number of listedForB)
        expect(await accountOf(number), number).toBe(server.callers.accountIds.B);
    });

    it("a quote's cost, margin and internal note are sales staff's only: the link, the account's customers and its keys get them refused, the rest reads", async () => {
      const { token } = await objects.sentQuoteOfA();
      const FIELDS =
        'reference internalNote cost { amount } margin { amount } marginPercent lines { productName cost { amount } margin { amount } marginPercent unitCost { amount } }';
      const key = await server.createApiKey({
        scopes: ['orders:read'],
        account: 'A',
        name: 'A reads quotes',
      });
      const refusedOf = (response: Response) =>
        [
          ...new Set(
            (response.errors ?? []).map((error) =>
              [
                error.path
                  ?.filter((step) => typeof step === 'string')
                  .slice(1)
                  .join('.'),
                error.extensions?.code,
              ].join(' '),
            ),
          ),
        ].sort();
      const internal = (code: string) =>
        [
          'quote.internalNote',
          'quote.cost',
          'quote.margin',
          'quote.marginPercent',
          'quote.lines.cost',
          'quote.lines.margin',
          'quote.lines.marginPercent',
          'quote.lines.unitCost',
        ]
          .map((path) => `${path} ${code}`)
          .sort();
      const link = await server.graphql<Record<string, { quote: { reference: string } }>>(
        `query($t: String!) { customerQuote(token: $t) { quote { ${FIELDS} } } }`,
        { t: token },
        { as: 'anonymous' },
      );
      expect(refusedOf(link)).toEqual(internal('UNAUTHENTICATED'));
      expect(link.data?.customerQuote?.quote.reference).toMatch(/-R1$/);
      for (const as of ['customerA', { bearer: key }] as const) {
        const mine = await server.graphql<{ myQuotes: { reference: string }[] }>(
          `query { myQuotes { ${FIELDS} } }`,
          {},
          { as },
        );
        expect(refusedOf(mine).map((cell) => `quote.${cell}`)).toEqual(internal('FORBIDDEN'));
        expect(mine.data?.myQuotes.length).toBeGreaterThan(0);
      }
      const staff = await server.graphql(
        `query($t: String!) { customerQuote(token: $t) { quote { ${FIELDS} } } }`,
        { t: token },
        { as: 'sales' },
      );
      expect(staff.errors).toBeUndefined();
    });

    it('a customer reading internal fields of their order (BOM, work orders, requisitions, quality checks) gets FORBIDDEN for those fields only', async () => {
      const { number } = await objects.orderOfA();
      const INTERNAL = `query($number: String!) { order(number: $number) {
        number status total { amount } lines { quantity bom { partNumber } }
        fulfilment { expectedShipDate events { kind } workOrders { id } requisitions { id } qualityChecks { passed } }
      } }`;
      const staff = await server.graphql(INTERNAL, { number }, { as: 'operations' });
      expect(staff.errors).toBeUndefined();
      const customer = await server.graphql<{
        order: {
          number: string;
          status: string;
          lines: { quantity: number }[];
          fulfilment: { events: unknown[] };
        } | null;
      }>(INTERNAL, { number }, { as: 'customerA' });
      const refused = (customer.errors ?? []).map((error) => [
        error.path?.filter((step) => typeof step === 'string').join('.'),
        error.extensions?.code,
      ]);
      expect(refused.sort()).toEqual(
        [
          ['order.fulfilment.qualityChecks', 'FORBIDDEN'],
          ['order.fulfilment.requisitions', 'FORBIDDEN'],
          ['order.fulfilment.workOrders', 'FORBIDDEN'],
          ['order.lines.bom', 'FORBIDDEN'],
        ].sort(),
      );
      expect(customer.data?.order).toMatchObject({ number, status: 'PLACED', lines: [{ quantity: 1 }] });
      expect(customer.data?.order?.fulfilment.events.length).toBeGreaterThan(0);
    });
  });
});
