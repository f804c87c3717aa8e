import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { type As, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const PLACE = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on Order { number trackingToken account { id name } }
    ... on InvalidOrderInput { code field message }
  }
}`;
const ORDER = 'query ($number: String!) { order(number: $number) { number status account { id } } }';
const TRACKED = 'query ($token: String!) { trackedOrder(token: $token) { number status total { amount } } }';
const ORDERS = '{ orders(first: 100) { totalCount edges { node { number } } } }';
const CANCEL = `mutation ($number: String!) {
  cancelOrder(number: $number, reason: "changed my mind") {
    __typename
    ... on Order { status }
    ... on ActionRefused { code field }
  }
}`;
const ATTACH = `mutation ($number: String!, $accountId: Int!) {
  attachOrderToAccount(number: $number, accountId: $accountId) { number account { id name } }
}`;
const SAVE = 'mutation ($input: ConfigurationInput!) { saveConfiguration(input: $input) { code } }';
const MINE = '{ mySavedConfigurations { code } }';

interface Placed {
  __typename: string;
  number: string;
  trackingToken: string | null;
  account: { id: number; name: string } | null;
  code?: string;
  field?: string;
}

describe.each(await testDialects())('who sees which order, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const input = (extra: Record<string, unknown> = {}) => ({
    lines: [{ productCode: 'standing-desk', selections: [] }],
    ...DEMO_CHECKOUT,
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    ...extra,
  });
  async function place(as: As, extra: Record<string, unknown> = {}): Promise<Placed> {
    return (await server.data<{ placeOrder: Placed }>(PLACE, { input: input(extra) }, { as })).placeOrder;
  }
  async function orderAs(number: string, as: As) {
    return (await server.data<{ order: { number: string } | null }>(ORDER, { number }, { as })).order;
  }

  it('a guest order opens with its tracking token only: its number alone answers null to anyone but staff', async () => {
    const placed = await place('anonymous');
    expect(placed, JSON.stringify(placed)).toMatchObject({ __typename: 'Order' });
    expect(placed.account).toBeNull();
    expect(placed.trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await orderAs(placed.number, 'anonymous')).toBeNull();
    expect(await orderAs(placed.number, 'customerA')).toBeNull();
    expect((await orderAs(placed.number, 'operations'))?.number).toBe(placed.number);
    const tracked = await server.data<{ trackedOrder: { number: string } | null }>(
      TRACKED,
      { token: placed.trackingToken },
      { as: 'anonymous' },
    );
    expect(tracked.trackedOrder?.number).toBe(placed.number);
    const wrong = await server.data<{ trackedOrder: unknown }>(
      TRACKED,
      { token: `${placed.trackingToken!.slice(0, -1)}x` },
      { as: 'anonymous' },
    );
    expect(wrong.trackedOrder).toBeNull();
    // A second answer never gives the token again.
    const again = await server.data<{ order: { trackingToken: string | null } }>(
      'query ($number: String!) { order(number: $number) { trackingToken } }',
      { number: placed.number },
    );
    expect(again.order.trackingToken).toBeNull();
  });

  it('internal fields are refused to a guest and a customer while the rest of the order reads', async () => {
    const placed = await place('anonymous');
    const answer = await server.graphql<{
      trackedOrder: { number: string; lines: { bom: unknown }[] | null };
    }>(
      'query ($token: String!) { trackedOrder(token: $token) { number lines { quantity bom { partNumber } } } }',
      { token: placed.trackingToken },
      { as: 'anonymous' },
    );
    // Refused field by field: the order reads, its BOM is null with an error naming it.
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.errors?.[0]?.message).toContain('OrderLine.bom');
    expect(answer.data?.trackedOrder?.number).toBe(placed.number);
    expect(answer.data?.trackedOrder?.lines?.[0]?.bom).toBeNull();
    const ofCustomer = await place('customerA');
    const customer = await server.graphql<{ order: { number: string; fulfilment: Record<string, unknown> } }>(
      'query ($number: String!) { order(number: $number) { number fulfilment { status: expectedShipDate workOrders { id } requisitions { id } qualityChecks { passed } checklist { code } events { kind actor } } } }',
      { number: ofCustomer.number },
      { as: 'customerA' },
    );
    expect(customer.data?.order.number).toBe(ofCustomer.number);
    expect(new Set(customer.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(customer.errors?.map((error) => error.path?.slice(-1)[0]).sort()).toEqual(
      expect.arrayContaining(['actor', 'checklist', 'qualityChecks', 'requisitions', 'workOrders']),
    );
    expect(customer.data?.order.fulfilment).toMatchObject({
      workOrders: null,
      requisitions: null,
      qualityChecks: null,
    });
    const staff = await server.graphql(
      'query ($number: String!) { order(number: $number) { lines { bom { partNumber } operations { code } } fulfilment { workOrders { id } qualityChecks { passed } events { actor } } } }',
      { number: placed.number },
      { as: 'operations' },
    );
    expect(staff.errors).toBeUndefined();
  });

  it("a customer's order is their account's: its contacts, its keys and staff see it, no one else", async () => {
    const placed = await place('customerA');
    expect(placed.account?.id).toBe(server.callers.accountIds.A);
    expect((await orderAs(placed.number, 'customerA'))?.number).toBe(placed.number);
    expect(await orderAs(placed.number, 'customerB')).toBeNull();
    const keyA = await server.createApiKey({ scopes: [ApiScope.ORDERS_READ], account: 'A' });
    const keyB = await server.createApiKey({ scopes: [ApiScope.ORDERS_READ], account: 'B' });
    expect((await orderAs(placed.number, { bearer: keyA }))?.number).toBe(placed.number);
    expect(await orderAs(placed.number, { bearer: keyB })).toBeNull();

    const numbersOf = async (as: As) =>
      (
        await server.data<{ orders: { totalCount: number; edges: { node: { number: string } }[] } }>(
          ORDERS,
          {},
          { as },
        )
      ).orders;
    const ofA = await numbersOf('customerA');
    expect(ofA.edges.map((edge) => edge.node.number)).toContain(placed.number);
    expect(ofA.totalCount).toBe(ofA.edges.length);
    const ofB = await numbersOf('customerB');
    expect(ofB.edges.map((edge) => edge.node.number)).not.toContain(placed.number);
    const all = await numbersOf('sales');
    expect(all.totalCount).toBeGreaterThan(ofA.totalCount);
  });

  it('sales staff order for an account; anyone else naming an account is refused, writing nothing', async () => {
    const forA = await place('sales', { accountId: server.callers.accountIds.A });
    expect(forA.account).toEqual({ id: server.callers.accountIds.A, name: 'Customer A Ltd' });
    expect((await orderAs(forA.number, 'customerA'))?.number).toBe(forA.number);

    const before = await server.rowCounts();
    const byCustomer = await place('customerB', { accountId: server.callers.accountIds.A });
    expect(byCustomer).toMatchObject({
      __typename: 'InvalidOrderInput',
      code: 'ACCOUNT_NOT_ALLOWED',
      field: 'input.accountId',
    });
    const unknown = await place('sales', { accountId: 999_999 });
    expect(unknown).toMatchObject({
      __typename: 'InvalidOrderInput',
      code: 'ACCOUNT_NOT_FOUND',
      field: 'input.accountId',
    });
    expect(await server.rowCounts()).toEqual(before);
  });

  it('a sales rep attaches a guest order to an account, once; nobody else may', async () => {
    const guest = await place('anonymous');
    const refused = await server.graphql(
      ATTACH,
      { number: guest.number, accountId: server.callers.accountIds.B },
      { as: 'customerB' },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const attached = await server.data<{ attachOrderToAccount: { account: { id: number } } }>(
      ATTACH,
      { number: guest.number, accountId: server.callers.accountIds.B },
      { as: 'sales' },
    );
    expect(attached.attachOrderToAccount.account.id).toBe(server.callers.accountIds.B);
    expect((await orderAs(guest.number, 'customerB'))?.number).toBe(guest.number);
    const moved = await server.graphql(
      ATTACH,
      { number: guest.number, accountId: server.callers.accountIds.A },
      { as: 'sales' },
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await orderAs(guest.number, 'customerA')).toBeNull();
  });

  it("customer B cannot cancel A's order (it is unknown to B) and A can", async () => {
    const placed = await place('customerA');
    const byB = await server.data<{ cancelOrder: { __typename: string; code?: string } }>(
      CANCEL,
      { number: placed.number },
      { as: 'customerB' },
    );
    expect(byB.cancelOrder).toMatchObject({ __typename: 'ActionRefused', code: 'ORDER_NOT_FOUND' });
    expect(
      (await server.data<{ order: { status: string } }>(ORDER, { number: placed.number })).order.status,
    ).toBe('PLACED');
    const byA = await server.data<{ cancelOrder: { status?: string } }>(
      CANCEL,
      { number: placed.number },
      { as: 'customerA' },
    );
    expect(byA.cancelOrder.status).toBe('CANCELLED');
  });

  it("an idempotency key is its caller's: another caller's retry gets no order, the same caller's gets it with a new token", async () => {
    const key = `access-${dialect}-1`;
    const first = await place('customerA', { idempotencyKey: key });
    const other = await place('customerB', { idempotencyKey: key });
    expect(other).toMatchObject({ __typename: 'InvalidOrderInput', code: 'IDEMPOTENCY_KEY_REUSED' });
    const retry = await place('customerA', { idempotencyKey: key });
    expect(retry.number).toBe(first.number);
    expect(retry.trackingToken).not.toBe(first.trackingToken);
    const byOld = await server.data<{ trackedOrder: unknown }>(
      TRACKED,
      { token: first.trackingToken },
      { as: 'anonymous' },
    );
    expect(byOld.trackedOrder).toBeNull();
    const byNew = await server.data<{ trackedOrder: { number: string } }>(
      TRACKED,
      { token: retry.trackingToken },
      { as: 'anonymous' },
    );
    expect(byNew.trackedOrder.number).toBe(first.number);
  });

  it("'My saved configurations' lists what a customer saved for their account, never another's or a guest's", async () => {
    const desk = { productCode: 'standing-desk', selections: [] };
    const codeOf = async (as: As) =>
      (await server.data<{ saveConfiguration: { code: string } }>(SAVE, { input: desk }, { as }))
        .saveConfiguration.code;
    const mine = await codeOf('customerA');
    const theirs = await codeOf('customerB');
    const guests = await codeOf('anonymous');
    const listed = async (as: As) =>
      (
        await server.data<{ mySavedConfigurations: { code: string }[] }>(MINE, {}, { as })
      ).mySavedConfigurations.map((saved) => saved.code);
    const ofA = await listed('customerA');
    expect(ofA).toContain(mine);
    expect(ofA).not.toContain(theirs);
    expect(ofA).not.toContain(guests);
    expect(await listed('customerB')).toEqual([theirs]);
    const anonymous = await server.graphql(MINE, {}, { as: 'anonymous' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
