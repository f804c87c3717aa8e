import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { browserRequest, createUser, ME, newAddress, SIGN_IN } from './accounts.test-support.js';
import { CustomerAccount } from './customer-account.entity.js';
import { ACCOUNT_FAILURES, IP_ATTEMPTS } from './login-limits.js';
import { verificationCount } from './passwords.js';

const SIGN_OUT = 'mutation { signOut }';
const SIGN_OUT_EVERYWHERE = 'mutation { signOutEverywhere }';
const CHANGE_PASSWORD =
  'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

describe.each(await testDialects())('sign-in on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());

  /** Signs in from a new browser (its own address); the session token its cookie holds. */
  async function signIn(email: string, password: string, ip = newAddress(), token?: string): Promise<string> {
    const answer = await browserRequest(server, SIGN_IN, { email, password }, { ip, token });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.token).toBeTruthy();
    return answer.token!;
  }

  async function me(token: string): Promise<{ email: string } | null> {
    const answer = await browserRequest(server, ME, {}, { token, ip: newAddress() });
    expect(answer.errors).toBeUndefined();
    return answer.data!.me as { email: string } | null;
  }

  it('sets an httpOnly SameSite=Lax cookie (Secure behind an https proxy) that signs the browser in', async () => {
    const user = await createUser(server, { email: `  Cookie-${dialect}@People.Test `.trim().toLowerCase() });
    const plain = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email.toUpperCase(), password: user.password },
      { ip: newAddress() },
    );
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.signIn).toMatchObject({ email: user.email, roles: ['SALES'] });
    expect(plain.cookie).toMatch(/HttpOnly/i);
    expect(plain.cookie).toMatch(/SameSite=Lax/i);
    expect(plain.cookie).not.toMatch(/Secure/i);
    expect(await me(plain.token!)).toMatchObject({ email: user.email });
    const https = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: user.password },
      { ip: newAddress(), headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(https.cookie).toMatch(/;\s*Secure/i);
    expect(await me('not-a-session')).toBeNull();
  });

  it("answers the sign-in as the person signed in: their account's price list, which an anonymous caller may not read", async () => {
    const account = await server.running.orm.em.fork().findOneOrFail(CustomerAccount, { currency: 'EUR' });
    const user = await createUser(server, { roles: ['CUSTOMER'], accountId: account.id });
    const answer = await browserRequest(
      server,
      'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { email account { priceList { code } } } }',
      { email: user.email, password: user.password },
      { ip: newAddress() },
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.data!.signIn).toEqual({ email: user.email, account: { priceList: { code: 'eur-list' } } });
  });

  it('answers a wrong password, an unknown e-mail and a disabled user alike, each after one argon2 verification', async () => {
    const user = await createUser(server);
    const ip = newAddress();
    const before = verificationCount();
    const wrong = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: 'wrong-password-1' },
      { ip },
    );
    expect(verificationCount() - before).toBe(1);
    const unknown = await browserRequest(
      server,
      SIGN_IN,
      { email: 'nobody-here@people.test', password: user.password },
      { ip },
    );
    expect(verificationCount() - before).toBe(2);
    for (const answer of [wrong, unknown]) {
      expect(answer.errors?.[0]).toMatchObject({
        message: 'The e-mail or password is wrong.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      expect(answer.token).toBeUndefined();
    }
  });

  it('gives a new session id at sign-in and ends the one the browser came with', async () => {
    const user = await createUser(server);
    const first = await signIn(user.email, user.password);
    const second = await signIn(user.email, user.password, newAddress(), first);
    expect(second).not.toBe(first);
    expect(await me(second)).toMatchObject({ email: user.email });
    expect(await me(first)).toBeNull();
  });

  it('ends the session at sign-out: the old cookie no longer signs in', async () => {
    const user = await createUser(server);
    const token = await signIn(user.email, user.password);
    const out = await browserRequest(server, SIGN_OUT, {}, { token });
    expect(out.data).toEqual({ signOut: true });
    expect(out.token).toBe('');
    expect(await me(token)).toBeNull();
    expect((await browserRequest(server, SIGN_OUT, {}, { token })).data).toEqual({ signOut: false });
  });

  it('signs out everywhere: every browser of the user, and only that user', async () => {
    const user = await createUser(server);
    const other = await createUser(server);
    const laptop = await signIn(user.email, user.password);
    const phone = await signIn(user.email, user.password);
    const someoneElse = await signIn(other.email, other.password);
    const answer = await browserRequest(server, SIGN_OUT_EVERYWHERE, {}, { token: laptop });
    expect(answer.data).toEqual({ signOutEverywhere: 2 });
    expect(answer.token).toBe('');
    expect(await me(laptop)).toBeNull();
    expect(await me(phone)).toBeNull();
    expect(await me(someoneElse)).toMatchObject({ email: other.email });
    const anonymous = await browserRequest(server, SIGN_OUT_EVERYWHERE);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('changes the password: other sessions end, this one is replaced, only the new password signs in', async () => {
    const user = await createUser(server);
    const here = await signIn(user.email, user.password);
    const elsewhere = await signIn(user.email, user.password);
    const weak = await browserRequest(
      server,
      CHANGE_PASSWORD,
      { current: user.password, next: 'short' },
      { token: here },
    );
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const same = await browserRequest(
      server,
      CHANGE_PASSWORD,
      { current: user.password, next: user.email },
      { token: here },
    );
    expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const wrong = await browserRequest(
      server,
      CHANGE_PASSWORD,
      { current: 'not-the-password', next: 'a-new-long-password' },
      { token: here },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const changed = await browserRequest(
      server,
      CHANGE_PASSWORD,
      { current: user.password, next: 'a-new-long-password' },
      { token: here, ip: newAddress() },
    );
    expect(changed.data).toEqual({ changePassword: true });
    expect(changed.token).toBeTruthy();
    expect(changed.token).not.toBe(here);
    expect(await me(changed.token!)).toMatchObject({ email: user.email });
    expect(await me(here)).toBeNull();
    expect(await me(elsewhere)).toBeNull();
    const old = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: user.password },
      { ip: newAddress() },
    );
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await signIn(user.email, 'a-new-long-password');
  });

  it('disables a user: their sessions end and they cannot sign in until enabled; an admin cannot disable themself', async () => {
    const user = await createUser(server);
    const token = await signIn(user.email, user.password);
    const disabled = await server.graphql(
      'mutation($id: Int!) { disableUser(userId: $id) { id disabled } }',
      { id: user.id },
      { as: 'admin' },
    );
    expect(disabled.data).toEqual({ disableUser: { id: user.id, disabled: true } });
    expect(await me(token)).toBeNull();
    const refused = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: user.password },
      { ip: newAddress() },
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'The e-mail or password is wrong.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const self = await server.graphql(
      'mutation($id: Int!) { disableUser(userId: $id) { id } }',
      { id: server.callers.userIds.admin },
      { as: 'admin' },
    );
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    await server.data(
      'mutation($id: Int!) { enableUser(userId: $id) { id } }',
      { id: user.id },
      { as: 'admin' },
    );
    await signIn(user.email, user.password);
  });

  it('refuses an account after too many failures, even with the right password, and says when to try again', async () => {
    const user = await createUser(server);
    for (let failure = 1; failure <= ACCOUNT_FAILURES; failure++) {
      const answer = await browserRequest(
        server,
        SIGN_IN,
        { email: user.email, password: `wrong-${failure}-password` },
        { ip: newAddress() },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const before = verificationCount();
    const refused = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: user.password },
      { ip: newAddress() },
    );
    expect(verificationCount()).toBe(before);
    expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.errors?.[0]?.message).toMatch(/try again in \d+ minutes? \(after \d\d:\d\d UTC\)/);
    expect(refused.token).toBeUndefined();
    // Another account is not touched.
    const other = await createUser(server);
    await signIn(other.email, other.password);
  });

  it('refuses an address after too many attempts, whichever the accounts; other addresses go on', async () => {
    const user = await createUser(server);
    const ip = newAddress();
    for (let attempt = 1; attempt <= IP_ATTEMPTS; attempt++) {
      const answer = await browserRequest(
        server,
        SIGN_IN,
        { email: `guess-${attempt}@people.test`, password: 'guessed-password' },
        { ip },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await browserRequest(
      server,
      SIGN_IN,
      { email: user.email, password: user.password },
      { ip },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.message).toContain('network address');
    await signIn(user.email, user.password);
  });

  it('refuses an API key: sign-in is for people', async () => {
    const key = await server.createApiKey({ scopes: ['catalog:read'] });
    const answer = await server.graphql(
      SIGN_IN,
      { email: 'a@b.test', password: 'whatever-password' },
      { as: { bearer: key } },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
