import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { CALLERS } from '../test-support/callers.js';

const AUDIT = '{ accessAudit(first: 20) { action actor subject detail } }';

describe.each(await testDialects())('the audit of who may do what, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('records each change to a user or a key with the admin who made it, newest first', async () => {
    const target = server.callers.userIds.sales;
    await server.data(
      'mutation ($id: Int!) { setUserRoles(userId: $id, roles: [SALES, SALES_MANAGER]) { id } }',
      { id: target },
      { as: 'admin' },
    );
    await server.data(
      'mutation ($id: Int!) { disableUser(userId: $id) { id } }',
      { id: target },
      { as: 'admin' },
    );
    await server.data(
      'mutation ($id: Int!) { enableUser(userId: $id) { id } }',
      { id: target },
      { as: 'admin' },
    );
    await server.createApiKey({ scopes: [ApiScope.CATALOG_READ], name: 'Audited key' });
    const { apiKeys } = await server.data<{ apiKeys: { id: number; prefix: string }[] }>(
      '{ apiKeys { id prefix } }',
      {},
      { as: 'admin' },
    );
    const key = apiKeys[0]!;
    await server.data(
      'mutation ($id: Int!) { revokeApiKey(id: $id) { id } }',
      { id: key.id },
      { as: 'admin' },
    );

    const { accessAudit } = await server.data<{
      accessAudit: { action: string; actor: string; subject: string; detail: string | null }[];
    }>(AUDIT, {}, { as: 'admin' });
    expect(accessAudit.slice(0, 4)).toEqual([
      {
        action: 'API_KEY_REVOKED',
        actor: CALLERS.admin.email,
        subject: `API key ${key.prefix}`,
        detail: null,
      },
      { action: 'USER_ENABLED', actor: CALLERS.admin.email, subject: `user ${target}`, detail: null },
      { action: 'USER_DISABLED', actor: CALLERS.admin.email, subject: `user ${target}`, detail: null },
      {
        action: 'USER_ROLES_CHANGED',
        actor: CALLERS.admin.email,
        subject: `user ${target}`,
        detail: 'SALES -> SALES, SALES_MANAGER',
      },
    ]);
    const refused = await server.graphql(AUDIT, {}, { as: 'operations' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
