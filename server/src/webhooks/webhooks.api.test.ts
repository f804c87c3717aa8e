import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { DomainEvent } from '../events/domain-event.entity.js';
import { ApiScope } from '../graphql/authorization.js';
import { createLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { eventually, WebhookReceiver } from '../test-support/webhook-receiver.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';

const CONFIRM = operation('confirm-order');
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id url enabled accountId } secret } }`;
const LOG = `query($id: Int!) { webhookEndpoint(id: $id) { id enabled disabledReason disabledAt failingSince
  deliveries(first: 50) { nodes { id eventId eventType subject status
    attempts { at status durationMs responseStatus responseBodyStart error } } } } }`;

interface Attempt {
  at: string;
  status: string;
  durationMs: number;
  responseStatus: number | null;
  responseBodyStart: string | null;
  error: string | null;
}
interface Delivery {
  id: number;
  eventId: string;
  eventType: string;
  subject: string;
  status: string;
  attempts: Attempt[];
}
interface EndpointLog {
  id: number;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  deliveries: { nodes: Delivery[] };
}

/** Settings of a server that may call a receiver on 127.0.0.1, retrying fast. */
const LOCAL_RECEIVERS = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_DELAY_MS: '50',
  WEBHOOK_TIMEOUT_MS: '400',
};

async function register(
  server: TestServer,
  url: string,
  eventTypes: string[] = ['ORDER_PLACED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED'],
  as: Parameters<TestServer['graphql']>[2] = { as: 'admin' },
): Promise<{ id: number; secret: string; accountId: number | null }> {
  const { createWebhookEndpoint } = await server.data<{
    createWebhookEndpoint: { endpoint: { id: number; accountId: number | null }; secret: string };
  }>(CREATE, { input: { url, eventTypes } }, as);
  return { ...createWebhookEndpoint.endpoint, secret: createWebhookEndpoint.secret };
}

async function logOf(
  server: TestServer,
  id: number,
  as: Parameters<TestServer['graphql']>[2] = { as: 'admin' },
) {
  return (await server.data<{ webhookEndpoint: EndpointLog }>(LOG, { id }, as)).webhookEndpoint;
}

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
  __typename ... on Order { number } ... on ConfigurationRejected { message } ... on InvalidOrderInput { message } } }`;

async function place(server: TestServer, as: Parameters<TestServer['graphql']>[2] = { as: 'anonymous' }) {
  const { placeOrder } = await server.data<{
    placeOrder: { __typename: string; number?: string; message?: string };
  }>(
    PLACE,
    {
      input: {
        lines: [DESK],
        ...DEMO_CHECKOUT,
        customer: { name: 'Webhook Buyer', email: 'buyer@webhooks.test' },
      },
    },
    as,
  );
  if (!placeOrder.number) throw new Error(`No order placed: ${placeOrder.message}`);
  return placeOrder.number;
}

