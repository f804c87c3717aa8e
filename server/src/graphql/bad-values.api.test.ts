import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import {
  type Dialect,
  type GraphQLResponse,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();

const NUL = '\u0000';
/** Only invisible characters: zero-width space, non-joiner, joiner, word joiner, BOM. */
const INVISIBLE = '\u200B\u200C\u200D\u2060\uFEFF';
const LARGEST_STOCK = '999999999999.999999';
const CUSTOMER = { name: 'Ada Lovelace', email: 'ada@example.com' };
const BIKE = { productCode: 'e-bike', selections: [] };

/** How the server refused: a BAD_USER_INPUT error, or a union member (InvalidOrderInput, ActionRefused). */
interface Refusal {
  kind: string;
  field: unknown;
  message: string;
}

function refusalOf(response: GraphQLResponse): Refusal | null {
  const error = response.errors?.[0];
  if (error)
    return { kind: String(error.extensions?.code), field: error.extensions?.field, message: error.message };
  const result = Object.values(response.data ?? {})[0] as Record<string, unknown> | null;
  if (result && typeof result.code === 'string' && typeof result.field === 'string') {
    return { kind: result.code, field: result.field, message: String(result.message) };
  }
  return null;
}

interface Probe {
  what: string;
  query: string;
  variables: Record<string, unknown>;
  /** BAD_USER_INPUT, or the union member's code. */
  kind: string;
  field: string;
  /** Part of the message: what a person reads to fix it. */
  says: string;
}

const ADJUST = operation('adjust-stock');
const adjust = (variables: Record<string, unknown>) => ({
  query: ADJUST,
  variables: { partNumber: 'EB-FRM-L', quantity: '1', reason: 'count', ...variables },
});
const PLACE = operation('place-order');
const place = (input: Record<string, unknown>) => ({
  query: PLACE,
  variables: { input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: CUSTOMER, ...input } },
});
const CONFIGURE = operation('configure');
const configure = (input: Record<string, unknown>) => ({
  query: CONFIGURE,
  variables: { input: { ...BIKE, ...input } },
});
const QUALITY = operation('record-quality-check');
const quality = (input: Record<string, unknown>) => ({
  query: QUALITY,
  variables: { input: { orderNumber: 'MTO-NONE', passed: false, items: [], ...input } },
});
const CONTROL = 'a control character (U+0000)';

