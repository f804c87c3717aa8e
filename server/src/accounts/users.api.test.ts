import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { browserRequest, ME, newAddress, SIGN_IN } from './accounts.test-support.js';

const INVITE =
  'mutation($input: InviteUserInput!) { inviteUser(input: $input) { token link expiresAt user { id email name roles disabled account { id } } } }';
const ACCEPT =
  'mutation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { id email } }';
const SET_ROLES =
  'mutation($id: Int!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id roles } }';
const CREATE_ACCOUNT =
  'mutation($input: NewCustomerAccountInput!) { createCustomerAccount(input: $input) { id name kind currency addresses { kind recipient line1 line2 postalCode city country } contacts { email } } }';
const ACCOUNT =
  'query($id: Int!) { customerAccount(id: $id) { id name contacts { email } addresses { city } } }';
const ADD_ADDRESS =
  'mutation($id: Int!, $input: AccountAddressInput!) { addAccountAddress(accountId: $id, input: $input) { id kind city country } }';

const address = {
  kind: 'DELIVERY',
  recipient: 'Goods receiving',
  line1: 'Hafenstraße 5',
  postalCode: '20457',
  city: 'Hamburg',
  country: 'de',
};

describe.each(await testDialects())('users and customer accounts on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());

  it('invites a user: the link works once, for 7 days, sets the password and signs in', async () => {
    const email = `invited-${dialect}@people.test`;
    const { inviteUser } = await server.data<{
      inviteUser: { token: string; link: string; expiresAt: string; user: Record<string, unknown> };
    }>(
      INVITE,
      { input: { email: ` ${email.toUpperCase()} `, name: ' Ina   Invited ', roles: ['OPERATIONS'] } },
      { as: 'admin' },
    );
    expect(inviteUser.user).toMatchObject({
      email,
      name: 'Ina Invited',
      roles: ['OPERATIONS'],
      disabled: false,
      account: null,
    });
    expect(inviteUser.link).toBe(`/invitation/${inviteUser.token}`);
    const days = (Date.parse(inviteUser.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Without a password yet, nothing signs in.
    const early = await browserRequest(server, SIGN_IN, { email, password: '' }, { ip: newAddress() });
    expect(early.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const weak = await browserRequest(server, ACCEPT, { token: inviteUser.token, password: 'too-short' });
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const accepted = await browserRequest(server, ACCEPT, {
      token: inviteUser.token,
      password: 'my-own-long-password',
    });
    expect(accepted.data).toEqual({ acceptInvitation: { id: inviteUser.user.id, email } });
    const me = await browserRequest(server, ME, {}, { token: accepted.token });
    expect(me.data!.me).toMatchObject({ email, roles: ['OPERATIONS'] });
    const again = await browserRequest(server, ACCEPT, {
      token: inviteUser.token,
      password: 'another-long-password',
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const signedIn = await browserRequest(
      server,
      SIGN_IN,
      { email, password: 'my-own-long-password' },
      { ip: newAddress() },
    );
    expect(signedIn.errors).toBeUndefined();
  });

  it('ties a CUSTOMER to an account and staff to none, naming the field', async () => {
    const invite = (input: Record<string, unknown>) => server.graphql(INVITE, { input }, { as: 'admin' });
    const noAccount = await invite({ email: 'c1@people.test', name: 'C', roles: ['CUSTOMER'] });
    expect(noAccount.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.accountId',
    });
    const staffWithAccount = await invite({
      email: 'c2@people.test',
      name: 'C',
      roles: ['SALES'],
      accountId: server.callers.accountIds.A,
    });
    expect(staffWithAccount.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.accountId',
    });
    const both = await invite({
      email: 'c3@people.test',
      name: 'C',
      roles: ['CUSTOMER', 'SALES'],
      accountId: server.callers.accountIds.A,
    });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roles' });
    const noRoles = await invite({ email: 'c4@people.test', name: 'C', roles: [] });
    expect(noRoles.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roles' });
    const badEmail = await invite({ email: 'not-an-email', name: 'C', roles: ['SALES'] });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const taken = await invite({ email: 'ANNA@customer-a.test', name: 'Anna again', roles: ['SALES'] });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const unknownAccount = await invite({
      email: 'c5@people.test',
      name: 'C',
      roles: ['CUSTOMER'],
      accountId: 999999,
    });
    expect(unknownAccount.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.accountId',
    });
    const customer = await invite({
      email: 'c6@people.test',
      name: 'Cara',
      roles: ['CUSTOMER'],
      accountId: server.callers.accountIds.B,
    });
    expect(customer.data?.inviteUser).toMatchObject({
      user: { account: { id: server.callers.accountIds.B } },
    });
  });

  it('sets roles at once for the user’s sessions; an admin keeps their own ADMIN', async () => {
    const id = server.callers.userIds.operations;
    const before = await server.graphql('{ users { id } }', {}, { as: 'operations' });
    expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await server.data(SET_ROLES, { id, roles: ['OPERATIONS', 'ADMIN'] }, { as: 'admin' });
    expect(set).toEqual({ setUserRoles: { id, roles: ['OPERATIONS', 'ADMIN'] } });
    const after = await server.graphql('{ users(search: "OTTO") { email } }', {}, { as: 'operations' });
    expect(after.data).toEqual({ users: [{ email: 'otto@plant.test' }] });
    await server.data(SET_ROLES, { id, roles: ['OPERATIONS'] }, { as: 'admin' });
    const self = await server.graphql(
      SET_ROLES,
      { id: server.callers.userIds.admin, roles: ['SALES'] },
      { as: 'admin' },
    );
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    const customerToStaff = await server.graphql(
      SET_ROLES,
      { id: server.callers.userIds.customerA, roles: ['SALES'] },
      { as: 'admin' },
    );
    expect(customerToStaff.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    const unknown = await server.graphql(SET_ROLES, { id: 999999, roles: ['SALES'] }, { as: 'admin' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
  });

  it('keeps user administration to admins, and every account operation from API keys', async () => {
    expect(
      (await server.graphql('{ users { id } }', {}, { as: 'anonymous' })).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await server.graphql('{ users { id } }', {}, { as: 'salesManager' })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const key = await server.createApiKey({ scopes: ['catalog:read', 'orders:read', 'orders:write'] });
    for (const query of ['{ me { id } }', '{ customerAccounts { id } }', '{ users { id } }']) {
      const answer = await server.graphql(query, {}, { as: { bearer: key } });
      expect(answer.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect((await server.graphql('{ me { id } }', {}, { as: 'anonymous' })).data).toEqual({ me: null });
  });

  it('creates customer accounts with addresses, for sales staff only', async () => {
    const input = { name: ' Nordlicht  AG ', kind: 'COMPANY', currency: 'CHF', addresses: [address] };
    const created = await server.data<{ createCustomerAccount: { id: number } }>(
      CREATE_ACCOUNT,
      { input },
      { as: 'sales' },
    );
    expect(created.createCustomerAccount).toMatchObject({
      name: 'Nordlicht AG',
      currency: 'CHF',
      addresses: [{ ...address, country: 'DE', line2: null }],
      contacts: [],
    });
    const listed = await server.data<{ customerAccounts: { name: string }[] }>(
      '{ customerAccounts(search: "nordLICHT") { name } }',
      {},
      { as: 'salesManager' },
    );
    expect(listed.customerAccounts).toEqual([{ name: 'Nordlicht AG' }]);
    for (const as of ['operations', 'customerA'] as const) {
      const refused = await server.graphql(CREATE_ACCOUNT, { input }, { as });
      expect(refused.errors?.[0]?.extensions?.code, as).toBe('FORBIDDEN');
      expect(
        (await server.graphql('{ customerAccounts { id } }', {}, { as })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    }
  });

  it('names the field of a bad account or address and writes nothing', async () => {
    const valid = { name: 'Valid GmbH', kind: 'COMPANY', currency: 'EUR', addresses: [address] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, currency: 'eur' }, 'input.currency'],
      [{ ...valid, currency: 'ABC' }, 'input.currency'],
      [{ ...valid, currency: 'EURO' }, 'input.currency'],
      [{ ...valid, name: '   ' }, 'input.name'],
      [{ ...valid, name: 'Evil\u0000Corp' }, 'input.name'],
      [{ ...valid, name: 'x'.repeat(201) }, 'input.name'],
      [{ ...valid, addresses: [{ ...address, country: 'XX' }] }, 'input.addresses[0].country'],
      [{ ...valid, addresses: [{ ...address, country: 'DEU' }] }, 'input.addresses[0].country'],
      [{ ...valid, addresses: [{ ...address, city: '' }] }, 'input.addresses[0].city'],
      [
        { ...valid, addresses: [address, { ...address, postalCode: '1'.repeat(21) }] },
        'input.addresses[1].postalCode',
      ],
      [{ ...valid, addresses: [{ ...address, line2: 'a\u001bb' }] }, 'input.addresses[0].line2'],
    ];
    const before = await server.rowCounts();
    for (const [input, field] of cases) {
      const answer = await server.graphql(CREATE_ACCOUNT, { input }, { as: 'sales' });
      expect(answer.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message.length).toBeGreaterThan(10);
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  it('shows a CUSTOMER their own account only, and lets them add addresses to it only', async () => {
    const { A, B } = server.callers.accountIds;
    const own = await server.data<{ customerAccount: { id: number; contacts: { email: string }[] } }>(
      ACCOUNT,
      { id: A },
      { as: 'customerA' },
    );
    expect(own.customerAccount).toMatchObject({ id: A, contacts: [{ email: 'anna@customer-a.test' }] });
    expect(await server.data(ACCOUNT, { id: B }, { as: 'customerA' })).toEqual({ customerAccount: null });
    expect(
      (await server.data<{ customerAccount: { id: number } }>(ACCOUNT, { id: B }, { as: 'sales' }))
        .customerAccount.id,
    ).toBe(B);
    expect(
      (await server.graphql(ACCOUNT, { id: B }, { as: 'operations' })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const added = await server.data(
      ADD_ADDRESS,
      { id: A, input: { ...address, kind: 'BILLING' } },
      { as: 'customerA' },
    );
    expect(added).toMatchObject({ addAccountAddress: { kind: 'BILLING', city: 'Hamburg', country: 'DE' } });
    // Another account is answered as an unknown one: its id reveals nothing.
    const other = await server.graphql(ADD_ADDRESS, { id: B, input: address }, { as: 'customerA' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'accountId' });
    const bySales = await server.data(ADD_ADDRESS, { id: B, input: address }, { as: 'sales' });
    expect(bySales).toMatchObject({ addAccountAddress: { kind: 'DELIVERY' } });
    const unknown = await server.graphql(ADD_ADDRESS, { id: 999999, input: address }, { as: 'sales' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'accountId' });
    const me = await server.data<{ me: { account: { id: number } } }>(ME, {}, { as: 'customerA' });
    expect(me.me.account.id).toBe(A);
  });
});
