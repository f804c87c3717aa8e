import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { WRONG_KEYS_PER_ADDRESS } from './viewer.js';

describe.each(await testDialects())('guessing API keys on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    // Behind a proxy (TRUST_PROXY), each test's address is its own X-Forwarded-For.
    server = await startTestServer(dialect, { env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());

  const products = (bearer: string, address: string) =>
    server.graphql('{ products { code } }', {}, { as: { bearer, headers: { 'x-forwarded-for': address } } });

  it(`refuses an address after ${WRONG_KEYS_PER_ADDRESS} wrong keys, without a look-up; other addresses and good keys go on`, async () => {
    for (let attempt = 0; attempt < WRONG_KEYS_PER_ADDRESS; attempt++) {
      const wrong = await products(`mto_live_guess${attempt}`, '203.0.113.7');
      expect(wrong.status).toBe(401);
    }
    const blocked = await products('mto_live_one-more-guess', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(blocked.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);

    expect((await products('mto_live_first-guess', '203.0.113.8')).status).toBe(401);
    const good = await server.createApiKey({ scopes: [ApiScope.CATALOG_READ] });
    const answered = await products(good, '203.0.113.9');
    expect(answered.status).toBe(200);
    expect(answered.errors).toBeUndefined();
  });
});