describe.each(await testDialects())('webhooks on %s', (dialect) => {
  let server: TestServer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: LOCAL_RECEIVERS });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('signs each event with Standard Webhooks: the receiver verifies it with the standardwebhooks package', async () => {
    const endpoint = await register(server, `${receiver.url}/signed`);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const number = await place(server);
    await server.data(CONFIRM, { number });
    await eventually(() => receiver.about(number).length >= 2, 'the placed and confirmed webhooks');
    const [placed, confirmed] = receiver.about(number).filter((r) => r.path === '/signed');
    const verified = new Webhook(endpoint.secret).verify(
      placed!.body,
      placed!.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'order.placed', data: { version: 'v1', order: { number } } });
    expect(confirmed!.json).toMatchObject({ type: 'order.confirmed', data: { change: { to: 'CONFIRMED' } } });
    // webhook-id is the event's id in the stream.
    const events = await server.running.orm.em
      .fork()
      .find(DomainEvent, { subject: number }, { orderBy: { sequence: 'asc' } });
    expect(placed!.headers['webhook-id']).toBe(events.find((e) => e.type === 'ORDER_PLACED')!.eventId);
    // Another secret does not verify it.
    const other = new Webhook(`whsec_${Buffer.from('another secret of 24 byte').toString('base64')}`);
    expect(() => other.verify(placed!.body, placed!.headers as Record<string, string>)).toThrow();
  });

  it('retries after 500s with growing waits, then succeeds; the log shows each attempt', async () => {
    const path = '/flaky';
    let failures = 0;
    receiver.answer = (request) => {
      if (request.path === path && failures < 2) {
        failures += 1;
        return { status: 500, body: `boom ${'x'.repeat(3000)}` };
      }
      return { status: 204 };
    };
    const endpoint = await register(server, `${receiver.url}${path}`, ['ORDER_PLACED']);
    const number = await place(server);
    await eventually(async () => {
      const log = await logOf(server, endpoint.id);
      return log.deliveries.nodes.some((d) => d.subject === number && d.status === 'SUCCEEDED');
    }, 'the flaky delivery to succeed');
    const delivery = (await logOf(server, endpoint.id)).deliveries.nodes.find((d) => d.subject === number)!;
    expect(delivery.attempts.map((a) => [a.status, a.responseStatus])).toEqual([
      ['FAILED', 500],
      ['FAILED', 500],
      ['SUCCEEDED', 204],
    ]);
    const [first, second, third] = delivery.attempts.map((a) => Date.parse(a.at));
    // Backoff: 50 ms then 100 ms, each with at most 20 % jitter either way.
    expect(second! - first!).toBeGreaterThanOrEqual(40);
    expect(third! - second!).toBeGreaterThanOrEqual(80);
    expect(delivery.attempts[0]!.responseBodyStart).toHaveLength(1024);
    expect(delivery.attempts[0]!.responseBodyStart!.startsWith('boom x')).toBe(true);
    for (const attempt of delivery.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    // The same webhook-id each time: the receiver de-duplicates on it.
    const ids = receiver.received.filter((r) => r.path === path).map((r) => r.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set([delivery.eventId]));
    receiver.answer = () => ({ status: 204 });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    receiver.answer = (request) =>
      request.path === '/moved'
        ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } }
        : { status: 204 };
    const endpoint = await register(server, `${receiver.url}/moved`, ['ORDER_PLACED']);
    const number = await place(server);
    await eventually(async () => {
      const log = await logOf(server, endpoint.id);
      return (log.deliveries.nodes.find((d) => d.subject === number)?.attempts.length ?? 0) >= 1;
    }, 'a redirected attempt');
    const delivery = (await logOf(server, endpoint.id)).deliveries.nodes.find((d) => d.subject === number)!;
    expect(delivery.attempts[0]).toMatchObject({ status: 'FAILED', responseStatus: 302 });
    expect(delivery.attempts[0]!.error).toMatch(/redirect/);
    expect(receiver.received.some((r) => r.path === '/elsewhere')).toBe(false);
    await server.data(
      'mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }',
      { id: endpoint.id },
      { as: 'admin' },
    );
    receiver.answer = () => ({ status: 204 });
  });

  it('records a timeout when the receiver never answers', async () => {
    receiver.answer = (request) => (request.path === '/silent' ? 'hang' : { status: 204 });
    const endpoint = await register(server, `${receiver.url}/silent`, ['ORDER_PLACED']);
    const number = await place(server);
    await eventually(async () => {
      const log = await logOf(server, endpoint.id);
      return (log.deliveries.nodes.find((d) => d.subject === number)?.attempts.length ?? 0) >= 1;
    }, 'a timed-out attempt');
    const delivery = (await logOf(server, endpoint.id)).deliveries.nodes.find((d) => d.subject === number)!;
    expect(delivery.attempts[0]).toMatchObject({ status: 'FAILED', responseStatus: null });
    expect(delivery.attempts[0]!.error).toMatch(/no answer within 400 ms/);
    await server.data(
      'mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }',
      { id: endpoint.id },
      { as: 'admin' },
    );
    receiver.answer = () => ({ status: 204 });
  });

  it('delivers in order per order number: a later event waits while an earlier one fails, others do not', async () => {
    const path = '/ordered';
    let held: string | null = null;
    let release = false;
    receiver.answer = (request) => {
      const number = (request.json.data.order as { number?: string } | undefined)?.number;
      if (request.path === path && number === held && request.json.type === 'order.placed' && !release)
        return { status: 503, body: 'not yet' };
      return { status: 204 };
    };
    const endpoint = await register(server, `${receiver.url}${path}`, ['ORDER_PLACED', 'ORDER_CONFIRMED']);
    held = await place(server);
    await server.data(CONFIRM, { number: held });
    const other = await place(server);
    await server.data(CONFIRM, { number: other });
    const onPath = (number: string) => receiver.about(number).filter((r) => r.path === path);
    // The other order's events arrive while the held order's first event keeps failing.
    await eventually(() => onPath(other).length === 2, 'the other order’s events');
    await eventually(() => onPath(held!).length >= 2, 'a retry of the held event');
    expect(onPath(held).every((r) => r.json.type === 'order.placed')).toBe(true);
    release = true;
    await eventually(
      () => onPath(held!).some((r) => r.json.type === 'order.confirmed'),
      'the held order’s confirmation',
    );
    const types = onPath(held).map((r) => r.json.type);
    expect(types.at(-1)).toBe('order.confirmed');
    expect(types.indexOf('order.confirmed')).toBeGreaterThan(types.lastIndexOf('order.placed'));
    await server.data(
      'mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }',
      { id: endpoint.id },
      { as: 'admin' },
    );
    receiver.answer = () => ({ status: 204 });
  });

  it('redelivers a delivery on request, with the same webhook-id', async () => {
    const endpoint = await register(server, `${receiver.url}/again`, ['ORDER_PLACED']);
    const number = await place(server);
    await eventually(() => receiver.about(number).some((r) => r.path === '/again'), 'the first delivery');
    const delivery = (await logOf(server, endpoint.id)).deliveries.nodes.find((d) => d.subject === number)!;
    await eventually(async () => {
      const log = await logOf(server, endpoint.id);
      return log.deliveries.nodes.find((d) => d.id === delivery.id)?.status === 'SUCCEEDED';
    }, 'the first delivery recorded');
    const { redeliverWebhook } = await server.data<{ redeliverWebhook: { status: string } }>(
      'mutation($id: Int!) { redeliverWebhook(deliveryId: $id) { status } }',
      { id: delivery.id },
      { as: 'admin' },
    );
    expect(redeliverWebhook.status).toBe('PENDING');
    await eventually(
      () => receiver.about(number).filter((r) => r.path === '/again').length === 2,
      'the redelivery',
    );
    const sent = receiver.about(number).filter((r) => r.path === '/again');
    expect(sent[1]!.headers['webhook-id']).toBe(sent[0]!.headers['webhook-id']);
    await eventually(async () => {
      const log = await logOf(server, endpoint.id);
      return log.deliveries.nodes.find((d) => d.id === delivery.id)?.attempts.length === 2;
    }, 'the redelivery recorded');
  });

  it('sends a signed test ping', async () => {
    const endpoint = await register(server, `${receiver.url}/ping`, ['ORDER_SHIPPED']);
    await server.data(
      'mutation($id: Int!) { sendTestWebhook(id: $id) { id status } }',
      { id: endpoint.id },
      {
        as: 'admin',
      },
    );
    await eventually(() => receiver.received.some((r) => r.path === '/ping'), 'the ping');
    const ping = receiver.received.find((r) => r.path === '/ping')!;
    expect(
      new Webhook(endpoint.secret).verify(ping.body, ping.headers as Record<string, string>),
    ).toMatchObject({
      type: 'webhook.test',
    });
  });

  it('gives a key bound to account A only account A’s events, and only its own endpoints', async () => {
    const key = await server.createApiKey({ scopes: [ApiScope.WEBHOOKS_MANAGE], account: 'A' });
    const mine = await register(server, `${receiver.url}/account-a`, ['ORDER_PLACED'], {
      as: { bearer: key },
    });
    expect(mine.accountId).toBe(server.callers.accountIds.A);
    const all = await register(server, `${receiver.url}/all`, ['ORDER_PLACED']);
    // A partner organisation's key reads no account's orders, so its endpoint hears none of them.
    const organisationKey = await server.createApiKey({ scopes: [ApiScope.WEBHOOKS_MANAGE], account: null });
    await register(server, `${receiver.url}/organisation`, ['ORDER_PLACED'], {
      as: { bearer: organisationKey },
    });
    const ofA = await place(server, { as: 'customerA' });
    const ofB = await place(server, { as: 'customerB' });
    const guest = await place(server);
    await eventually(
      () => [ofA, ofB, guest].every((n) => receiver.about(n).some((r) => r.path === '/all')),
      'every order at the admin’s endpoint',
    );
    await eventually(() => receiver.about(ofA).some((r) => r.path === '/account-a'), 'account A’s order');
    const heardByKey = receiver.received.filter((r) => r.path === '/account-a');
    // At least once: on a busy machine an answer slower than the 400 ms timeout is sent again, same webhook-id.
    expect([...new Set(heardByKey.map((r) => (r.json.data.order as { number: string }).number))]).toEqual([
      ofA,
    ]);
    expect(receiver.received.filter((r) => r.path === '/organisation')).toEqual([]);
    // The admin's endpoint is not the key's: as if it did not exist.
    const hidden = await server.graphql(LOG, { id: all.id }, { as: { bearer: key } });
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const listed = await server.data<{ webhookEndpoints: { id: number }[] }>(
      '{ webhookEndpoints { id } }',
      {},
      { as: { bearer: key } },
    );
    expect(listed.webhookEndpoints.map((e) => e.id)).toEqual([mine.id]);
  });

  it('refuses bad input naming the field', async () => {
    const bad = async (input: Record<string, unknown>) =>
      (await server.graphql(CREATE, { input }, { as: 'admin' })).errors?.[0]?.extensions;
    expect(await bad({ url: 'ftp://partner.example/x', eventTypes: ['ORDER_PLACED'] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.url',
    });
    expect(await bad({ url: 'https://partner.example/x', eventTypes: [] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes',
    });
    // An event type that does not exist is refused by GraphQL's own enum check.
    const unknown = await server.graphql(
      CREATE,
      { input: { url: 'https://partner.example/x', eventTypes: ['ORDER_EATEN'] } },
      { as: 'admin' },
    );
    expect(unknown.errors?.[0]?.message).toMatch(/ORDER_EATEN/);
  });
});

