import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { subscriber } from '../test-support/subscriber.js';
import { SUBSCRIPTION_LIMITS } from './websocket.js';

const ORDER_UPDATED = operation('order-updated');
const TRACKED_UPDATED = operation('tracked-order-updated');
const ORDERS_CHANGED = operation('orders-changed');
const BOARD_CHANGED = operation('operations-board-changed');
const CONFIRM = operation('confirm-order');
const BIKE = { productCode: 'e-bike', selections: [] };
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number status } } }`;
const PLACE_AS_GUEST = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number trackingToken } } }`;
/** Well formed (43 base64url characters) but opening no order. */
const UNKNOWN_TOKEN = 'A'.repeat(43);

type Tracked = { trackedOrderUpdated: { number: string; status: string } | null };
type Refusal = { extensions?: { code?: string; field?: string } };

type Change = {
  ordersChanged: {
    event: { type: string; subject: string; accountId: number | null; data: { order: { status: string } } };
    order: { number: string; status: string };
  };
};

describe.each(await testDialects())('GraphQL subscriptions over WebSocket on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const as = (caller: 'staff' | 'customerA' | 'customerB' | 'operations') =>
    subscriber(server.running, { headers: server.headersFor(caller) });

  /** An order of account A (customerA) or B, as its customer places it. */
  async function orderOf(account: 'A' | 'B'): Promise<string> {
    const caller = account === 'A' ? 'customerA' : 'customerB';
    const customer =
      account === 'A'
        ? { name: 'Anna A', email: 'anna@customer-a.test' }
        : { name: 'Bert B', email: 'bert@customer-b.test' };
    const { placeOrder } = await server.data<{ placeOrder: { number: string } }>(
      PLACE,
      { input: { lines: [BIKE], ...DEMO_CHECKOUT, customer } },
      { as: caller },
    );
    return placeOrder.number;
  }

  it('a staff subscriber to ordersChanged hears a change made over HTTP, with its event and the order as it is now', async () => {
    const staff = as('staff');
    try {
      const heard = await staff.subscribe(ORDERS_CHANGED);
      const number = await orderOf('A');
      await server.data(CONFIRM, { number });
      const confirmed = (
        await heard.waitFor(
          (result) =>
            (result.data as Change | undefined)?.ordersChanged.event.type === 'ORDER_CONFIRMED' &&
            (result.data as Change).ordersChanged.order.number === number,
        )
      ).data as Change;
      expect(confirmed.ordersChanged).toMatchObject({
        event: {
          subject: number,
          accountId: server.callers.accountIds.A,
          data: { order: { status: 'CONFIRMED' } },
        },
        order: { number },
      });
      const types = heard.results
        .map((result) => (result.data as Change).ordersChanged)
        .filter((change) => change.order.number === number)
        .map((change) => change.event.type);
      expect(types[0]).toBe('ORDER_PLACED');
      expect(heard.results.every((result) => result.errors === undefined)).toBe(true);
    } finally {
      await staff.dispose();
    }
  });

  it("orderUpdated: a customer hears their own order change; another account's order is refused as one that does not exist, and the socket stays usable", async () => {
    const number = await orderOf('A');
    const anna = as('customerA');
    const bert = as('customerB');
    try {
      const own = await anna.subscribe(ORDER_UPDATED, { number });
      const theirs = await bert.subscribe(ORDER_UPDATED, { number });
      expect(await theirs.refusedWith()).toEqual(['NOT_FOUND']);
      const unknown = await bert.subscribe(ORDER_UPDATED, { number: 'MTO-0000-0000' });
      expect(await unknown.refusedWith()).toEqual(['NOT_FOUND']);
      const bad = await bert.subscribe(ORDER_UPDATED, { number: 'M'.repeat(500) });
      expect(await bad.refusedWith()).toEqual(['BAD_USER_INPUT']);
      await server.data(CONFIRM, { number });
      // Each message is the order as it is when the message is made (confirming may start its work at once).
      const update = await own.waitFor(
        (result) => (result.data as { orderUpdated?: { status: string } })?.orderUpdated?.status !== 'PLACED',
      );
      expect(update.data).toEqual({
        orderUpdated: { number, status: expect.not.stringMatching(/^PLACED$/) },
      });
      // Bert's connection still serves him: his own order's change reaches him on it.
      const bertsOwn = await orderOf('B');
      const his = await bert.subscribe(ORDER_UPDATED, { number: bertsOwn });
      await server.data(CONFIRM, { number: bertsOwn });
      await his.waitFor(
        (result) => (result.data as { orderUpdated?: { number: string } })?.orderUpdated?.number === bertsOwn,
      );
      expect(his.results.every((result) => result.errors === undefined)).toBe(true);
    } finally {
      await anna.dispose();
      await bert.dispose();
    }
  });

  /** A guest's order (placed by nobody signed in): its number and tracking token. */
  async function guestOrder(idempotencyKey?: string): Promise<{ number: string; trackingToken: string }> {
    const { placeOrder } = await server.data<{ placeOrder: { number: string; trackingToken: string } }>(
      PLACE_AS_GUEST,
      {
        input: {
          lines: [BIKE],
          ...DEMO_CHECKOUT,
          customer: { name: 'Greta Guest', email: 'greta@example.com' },
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
      },
      { as: 'anonymous' },
    );
    return placeOrder;
  }

  it("trackedOrderUpdated: a guest's token hears their order change; an unknown token is NOT_FOUND, a malformed one BAD_USER_INPUT naming it, and the socket stays usable", async () => {
    const placed = await guestOrder();
    const guest = subscriber(server.running);
    try {
      const unknown = await guest.subscribe(TRACKED_UPDATED, { token: UNKNOWN_TOKEN });
      expect(await unknown.refusedWith()).toEqual(['NOT_FOUND']);
      const bad = await guest.subscribe(TRACKED_UPDATED, { token: 'x'.repeat(500) });
      expect(await bad.refusedWith()).toEqual(['BAD_USER_INPUT']);
      const badErrors = (bad.refusal ?? bad.results.flatMap((result) => result.errors ?? [])) as Refusal[];
      expect(badErrors[0]?.extensions?.field).toBe('token');
      // The same connection, after both refusals: the guest's own token is heard on it.
      const own = await guest.subscribe(TRACKED_UPDATED, { token: placed.trackingToken });
      await server.data(CONFIRM, { number: placed.number });
      const update = await own.waitFor(
        (result) =>
          ((result.data as Tracked | undefined)?.trackedOrderUpdated?.status ?? 'PLACED') !== 'PLACED',
      );
      expect(update.errors).toBeUndefined();
      expect(update.data).toEqual({
        trackedOrderUpdated: { number: placed.number, status: expect.not.stringMatching(/^PLACED$/) },
      });
      // The order as it is after confirming (its automatic steps commit with it), not the first subscribe's read.
      const { trackedOrder } = await server.data<{ trackedOrder: { status: string } }>(
        'query ($token: String!) { trackedOrder(token: $token) { status } }',
        { token: placed.trackingToken },
        { as: 'anonymous' },
      );
      expect((update.data as Tracked).trackedOrderUpdated?.status).toBe(trackedOrder.status);
    } finally {
      await guest.dispose();
    }
  });

  it('trackedOrderUpdated gives an anonymous subscriber no internal data: the BOM is refused as trackedOrder refuses it', async () => {
    const placed = await guestOrder();
    const fields = '{ number status lines { quantity bom { partNumber } } }';
    const query = await server.graphql<{ trackedOrder: { lines: { bom: unknown }[] } }>(
      `query ($token: String!) { trackedOrder(token: $token) ${fields} }`,
      { token: placed.trackingToken },
      { as: 'anonymous' },
    );
    const guest = subscriber(server.running);
    try {
      const heard = await guest.subscribe(
        `subscription ($token: String!) { trackedOrderUpdated(token: $token) ${fields} }`,
        { token: placed.trackingToken },
      );
      await server.data(CONFIRM, { number: placed.number });
      const update = await heard.waitFor((result) => result.data != null);
      const order = (update.data as { trackedOrderUpdated: { number: string; lines: { bom: unknown }[] } })
        .trackedOrderUpdated;
      expect(order.number).toBe(placed.number);
      expect(order.lines[0]?.bom).toBeNull();
      expect(query.data?.trackedOrder.lines[0]?.bom).toBeNull();
      // The same refusal, field by field, as the query's (its path below the root field).
      const refusals = (errors: readonly GraphQLFormattedError[] | undefined) =>
        (errors ?? []).map((error) => ({
          code: error.extensions?.code,
          path: error.path?.slice(1),
          field: error.message.includes('OrderLine.bom'),
        }));
      expect(refusals(update.errors)).toEqual([
        { code: 'UNAUTHENTICATED', path: ['lines', 0, 'bom'], field: true },
      ]);
      expect(refusals(update.errors)).toEqual(refusals(query.errors));
    } finally {
      await guest.dispose();
    }
  });

  it('trackedOrderUpdated: a token a retried placing replaced stops answering (NOT_FOUND) while the new one hears the change', async () => {
    const key = `tracked-updated-${dialect}`;
    const first = await guestOrder(key);
    const guest = subscriber(server.running);
    try {
      const byOld = await guest.subscribe(TRACKED_UPDATED, { token: first.trackingToken });
      const retry = await guestOrder(key);
      expect(retry.number).toBe(first.number);
      expect(retry.trackingToken).not.toBe(first.trackingToken);
      const byNew = await guest.subscribe(TRACKED_UPDATED, { token: retry.trackingToken });
      await server.data(CONFIRM, { number: first.number });
      await byNew.waitFor(
        (result) => (result.data as Tracked | undefined)?.trackedOrderUpdated?.number === first.number,
      );
      const stale = await byOld.waitFor((result) => result.errors !== undefined);
      expect(stale.data).toEqual({ trackedOrderUpdated: null });
      expect(stale.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(byOld.results.some((result) => (result.data as Tracked | undefined)?.trackedOrderUpdated)).toBe(
        false,
      );
    } finally {
      await guest.dispose();
    }
  });

  it("an account-bound key hears only its account's orders; a customer the same", async () => {
    const key = await server.createApiKey({ scopes: ['orders:read'], account: 'A' });
    const partner = subscriber(server.running, { connectionParams: { authorization: `Bearer ${key}` } });
    const bert = as('customerB');
    try {
      const heard = await partner.subscribe(ORDERS_CHANGED);
      const bertHeard = await bert.subscribe(ORDERS_CHANGED);
      // B's order first: A's arrives after it, so once A's is heard B's would have been too.
      const ofB = await orderOf('B');
      const ofA = await orderOf('A');
      await heard.waitFor(
        (result) => (result.data as Change | undefined)?.ordersChanged.order.number === ofA,
      );
      await bertHeard.waitFor(
        (result) => (result.data as Change | undefined)?.ordersChanged.order.number === ofB,
      );
      const subjects = (results: typeof heard.results) =>
        results.map((result) => (result.data as Change).ordersChanged.event.subject);
      expect(subjects(heard.results)).not.toContain(ofB);
      for (const result of heard.results)
        expect((result.data as Change).ordersChanged.event.accountId).toBe(server.callers.accountIds.A);
      await vi.waitFor(() => expect(subjects(bertHeard.results).length).toBeGreaterThan(0));
      expect(subjects(bertHeard.results)).not.toContain(ofA);
      // Its filter narrows it further: an account not its own gives nothing of another account.
      const filtered = await partner.subscribe(ORDERS_CHANGED, { filter: { status: ['CONFIRMED'] } });
      const next = await orderOf('A');
      await server.data(CONFIRM, { number: next });
      const confirmed = await filtered.waitFor(
        (result) => (result.data as Change | undefined)?.ordersChanged.order.number === next,
      );
      expect((confirmed.data as Change).ordersChanged.event.type).toBe('ORDER_CONFIRMED');
      expect(
        filtered.results.map((result) => (result.data as Change).ordersChanged.event.data.order.status),
      ).toEqual(['CONFIRMED']);
    } finally {
      await partner.dispose();
      await bert.dispose();
    }
  });

  it('refuses the unauthenticated, a key without the scope, a customer on the board, and a wrong key at connection', async () => {
    const guest = subscriber(server.running);
    const customer = as('customerA');
    const noScope = await server.createApiKey({ scopes: ['catalog:read'], account: 'A' });
    const keyed = subscriber(server.running, { connectionParams: { authorization: `Bearer ${noScope}` } });
    const wrong = subscriber(server.running, {
      connectionParams: { authorization: 'Bearer mto_live_nothing' },
    });
    try {
      expect(await (await guest.subscribe(ORDERS_CHANGED)).refusedWith()).toEqual(['UNAUTHENTICATED']);
      expect(await (await guest.subscribe(ORDER_UPDATED, { number: 'MTO-0000-0000' })).refusedWith()).toEqual(
        ['UNAUTHENTICATED'],
      );
      expect(await (await guest.subscribe(BOARD_CHANGED)).refusedWith()).toEqual(['UNAUTHENTICATED']);
      expect(await (await customer.subscribe(BOARD_CHANGED)).refusedWith()).toEqual(['FORBIDDEN']);
      expect(await (await keyed.subscribe(ORDERS_CHANGED)).refusedWith()).toEqual(['FORBIDDEN']);
      const closed = await wrong.closed;
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/API key is not valid/);
    } finally {
      await Promise.all([guest.dispose(), customer.dispose(), keyed.dispose(), wrong.dispose()]);
    }
  });

  it('a session cookie from another origin is not accepted: the connection is refused', async () => {
    const foreign = subscriber(server.running, {
      headers: { ...server.headersFor('staff'), origin: 'https://evil.example' },
    });
    try {
      const closed = await foreign.closed;
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/origin/);
    } finally {
      await foreign.dispose();
    }
  });

  it('serves only subscriptions, at most the limit per connection, counts them against a key’s rate, and frees listeners when the socket closes', async () => {
    const streams = server.running.subscriptions.eventStreams;
    const before = streams.active;
    const staff = as('operations');
    const board = await staff.subscribe(BOARD_CHANGED);
    const query = await staff.subscribe('query { me { email } }');
    expect(await query.refusedWith()).toEqual(['BAD_REQUEST']);
    for (let i = 1; i < SUBSCRIPTION_LIMITS.maxPerConnection; i++) await staff.subscribe(BOARD_CHANGED);
    expect(streams.active).toBe(before + SUBSCRIPTION_LIMITS.maxPerConnection);
    const extra = await staff.subscribe(BOARD_CHANGED);
    expect(await extra.refusedWith()).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    // The board's subscriber hears an order placed.
    const number = await orderOf('A');
    await board.waitFor(
      (result) =>
        (result.data as { operationsBoardChanged?: { event: { subject: string } } })?.operationsBoardChanged
          ?.event.subject === number,
    );
    await staff.dispose();
    await vi.waitFor(() => expect(streams.active).toBe(before));

    const limited = await server.createApiKey({
      scopes: ['orders:read'],
      account: 'A',
      requestsPerMinute: 2,
    });
    const partner = subscriber(server.running, { connectionParams: { authorization: `Bearer ${limited}` } });
    try {
      await partner.subscribe(ORDERS_CHANGED);
      await partner.subscribe(ORDERS_CHANGED);
      expect(await (await partner.subscribe(ORDERS_CHANGED)).refusedWith()).toEqual(['RATE_LIMITED']);
      // HTTP requests and subscribes share the key's count.
      const http = await server.graphql(
        '{ orders(first: 1) { totalCount } }',
        {},
        { as: { bearer: limited } },
      );
      expect(http.status).toBe(429);
    } finally {
      await partner.dispose();
    }
  });

  it('closing the server closes its WebSocket connections (Going away) and frees every listener', async () => {
    const other = await startTestServer(dialect);
    const staff = subscriber(other.running, { headers: other.headersFor('staff') });
    await staff.subscribe(ORDERS_CHANGED);
    expect(other.running.subscriptions.eventStreams.active).toBe(1);
    await other.close();
    expect((await staff.closed).code).toBe(1001);
    expect(other.running.subscriptions.eventStreams.active).toBe(0);
    await staff.dispose();
  });
});

