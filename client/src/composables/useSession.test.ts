// The session against a GraphQL endpoint that answers as the server does (its shapes and error codes): who is
// signed in, signing in and out, and the refusals in words with their field and wait.
import { Client, fetchExchange } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { Role } from '../graphql/graphql';
import { createSession, outcomeOf } from './useSession';

const CUSTOMER = {
  __typename: 'User',
  id: 5,
  email: 'customer@demo.example',
  name: 'Demo Customer',
  roles: [Role.Customer],
  account: { __typename: 'CustomerAccount', id: 1, name: 'Demo Customer GmbH' },
};
const OPS = {
  ...CUSTOMER,
  id: 2,
  email: 'ops@demo.example',
  name: 'Ops',
  roles: [Role.Operations],
  account: null,
};

type Body = { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };

/** An endpoint: each operation (by name) answers from the handler; every request is recorded. */
function endpoint(handler: (operation: string, variables: Record<string, unknown>) => Body | 'down') {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const { operationName, variables } = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables: Record<string, unknown>;
    };
    calls.push(operationName);
    const body = handler(operationName, variables ?? {});
    if (body === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new Client({
    url: 'http://app.test/graphql',
    exchanges: [fetchExchange],
    fetch,
    preferGetMethod: false,
  });
  return { client, calls };
}

/** The session on that endpoint (the Me query through the endpoint's fetch: no time limit of its own). */
const sessionOn = (client: Client) => createSession(client, { meTimeoutMs: 0 });

describe('the session', () => {
  it('asks the server once who this is, and knows the roles', async () => {
    const { client, calls } = endpoint(() => ({ data: { me: OPS } }));
    const session = sessionOn(client);
    expect(session.known.value).toBe(false);
    await Promise.all([session.ensureKnown(), session.ensureKnown()]);
    await session.ensureKnown();
    expect(calls).toEqual(['Me']);
    expect(session.me.value?.email).toBe('ops@demo.example');
    expect(session.signedIn.value).toBe(true);
    expect(session.isStaff.value).toBe(true);
    expect(session.hasAnyRole([Role.Operations, Role.Admin])).toBe(true);
    expect(session.hasAnyRole([Role.Admin])).toBe(false);
  });

  it('is anonymous when the server says so, and a customer is not staff', async () => {
    const anonymous = sessionOn(endpoint(() => ({ data: { me: null } })).client);
    await anonymous.ensureKnown();
    expect(anonymous.known.value).toBe(true);
    expect(anonymous.signedIn.value).toBe(false);
    expect(anonymous.roles.value).toEqual([]);
    const customer = sessionOn(endpoint(() => ({ data: { me: CUSTOMER } })).client);
    await customer.ensureKnown();
    expect(customer.isStaff.value).toBe(false);
  });

  it('signs in (the answer is the user) and out, then asks again on refresh', async () => {
    let signedIn = false;
    const { client, calls } = endpoint((operation) => {
      if (operation === 'SignIn') {
        signedIn = true;
        return { data: { signIn: CUSTOMER } };
      }
      if (operation === 'SignOut') {
        signedIn = false;
        return { data: { signOut: true } };
      }
      return { data: { me: signedIn ? CUSTOMER : null } };
    });
    const session = sessionOn(client);
    await session.ensureKnown();
    expect(session.me.value).toBeNull();
    const outcome = await session.signIn('customer@demo.example', 'demo-customer-2026');
    expect(outcome).toMatchObject({ ok: true, value: { email: 'customer@demo.example' } });
    expect(session.me.value?.account?.name).toBe('Demo Customer GmbH');
    expect(await session.signOut()).toEqual({ ok: true, value: true });
    expect(session.me.value).toBeNull();
    await session.refresh();
    expect(session.me.value).toBeNull();
    expect(calls).toEqual(['Me', 'SignIn', 'SignOut', 'Me']);
  });

  it('says a wrong password and the wait after too many attempts, and stays anonymous', async () => {
    let attempts = 0;
    const { client } = endpoint(() => {
      attempts++;
      if (attempts === 1)
        return {
          errors: [{ message: 'The e-mail or password is wrong.', extensions: { code: 'UNAUTHENTICATED' } }],
        };
      return {
        errors: [
          {
            message: 'Too many sign-in attempts for this e-mail: try again in 15 minutes (after 16:45 UTC).',
            extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 900 },
          },
        ],
      };
    });
    const session = sessionOn(client);
    expect(await session.signIn('a@b.example', 'wrong')).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: 'The e-mail or password is wrong.',
      field: null,
      retryAfterSeconds: null,
    });
    expect(await session.signIn('a@b.example', 'wrong')).toMatchObject({
      ok: false,
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 900,
      message: expect.stringContaining('try again in 15 minutes'),
    });
    expect(session.me.value).toBeNull();
  });

  it('names the field of a bad value, and says when the server cannot be reached', async () => {
    const { client } = endpoint((operation) =>
      operation === 'SignIn'
        ? {
            errors: [
              {
                message: 'The e-mail address is empty',
                extensions: { code: 'BAD_USER_INPUT', field: 'email' },
              },
            ],
          }
        : 'down',
    );
    const session = sessionOn(client);
    expect(await session.signIn(' ', 'x')).toMatchObject({
      ok: false,
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(await session.signOutEverywhere()).toMatchObject({ ok: false, code: 'UNREACHABLE' });
    await session.ensureKnown();
    // Unreachable at start: known (the guards do not wait for ever), and anonymous.
    expect(session.known.value).toBe(true);
    expect(session.me.value).toBeNull();
  });

  it('signs out everywhere: the count of sessions ended, and anonymous afterwards', async () => {
    const { client } = endpoint((operation) =>
      operation === 'SignOutEverywhere' ? { data: { signOutEverywhere: 3 } } : { data: { me: OPS } },
    );
    const session = sessionOn(client);
    await session.ensureKnown();
    expect(await session.signOutEverywhere()).toEqual({ ok: true, value: 3 });
    expect(session.me.value).toBeNull();
  });
});

describe('outcomeOf', () => {
  it('keeps the data of an answer', () => {
    expect(outcomeOf({ kind: 'ok', data: { n: 1 } })).toEqual({ ok: true, value: { n: 1 } });
  });
});
