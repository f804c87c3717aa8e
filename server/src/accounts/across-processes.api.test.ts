// Two server processes on one PostgreSQL database: each remembers recent sessions and API keys for a few
// seconds, and a sign-out or a revocation through one is heard by the other at once (NOTIFY,
// change-listener.ts), so the other refuses the session or key on its next request once the notice is in
// (the tests wait for it: it travels on its own connection), seconds before what it remembered would expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiScope } from '../graphql/authorization.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { eventually } from '../test-support/webhook-receiver.js';
import { browserRequest, createUser, ME, newAddress, SIGN_IN } from './accounts.test-support.js';

const credentials = ({ email, password }: { email: string; password: string }) => ({ email, password });
const onPostgres = (await testDialects()).includes('postgresql');

if (!onPostgres) {
  describe('sessions and API keys across processes', () => {
    it.skip('SKIPPED: PostgreSQL is not reachable here (in CI it runs)', () => {});
  });
} else {
  describe('sessions and API keys across two processes on PostgreSQL', () => {
    let first: TestServer;
    let second: TestServer;
    beforeAll(async () => {
      first = await startTestServer('postgresql');
      second = await startTestServer('postgresql', { sameDatabaseAs: first });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    /** Runs a change through one process and waits until the other has heard its notice. */
    async function heardBy<T>(server: TestServer, change: () => Promise<T>): Promise<T> {
      const before = server.running.processChanges!.noticesHeard;
      const result = await change();
      await eventually(() => server.running.processChanges!.noticesHeard > before, 'the change’s notice');
      return result;
    }

    async function me(server: TestServer, token: string): Promise<unknown> {
      const answer = await browserRequest(server, ME, {}, { token, ip: newAddress() });
      expect(answer.errors).toBeUndefined();
      return answer.data!.me;
    }

    it('a sign-out through one process ends the session in the other on its next request', async () => {
      const user = await createUser(first);
      const signedIn = await browserRequest(first, SIGN_IN, credentials(user), { ip: newAddress() });
      const token = signedIn.token!;
      // The other process reads the session, and remembers it.
      expect(await me(second, token)).toMatchObject({ email: user.email });
      expect(await me(second, token)).toMatchObject({ email: user.email });
      const out = await heardBy(second, () => browserRequest(first, 'mutation { signOut }', {}, { token }));
      expect(out.data).toEqual({ signOut: true });
      expect(await me(second, token)).toBeNull();
    });

    it('signing out everywhere through one process ends the sessions the other remembers', async () => {
      const user = await createUser(first);
      const laptop = (await browserRequest(first, SIGN_IN, credentials(user), { ip: newAddress() })).token!;
      const phone = (await browserRequest(second, SIGN_IN, credentials(user), { ip: newAddress() })).token!;
      expect(await me(second, phone)).toMatchObject({ email: user.email });
      const answer = await heardBy(second, () =>
        browserRequest(first, 'mutation { signOutEverywhere }', {}, { token: laptop }),
      );
      expect(answer.data).toEqual({ signOutEverywhere: 2 });
      expect(await me(second, phone)).toBeNull();
    });

    it('a key revoked through one process is refused by the other on its next request', async () => {
      const secret = await first.createApiKey({ scopes: [ApiScope.CATALOG_READ] });
      const as = { bearer: secret };
      expect((await second.graphql('{ products { code } }', {}, { as })).status).toBe(200);
      const keys = await first.data<{ apiKeys: { id: number; prefix: string }[] }>(
        '{ apiKeys { id prefix } }',
        {},
        { as: 'admin' },
      );
      const key = keys.apiKeys.find((candidate) => secret.startsWith(candidate.prefix));
      expect(key).toBeDefined();
      await heardBy(second, () =>
        first.data('mutation($id: Int!) { revokeApiKey(id: $id) { id } }', { id: key!.id }, { as: 'admin' }),
      );
      const refused = await second.graphql('{ products { code } }', {}, { as });
      expect(refused.status).toBe(401);
    });
  });
}