/** Each bad value and how it must be refused: by the field, with a message, writing nothing. */
const PROBES: Probe[] = [
  {
    what: 'stock change 1e308',
    ...adjust({ quantity: '1e308' }),
    kind: 'BAD_USER_INPUT',
    field: 'quantity',
    says: `'1e308' is out of range: a change of stock is from -${LARGEST_STOCK} to ${LARGEST_STOCK}`,
  },
  {
    what: 'stock change of 10^12',
    ...adjust({ quantity: '-1000000000000' }),
    kind: 'BAD_USER_INPUT',
    field: 'quantity',
    says: 'out of range',
  },
  {
    what: 'stock change with 7 decimals',
    ...adjust({ quantity: '0.0000001' }),
    kind: 'BAD_USER_INPUT',
    field: 'quantity',
    says: 'at most 6 decimals',
  },
  {
    what: 'stock on hand beyond its column',
    ...adjust({ quantity: '999999999999' }),
    kind: 'BAD_USER_INPUT',
    field: 'quantity',
    says: `stock is from -${LARGEST_STOCK}`,
  },
  {
    what: 'NUL in a reason',
    ...adjust({ reason: `count${NUL}` }),
    kind: 'BAD_USER_INPUT',
    field: 'reason',
    says: 'A reason: a control character (U+0000) at position 6 is not allowed',
  },
  {
    what: 'invisible reason',
    ...adjust({ reason: INVISIBLE }),
    kind: 'BAD_USER_INPUT',
    field: 'reason',
    says: 'Say why the stock changes',
  },
  {
    what: 'NUL in a part number',
    ...adjust({ partNumber: `EB-FRM-L${NUL}` }),
    kind: 'BAD_USER_INPUT',
    field: 'partNumber',
    says: CONTROL,
  },
  {
    what: 'NUL in a name',
    ...place({ customer: { ...CUSTOMER, name: `Ada${NUL}` } }),
    kind: 'INVALID_CUSTOMER_NAME',
    field: 'input.customer.name',
    says: CONTROL,
  },
  {
    what: 'C1 control in a name',
    ...place({ customer: { ...CUSTOMER, name: 'Ada\u0085' } }),
    kind: 'INVALID_CUSTOMER_NAME',
    field: 'input.customer.name',
    says: 'control character (U+0085)',
  },
  {
    what: 'zero-width name',
    ...place({ customer: { ...CUSTOMER, name: INVISIBLE } }),
    kind: 'INVALID_CUSTOMER_NAME',
    field: 'input.customer.name',
    says: 'The customer’s name is empty',
  },
  {
    what: 'NUL in an e-mail',
    ...place({ customer: { ...CUSTOMER, email: `ada${NUL}@example.com` } }),
    kind: 'INVALID_EMAIL',
    field: 'input.customer.email',
    says: CONTROL,
  },
  {
    what: 'long e-mail',
    ...place({ customer: { ...CUSTOMER, email: `${'a'.repeat(400)}@example.com` } }),
    kind: 'INVALID_EMAIL',
    field: 'input.customer.email',
    says: 'is not an e-mail address',
  },
  {
    what: 'NUL in an idempotency key',
    ...place({ idempotencyKey: `k${NUL}` }),
    kind: 'INVALID_IDEMPOTENCY_KEY',
    field: 'input.idempotencyKey',
    says: CONTROL,
  },
  {
    what: 'order line with a width of 1e308',
    ...place({
      lines: [{ productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '1e308' }] }],
    }),
    kind: 'INVALID_LINE',
    field: 'input.lines[0].selections[0].value',
    says: `from -${LARGEST_STOCK}`,
  },
  {
    what: 'NUL in a product code',
    ...configure({ productCode: `e-bike${NUL}` }),
    kind: 'BAD_USER_INPUT',
    field: 'input.productCode',
    says: CONTROL,
  },
  {
    what: 'NUL in a feature',
    ...configure({ selections: [{ feature: `motor${NUL}`, value: 'x' }] }),
    kind: 'BAD_USER_INPUT',
    field: 'input.selections[0].feature',
    says: CONTROL,
  },
  {
    what: 'configure a width of 1e308',
    ...configure({ productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '1e308' }] }),
    kind: 'BAD_USER_INPUT',
    field: 'input.selections[0].value',
    says: 'out of range',
  },
  {
    // Longer strings (over 10,000 characters) are refused before the arguments are read: limits.api.test.ts.
    what: 'a 5,000-character option',
    query: operation('resolve-conflict'),
    variables: { input: BIKE, feature: 'motor', value: 'm'.repeat(5_000) },
    kind: 'BAD_USER_INPUT',
    field: 'value',
    says: 'A value has at most 100 characters, not 5000',
  },
  {
    what: 'save: NUL in a product code',
    query: operation('save-configuration'),
    variables: { input: { ...BIKE, productCode: `e${NUL}` } },
    kind: 'BAD_USER_INPUT',
    field: 'input.productCode',
    says: CONTROL,
  },
  {
    what: 'NUL in a saved code',
    query: operation('saved-configuration'),
    variables: { code: `abc${NUL}` },
    kind: 'BAD_USER_INPUT',
    field: 'code',
    says: CONTROL,
  },
  {
    what: 'NUL in a product looked up',
    query: 'query ($code: String!) { product(code: $code) { code } }',
    variables: { code: NUL },
    kind: 'BAD_USER_INPUT',
    field: 'code',
    says: CONTROL,
  },
  {
    what: 'NUL in an order number',
    query: operation('order'),
    variables: { number: `MTO-1${NUL}` },
    kind: 'BAD_USER_INPUT',
    field: 'number',
    says: CONTROL,
  },
  {
    what: 'NUL in a cursor',
    query: operation('orders'),
    variables: { after: NUL },
    kind: 'BAD_USER_INPUT',
    field: 'after',
    says: CONTROL,
  },
  {
    what: 'NUL in a search',
    query: operation('materials'),
    variables: { search: `bat${NUL}` },
    kind: 'BAD_USER_INPUT',
    field: 'search',
    says: CONTROL,
  },
  {
    what: 'NUL in a part’s movements',
    query: operation('stock-movements'),
    variables: { partNumber: NUL },
    kind: 'BAD_USER_INPUT',
    field: 'partNumber',
    says: CONTROL,
  },
  {
    what: 'NUL in a cancellation reason',
    query: operation('cancel-order'),
    variables: { number: 'MTO-NONE', reason: `late${NUL}` },
    kind: 'INVALID_TEXT',
    field: 'reason',
    says: CONTROL,
  },
  {
    what: 'NUL in an action’s order number',
    query: operation('cancel-order'),
    variables: { number: `MTO${NUL}`, reason: 'late' },
    kind: 'INVALID_TEXT',
    field: 'number',
    says: CONTROL,
  },
  {
    what: 'NUL in a carrier',
    query: operation('ship-order'),
    variables: { number: 'MTO-NONE', carrier: `DHL${NUL}`, trackingNumber: '1Z' },
    kind: 'INVALID_CARRIER',
    field: 'carrier',
    says: CONTROL,
  },
  {
    what: 'NUL in a tracking number',
    query: operation('ship-order'),
    variables: { number: 'MTO-NONE', carrier: 'DHL', trackingNumber: `1Z${NUL}` },
    kind: 'INVALID_TRACKING_NUMBER',
    field: 'trackingNumber',
    says: CONTROL,
  },
  {
    // 500,000 characters were once stored; a body that size is now refused whole (413, limits.api.test.ts).
    what: 'quality notes of 9,000 characters',
    ...quality({ notes: 'n'.repeat(9_000) }),
    kind: 'INVALID_TEXT',
    field: 'input.notes',
    says: 'The notes have at most 2000 characters, not 9000',
  },
  {
    what: 'NUL in quality notes',
    ...quality({ notes: `bad weld${NUL}` }),
    kind: 'INVALID_TEXT',
    field: 'input.notes',
    says: CONTROL,
  },
  {
    what: 'NUL in a checklist item’s note',
    ...quality({ items: [{ code: 'X', passed: false, note: NUL }] }),
    kind: 'INVALID_TEXT',
    field: 'input.items[0].note',
    says: CONTROL,
  },
  {
    what: 'a long date',
    query: operation('update-purchase-requisition'),
    variables: { id: 1, expectedDate: `2026-${'1'.repeat(5_000)}` },
    kind: 'INVALID_DATE',
    field: 'expectedDate',
    says: 'is not a date written YYYY-MM-DD',
  },
];

