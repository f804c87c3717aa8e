// Graceful shutdown of the BUILT server: on SIGTERM it stops accepting, lets the request in flight finish,
// closes the database and exits 0; a request that never finishes is cut after the grace period.
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BuiltServer,
  createPostgresDatabase,
  type DatabaseEnv,
  type Dialect,
  operation,
  startBuiltServer,
  tempDir,
  testDialects,
} from './support/built-server.js';

const dialects = await testDialects();
const PRODUCTS = operation('products.graphql');

async function freshDatabase(dialect: Dialect): Promise<DatabaseEnv & { remove(): Promise<void> }> {
  const folder = tempDir('mto-shutdown-');
  const sqlitePath = `${folder.dir}/mto.sqlite`;
  if (dialect === 'sqlite') return { databaseUrl: null, sqlitePath, remove: async () => folder.remove() };
  const database = await createPostgresDatabase();
  return {
    databaseUrl: database.url,
    sqlitePath,
    remove: async () => {
      await database.drop();
      folder.remove();
    },
  };
}

/** A POST /graphql whose body is sent in two halves: in flight between them. */
function halfSentRequest(port: number, body: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const answer = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      resolve({ socket, answer });
    });
  });
}

function exited(server: BuiltServer): Promise<{ code: number | null; signal: string | null; at: number }> {
  return new Promise((resolve) =>
    server.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
}

async function waitForLog(server: BuiltServer, message: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !server.logs().some((line) => message.test(line.msg)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(server.logs().map((line) => line.msg)).toContainEqual(expect.stringMatching(message));
}

describe.each(dialects)('graceful shutdown of the built server on %s', (dialect: Dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('on SIGTERM: the request in flight answers 200, a new connection is refused, the process exits 0', async () => {
    const database = await freshDatabase(dialect);
    const server = await startBuiltServer(database, undefined, { SHUTDOWN_GRACE_MS: '10000' });
    cleanups.push(async () => {
      await server.stop();
      await database.remove();
    });
    const exit = exited(server);
    const body = JSON.stringify({ query: PRODUCTS });
    const inFlight = await halfSentRequest(server.port, body);
    await new Promise((resolve) => setTimeout(resolve, 200));

    server.child.kill('SIGTERM');
    await waitForLog(server, /^shutting down/);
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();

    const finishedAt = Date.now();
    inFlight.socket.write(body.slice(10));
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"standing-desk"');
    const { code, signal, at } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Not held by the kept-alive connection (5 s) nor the grace period (10 s) once the answer is out.
    expect(at - finishedAt).toBeLessThan(3000);
    expect(server.logs().map((line) => line.msg)).toContain('stopped');
  });
});

describe('graceful shutdown with a request that never finishes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  // The grace period does not depend on the database: once, on SQLite.
  it('a request that never finishes is cut after the grace period, and the process still exits 0', async () => {
    const database = await freshDatabase('sqlite');
    const server = await startBuiltServer(database, undefined, { SHUTDOWN_GRACE_MS: '1000' });
    cleanups.push(async () => {
      await server.stop();
      await database.remove();
    });
    const exit = exited(server);
    const stuck = await halfSentRequest(server.port, JSON.stringify({ query: PRODUCTS }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    server.child.kill('SIGINT');
    expect(await stuck.answer).toBe('');
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeGreaterThanOrEqual(900);
    expect(at - signalledAt).toBeLessThan(4000);
  });
});
