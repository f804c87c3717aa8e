import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

const PARTNER = 'https://shop.partner.example';
const OTHER_PARTNER = 'http://localhost:5173';
const STRANGER = 'https://evil.example';

describe.each(await testDialects())('CORS for partners’ browser apps on %s', (dialect) => {
  let server: TestServer;
  let partnerKey: string;
  let otherKey: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    partnerKey = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], allowedOrigins: [PARTNER] });
    otherKey = await server.createApiKey({
      scopes: [ApiScope.CATALOG_READ],
      allowedOrigins: [OTHER_PARTNER],
    });
  });
  afterAll(() => server?.close());

  const preflight = (origin: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ products { code } }' }),
    });

  it('answers a preflight from an origin a key allows: 204, that origin, methods, headers, max age, no credentials', async () => {
    const response = await preflight(PARTNER);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST,GET');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives a preflight from any other origin no CORS header (the browser blocks it)', async () => {
    const response = await preflight(STRANGER);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers a partner’s request with its key, exposing the rate-limit headers', async () => {
    const response = await post({ origin: PARTNER, authorization: `Bearer ${partnerKey}` });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase().split(',') ?? [];
    expect(exposed).toEqual(
      expect.arrayContaining(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']),
    );
    expect(response.headers.get('ratelimit-limit')).not.toBeNull();
  });

  it('refuses with 403 a key that does not allow the origin it is sent from', async () => {
    const response = await post({ origin: PARTNER, authorization: `Bearer ${otherKey}` });
    expect(response.status).toBe(403);
    const body = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: unknown }[];
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(body.errors[0]!.message).toContain(`does not allow origin "${PARTNER}"`);
  });

  it('refuses a request from another origin without a key, and never accepts a cookie cross-origin', async () => {
    for (const origin of [PARTNER, STRANGER]) {
      const withCookie = await post({ origin, ...server.headersFor('admin') });
      expect(withCookie.status).toBe(403);
      const body = (await withCookie.json()) as { data?: unknown; errors: { extensions: unknown }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(withCookie.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // A key sent with a cookie acts as the key, never as the cookie's person.
    const keyAndCookie = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: PARTNER,
        authorization: `Bearer ${partnerKey}`,
        ...server.headersFor('admin'),
      },
      body: JSON.stringify({ query: '{ apiKeys { id } }' }),
    });
    const body = (await keyAndCookie.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('reads the session cookie of a same-origin request (our own client sends Origin too)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, ...server.headersFor('admin') },
      body: JSON.stringify({ query: '{ apiKeys { id } }' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('stops allowing an origin at once when the only key allowing it is revoked', async () => {
    const origin = 'https://short-lived.example';
    const secret = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], allowedOrigins: [origin] });
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    const { apiKeys } = await server.data<{ apiKeys: { id: number; prefix: string }[] }>(
      '{ apiKeys { id prefix } }',
      {},
      { as: 'admin' },
    );
    const id = apiKeys.find((key) => secret.startsWith(key.prefix))!.id;
    await server.data('mutation($id: Int!) { revokeApiKey(id: $id) { id } }', { id }, { as: 'admin' });
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a partner’s page read its refusals: a bad key (401) and the limit reached (429)', async () => {
    const badKey = await post({ origin: PARTNER, authorization: 'Bearer mto_live_not-a-key' });
    expect(badKey.status).toBe(401);
    expect(badKey.headers.get('access-control-allow-origin')).toBe(PARTNER);
    const limited = await server.createApiKey({
      scopes: [ApiScope.CATALOG_READ],
      allowedOrigins: [PARTNER],
      requestsPerMinute: 1,
    });
    expect((await post({ origin: PARTNER, authorization: `Bearer ${limited}` })).status).toBe(200);
    const refused = await post({ origin: PARTNER, authorization: `Bearer ${limited}` });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(refused.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('retry-after');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
