import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

describe.each(await testDialects())('per-key rate limits on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ products { code } }' }),
    });

  it('answers a key of 3 requests a minute three times, Remaining going down, then 429 with Retry-After', async () => {
    const secret = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], requestsPerMinute: 3 });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post({ authorization: `Bearer ${secret}` });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-policy')).toBe('3;w=60');
      const reset = Number(response.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await post({ authorization: `Bearer ${secret}` });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as {
      data?: unknown;
      errors: { message: string; extensions: unknown }[];
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(body.errors[0]!.message).toMatch(/3 requests a minute.*retry in \d+ s/);
  });

  it('counts each key on its own, and leaves requests without a key alone', async () => {
    const first = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], requestsPerMinute: 1 });
    const second = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], requestsPerMinute: 1 });
    expect((await post({ authorization: `Bearer ${first}` })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${first}` })).status).toBe(429);
    expect((await post({ authorization: `Bearer ${second}` })).status).toBe(200);
    const anonymous = await post({});
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('ratelimit-limit')).toBeNull();
    const signedIn = await post(server.headersFor('customerA'));
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('ratelimit-limit')).toBeNull();
  });
});
