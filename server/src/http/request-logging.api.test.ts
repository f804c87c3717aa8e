import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedConfiguration } from '../configurations/saved-configuration.entity.js';
import { operation, startTestServer, type TestServer } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const PLACE_ORDER = operation('place-order');

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  req?: { method: string; url: string };
  res?: { status: number };
  order?: string;
}

describe('request ids in the response and in every log line of the request (sqlite)', () => {
  let server: TestServer;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n')) if (text) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });

  beforeAll(async () => {
    server = await startTestServer('sqlite', { logger: pino({ level: 'debug' }, sink) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);
  const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('keeps a sane x-request-id, echoes it, and logs the request under it at debug', async () => {
    const response = await post({ query: '{ __typename }' }, { 'x-request-id': 'trace-0af7651916cd43dd' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-0af7651916cd43dd');
    await settled();
    expect(linesOf('trace-0af7651916cd43dd')).toEqual([
      expect.objectContaining({
        level: 20,
        msg: 'request',
        req: { method: 'POST', url: '/graphql' },
        res: { status: 200 },
      }),
    ]);
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with spaces and quotes', 'a b"c'],
  ])('replaces an incoming id that is not sane (%s) with a new UUID', async (_, given) => {
    const response = await post({ query: '{ __typename }' }, { 'x-request-id': given });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await settled();
    expect(linesOf(id!)).toHaveLength(1);
    expect(lines.some((line) => line.requestId === given)).toBe(false);
  });

  it('gives every request its own id, also for /healthz', async () => {
    const a = (await fetch(`${server.url}/healthz`)).headers.get('x-request-id');
    const b = (await fetch(`${server.url}/healthz`)).headers.get('x-request-id');
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it("carries the id into the services' log lines (an order placed)", async () => {
    const response = await post(
      {
        query: PLACE_ORDER,
        variables: {
          input: {
            ...DEMO_CHECKOUT,
            customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
            lines: [{ productCode: 'e-bike', selections: [] }],
          },
        },
      },
      { 'x-request-id': 'order-request-1' },
    );
    const body = (await response.json()) as { data: { placeOrder: { __typename: string; number: string } } };
    expect(body.data.placeOrder.__typename).toBe('Order');
    await settled();
    const own = linesOf('order-request-1');
    expect(own.map((line) => line.msg)).toEqual([`placed order ${body.data.placeOrder.number}`, 'request']);
    expect(own[0]).toMatchObject({ level: 30, order: body.data.placeOrder.number });
  });

  it('logs an unexpected error under the request id, and shows the client only that it was logged', async () => {
    // A saved configuration naming a version that does not exist: a database edited by hand.
    const em = server.running.orm.em.fork();
    em.create(SavedConfiguration, {
      code: 'broken0001',
      productCode: 'standing-desk',
      modelVersion: 99,
      selections: [],
      quantity: 1,
      createdAt: new Date(),
    });
    await em.flush();
    const response = await post(
      { query: operation('saved-configuration'), variables: { code: 'broken0001' } },
      { 'x-request-id': 'broken-request' },
    );
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error: the server logged it',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    await settled();
    const logged = linesOf('broken-request').find((line) => line.level === 50) as
      | (LogLine & { err: { message: string } })
      | undefined;
    expect(logged?.msg).toBe('unexpected error in a GraphQL request');
    expect(logged?.err.message).toMatch(/names standing-desk v99, which does not exist/);
  });
});
