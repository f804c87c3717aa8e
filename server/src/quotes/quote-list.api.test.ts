import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Order } from '../orders/order.entity.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { Quote } from './quote.entity.js';
import { DESK, E_BIKE, QuoteApi } from './quotes.test-support.js';

const TODAY = '2026-12-01';
const LIST = `query($filter: QuoteFilterInput, $first: Int, $after: String) {
  quotes(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    pipeline { status currency count total { amount currency } }
    edges { cursor node { reference status currency totals { total { amount } } } } } }`;

interface Listed {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  pipeline: {
    status: string;
    currency: string;
    count: number;
    total: { amount: string; currency: string };
  }[];
  edges: {
    node: { reference: string; status: string; currency: string; totals: { total: { amount: string } } };
  }[];
}

describe.each(await testDialects())('listing quotes on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    await api.setRules([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function list(filter: Record<string, unknown> = {}, first?: number, after?: string): Promise<Listed> {
    return api.ok<Listed>(LIST, { filter, first, after }, 'sales');
  }

  it('lists by status, account, rep and expiry, pages, and counts the pipeline by status and currency', async () => {
    const A = server.callers.accountIds.A;
    const { createCustomerAccount } = await server.data<{ createCustomerAccount: { id: number } }>(
      'mutation { createCustomerAccount(input: { name: "Dollar Co", kind: COMPANY, currency: "USD" }) { id } }',
      {},
      { as: 'sales' },
    );
    const USD = createCustomerAccount.id;
    const draft = await api.create(A);
    await api.addLine(draft.id, E_BIKE);
    const sentA = await api.sent(A, [{ configuration: DESK }]);
    const sentSoon = await api.sent(A, [{ configuration: E_BIKE }], { validUntil: '2026-12-04' });
    const sentUsd = await api.sent(USD, [{ configuration: DESK }], { recipientEmail: 'buyer@dollar.test' });
    const byManager = await api.create(A, {}, 'salesManager');

    const all = await list();
    expect(all.totalCount).toBe(5);
    expect(all.edges.map((edge) => edge.node.reference)).toEqual(
      [byManager, sentUsd.quote, sentSoon.quote, sentA.quote, draft].map((quote) => quote.reference),
    );
    const eur = (...amounts: string[]) =>
      (amounts.reduce((sum, amount) => sum + Math.round(Number(amount) * 100), 0) / 100).toFixed(2);
    expect(all.pipeline).toEqual([
      {
        status: 'DRAFT',
        currency: 'EUR',
        count: 2,
        total: { amount: eur(all.edges[4]!.node.totals.total.amount), currency: 'EUR' },
      },
      {
        status: 'SENT',
        currency: 'EUR',
        count: 2,
        total: {
          amount: eur(sentSoon.quote.totals.total.amount, sentA.quote.totals.total.amount),
          currency: 'EUR',
        },
      },
      {
        status: 'SENT',
        currency: 'USD',
        count: 1,
        total: { amount: sentUsd.quote.totals.total.amount, currency: 'USD' },
      },
    ]);

    expect((await list({ status: 'SENT' })).totalCount).toBe(3);
    expect((await list({ accountId: USD })).edges.map((edge) => edge.node.reference)).toEqual([
      sentUsd.quote.reference,
    ]);
    expect((await list({ createdBy: 'MIA@sales.test' })).edges.map((edge) => edge.node.reference)).toEqual([
      byManager.reference,
    ]);
    expect((await list({ expiringWithinDays: 3 })).edges.map((edge) => edge.node.reference)).toEqual([
      sentSoon.quote.reference,
    ]);
    expect((await list({ expiringWithinDays: 0 })).totalCount).toBe(0);

    const first = await list({}, 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({}, 2, first.pageInfo.endCursor!);
    expect(second.edges.map((edge) => edge.node.reference)).toEqual(
      all.edges.slice(2, 4).map((edge) => edge.node.reference),
    );

    // A superseded revision leaves the list unless asked for; its successor takes its place.
    const revised = await api.act('reviseQuote', sentA.quote.id);
    expect((await list()).edges.map((edge) => edge.node.reference)).toContain(revised.reference);
    expect((await list()).edges.map((edge) => edge.node.reference)).not.toContain(sentA.quote.reference);
    expect((await list({ status: 'SUPERSEDED' })).edges.map((edge) => edge.node.reference)).toEqual([
      sentA.quote.reference,
    ]);
  });

  it('places one order when the same quote is accepted several times at once', async () => {
    const { quote, token } = await api.sent(server.callers.accountIds.A);
    const answers = await Promise.all([1, 2, 3].map(() => api.acceptAttempt(token)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const accepted = answers.map(
      (answer) =>
        (answer.data as { acceptQuote: { orderCreated: boolean; order: { number: string } } }).acceptQuote,
    );
    expect(new Set(accepted.map((one) => one.order.number)).size).toBe(1);
    expect(accepted.filter((one) => one.orderCreated)).toHaveLength(1);
    const em = server.running.orm.em.fork();
    expect(await em.count(Order, { quoteReference: quote.reference })).toBe(1);
    expect((await em.findOneOrFail(Quote, { id: quote.id })).status).toBe('ACCEPTED');
  });

  it('lets the customer decline on the link with a reason, after which it cannot be accepted and a rep can revise it', async () => {
    const { quote, token } = await api.sent(server.callers.accountIds.A);
    const { declineQuote } = await server.data<{
      declineQuote: { status: string; allowedActions: string[] };
    }>(
      'mutation($t: String!) { declineQuote(token: $t, reason: "We found a cheaper bike") { status allowedActions } }',
      { t: token },
      { as: 'anonymous' },
    );
    expect(declineQuote).toEqual({ status: 'DECLINED', allowedActions: [] });
    const declined = await api.quote(quote.id);
    expect(declined!.events!.at(-1)).toMatchObject({
      kind: 'DECLINED',
      actor: 'customer (quote link)',
      comment: 'We found a cheaper bike',
      fromStatus: 'SENT',
      toStatus: 'DECLINED',
    });
    expect(declined!.allowedActions).toEqual(['REVISE']);
    const refused = await api.acceptAttempt(token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED_IN_STATUS');
  });
});
