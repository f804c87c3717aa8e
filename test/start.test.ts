// End to end: the BUILT server (node server/dist/main.js, as production runs it) in a child process,
// on SQLite and on PostgreSQL. Catches what vitest hides: decorator metadata, import cycles between
// entities, committed migrations, the client's build. The global setup builds what is stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BuiltServer,
  createPostgresDatabase,
  type DatabaseEnv,
  type Dialect,
  operation,
  queryPostgres,
  rawGet,
  startBuiltServer,
  tempDir,
  testDialects,
} from './support/built-server.js';

const dialects = await testDialects();
const PRODUCTS = operation('products.graphql');
const DEMO_PRODUCTS = ['e-bike', 'standing-desk', 'workstation-pc'];

interface ProductsData {
  products: {
    code: string;
    name: string;
    pitch: string;
    modelVersion: number;
    startingPrice: { amount: string; currency: string } | null;
  }[];
}

const published = (server: BuiltServer) =>
  server.logs().filter((line) => line.msg === 'published a demo product model');

/** A fresh database of the given kind; `remove()` drops it. */
async function freshDatabase(dialect: Dialect): Promise<DatabaseEnv & { remove(): Promise<void> }> {
  const folder = tempDir();
  const sqlitePath = `${folder.dir}/mto.sqlite`;
  if (dialect === 'sqlite') {
    return { databaseUrl: null, sqlitePath, remove: async () => folder.remove() };
  }
  const database = await createPostgresDatabase();
  return {
    databaseUrl: database.url,
    sqlitePath,
    async remove() {
      await database.drop();
      folder.remove();
    },
  };
}

describe.each(dialects)('the built server (node server/dist/main.js) on %s', (dialect: Dialect) => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let server: BuiltServer | undefined;
  const running = (): BuiltServer => {
    if (!server) throw new Error('the server did not start (see beforeAll)');
    return server;
  };

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    server = await startBuiltServer(database);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.remove();
  });

  it('logs JSON lines, one of them "listening on" with its URL, after publishing the demo models', () => {
    const { port } = running();
    const listening = running()
      .logs()
      .filter((line) => line.msg.startsWith('listening on'));
    expect(listening).toHaveLength(1);
    expect(listening[0]!.msg).toBe(`listening on http://127.0.0.1:${port}`);
    expect(
      published(running())
        .map((line) => line.product)
        .sort(),
    ).toEqual(DEMO_PRODUCTS);
  });

  it('GET /healthz is ok and names the database', async () => {
    const res = await fetch(`${running().base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('answers the shared Products operation with the three demo products, priced as decimal text', async () => {
    const { status, body } = await running().graphql(PRODUCTS);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const { products } = body.data as unknown as ProductsData;
    expect(products.map((p) => p.code).sort()).toEqual(DEMO_PRODUCTS);
    for (const product of products) {
      expect(product.modelVersion, product.code).toBe(1);
      expect(product.name, product.code).not.toBe('');
      expect(product.pitch, product.code).not.toBe('');
    }
    // The default builds' prices as exact decimal text, worked from server/demo-models/*.yaml (the arithmetic
    // is in server/src/catalog/catalog.api.test.ts): the built server answers as the one under test.
    expect(Object.fromEntries(products.map((p) => [p.code, p.startingPrice]))).toEqual({
      'e-bike': { amount: '3297.00', currency: 'EUR' },
      'standing-desk': { amount: '1170.60', currency: 'EUR' },
      'workstation-pc': { amount: '3019.40', currency: 'EUR' },
    });
  });

  it('GET / serves the client, and its script as JavaScript', async () => {
    const res = await fetch(`${running().base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>MTO Configurator</title>');
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${running().base}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  });

  it('a deep client route falls back to index.html', async () => {
    const res = await fetch(`${running().base}/products/standing-desk/configure`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>MTO Configurator</title>');
  });

  it('a missing asset is a 404, not the page', async () => {
    for (const missing of ['/assets/no-such-file.js', '/favicon.ico', '/no-such-image.png']) {
      const res = await fetch(`${running().base}${missing}`);
      expect(res.status, missing).toBe(404);
      expect(await res.text(), missing).not.toContain('<title>MTO Configurator</title>');
    }
  });

  it('does not leak files through path traversal', async () => {
    for (const attempt of [
      '/%2e%2e/%2e%2e/etc/passwd',
      '/../../etc/passwd',
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%2fpackage.json',
    ]) {
      const res = await rawGet(running().port, attempt);
      expect(res.body, attempt).not.toMatch(/root:.*:0:0:/);
      expect(res.body, attempt).not.toContain('"name": "@mto/client"');
      expect(res.body, attempt).not.toContain('"name": "mto-configurator"');
    }
  });

  it('a GraphQL syntax error is a 400 with a message and no stack trace', async () => {
    const { status, body, text } = await running().graphql('{ products { code ');
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(/Syntax Error/);
    expect(body.errors![0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    expect(text).not.toMatch(/\n\s+at |node_modules|\.[jt]s:\d+/);
  });

  it('malformed JSON is a GraphQL-shaped 400, and no Express stack trace reaches stderr', async () => {
    const response = await fetch(`${running().base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running().output()).not.toMatch(/SyntaxError|\n\s+at /);
  });

  // Last: it replaces the server with a second one on the same database.
  it('a second start on the same database publishes no new version', async () => {
    await running().stop();
    server = await startBuiltServer(database!);
    expect(published(running())).toEqual([]);
    const { body } = await running().graphql(PRODUCTS);
    expect(body.errors).toBeUndefined();
    const { products } = body.data as unknown as ProductsData;
    expect(products.map((p) => [p.code, p.modelVersion]).sort()).toEqual(DEMO_PRODUCTS.map((c) => [c, 1]));
    if (dialect === 'postgresql') {
      const rows = await queryPostgres<{ n: string }>(
        database!.databaseUrl!,
        'select count(*) as n from product_model_version',
      );
      expect(Number(rows[0]!.n)).toBe(3);
    }
  });
});

describe.runIf(dialects.includes('postgresql'))(
  'two built servers started at once on one fresh PostgreSQL database',
  () => {
    let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
    let servers: BuiltServer[] = [];

    beforeAll(async () => {
      database = await freshDatabase('postgresql');
      const starts = await Promise.allSettled([startBuiltServer(database), startBuiltServer(database)]);
      servers = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failures = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
      if (failures.length > 0) throw new Error(`a server did not come up:\n${failures.join('\n\n')}`);
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database?.remove();
    });

    it('both come up and answer', async () => {
      expect(servers).toHaveLength(2);
      for (const server of servers) {
        const res = await fetch(`${server.base}/healthz`);
        expect(await res.json()).toEqual({ status: 'ok', database: 'postgresql' });
        const { body } = await server.graphql(PRODUCTS);
        expect(body.errors).toBeUndefined();
        const { products } = body.data as unknown as ProductsData;
        expect(products.map((p) => [p.code, p.modelVersion]).sort()).toEqual(
          DEMO_PRODUCTS.map((c) => [c, 1]),
        );
      }
    });

    it('the demo models are published once', async () => {
      const rows = await queryPostgres<{ n: string }>(
        database!.databaseUrl!,
        'select count(*) as n from product_model_version',
      );
      expect(Number(rows[0]!.n)).toBe(3);
      expect(servers.flatMap(published)).toHaveLength(3);
    });
  },
);
