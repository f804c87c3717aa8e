import { connect, type Socket } from 'node:net';
import { knex } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { SERVER_BUSY_MESSAGE } from './app.js';

const dialects = await testDialects();

// Short limits so the slow clients are cut within seconds; the defaults are in the README.
const LIMITS = {
  HTTP_HEADERS_TIMEOUT_MS: '2000',
  HTTP_REQUEST_TIMEOUT_MS: '3000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
  HTTP_SOCKET_IDLE_TIMEOUT_MS: '2500',
  HTTP_MAX_CONNECTIONS: '20',
  DB_LOCK_TIMEOUT_MS: '1500',
  HEALTHZ_TIMEOUT_MS: '1000',
};
/** Node checks the headers and request timeouts once a second (server.ts), and the test's clock is rough. */
const CHECK_SLACK_MS = 1500;

/** A raw connection: what the server sent back, and when it closed (ms after `opened`). */
interface RawClient {
  socket: Socket;
  opened: number;
  received(): string;
  closedAfter: Promise<number>;
}

function rawClient(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', () => undefined);
    const opened = Date.now();
    const closedAfter = new Promise<number>((done) => socket.on('close', () => done(Date.now() - opened)));
    socket.once('connect', () => resolve({ socket, opened, received: () => received, closedAfter }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte every `everyMs` until the socket closes; stops at its end. */
function dribble(client: RawClient, text: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (client.socket.destroyed || at >= text.length) {
      clearInterval(timer);
      return;
    }
    client.socket.write(text[at++]!);
  }, everyMs);
  client.socket.on('close', () => clearInterval(timer));
}

async function timedHealthz(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/healthz`);
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

describe.each(dialects)('slow and idle clients are cut off on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: LIMITS });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a body sent one byte a second is cut within the request timeout, with 408, while /healthz answers', async () => {
    const client = await rawClient(server.url);
    const body = JSON.stringify({ query: '{ __typename }' }).padEnd(200, ' ');
    client.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    dribble(client, body, 1000);
    // Meanwhile, from other connections, the server answers.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    for (let i = 0; i < 3; i++) {
      const health = await timedHealthz(server.url);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(1000);
    }
    const closedAfter = await client.closedAfter;
    expect(closedAfter).toBeGreaterThanOrEqual(2900);
    expect(closedAfter).toBeLessThan(3000 + CHECK_SLACK_MS);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers sent one byte a second are cut within the headers timeout, with 408', async () => {
    const client = await rawClient(server.url);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    dribble(client, `X-Slow: ${'a'.repeat(100)}\r\n\r\n`, 1000);
    const health = await timedHealthz(server.url);
    expect(health.status).toBe(200);
    const closedAfter = await client.closedAfter;
    expect(closedAfter).toBeLessThan(2000 + CHECK_SLACK_MS);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a request that stops sending is closed when its socket has been idle, before the request timeout', async () => {
    const client = await rawClient(server.url);
    client.socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    const closedAfter = await client.closedAfter;
    expect(closedAfter).toBeGreaterThanOrEqual(2400);
    expect(closedAfter).toBeLessThan(2950);
    // Cut by the idle timeout (no answer), not the request timeout (408).
    expect(client.received()).toBe('');
  });

  it('a connection that never sends a byte is closed within the headers timeout', async () => {
    const client = await rawClient(server.url);
    expect(await client.closedAfter).toBeLessThan(2000 + CHECK_SLACK_MS);
  });

  it('an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const client = await rawClient(server.url);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    const closedAfter = await client.closedAfter;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received()).toMatch(/keep-alive: timeout=1/i);
    expect(closedAfter).toBeLessThan(1000 + CHECK_SLACK_MS);
  });

  it('at the cap, a new connection takes the place of the oldest idle one: idle clients cannot lock anyone out', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, () => rawClient(server.url)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // 20 connections that sent nothing fill the cap; a health check still gets in, in place of the oldest.
    const health = await timedHealthz(server.url);
    expect(health.status).toBe(200);
    // Closed to make room, not by the headers timeout (2 s here).
    expect(await held[0]!.closedAfter).toBeLessThan(1500);
    expect(held[0]!.received()).toBe('');
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closedAfter));
  });

  it('when every connection is working on a request, a new one is closed at once', async () => {
    // 20 requests whose bodies never come: each connection is busy with a request.
    const busy = await Promise.all(Array.from({ length: 20 }, () => rawClient(server.url)));
    for (const client of busy) {
      client.socket.write(
        'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = await rawClient(server.url);
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(await extra.closedAfter).toBeLessThan(500);
    expect(extra.received()).toBe('');
    for (const client of busy) client.socket.destroy();
    await Promise.all(busy.map((client) => client.closedAfter));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await timedHealthz(server.url)).status).toBe(200);
  });

  it('sends helmet headers; the pages carry the Content-Security-Policy, /graphql (JSON) does not', async () => {
    const page = await fetch(`${server.url}/`);
    await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    // A GraphQL answer is not hashed for an ETag (it is never revalidated); the client's page keeps its own.
    expect(api.headers.get('etag')).toBeNull();
    expect(page.headers.get('etag')).not.toBeNull();
    expect(api.headers.get('x-powered-by')).toBeNull();
  });

  it('introspection answers by default', async () => {
    const result = await server.graphql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('GRAPHQL_INTROSPECTION=false (sqlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { GRAPHQL_INTROSPECTION: 'false' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses introspection and still answers queries', async () => {
    const result = await server.graphql('{ __schema { queryType { name } } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    const products = await server.graphql<{ products: unknown[] }>('{ products { code } }');
    expect(products.data?.products.length).toBe(3);
  });
});

describe('/healthz on its own budget (sqlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: LIMITS });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 503 within its budget while another connection holds an exclusive lock, 200 after', async () => {
    const sqlitePath = server.running.orm.config.get('dbName')!;
    const other = knex({
      client: 'better-sqlite3',
      connection: { filename: sqlitePath },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    try {
      // The mail dispatcher's first pass at start reads the outbox; on SQLite a read that meets the
      // exclusive lock waits in the driver (synchronously), which would hold /healthz up with it.
      await server.running.mailDispatcher.settled();
      await other.raw('begin exclusive');
      const locked = await timedHealthz(server.url);
      expect(locked.status).toBe(503);
      expect(locked.ms).toBeLessThan(1000 + 300);
      await other.raw('rollback');
      expect((await timedHealthz(server.url)).status).toBe(200);
    } finally {
      await other.destroy();
    }
  });
});

describe.runIf(dialects.includes('postgresql'))('/healthz on its own budget (postgresql)', () => {
  let server: TestServer;
  let databaseUrl: string;
  beforeAll(async () => {
    // The default socket idle timeout: the queued requests below wait longer than the short one.
    server = await startTestServer('postgresql', {
      env: { ...LIMITS, HTTP_SOCKET_IDLE_TIMEOUT_MS: '30000' },
    });
    databaseUrl = server.running.orm.config.get('clientUrl')!;
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Runs `during` while another connection holds `lock table <table> in access exclusive mode`. */
  async function withTableLocked<T>(table: string, during: () => Promise<T>): Promise<T> {
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${table} in access exclusive mode`);
      return await during();
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
  }

  it('answers 503 within its budget when its read of the schema is blocked, 200 after', async () => {
    const locked = await withTableLocked('mikro_orm_migrations', () => timedHealthz(server.url));
    expect(locked.status).toBe(503);
    expect(locked.ms).toBeLessThan(1000 + 300);
    expect((await timedHealthz(server.url)).status).toBe(200);
  });

  it('answers 200 at once while a table lock holds every pooled connection; the blocked requests are told the server is busy at the lock timeout', async () => {
    const materials = operation('materials');
    const { blocked, health } = await withTableLocked('part', async () => {
      const started = Date.now();
      // More requests than the pool has connections: every one waits on the lock.
      const blocked = Array.from({ length: 15 }, () =>
        server.graphql(materials).then((result) => ({ result, ms: Date.now() - started })),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await timedHealthz(server.url);
      return { blocked: await Promise.all(blocked), health };
    });
    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(1000);
    for (const { result, ms } of blocked) {
      // Not an internal error: the caller may try again, and is told that nothing was changed.
      expect(result.errors?.[0]).toMatchObject({
        extensions: { code: 'SERVER_BUSY' },
        message: SERVER_BUSY_MESSAGE,
      });
      // lock_timeout 1.5 s; the last of the queue waits for a pooled connection first.
      expect(ms).toBeLessThan(8000);
    }
    expect((await server.graphql(materials)).errors).toBeUndefined();
  });
});
