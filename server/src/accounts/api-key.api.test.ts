import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

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
});
