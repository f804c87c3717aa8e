import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { DomainEvent } from './domain-event.entity.js';
import { EVENTS_COMMIT_LOCK } from './postgres-event-bus.js';
import { newEventId } from './record.js';

const CONFIRM = operation('confirm-order');
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };
const ANNA = { name: 'Anna A', email: 'anna@customer-a.test' };
const GUEST = { name: 'Grace Hopper', email: 'grace@example.test' };
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { number } } }`;
const FEED = `query($after: String, $first: Int, $types: [EventType!], $subject: String) {
  events(after: $after, first: $first, types: $types, subject: $subject) {
    nodes { id type occurredAt accountId subject data } endCursor hasMore } }`;

interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  accountId: number | null;
  subject: string;
  data: { version: string; order?: { number: string; status: string } };
}
interface FeedPage {
  nodes: FeedEvent[];
  endCursor: string | null;
  hasMore: boolean;
}

describe.each(await testDialects())('the event feed on %s', (dialect) => {
  let server: TestServer;
  let ofA: string;
  let ofGuest: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const placed = await server.data<{ placeOrder: { number: string } }>(
      PLACE,
      { input: { lines: [DESK], customer: ANNA, ...DEMO_CHECKOUT } },
      { as: 'customerA' },
    );
    ofA = placed.placeOrder.number;
    ofGuest = (await server.placeTracked<{ number: string }>({ lines: [DESK], customer: GUEST })).number;
    await server.data(CONFIRM, { number: ofA });
    await server.data(CONFIRM, { number: ofGuest });
  });
  afterAll(async () => server?.close());

  const page = async (variables: Record<string, unknown>, as?: Parameters<TestServer['data']>[2]) =>
    (await server.data<{ events: FeedPage }>(FEED, variables, as)).events;

  /** Every page from `after` on, `first` at a time. */
  async function readAll(variables: Record<string, unknown>, as?: Parameters<TestServer['data']>[2]) {
    const read: FeedEvent[] = [];
    let after = (variables.after as string | null | undefined) ?? null;
    for (;;) {
      const next = await page({ ...variables, after }, as);
      read.push(...next.nodes);
      after = next.endCursor;
      if (!next.hasMore) return { read, endCursor: after };
    }
  }

  it('pages through every event oldest first, none skipped or repeated, and reads on from its end', async () => {
    const rows = await server.running.orm.em.fork().find(DomainEvent, {}, { orderBy: { sequence: 'asc' } });
    const { read, endCursor } = await readAll({ first: 2 });
    expect(read.map((event) => event.id)).toEqual(rows.map((row) => row.eventId));
    const confirmed = read.find((event) => event.subject === ofA && event.type === 'ORDER_CONFIRMED')!;
    expect(confirmed.data).toMatchObject({ version: 'v1', order: { number: ofA, status: 'CONFIRMED' } });
    expect(confirmed.accountId).toBe(server.callers.accountIds.A);
    expect(new Date(confirmed.occurredAt).toISOString()).toBe(confirmed.occurredAt);
    // Nothing new: an empty page keeps the place; a new change is the next page.
    const empty = await page({ after: endCursor });
    expect(empty).toEqual({ nodes: [], endCursor, hasMore: false });
    await server.data(operation('cancel-order'), { number: ofGuest, reason: 'Changed plans' });
    const next = await readAll({ after: endCursor });
    expect(next.read[0]).toMatchObject({ subject: ofGuest, type: 'ORDER_CANCELLED' });
  });

  it('filters by types and by subject', async () => {
    const { read: placed } = await readAll({ types: ['ORDER_PLACED'] });
    expect(placed.map((event) => event.subject)).toEqual([ofA, ofGuest]);
    const { read: ofOne } = await readAll({ subject: ofA });
    expect(ofOne.length).toBeGreaterThan(1);
    expect(new Set(ofOne.map((event) => event.subject))).toEqual(new Set([ofA]));
  });

  it('shows a customer and an account’s key only their account’s events; a partner organisation’s key none', async () => {
    const { read: customerA } = await readAll({}, { as: 'customerA' });
    expect(customerA.length).toBeGreaterThan(0);
    expect(new Set(customerA.map((event) => event.subject))).toEqual(new Set([ofA]));
    expect((await readAll({}, { as: 'customerB' })).read).toEqual([]);
    const keyA = await server.createApiKey({ scopes: [ApiScope.EVENTS_READ], account: 'A' });
    const byKey = await readAll({}, { as: { bearer: keyA } });
    expect(byKey.read.map((event) => event.id)).toEqual(customerA.map((event) => event.id));
    const organisation = await server.createApiKey({ scopes: [ApiScope.EVENTS_READ], account: null });
    expect((await readAll({}, { as: { bearer: organisation } })).read).toEqual([]);
    const ordersOnly = await server.createApiKey({ scopes: [ApiScope.ORDERS_READ], account: 'A' });
    const refused = await server.graphql(FEED, {}, { as: { bearer: ordersOnly } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a bad cursor or page size naming it', async () => {
    for (const [variables, field] of [
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('order:1').toString('base64url') }, 'after'],
      [{ first: 0 }, 'first'],
      [{ first: 1000 }, 'first'],
    ] as const) {
      const answer = await server.graphql(FEED, variables);
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toContain(field);
    }
  });

  // SQLite writes one transaction at a time (its sequences are drawn and committed in order); on PostgreSQL
  // writers run side by side, and the commit-order lock is what keeps the feed from passing one.
  if (dialect === 'postgresql')
    it('never passes an event whose transaction is still open: it appears on the next page, nothing skipped', async () => {
      const { number } = await server.placeTracked<{ number: string }>({ lines: [DESK], customer: GUEST });
      const { endCursor: start } = await readAll({});
      // A writer in the middle of its commit, as record.ts's hooks leave it: the lock taken, its event
      // inserted (its sequence drawn), not yet committed.
      const held = new pg.Client({ connectionString: server.running.orm.config.get('clientUrl')! });
      await held.connect();
      let confirming: Promise<unknown> | undefined;
      try {
        await held.query('begin');
        await held.query('select pg_advisory_xact_lock($1)', [EVENTS_COMMIT_LOCK]);
        const heldId = newEventId();
        await held.query(
          `insert into domain_event (event_id, type, occurred_at, account_id, subject_kind, subject, payload)
           values ($1, 'ORDER_PROGRESSED', now(), null, 'ORDER', $2, '{"version":"v1"}')`,
          [heldId, ofGuest],
        );
        // A later change commits its events after the held one's sequence: it waits for the held commit.
        confirming = server.data(CONFIRM, { number });
        // Give the confirmation every chance to commit first (it cannot: this is not a timing assert).
        await new Promise((resolve) => setTimeout(resolve, 300));
        const during = await readAll({ after: start });
        expect(during.read.map((event) => event.id)).not.toContain(heldId);
        await held.query('commit');
        await confirming;
        const after = await readAll({ after: during.endCursor });
        const ids = [...during.read, ...after.read].map((event) => event.id);
        const rows = await server.running.orm.em
          .fork()
          .find(DomainEvent, {}, { orderBy: { sequence: 'asc' } });
        const expected = rows.map((row) => row.eventId);
        const startIndex = expected.indexOf(during.read[0]?.id ?? heldId);
        expect(ids).toEqual(expected.slice(startIndex));
        expect(after.read.map((event) => event.id)).toContain(heldId);
        expect(after.read.at(-1)).toMatchObject({ subject: number });
      } finally {
        await held.query('rollback').catch(() => undefined);
        await confirming?.catch(() => undefined);
        await held.end();
      }
    });
});
