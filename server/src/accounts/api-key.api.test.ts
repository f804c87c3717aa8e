import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { ApiKeyCache } from './api-key-cache.js';

describe.each(await testDialects())('API keys on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('lets a key with the scope call the operation, and names the missing scope otherwise', async () => {
    const withScope = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ] });
    const withoutScope = await server.createApiKey({ scopes: [ApiScope.CONFIGURE] });
    const allowed = await server.graphql('{ products { code } }', {}, { as: { bearer: withScope } });
    expect(allowed.errors).toBeUndefined();
    expect((allowed.data as { products: unknown[] }).products.length).toBeGreaterThan(0);
    const refused = await server.graphql('{ products { code } }', {}, { as: { bearer: withoutScope } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      missingScope: 'catalog:read',
    });
    expect(refused.errors?.[0]?.message).toContain('catalog:read');
  });

  it('refuses an unknown key with 401 before any GraphQL work', async () => {
    const response = await server.graphql('{ products { code } }', {}, { as: { bearer: 'mto_live_nope' } });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  const CREATE = `mutation Create($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      key { id prefix name scopes account { id name } partnerName requestsPerMinute allowedOrigins createdBy createdAt lastUsedAt revokedAt }
    }
  }`;
  const LIST = `{ apiKeys { id prefix name scopes account { id } partnerName requestsPerMinute allowedOrigins createdBy createdAt lastUsedAt revokedAt } }`;
  const REVOKE = 'mutation Revoke($id: Int!) { revokeApiKey(id: $id) { id revokedAt } }';
  const UPDATE = `mutation Update($id: Int!, $input: UpdateApiKeyInput!) {
    updateApiKey(id: $id, input: $input) { id name requestsPerMinute allowedOrigins }
  }`;

  interface Created {
    createApiKey: {
      secret: string;
      key: { id: number; prefix: string; account: { id: number; name: string } | null; createdBy: string };
    };
  }

  const validInput = () => ({
    name: 'Shop integration',
    accountId: server.callers.accountIds.A,
    scopes: ['CATALOG_READ', 'CONFIGURE'],
    requestsPerMinute: 120,
    allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
  });

  it('lets an admin create a key whose secret is shown once and works at once', async () => {
    const { createApiKey } = await server.data<Created>(CREATE, { input: validInput() }, { as: 'admin' });
    expect(createApiKey.secret).toMatch(/^mto_live_[A-Za-z0-9_-]{43}$/);
    expect(createApiKey.secret.startsWith(createApiKey.key.prefix)).toBe(true);
    expect(createApiKey.key).toMatchObject({
      name: 'Shop integration',
      scopes: ['CATALOG_READ', 'CONFIGURE'],
      account: { id: server.callers.accountIds.A, name: 'Customer A Ltd' },
      partnerName: null,
      requestsPerMinute: 120,
      allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      createdBy: 'Ada Admin',
      lastUsedAt: null,
      revokedAt: null,
    });
    const used = await server.graphql('{ products { code } }', {}, { as: { bearer: createApiKey.secret } });
    expect(used.status).toBe(200);
    expect(used.errors).toBeUndefined();

    const listed = await server.graphql(LIST, {}, { as: 'admin' });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(createApiKey.secret);
    expect(text).not.toContain(createApiKey.secret.slice(createApiKey.key.prefix.length));
    const keys = (listed.data as { apiKeys: { id: number; lastUsedAt: string | null }[] }).apiKeys;
    expect(keys[0]).toMatchObject({ id: createApiKey.key.id, createdBy: 'Ada Admin' });
    expect(keys[0]!.lastUsedAt).not.toBeNull();
  });

  it('creates a partner key without an account', async () => {
    const input = { ...validInput(), accountId: null, partnerName: '  Acme   Resellers ' };
    const { createApiKey } = await server.data<Created>(CREATE, { input }, { as: 'admin' });
    expect(createApiKey.key).toMatchObject({ account: null, partnerName: 'Acme Resellers' });
  });

  it.each([
    [{ allowedOrigins: ['https://shop.example.com/app'] }, 'input.allowedOrigins[0]', /no path/],
    [
      { allowedOrigins: ['https://ok.example.com', 'shop.example.com'] },
      'input.allowedOrigins[1]',
      /not an origin/,
    ],
    [{ allowedOrigins: ['ftp://files.example.com'] }, 'input.allowedOrigins[0]', /http or https/],
    [{ allowedOrigins: ['https://Shop.example.com'] }, 'input.allowedOrigins[0]', /shop\.example\.com/],
    [{ scopes: [] }, 'input.scopes', /at least one scope/],
    [{ requestsPerMinute: 0 }, 'input.requestsPerMinute', /1 to 100000/],
    [{ requestsPerMinute: 100_001 }, 'input.requestsPerMinute', /1 to 100000/],
    [{ name: '   ' }, 'input.name', /needs a name/],
    [{ partnerName: 'Acme' }, 'input.accountId', /not both/],
    [{ accountId: null }, 'input.accountId', /give one/],
  ])('refuses %j as BAD_USER_INPUT naming %s, writing nothing', async (change, field, message) => {
    const before = await server.rowCounts();
    const response = await server.graphql(CREATE, { input: { ...validInput(), ...change } }, { as: 'admin' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await server.rowCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an account that does not exist', async () => {
    const response = await server.graphql(
      CREATE,
      { input: { ...validInput(), accountId: 999_999 } },
      { as: 'admin' },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.accountId' });
  });

  it('lets only admins manage keys: not other staff, customers, guests or keys', async () => {
    const key = await server.createApiKey({ scopes: [...Object.values(ApiScope)] });
    for (const as of ['sales', 'operations', 'customerA', 'anonymous', { bearer: key }] as const) {
      const listed = await server.graphql(LIST, {}, { as });
      expect(listed.errors?.[0]?.extensions?.code, JSON.stringify(as)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(listed.data ?? null).toBeNull();
      const created = await server.graphql(CREATE, { input: validInput() }, { as });
      expect(created.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });

  it('refuses a revoked key with 401 on its very next request, though it was just used', async () => {
    const { createApiKey } = await server.data<Created>(CREATE, { input: validInput() }, { as: 'admin' });
    const as = { bearer: createApiKey.secret };
    expect((await server.graphql('{ products { code } }', {}, { as })).status).toBe(200);
    const { revokeApiKey } = await server.data<{ revokeApiKey: { revokedAt: string | null } }>(
      REVOKE,
      { id: createApiKey.key.id },
      { as: 'admin' },
    );
    expect(revokeApiKey.revokedAt).not.toBeNull();
    const refused = await server.graphql('{ products { code } }', {}, { as });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Revoking again keeps the first time; a revoked key cannot be changed back into use.
    const again = await server.data<{ revokeApiKey: { revokedAt: string } }>(
      REVOKE,
      { id: createApiKey.key.id },
      { as: 'admin' },
    );
    expect(again.revokeApiKey.revokedAt).toBe(revokeApiKey.revokedAt);
  });

  it('is refused by another process within the few seconds it remembers keys (here: its memory emptied)', async () => {
    // What a second server process sharing the database sees once its remembered key expires.
    const secret = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ] });
    expect((await server.graphql('{ products { code } }', {}, { as: { bearer: secret } })).status).toBe(200);
    const keys = (await server.data<{ apiKeys: { id: number; prefix: string }[] }>(LIST, {}, { as: 'admin' }))
      .apiKeys;
    const id = keys.find((key) => secret.startsWith(key.prefix))!.id;
    await server.running.orm.em
      .fork()
      .getConnection()
      .execute(
        `update api_key set revoked_at = ${server.dialect === 'postgresql' ? 'now()' : `'${new Date().toISOString()}'`} where id = ${id}`,
      );
    ApiKeyCache.of(server.running.orm.em).invalidate();
    expect((await server.graphql('{ products { code } }', {}, { as: { bearer: secret } })).status).toBe(401);
  });

  it('lets an admin change a key’s name, limit and origins, and refuses bad values', async () => {
    const { createApiKey } = await server.data<Created>(CREATE, { input: validInput() }, { as: 'admin' });
    const id = createApiKey.key.id;
    const changed = await server.data<{ updateApiKey: unknown }>(
      UPDATE,
      { id, input: { name: 'Shop v2', requestsPerMinute: 5, allowedOrigins: [] } },
      { as: 'admin' },
    );
    expect(changed.updateApiKey).toEqual({ id, name: 'Shop v2', requestsPerMinute: 5, allowedOrigins: [] });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${createApiKey.secret}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('ratelimit-limit')).toBe('5');
    const bad = await server.graphql(
      UPDATE,
      { id, input: { allowedOrigins: ['https://a.example/x'] } },
      { as: 'admin' },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.allowedOrigins[0]',
    });
    const unknown = await server.graphql(UPDATE, { id: 999_999, input: { name: 'x' } }, { as: 'admin' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