describe.each(await testDialects())('webhook endpoints that keep failing, on %s', (dialect) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { ...LOCAL_RECEIVERS, WEBHOOK_DISABLE_AFTER_MS: '1' },
    });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('are disabled past the failing window, with the reason their owner sees; enabling sends what waited', async () => {
    let down = true;
    receiver.answer = () => (down ? { status: 500, body: 'down for maintenance' } : { status: 204 });
    const endpoint = await register(server, `${receiver.url}/down`, ['ORDER_PLACED']);
    const number = await place(server);
    await eventually(async () => !(await logOf(server, endpoint.id)).enabled, 'the endpoint disabled');
    const log = await logOf(server, endpoint.id);
    expect(log.disabledAt).not.toBeNull();
    expect(log.disabledReason).toMatch(/Every delivery failed since .*answered 500/);
    const tries = receiver.received.length;
    // A disabled endpoint is not called.
    await place(server);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(tries);
    down = false;
    await server.data(
      'mutation($id: Int!) { enableWebhookEndpoint(id: $id) { enabled } }',
      { id: endpoint.id },
      {
        as: 'admin',
      },
    );
    await eventually(
      async () =>
        (await logOf(server, endpoint.id)).deliveries.nodes.find((d) => d.subject === number)?.status ===
        'SUCCEEDED',
      'the waiting delivery sent after enabling',
    );
  });
});

