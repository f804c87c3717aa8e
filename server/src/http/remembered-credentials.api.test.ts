import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionService, tokenHash } from '../accounts/session.service.js';
import { User } from '../accounts/user.entity.js';
import { systemClock } from '../db/clock.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

/**
 * Sessions' viewers and API keys are remembered a few seconds per process (RememberedSessions, ApiKeyCache):
 * ending a session in this process must still refuse its very next request.
 */
describe.each(await testDialects())('remembered sessions on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const ADMIN_ONLY = '{ apiKeys { id } }';
  const sessions = () => new SessionService(server.running.orm.em.fork(), systemClock());
  const newAdminSession = async () => {
    const em = server.running.orm.em.fork();
    const admin = await em.findOneOrFail(User, { id: server.callers.userIds.admin });
    return (await new SessionService(em, systemClock()).start(admin)).token;
  };

  it('refuses a session on the request right after it ended, though it was just used', async () => {
    const token = await newAdminSession();
    for (let i = 0; i < 2; i++) {
      expect((await server.graphql(ADMIN_ONLY, {}, { as: { sessionToken: token } })).errors).toBeUndefined();
    }
    await sessions().end(tokenHash(token));
    const after = await server.graphql(ADMIN_ONLY, {}, { as: { sessionToken: token } });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses every other session of a user ended everywhere at once, and keeps the one spared', async () => {
    const kept = await newAdminSession();
    const ended = await newAdminSession();
    for (const token of [kept, ended]) {
      expect((await server.graphql(ADMIN_ONLY, {}, { as: { sessionToken: token } })).errors).toBeUndefined();
    }
    await sessions().endAll(server.callers.userIds.admin, tokenHash(kept));
    const refused = await server.graphql(ADMIN_ONLY, {}, { as: { sessionToken: ended } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql(ADMIN_ONLY, {}, { as: { sessionToken: kept } })).errors).toBeUndefined();
  });
});