describe.skipIf(!(await testDialects()).includes('postgresql'))(
  'subscriptions across server processes on one PostgreSQL database',
  () => {
    let first: TestServer;
    let second: TestServer;
    beforeAll(async () => {
      first = await startTestServer('postgresql');
      second = await startTestServer('postgresql', { sameDatabaseAs: first });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it("a change made through process A reaches a subscriber on process B (PostgreSQL's LISTEN/NOTIFY bus)", async () => {
      const onSecond = subscriber(second.running, { headers: second.headersFor('staff') });
      try {
        const heard = await onSecond.subscribe(ORDERS_CHANGED);
        const { placeOrder } = await first.data<{ placeOrder: { number: string } }>(PLACE, {
          input: {
            lines: [BIKE],
            ...DEMO_CHECKOUT,
            customer: { name: 'Anna A', email: 'anna@customer-a.test' },
          },
        });
        await first.data(CONFIRM, { number: placeOrder.number });
        const confirmed = await heard.waitFor(
          (result) =>
            (result.data as Change | undefined)?.ordersChanged.event.type === 'ORDER_CONFIRMED' &&
            (result.data as Change).ordersChanged.order.number === placeOrder.number,
        );
        expect(confirmed.errors).toBeUndefined();
        // Each event once, in the order A committed them.
        const types = heard.results
          .map((result) => (result.data as Change).ordersChanged)
          .filter((change) => change.order.number === placeOrder.number)
          .map((change) => change.event.type);
        // Placing also records its materials plan (ORDER_PROGRESSED) between the two, and a short build moves on
        // to AWAITING_MATERIALS (ORDER_STATUS_CHANGED) after confirming.
        expect(types[0]).toBe('ORDER_PLACED');
        expect(types.filter((type) => type === 'ORDER_PLACED' || type === 'ORDER_CONFIRMED')).toEqual([
          'ORDER_PLACED',
          'ORDER_CONFIRMED',
        ]);
        expect(
          new Set(heard.results.map((result) => JSON.stringify((result.data as Change).ordersChanged.event)))
            .size,
        ).toBe(heard.results.length);
      } finally {
        await onSecond.dispose();
      }
    });
  },
);
