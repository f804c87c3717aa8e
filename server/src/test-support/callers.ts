import type { MikroORM } from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { SessionService } from '../accounts/session.service.js';
import { User } from '../accounts/user.entity.js';
import type { Clock } from '../db/clock.js';
import { type Role, Role as Roles, STAFF_ROLES } from '../graphql/authorization.js';

/** The people a test calls the API as, each with a signed-in session. */
export const CALLERS = {
  customerA: { email: 'anna@customer-a.test', name: 'Anna A', roles: [Roles.CUSTOMER], account: 'A' },
  customerB: { email: 'bert@customer-b.test', name: 'Bert B', roles: [Roles.CUSTOMER], account: 'B' },
  sales: { email: 'sam@sales.test', name: 'Sam Sales', roles: [Roles.SALES], account: null },
  salesManager: { email: 'mia@sales.test', name: 'Mia Manager', roles: [Roles.SALES_MANAGER], account: null },
  operations: { email: 'otto@plant.test', name: 'Otto Ops', roles: [Roles.OPERATIONS], account: null },
  admin: { email: 'ada@admin.test', name: 'Ada Admin', roles: [Roles.ADMIN], account: null },
  /** Every staff role at once: what the tests of plant and sales features call as by default. */
  staff: { email: 'stef@staff.test', name: 'Stef Staff', roles: [...STAFF_ROLES], account: null },
} as const satisfies Record<
  string,
  { email: string; name: string; roles: readonly Role[]; account: 'A' | 'B' | null }
>;

export type CallerName = keyof typeof CALLERS;

export interface SeededCallers {
  /** The session cookie's token of each caller. */
  tokens: Record<CallerName, string>;
  userIds: Record<CallerName, number>;
  accountIds: { A: number; B: number };
}

/** Creates customer accounts A and B and one user with a session per caller. */
export async function seedCallers(orm: MikroORM, clock: Clock): Promise<SeededCallers> {
  const em = orm.em.fork();
  const now = clock.now();
  const accounts = {
    A: em.create(CustomerAccount, {
      name: 'Customer A Ltd',
      kind: 'COMPANY',
      currency: 'EUR',
      createdAt: now,
    }),
    B: em.create(CustomerAccount, { name: 'Customer B', kind: 'PRIVATE', currency: 'EUR', createdAt: now }),
  };
  const users = {} as Record<CallerName, User>;
  for (const [name, caller] of Object.entries(CALLERS) as [CallerName, (typeof CALLERS)[CallerName]][]) {
    users[name] = em.create(User, {
      email: caller.email,
      name: caller.name,
      roles: [...caller.roles],
      account: caller.account ? accounts[caller.account] : null,
      createdAt: now,
    });
  }
  await em.flush();
  const sessions = new SessionService(em, clock);
  const tokens = {} as Record<CallerName, string>;
  const userIds = {} as Record<CallerName, number>;
  for (const name of Object.keys(users) as CallerName[]) {
    tokens[name] = (await sessions.start(users[name])).token;
    userIds[name] = users[name].id;
  }
  return { tokens, userIds, accountIds: { A: accounts.A.id, B: accounts.B.id } };
}
