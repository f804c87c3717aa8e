import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { browserRequest, createUser, newAddress, SIGN_IN } from './accounts.test-support.js';

const PLACE_ORDER = operation('place-order');

/** A debug-level logger whose JSON lines the test reads. */
function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe.each(await testDialects())(
  'sign-in and accounts leave no personal data in the log on %s',
  (dialect) => {
    const { lines, logger } = capturedLogger();
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect, { logger, env: { TRUST_PROXY: 'true' } });
    });
    afterAll(() => server?.close());

    it('signs in right and wrong, invites, creates accounts and orders as a customer: 0 hits for e-mails, names, passwords', async () => {
      const person = {
        email: 'hedy.lamarr@inventor.example',
        name: 'Hedy Lamarr',
        password: 'frequency-hopping-1942',
      };
      const user = await createUser(server, {
        ...person,
        roles: ['CUSTOMER'],
        accountId: server.callers.accountIds.A,
      });
      const ip = newAddress();
      const wrong = await browserRequest(
        server,
        SIGN_IN,
        { email: person.email, password: 'spread-spectrum-wrong' },
        { ip },
      );
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const unknown = await browserRequest(
        server,
        SIGN_IN,
        { email: 'nobody.known@inventor.example', password: 'unknown-user-password' },
        { ip },
      );
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const signedIn = await browserRequest(
        server,
        SIGN_IN,
        { email: person.email, password: person.password },
        { ip },
      );
      expect(signedIn.data!.signIn).toMatchObject({ id: user.id });

      const invited = {
        email: 'ada.lovelace@engine.example',
        name: 'Augusta Ada King',
        password: 'analytical-engine-1843',
      };
      const invitation = await server.data<{ inviteUser: { token: string } }>(
        'mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }',
        { input: { email: invited.email, name: invited.name, roles: ['SALES'] } },
        { as: 'admin' },
      );
      const accepted = await browserRequest(
        server,
        'mutation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { id } }',
        { token: invitation.inviteUser.token, password: invited.password },
      );
      expect(accepted.errors).toBeUndefined();

      const account = { name: 'Zuse Rechenanlagen KG', recipient: 'Konrad Zuse' };
      const created = await server.graphql(
        'mutation($input: NewCustomerAccountInput!) { createCustomerAccount(input: $input) { id } }',
        {
          input: {
            name: account.name,
            kind: 'COMPANY',
            currency: 'EUR',
            addresses: [
              {
                kind: 'BILLING',
                recipient: account.recipient,
                line1: 'Methfesselstraße 10',
                postalCode: '10965',
                city: 'Berlin',
                country: 'DE',
              },
            ],
          },
        },
        { as: 'sales' },
      );
      expect(created.errors).toBeUndefined();
      const refused = await server.graphql(
        'mutation($input: NewCustomerAccountInput!) { createCustomerAccount(input: $input) { id } }',
        { input: { name: account.name, kind: 'COMPANY', currency: 'eur', addresses: [] } },
        { as: 'sales' },
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const order = await browserRequest(
        server,
        PLACE_ORDER,
        {
          input: {
            lines: [{ productCode: 'e-bike', selections: [] }],
            ...DEMO_CHECKOUT,
            customer: { name: person.name, email: person.email },
          },
        },
        { token: signedIn.token },
      );
      expect(order.data?.placeOrder, JSON.stringify(order)).toMatchObject({ __typename: 'Order' });

      const logged = lines.join('\n');
      expect(lines.length).toBeGreaterThan(10);
      for (const secret of [
        person.email,
        person.name,
        person.password,
        'spread-spectrum-wrong',
        'nobody.known@inventor.example',
        'unknown-user-password',
        invited.email,
        invited.name,
        invited.password,
        invitation.inviteUser.token,
        account.name,
        account.recipient,
        signedIn.token!,
      ]) {
        expect(logged, secret).not.toContain(secret);
      }
      expect(logged.toLowerCase()).not.toMatch(/hedy|lamarr|lovelace|zuse/);
    });
  },
);