describe.each(await testDialects())('the SSRF guard on %s', (dialect) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { WEBHOOK_TIMEOUT_MS: '400' } });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('refuses private, loopback and link-local addresses at registration', async () => {
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.0.0.1/hook',
      'http://[::1]:9/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:192.168.1.1]/hook',
      'https://[fd00::1]/hook',
      'http://localhost:9/hook',
    ]) {
      const answer = await server.graphql(
        CREATE,
        { input: { url, eventTypes: ['ORDER_PLACED'] } },
        { as: 'admin' },
      );
      expect(answer.errors?.[0]?.extensions, url).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.url',
      });
      expect(answer.errors?.[0]?.message, url).toMatch(/private, loopback or link-local|https/);
    }
    // https elsewhere is fine (a host that does not resolve yet is accepted: it is checked at each attempt).
    const fine = await server.graphql(
      CREATE,
      { input: { url: 'https://partner.example/hook', eventTypes: ['ORDER_PLACED'] } },
      { as: 'admin' },
    );
    expect(fine.errors).toBeUndefined();
    // http is for localhost only.
    const plain = await server.graphql(
      CREATE,
      { input: { url: 'http://partner.example/hook', eventTypes: ['ORDER_PLACED'] } },
      { as: 'admin' },
    );
    expect(plain.errors?.[0]?.message).toMatch(/https/);
  });

  it('refuses a private address again when connecting (a host whose DNS answer changed)', async () => {
    // As if the host had resolved to a public address at registration: written directly.
    const em = server.running.orm.em.fork();
    const endpoint = em.create(WebhookEndpoint, {
      url: `${receiver.url}/rebound`,
      eventTypes: ['ORDER_PLACED'],
      secret: `whsec_${Buffer.from('a secret of twenty-four b').toString('base64')}`,
      startSequence: 0,
      enabled: true,
      createdAt: new Date(),
    });
    await em.flush();
    server.running.webhooks.endpointsChanged();
    const number = await place(server);
    await eventually(async () => {
      const delivery = await em.fork().findOne(WebhookDelivery, { endpoint: endpoint.id, subject: number });
      return (delivery?.attempts ?? 0) >= 1;
    }, 'a refused attempt');
    const log = await logOf(server, endpoint.id);
    expect(log.deliveries.nodes[0]!.attempts[0]!.error).toMatch(
      /private, loopback or link-local address: refused/,
    );
    expect(receiver.received).toHaveLength(0);
  });
});

