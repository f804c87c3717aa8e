import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operation, startTestServer, type TestServer } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { fieldPath, quoted, readArguments, text } from './input-validation.js';

describe('reading arguments by their zod schemas', () => {
  it('names the field at fault by its path from the argument', () => {
    expect(fieldPath('input', ['lines', 2, 'selections', 0, 'value'])).toBe(
      'input.lines[2].selections[0].value',
    );
    expect(fieldPath('first', [])).toBe('first');
    const read = readArguments(
      { input: z.object({ lines: z.array(z.object({ quantity: z.number().min(1, 'at least 1') })) }) },
      { input: { lines: [{ quantity: 1 }, { quantity: 0 }] } },
    );
    expect(read).toMatchObject({
      ok: false,
      problem: { field: 'input.lines[1].quantity', message: 'at least 1' },
    });
  });

  it('hands on the parsed values (trimmed, defaults)', () => {
    const read = readArguments(
      { reason: z.string().transform((text) => text.trim()) },
      { reason: '  counted  ', other: 1 },
    );
    expect(read).toEqual({ ok: true, values: { reason: 'counted' } });
  });
});

describe('the text rule every text argument is read by', () => {
  const name = text({ label: 'A name', max: 5, required: 'A name is empty', collapseSpaces: true });
  const notes = text({ label: 'Notes', max: 20, multiline: true });

  it('refuses control characters, naming the first by code point; tab and line breaks only in multi-line text', () => {
    expect(name.safeParse('Ad\u0000a').error?.issues[0]?.message).toBe(
      'A name: a control character (U+0000) at position 3 is not allowed',
    );
    expect(name.safeParse('Ada\u009B').error?.issues[0]?.message).toContain('(U+009B)');
    expect(name.safeParse('Ada\u007F').success).toBe(false);
    expect(name.safeParse('A\tda').success).toBe(false);
    expect(notes.safeParse('one\r\n\ttwo').data).toBe('one\r\n\ttwo');
    expect(notes.safeParse('one\u000Btwo').success).toBe(false);
  });

  it('reads a text of only invisible characters as empty, keeps them inside a text, and bounds the length', () => {
    expect(name.safeParse(' \u200B\u200C\u200D\u2060\uFEFF\u00AD ').error?.issues[0]?.message).toBe(
      'A name is empty',
    );
    expect(name.safeParse('  A\u200Dda  ').data).toBe('A\u200Dda');
    expect(name.safeParse(' Ada   Lo ').error?.issues[0]?.message).toBe(
      'A name has at most 5 characters, not 6',
    );
    expect(notes.safeParse('\u200B').data).toBe('');
  });

  it('quotes at most 40 characters of an input', () => {
    expect(quoted('x'.repeat(41))).toBe(`'${'x'.repeat(40)}…'`);
    expect(quoted('short')).toBe("'short'");
  });
});

// The arguments are read before any service runs: one database kind is enough here.
describe('bad arguments over GraphQL, refused before the service runs, naming the field (sqlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('configure: a quantity out of range is a BAD_USER_INPUT error naming input.quantity', async () => {
    for (const quantity of [0, -2, 1_000_001]) {
      const response = await server.graphql(operation('configure'), {
        input: { productCode: 'standing-desk', selections: [], quantity },
      });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]).toMatchObject({
        message: `The quantity must be a whole number from 1 to 1000000, not ${quantity}`,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.quantity' },
      });
    }
  });

  it('saveConfiguration: a bad quantity writes nothing', async () => {
    const before = await server.rowCounts();
    const response = await server.graphql(operation('save-configuration'), {
      input: { productCode: 'standing-desk', selections: [], quantity: 0 },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.quantity',
    });
    expect(await server.rowCounts()).toEqual(before);
  });

  it('placeOrder: the customer checked as read (trimmed, lower case), a bad one named by its path', async () => {
    const response = await server.graphql<{ placeOrder: Record<string, unknown> }>(operation('place-order'), {
      input: {
        lines: [{ productCode: 'e-bike', selections: [] }],
        ...DEMO_CHECKOUT,
        customer: { name: '  Grace   Hopper ', email: 'grace@example' },
      },
    });
    expect(response.data!.placeOrder).toEqual({
      __typename: 'InvalidOrderInput',
      code: 'INVALID_EMAIL',
      field: 'input.customer.email',
      message: "'grace@example' is not an e-mail address (name@example.com)",
    });
    const placed = await server.data<{ placeOrder: { customer: { name: string; email: string } } }>(
      operation('place-order'),
      {
        input: {
          lines: [{ productCode: 'e-bike', selections: [] }],
          ...DEMO_CHECKOUT,
          customer: { name: '  Grace   Hopper ', email: ' Grace@Example.COM ' },
        },
      },
    );
    expect(placed.placeOrder.customer).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });
  });

  it('adjustStock: each bad argument is named, with its message, and nothing changes', async () => {
    const before = await server.rowCounts();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { quantity: 'ten', reason: 'x' },
        'quantity',
        `'ten' is not a change of stock: give a signed decimal such as "12" or "-3"`,
      ],
      [{ quantity: '1', reason: '   ' }, 'reason', 'Say why the stock changes (a count, a damaged part...)'],
      [{ quantity: '1', reason: 'r'.repeat(501) }, 'reason', 'A reason has at most 500 characters'],
    ];
    for (const [variables, field, message] of cases) {
      const response = await server.graphql(operation('adjust-stock'), {
        partNumber: 'EB-FRM-L',
        ...variables,
      });
      expect(response.errors?.[0], field).toMatchObject({
        message,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  it('order actions: a bad argument is refused as the action is (ActionRefused with its code and field)', async () => {
    const ship = await server.graphql<{ shipOrder: Record<string, unknown> }>(operation('ship-order'), {
      number: 'MTO-NONE',
      carrier: '  ',
      trackingNumber: '1Z999',
    });
    expect(ship.data!.shipOrder).toEqual({
      __typename: 'ActionRefused',
      code: 'INVALID_CARRIER',
      field: 'carrier',
      message: 'Name the carrier (1 to 100 characters)',
    });
    const check = await server.graphql<{ recordQualityCheck: Record<string, unknown> }>(
      operation('record-quality-check'),
      { input: { orderNumber: 'MTO-NONE', passed: false, items: [], notes: 'x', reworkMinutes: 0 } },
    );
    expect(check.data!.recordQualityCheck).toMatchObject({
      __typename: 'ActionRefused',
      code: 'INVALID_REWORK_MINUTES',
      field: 'input.reworkMinutes',
    });
    const cancel = await server.graphql<{ cancelOrder: Record<string, unknown> }>(operation('cancel-order'), {
      number: 'MTO-NONE',
      reason: '',
    });
    expect(cancel.data!.cancelOrder).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
  });
});
