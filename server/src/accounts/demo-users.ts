import { type EntityManager, type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { Role } from '../graphql/authorization.js';
import { Address, CustomerAccount } from './customer-account.entity.js';
import { hashPassword } from './passwords.js';
import { User } from './user.entity.js';

/** The demo users (DEMO_DATA=true, on a new database): fixed passwords, for trying the app only. */
export const DEMO_USERS = [
  { email: 'admin@demo.example', name: 'Demo Admin', roles: [Role.ADMIN], password: 'demo-admin-2026' },
  { email: 'ops@demo.example', name: 'Demo Operations', roles: [Role.OPERATIONS], password: 'demo-ops-2026' },
  { email: 'sales@demo.example', name: 'Demo Sales', roles: [Role.SALES], password: 'demo-sales-2026' },
  {
    email: 'manager@demo.example',
    name: 'Demo Sales Manager',
    roles: [Role.SALES_MANAGER],
    password: 'demo-manager-2026',
  },
  {
    email: 'customer@demo.example',
    name: 'Demo Customer',
    roles: [Role.CUSTOMER],
    password: 'demo-customer-2026',
  },
] as const;

export const DEMO_ACCOUNT_NAME = 'Demo Customer GmbH';
const DEMO_ACTOR = 'demo data';

/**
 * Gives a new database (one without users) the demo users and the demo customer account; answers whether
 * it did. The passwords are hashed in parallel, and only then (a database that has users costs nothing).
 */
export async function seedDemoUsers(orm: MikroORM, clock: Clock): Promise<boolean> {
  if ((await orm.em.fork().count(User, {})) > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)));
  try {
    return await orm.em.fork().transactional(async (em) => {
      if ((await em.count(User, {})) > 0) return false;
      createDemoAccount(em, {
        name: DEMO_ACCOUNT_NAME,
        currency: 'EUR',
        place: { line1: 'Musterstraße 1', postalCode: '70173', city: 'Stuttgart', country: 'DE' },
        deliveryRecipient: 'Goods receiving, gate 2',
        users: DEMO_USERS.map((demo, index) => ({
          ...demo,
          customer: (demo.roles as readonly string[]).includes(Role.CUSTOMER),
          passwordHash: hashes[index]!,
        })),
        now: clock.now(),
      });
      await em.flush();
      return true;
    });
  } catch (error) {
    // Another process seeding the same new database at the same moment got there first.
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}

/** One demo sign-in as the notice prints it. */
export interface DemoSignIn {
  email: string;
  password: string;
  roles: readonly string[];
}

/**
 * What the first start prints: the demo sign-ins, marked as demo only; `more` are those other modules' demo
 * data added on the same start (the quotes demo's US rep and buyer: server.ts passes them, as accounts may
 * not import quotes).
 */
export function demoUsersNotice(more: readonly DemoSignIn[] = []): string {
  const rows = [...DEMO_USERS, ...more].map(
    (user) => `  ${user.email.padEnd(24)} ${user.password.padEnd(20)} ${user.roles.join(', ')}`,
  );
  return [
    '',
    '==== demo users, for trying only: anyone who reads this can sign in as them ====',
    ...rows,
    '  (DEMO_DATA=false on a new database creates none; disable them before real use.)',
    '================================================================================',
    '',
  ].join('\n');
}

/**
 * A demo company account (billing and delivery at one place) with its demo users, the customers among
 * them its contacts; written by the caller's flush. The demo users' seeding and the quotes demo use it.
 */
export function createDemoAccount(
  em: EntityManager,
  demo: {
    name: string;
    currency: string;
    place: { line1: string; postalCode: string; city: string; country: string };
    deliveryRecipient: string;
    users: readonly {
      email: string;
      name: string;
      roles: readonly Role[];
      customer: boolean;
      passwordHash: string;
    }[];
    now: Date;
  },
): CustomerAccount {
  const account = em.create(CustomerAccount, {
    name: demo.name,
    kind: 'COMPANY',
    currency: demo.currency,
    createdAt: demo.now,
    createdBy: DEMO_ACTOR,
  });
  for (const [kind, recipient] of [
    ['BILLING', 'Accounts payable'],
    ['DELIVERY', demo.deliveryRecipient],
  ] as const)
    em.create(Address, { ...demo.place, account, kind, recipient, createdBy: DEMO_ACTOR });
  for (const user of demo.users)
    em.create(User, {
      email: user.email,
      name: user.name,
      roles: [...user.roles],
      account: user.customer ? account : null,
      passwordHash: user.passwordHash,
      createdAt: demo.now,
      createdBy: DEMO_ACTOR,
    });
  return account;
}
