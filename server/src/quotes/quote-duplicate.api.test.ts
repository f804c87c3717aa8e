import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DESK, E_BIKE, QuoteApi, type QuoteView, refusal } from './quotes.test-support.js';

const TODAY = '2026-12-01';

describe.each(await testDialects())('duplicating a quote on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  let accountA: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    accountA = server.callers.accountIds.A;
  });
  afterAll(async () => {
    await server?.close();
  });

  const duplicate = (id: number, accountId?: number, as: 'sales' | 'salesManager' | 'admin' = 'sales') =>
    api.act('duplicateQuote', id, as, accountId === undefined ? {} : { accountId: ['Int', accountId] });

  /** A quote of account A with a discounted bike line and a desk line, header discount, terms and notes. */
  async function quoteOfA(): Promise<QuoteView> {
    const quote = await api.create(accountA, {
      terms: 'Net 30 days',
      noteToCustomer: 'As discussed on the phone',
      internalNote: 'Competitor offered 5% less',
      headerDiscountPercent: '2.5',
    });
    await api.addLine(quote.id, { ...E_BIKE, quantity: 3 }, '7');
    return api.addLine(quote.id, DESK);
  }

  it('starts a new draft of a new number from a declined quote: same lines, discounts, terms and note; not its internal note, events or link', async () => {
    const source = await quoteOfA();
    const sent = await api.act('sendQuote', source.id);
    await api.ok(
      'mutation($t: String!) { declineQuote(token: $t, reason: "Too dear") { status } }',
      { t: sent.customerToken },
      'anonymous',
    );

    const copy = await duplicate(source.id);
    expect(copy.number).not.toBe(source.number);
    expect(copy).toMatchObject({
      status: 'DRAFT',
      revision: 1,
      reference: `${copy.number}-R1`,
      account: { id: accountA },
      currency: 'EUR',
      priceList: { code: 'eur-list' },
      headerDiscountPercent: '2.5',
      terms: 'Net 30 days',
      noteToCustomer: 'As discussed on the phone',
      internalNote: null,
      recipient: source.recipient,
      contentRevision: 1,
      approvedRevision: null,
      approvals: [],
      order: null,
      customerToken: null,
      revisions: [{ reference: `${copy.number}-R1`, status: 'DRAFT' }],
    });
    expect(
      copy.lines.map(({ productCode, modelVersion, quantity, discountPercent, options }) => ({
        productCode,
        modelVersion,
        quantity,
        discountPercent,
        options,
      })),
    ).toEqual(
      source.lines.map(({ productCode, modelVersion, quantity, discountPercent, options }) => ({
        productCode,
        modelVersion,
        quantity,
        discountPercent,
        options,
      })),
    );
    // Same list, same day: the same prices; the lines are new rows with keys of their own.
    expect(copy.totals.total).toEqual(source.totals.total);
    expect(copy.lines.map((line) => line.key)).not.toContain(source.lines[0]!.key);
    expect(copy.lines.map((line) => line.id)).not.toContain(source.lines[0]!.id);
    // One event: created, by whom, from which reference.
    expect(copy.events).toEqual([
      expect.objectContaining({
        kind: 'CREATED',
        actor: expect.stringContaining('sam@sales.test'),
        toStatus: 'DRAFT',
      }),
    ]);
    expect(copy.events![0]!.message).toContain(`duplicate of ${source.reference} (DECLINED)`);
    // The source is untouched.
    expect((await api.quote(source.id))!.status).toBe('DECLINED');
  });

  it('prices the copy for another account by that account’s list today, keeping line discounts and pinned versions', async () => {
    const source = await quoteOfA();
    const { createCustomerAccount } = await server.data<{ createCustomerAccount: { id: number } }>(
      'mutation { createCustomerAccount(input: { name: "Dollar Duplicates Inc", kind: COMPANY, currency: "USD" }) { id } }',
      {},
      { as: 'admin' },
    );
    // An admin may start one too.
    const copy = await duplicate(source.id, createCustomerAccount.id, 'admin');
    expect(copy).toMatchObject({
      status: 'DRAFT',
      account: { id: createCustomerAccount.id, name: 'Dollar Duplicates Inc' },
      currency: 'USD',
      priceList: { code: 'usd-list', basis: 'NET', taxRatePercent: '19' },
      headerDiscountPercent: '2.5',
      recipient: { name: null, email: null },
    });
    expect(copy.lines.map((line) => [line.modelVersion, line.quantity, line.discountPercent])).toEqual(
      source.lines.map((line) => [line.modelVersion, line.quantity, line.discountPercent]),
    );
    // usd-list: the EUR figures plus 12 % (the bike and the desk), in dollars.
    for (const [index, line] of copy.lines.entries()) {
      expect(line.unitPrice.currency).toBe('USD');
      expect(Number(line.unitPrice.amount)).toBeCloseTo(
        Number(source.lines[index]!.unitPrice.amount) * 1.12,
        0,
      );
    }
    expect(copy.events![0]!.message).toContain('List prices USD');
  });

  it('prices a copy for the same account by the list the account buys by now, not the source’s', async () => {
    const { createCustomerAccount } = await server.data<{ createCustomerAccount: { id: number } }>(
      'mutation { createCustomerAccount(input: { name: "Architects on contract", kind: COMPANY, currency: "EUR" }) { id } }',
      {},
      { as: 'admin' },
    );
    const account = createCustomerAccount.id;
    const source = await api.create(account);
    const priced = await api.addLine(source.id, DESK);
    expect(priced.priceList.code).toBe('eur-list');
    const set = await server.graphql(
      'mutation($a: Int!) { setAccountPriceList(accountId: $a, priceListCode: "nordwerk-2026") { id } }',
      { a: account },
      { as: 'salesManager' },
    );
    expect(set.errors).toBeUndefined();

    const copy = await duplicate(source.id, undefined, 'salesManager');
    expect(copy.priceList).toMatchObject({ code: 'nordwerk-2026', basis: 'NET' });
    expect(copy.lines[0]!.price.lines[0]!.amount.amount).not.toBe(
      priced.lines[0]!.price.lines[0]!.amount.amount,
    );
    expect(copy.lines[0]!.modelVersion).toBe(priced.lines[0]!.modelVersion);
  });

  it('refuses an account that does not exist and a line the target list does not price, naming the field, writing nothing', async () => {
    const source = await quoteOfA();
    const before = await server.rowCounts();
    expect(
      refusal(await api.attempt('duplicateQuote', source.id, 'sales', { accountId: ['Int', 999_999] })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'accountId',
    });
    expect(refusal(await api.attempt('duplicateQuote', 999_999))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });

    // Account B buys by the Nordwerk agreement, which prices the desk only: the bike (line 0) cannot be quoted.
    const set = await server.graphql(
      'mutation($a: Int!) { setAccountPriceList(accountId: $a, priceListCode: "nordwerk-2026") { id } }',
      { a: server.callers.accountIds.B },
      { as: 'salesManager' },
    );
    expect(set.errors).toBeUndefined();
    const afterSet = await server.rowCounts();
    const refused = refusal(
      await api.attempt('duplicateQuote', source.id, 'sales', {
        accountId: ['Int', server.callers.accountIds.B],
      }),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0]' });
    expect(refused!.message).toContain('has no prices for');
    expect(await server.rowCounts()).toEqual(afterSet);
    // The audit of setting the list is the only row written since the first refusals.
    expect(before.quote).toBe(afterSet.quote);
    expect(before.quote_line).toBe(afterSet.quote_line);
  });

  it('refuses a customer', async () => {
    const source = await quoteOfA();
    const answer = await server.graphql(
      'mutation($id: Int!) { duplicateQuote(id: $id) { id } }',
      { id: source.id },
      { as: 'customerA' },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
