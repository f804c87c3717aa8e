import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../db/clock.js';
import { DEMO_QUOTE_USERS } from '../quotes/quote-demo.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { browserRequest, newAddress, SIGN_IN } from './accounts.test-support.js';
import { DEMO_ACCOUNT_NAME, DEMO_USERS, seedDemoUsers } from './demo-users.js';

const ACCOUNT =
  '{ me { roles account { name kind currency addresses { kind country } contacts { email } } } }';

describe.each(await testDialects())('demo users on %s', (dialect) => {
  let server: TestServer;
  const notices: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { TRUST_PROXY: 'true' },
      announce: (text) => notices.push(text),
    });
  });
  afterAll(() => server?.close());

  it('creates the demo users on a new database and shows their sign-ins once, marked demo only', async () => {
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('demo users, for trying only');
    // With the quotes demo's US sales rep and US buyer, seeded on the same start.
    for (const demo of [...DEMO_USERS, ...DEMO_QUOTE_USERS]) {
      expect(notices[0]).toContain(demo.email);
      expect(notices[0]).toContain(demo.password);
      const answer = await browserRequest(
        server,
        SIGN_IN,
        { email: demo.email, password: demo.password },
        { ip: newAddress() },
      );
      expect(answer.errors, demo.email).toBeUndefined();
      expect(answer.data!.signIn).toMatchObject({ email: demo.email, roles: [...demo.roles] });
      expect(notices[0]).toMatch(new RegExp(`${demo.email}\\s+${demo.password}\\s+${demo.roles.join(', ')}`));
    }
    expect(await seedDemoUsers(server.running.orm, systemClock())).toBe(false);
  });

  it('gives the demo customer its company account with a billing and a delivery address', async () => {
    const customer = DEMO_USERS.find((user) => user.email === 'customer@demo.example')!;
    const signedIn = await browserRequest(
      server,
      SIGN_IN,
      { email: customer.email, password: customer.password },
      { ip: newAddress() },
    );
    const answer = await browserRequest(server, ACCOUNT, {}, { token: signedIn.token });
    expect(answer.data).toEqual({
      me: {
        roles: ['CUSTOMER'],
        account: {
          name: DEMO_ACCOUNT_NAME,
          kind: 'COMPANY',
          currency: 'EUR',
          addresses: [
            { kind: 'BILLING', country: 'DE' },
            { kind: 'DELIVERY', country: 'DE' },
          ],
          contacts: [{ email: customer.email }],
        },
      },
    });
  });
});

describe('DEMO_DATA=false', () => {
  it('creates no demo users and shows no notice', async () => {
    const notices: string[] = [];
    const server = await startTestServer('sqlite', {
      env: { DEMO_DATA: 'false' },
      announce: (text) => notices.push(text),
    });
    try {
      expect(notices).toEqual([]);
      const { users } = await server.data<{ users: { email: string }[] }>(
        '{ users(search: "@demo.example") { email } }',
        {},
        { as: 'admin' },
      );
      expect(users).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