describe.each(dialects)('bad values refused on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('each bad value is refused naming its field, quoting at most 40 characters, writing nothing', async () => {
    await server.data(ADJUST, { partNumber: 'EB-FRM-L', quantity: '5', reason: 'count' });
    const before = await server.rowCounts();
    for (const probe of PROBES) {
      const response = await server.graphql(probe.query, probe.variables);
      expect(response.status, probe.what).toBe(200);
      expect(refusalOf(response), probe.what).toEqual({
        kind: probe.kind,
        field: probe.field,
        message: expect.stringContaining(probe.says),
      });
      // No run of the input longer than a short prefix comes back.
      const longest = Math.max(...Object.values(probe.variables).map((v) => JSON.stringify(v).length));
      expect(JSON.stringify(response).length, probe.what).toBeLessThan(Math.min(longest, 1_000) + 600);
      expect(JSON.stringify(response), probe.what).not.toMatch(/(.)\1{45}/);
    }
    expect(await server.rowCounts()).toEqual(before);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('what a person may write is still taken: line breaks in a reason, a decimal with an exponent', async () => {
    const taken = await server.data<{ adjustStock: { movement: { reason: string; quantity: string } } }>(
      ADJUST,
      {
        partNumber: 'EB-FRM-L',
        quantity: '1e3',
        reason: 'counted\n\tagain',
      },
    );
    expect(taken.adjustStock.movement).toMatchObject({ reason: 'counted\n\tagain', quantity: '1000' });
  });
});

/** A logger whose JSON lines the test reads. */
function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe.each(dialects)('logs carry no personal data or SQL values on %s', (dialect: Dialect) => {
  const customers = [
    { name: 'Grace Brewster Hopper', email: 'grace.hopper@navy.example' },
    { name: 'Katherine Johnson', email: 'katherine@nasa.example' },
  ];
  const { lines, logger } = capturedLogger();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('orders placed, then an internal database error while placing one: 0 hits for names and e-mails', async () => {
    for (const customer of customers) {
      const placed = await server.data<{ placeOrder: { __typename: string } }>(PLACE, {
        input: { lines: [BIKE], customer },
      });
      expect(placed.placeOrder.__typename).toBe('Order');
    }
    // The customers' table gone: inserting the next customer is a database error whose SQL holds the
    // name and e-mail.
    const connection = server.running.orm.em.fork().getConnection();
    await connection.execute('alter table customer rename to customer_away');
    try {
      const failed = await server.graphql(PLACE, {
        input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: customers[1] },
      });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(failed)).not.toContain('katherine');
    } finally {
      await connection.execute('alter table customer_away rename to customer');
    }
    const logged = lines.join('\n');
    const internal = lines.map((line) => JSON.parse(line)).find((line) => line.err?.type);
    // The error is there to diagnose: its class and code, not its SQL.
    expect(internal).toMatchObject({
      msg: 'unexpected error in a GraphQL request',
      err: { type: 'TableNotFoundException', message: expect.stringContaining('database error') },
    });
    expect(logged).not.toMatch(/insert into|select .* from/i);
    for (const { name, email } of customers) {
      expect(logged).not.toContain(email);
      expect(logged).not.toContain(name);
      expect(logged.toLowerCase()).not.toContain(name.split(' ')[0]!.toLowerCase());
    }
  });
});
