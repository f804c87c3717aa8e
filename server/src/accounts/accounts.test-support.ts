import { randomBytes } from 'node:crypto';
import { systemClock } from '../db/clock.js';
import type { Role } from '../graphql/authorization.js';
import type { TestServer } from '../test-support/api-server.js';
import { UserService } from './user.service.js';

export interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** The session cookie's token the answer set ('' when it cleared it; undefined when it did not touch it). */
  token?: string;
  /** The Set-Cookie header of the session cookie, as sent. */
  cookie?: string;
}

/** A GraphQL request as a browser sends it: its own cookie and address (x-forwarded-for, TRUST_PROXY=true). */
export async function browserRequest(
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  browser: { token?: string; ip?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(browser.token ? { cookie: `mto_session=${browser.token}` } : {}),
      ...(browser.ip ? { 'x-forwarded-for': browser.ip } : {}),
      ...browser.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<Answer, 'status'>;
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('mto_session='));
  const token =
    cookie === undefined ? undefined : decodeURIComponent(cookie.split(';')[0]!.slice('mto_session='.length));
  return { ...body, status: response.status, cookie, token };
}

export const SIGN_IN =
  'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { id email roles } }';
export const ME = '{ me { id email name roles disabled account { id name } } }';

/** A distinct client address per test, so that the per-address limit of one test does not touch another. */
export function newAddress(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** A user made directly in the server's database (user:create's path), with a password. */
export async function createUser(
  server: TestServer,
  options: {
    email?: string;
    password?: string;
    roles?: Role[];
    accountId?: number | null;
    name?: string;
  } = {},
): Promise<{ id: number; email: string; password: string }> {
  const email = options.email ?? `u-${randomBytes(4).toString('hex')}@people.test`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const user = await new UserService(server.running.orm.em.fork(), systemClock()).create(
    {
      email,
      name: options.name ?? 'Test Person',
      roles: options.roles ?? ['SALES'],
      accountId: options.accountId ?? null,
    },
    'test',
    password,
  );
  return { id: user.id, email, password };
}