describe.runIf((await testDialects()).includes('postgresql'))(
  'two server processes on one PostgreSQL database',
  () => {
    let first: TestServer;
    let second: RunningServer;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      // Exactly once is counted here: a timeout long enough that a busy machine's slow answer is not sent again.
      const env = { ...LOCAL_RECEIVERS, WEBHOOK_POLL_INTERVAL_MS: '200', WEBHOOK_TIMEOUT_MS: '10000' };
      first = await startTestServer('postgresql', { env });
      const config = {
        ...readConfig({ MAIL_POLL_INTERVAL_MS: '3600000', ...env }),
        port: 0,
        host: '127.0.0.1',
        databaseUrl: first.running.orm.config.get('clientUrl') as string,
        sqlitePath: '',
        logLevel: 'silent',
      };
      second = await startServer(config, createLogger('silent'), { announce: () => {} });
      receiver = await new WebhookReceiver().start();
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
      await receiver?.close();
    });

    it('hold later events while an earlier sequence’s transaction is open, and pass a rolled-back one', async () => {
      const endpoint = await register(first, `${receiver.url}/gaps`, ['ORDER_PLACED']);
      const client = new pg.Client({ connectionString: first.running.orm.config.get('clientUrl') as string });
      await client.connect();
      const insert = (subject: string) =>
        client.query(
          `insert into domain_event (event_id, type, occurred_at, account_id, subject_kind, subject, payload)
         values ($1, 'ORDER_PLACED', now(), null, 'ORDER', $2, $3)`,
          [
            `evt_${subject.replace(/\W/g, '').toLowerCase().padEnd(32, '0').slice(0, 32)}`,
            subject,
            { version: 'v1', order: { number: subject } },
          ],
        );
      const onPath = () => receiver.received.filter((r) => r.path === '/gaps');
      try {
        await client.query('begin');
        await insert('MTO-GAP-OPEN');
        const later = await place(first);
        // The later order's event committed, but the open transaction took a lower sequence: it waits.
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(onPath()).toHaveLength(0);
        await client.query('commit');
        await eventually(() => onPath().length >= 2, 'both events after the commit');
        expect(onPath().map((r) => (r.json.data.order as { number: string }).number)).toEqual([
          'MTO-GAP-OPEN',
          later,
        ]);

        // A rolled-back transaction's sequence never comes: passed once it has ended.
        await client.query('begin');
        await insert('MTO-GAP-ROLLED-BACK');
        const after = await place(first);
        await client.query('rollback');
        await eventually(() => onPath().length >= 3, 'the event after a rolled-back sequence');
        expect((onPath()[2]!.json.data.order as { number: string }).number).toBe(after);
      } finally {
        await client.end();
        await first.data(
          'mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }',
          { id: endpoint.id },
          { as: 'admin' },
        );
      }
      // Four placements and three waits for deliveries in a row: more than the default on a busy machine.
    }, 90_000);

    it('deliver each event exactly once per endpoint', async () => {
      const endpoints = [
        await register(first, `${receiver.url}/one`),
        await register(first, `${receiver.url}/two`),
      ];
      const viaSecond = (query: string, variables: Record<string, unknown>) =>
        fetch(`${second.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...first.headersFor('operations') },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json() as Promise<{ errors?: unknown }>);
      const numbers: string[] = [];
      for (let i = 0; i < 6; i += 1) numbers.push(await place(first));
      await Promise.all(
        numbers.map(async (number, i) => {
          if (i % 2 === 0) await first.data(CONFIRM, { number }, { as: 'operations' });
          else expect((await viaSecond(CONFIRM, { number })).errors).toBeUndefined();
        }),
      );
      const expected = await first.running.orm.em.fork().find(DomainEvent, {
        subject: { $in: numbers },
        type: { $in: ['ORDER_PLACED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED'] },
      });
      expect(expected.length).toBe(12);
      for (const path of ['/one', '/two'])
        await eventually(
          () =>
            new Set(receiver.received.filter((r) => r.path === path).map((r) => r.headers['webhook-id']))
              .size === 12,
          `every event at ${path}`,
        );
      // Both processes' workers had time to send anything twice.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const path of ['/one', '/two']) {
        const ids = receiver.received
          .filter((r) => r.path === path)
          .map((r) => String(r.headers['webhook-id']));
        expect(ids.sort()).toEqual(expected.map((e) => e.eventId).sort());
      }
      const deliveries = await first.running.orm.em.fork().count(WebhookDelivery, {
        endpoint: { $in: endpoints.map((e) => e.id) },
      });
      expect(deliveries).toBe(24);
    });
  },
);
