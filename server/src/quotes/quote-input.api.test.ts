import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { E_BIKE, QuoteApi, refusal } from './quotes.test-support.js';

const TODAY = '2026-12-01';

describe.each(await testDialects())('bad input to quotes on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  let quoteId: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    quoteId = (await api.create(server.callers.accountIds.A)).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function refused(query: string, variables: Record<string, unknown>, as: 'sales' | 'admin' = 'sales') {
    return refusal(await server.graphql(query, variables, { as }));
  }

  it('refuses a line that cannot be built, or names what is unknown, naming the field, and writes nothing', async () => {
    const before = await server.rowCounts();
    const add = (configuration: Record<string, unknown>, discountPercent?: string) =>
      api.addLineCall(quoteId, configuration, discountPercent);
    const cases: [Record<string, unknown>, string | undefined, string, RegExp][] = [
      [
        {
          productCode: 'e-bike',
          selections: [
            { feature: 'cargo_box', value: 'true' },
            { feature: 'frame_size', value: 's' },
          ],
        },
        undefined,
        'configuration.selections',
        /Custom e-bike cannot be built as configured/,
      ],
      [
        { productCode: 'hoverboard', selections: [] },
        undefined,
        'configuration.productCode',
        /No product 'hoverboard'/,
      ],
      [
        { productCode: 'e-bike', selections: [{ feature: 'wings', value: 'two' }] },
        undefined,
        'configuration.selections[0].feature',
        /'wings' is not a feature/,
      ],
      [
        { productCode: 'e-bike', selections: [], quantity: 0 },
        undefined,
        'configuration.quantity',
        /quantity must be a whole number/,
      ],
      [E_BIKE, '120', 'discountPercent', /percentage from 0 to 100/],
      [E_BIKE, '-1', 'discountPercent', /percentage from 0 to 100/],
      [E_BIKE, '1.23456', 'discountPercent', /at most 4 decimals/],
    ];
    for (const [configuration, discount, field, message] of cases) {
      const { query, variables } = add(configuration, discount);
      const answer = await refused(query, variables);
      expect(answer, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer!.message, field).toMatch(message);
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  it('names the field of bad quote details, accounts and list arguments', async () => {
    const before = await server.rowCounts();
    const update = (input: Record<string, unknown>) =>
      api.actionCall('updateQuote', quoteId, { input: ['QuoteDetailsInput!', input] });
    const cases: [{ query: string; variables: Record<string, unknown> }, string, string][] = [
      [update({ validUntil: '2026-11-01' }), 'BAD_USER_INPUT', 'input.validUntil'],
      [update({ validUntil: '2026-13-45' }), 'BAD_USER_INPUT', 'input.validUntil'],
      [update({ headerDiscountPercent: 'ten' }), 'BAD_USER_INPUT', 'input.headerDiscountPercent'],
      // The EUR list's prices include tax: no tax rate to set.
      [update({ taxRatePercent: '19' }), 'BAD_USER_INPUT', 'input.taxRatePercent'],
      [update({ recipientEmail: 'not an address' }), 'BAD_USER_INPUT', 'input.recipientEmail'],
      [update({ terms: 'a'.repeat(5001) }), 'BAD_USER_INPUT', 'input.terms'],
      [
        { query: 'mutation { createQuote(accountId: 999999) { id } }', variables: {} },
        'NOT_FOUND',
        'accountId',
      ],
      [
        { query: 'mutation { createQuote(accountId: -3) { id } }', variables: {} },
        'BAD_USER_INPUT',
        'accountId',
      ],
      [{ query: 'query { quotes(first: 0) { totalCount } }', variables: {} }, 'BAD_USER_INPUT', 'first'],
      [
        { query: 'query { quotes(filter: { expiringWithinDays: -1 }) { totalCount } }', variables: {} },
        'BAD_USER_INPUT',
        'filter.expiringWithinDays',
      ],
      [{ query: 'query { quotes(after: "nope") { totalCount } }', variables: {} }, 'BAD_USER_INPUT', 'after'],
      [
        {
          query: 'mutation { updateQuoteLine(lineId: 987654, change: { discountPercent: "5" }) { id } }',
          variables: {},
        },
        'NOT_FOUND',
        'lineId',
      ],
    ];
    for (const [{ query, variables }, code, field] of cases)
      expect(await refused(query, variables), field).toMatchObject({ code, field });
    expect(await server.rowCounts()).toEqual(before);
  });

  it('names the field of a bad approval rule, and a bad one in a set replaces nothing', async () => {
    await api.setRules([{ name: 'Kept', kind: 'TOTAL_ABOVE', amount: '50000', currency: 'EUR' }]);
    const create = (input: Record<string, unknown>) => ({
      query: 'mutation($input: ApprovalRuleInput!) { createApprovalRule(input: $input) { id } }',
      variables: { input },
    });
    const cases: [{ query: string; variables: Record<string, unknown> }, string][] = [
      [create({ name: 'No scope', kind: 'DISCOUNT_ABOVE', percent: '10' }), 'input.scope'],
      [create({ name: 'Too much', kind: 'MARGIN_BELOW', scope: 'QUOTE', percent: '101' }), 'input.percent'],
      [create({ name: 'No amount', kind: 'TOTAL_ABOVE', currency: 'EUR' }), 'input.amount'],
      [create({ name: 'Odd money', kind: 'TOTAL_ABOVE', amount: '100', currency: 'XYZ' }), 'input.currency'],
      [create({ name: 'Cents', kind: 'TOTAL_ABOVE', amount: '100.001', currency: 'EUR' }), 'input.amount'],
      [create({ name: '  ', kind: 'TOTAL_ABOVE', amount: '100', currency: 'EUR' }), 'input.name'],
      [
        {
          query: 'mutation($rules: [ApprovalRuleInput!]!) { setApprovalRules(rules: $rules) { id } }',
          variables: {
            rules: [
              { name: 'Fine', kind: 'DISCOUNT_ABOVE', scope: 'LINE', percent: '10' },
              { name: 'Bad', kind: 'DISCOUNT_ABOVE', scope: 'LINE', percent: 'lots' },
            ],
          },
        },
        'rules[1].percent',
      ],
    ];
    for (const [{ query, variables }, field] of cases)
      expect(await refused(query, variables, 'admin'), field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    const { approvalRules } = await server.data<{
      approvalRules: { name: string; amount: { amount: string } }[];
    }>('{ approvalRules { name amount { amount } } }', {}, { as: 'admin' });
    expect(approvalRules).toEqual([{ name: 'Kept', amount: { amount: '50000.00' } }]);
  });
});
