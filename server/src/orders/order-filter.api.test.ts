import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { DESK, E_BIKE, QuoteApi } from '../quotes/quotes.test-support.js';
import { type As, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

const PLACE = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) { __typename ... on Order { number updatedAt } ... on InvalidOrderInput { code field message } }
}`;
const LIST = `query ($filter: OrderFilterInput, $first: Int, $after: String) {
  orders(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { number status placedAt updatedAt account { id } }
  }
}`;
const CANCEL = `mutation ($number: String!) {
  cancelOrder(number: $number, reason: "changed plans") { __typename ... on Order { status updatedAt } }
}`;

interface Listed {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: {
    number: string;
    status: string;
    placedAt: string;
    updatedAt: string;
    account: { id: number } | null;
  }[];
}

describe.each(await testDialects())('filtering and paging orders on %s', (dialect) => {
  let server: TestServer;
  let A: number;
  let B: number;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    A = server.callers.accountIds.A;
    B = server.callers.accountIds.B;
  });
  afterAll(() => server?.close());

  /** Sales staff place an order for an account: no checkout needed. */
  async function place(accountId: number): Promise<{ number: string; updatedAt: string }> {
    const { placeOrder } = await server.data<{
      placeOrder: { __typename: string; number: string; updatedAt: string };
    }>(
      PLACE,
      {
        input: {
          lines: [{ productCode: 'standing-desk', selections: [] }],
          customer: { name: 'Pat Partner', email: 'pat@example.com' },
          accountId,
        },
      },
      { as: 'sales' },
    );
    expect(placeOrder.__typename, JSON.stringify(placeOrder)).toBe('Order');
    return placeOrder;
  }
  async function list(variables: Record<string, unknown>, as: As = 'staff'): Promise<Listed> {
    return (await server.data<{ orders: Listed }>(LIST, variables, { as })).orders;
  }
  async function refusal(variables: Record<string, unknown>, as: As = 'staff') {
    const answer = await server.graphql(LIST, variables, { as });
    expect(answer.data ?? null, JSON.stringify(answer)).toBeNull();
    return answer.errors![0]!;
  }

  it('filters by account, status, placed span and changed since; an order event moves updatedAt', async () => {
    const before = new Date();
    const a1 = await place(A);
    const a2 = await place(A);
    const b1 = await place(B);
    expect(new Date(a1.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const ofA = await list({ filter: { accountId: A }, first: 100 });
    expect(ofA.nodes.map((o) => o.number)).toEqual([a2.number, a1.number]);
    expect(ofA.totalCount).toBe(2);
    expect(ofA.nodes.every((o) => o.account?.id === A)).toBe(true);

    const since = new Date();
    const { cancelOrder } = await server.data<{ cancelOrder: { status: string; updatedAt: string } }>(
      CANCEL,
      {
        number: a1.number,
      },
    );
    expect(cancelOrder.status).toBe('CANCELLED');
    expect(new Date(cancelOrder.updatedAt).getTime()).toBeGreaterThanOrEqual(since.getTime());

    const changed = await list({ filter: { updatedSince: since.toISOString() }, first: 100 });
    expect(changed.nodes.map((o) => o.number)).toEqual([a1.number]);

    const cancelled = await list({ filter: { status: ['CANCELLED'], accountId: A } });
    expect(cancelled.nodes.map((o) => o.number)).toEqual([a1.number]);
    const open = await list({
      filter: { status: ['PLACED', 'CONFIRMED', 'AWAITING_MATERIALS'] },
      first: 100,
    });
    expect(open.nodes.map((o) => o.number)).toEqual(expect.arrayContaining([a2.number, b1.number]));
    expect(open.nodes.map((o) => o.number)).not.toContain(a1.number);

    // from inclusive, to exclusive: the span from a2's placing up to b1's holds a2 only.
    const all = await list({ first: 100 });
    const placedAt = (number: string) => all.nodes.find((o) => o.number === number)!.placedAt;
    const span = await list({
      filter: { placedBetween: { from: placedAt(a2.number), to: placedAt(b1.number) } },
    });
    expect(span.nodes.map((o) => o.number)).toEqual(
      placedAt(a2.number) === placedAt(b1.number) ? [] : [a2.number],
    );
    const fromB1 = await list({ filter: { placedBetween: { from: placedAt(b1.number) } }, first: 100 });
    expect(fromB1.nodes.map((o) => o.number)).toContain(b1.number);
  });

  it('lets a customer and an account key name only their own account (FORBIDDEN naming filter.accountId)', async () => {
    await place(A);
    await place(B);
    const own = await list({ filter: { accountId: A }, first: 100 }, 'customerA');
    expect(own.nodes.length).toBeGreaterThan(0);
    expect(own.nodes.every((o) => o.account?.id === A)).toBe(true);
    const mine = await list({ first: 100 }, 'customerA');
    expect(mine.totalCount).toBe(own.totalCount);

    const other = await refusal({ filter: { accountId: B } }, 'customerA');
    expect(other.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.accountId' });
    expect(other.message).toContain(`account ${A}`);

    const key = await server.createApiKey({ scopes: [ApiScope.ORDERS_READ], account: 'A' });
    const byKey = await list({ filter: { accountId: A }, first: 100 }, { bearer: key });
    expect(byKey.totalCount).toBe(own.totalCount);
    const keyOther = await refusal({ filter: { accountId: B } }, { bearer: key });
    expect(keyOther.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.accountId' });

    const staffB = await list({ filter: { accountId: B }, first: 100 }, 'sales');
    expect(staffB.nodes.every((o) => o.account?.id === B)).toBe(true);
  });

  it('refuses a bad page size, an empty or backwards span, an empty status list and a bad cursor, naming each', async () => {
    expect((await refusal({ first: 0 })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await refusal({ first: 101 })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const backwards = await refusal({
      filter: { placedBetween: { from: '2026-12-07T10:00:00Z', to: '2026-12-07T10:00:00Z' } },
    });
    expect(backwards.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.placedBetween' });
    expect(backwards.message).toContain("'from'");
    expect((await refusal({ filter: { status: [] } })).extensions).toMatchObject({ field: 'filter.status' });
    const cursor = await refusal({ after: 'not-a-cursor' });
    expect(cursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const date = await server.graphql(LIST, { filter: { updatedSince: 'yesterday' } });
    expect(date.errors?.[0]?.message).toContain('DateTime');
  });

  it('pages with stable cursors: orders placed and changed between pages make no page repeat or skip one', async () => {
    const { nodes: existing } = await list({ filter: { accountId: B }, first: 100 });
    for (let i = 0; i < 5; i++) await place(B);
    const expected = (await list({ filter: { accountId: B }, first: 100 })).nodes.map((o) => o.number);
    expect(expected.length).toBe(existing.length + 5);

    const seen: string[] = [];
    let after: string | null = null;
    let page = 0;
    do {
      const listed: Listed = await list({ filter: { accountId: B }, first: 2, after });
      seen.push(...listed.nodes.map((o) => o.number));
      after = listed.pageInfo.hasNextPage ? listed.pageInfo.endCursor : null;
      // Between pages: a new order, and a change to the order the next page starts with and to one already seen.
      await place(B);
      const next = expected[seen.length];
      if (next) await server.data(CANCEL, { number: next });
      await server.data(CANCEL, { number: seen[0]! }).catch(() => undefined);
      page++;
    } while (after !== null && page < 50);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters quotes by changed since and created span', async () => {
    const quotes = new QuoteApi(server);
    await quotes.setRules([]);
    const first = await quotes.create(A);
    await quotes.addLine(first.id, DESK);
    const since = new Date();
    const second = await quotes.create(A);
    await quotes.addLine(second.id, E_BIKE);
    const LIST_QUOTES = `query ($filter: QuoteFilterInput) { quotes(filter: $filter, first: 100) { nodes: edges { node { id } } } }`;
    const ids = async (filter: Record<string, unknown>) =>
      (
        await server.data<{ quotes: { nodes: { node: { id: number } }[] } }>(
          LIST_QUOTES,
          { filter },
          { as: 'sales' },
        )
      ).quotes.nodes.map((edge) => edge.node.id);
    expect(await ids({ updatedSince: since.toISOString() })).toEqual([second.id]);
    expect(await ids({ createdBetween: { from: since.toISOString() } })).toEqual([second.id]);
    expect(await ids({ createdBetween: { to: since.toISOString() } })).toEqual([first.id]);
    // Editing the first quote makes it changed since.
    const later = new Date();
    await quotes.addLine(first.id, E_BIKE);
    expect(await ids({ updatedSince: later.toISOString() })).toEqual([first.id]);
    const bad = await server.graphql(
      LIST_QUOTES,
      { filter: { createdBetween: { from: later.toISOString(), to: since.toISOString() } } },
      { as: 'sales' },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.createdBetween',
    });
  });
});
