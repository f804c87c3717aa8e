import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { createDemoAccount } from '../accounts/demo-users.js';
import { hashPassword } from '../accounts/passwords.js';
import { User } from '../accounts/user.entity.js';
import type { Clock } from '../db/clock.js';
import { Role } from '../graphql/authorization.js';
import { ApprovalRuleRecord } from './approval-rule.entity.js';

const DEMO_ACTOR = 'demo data';

/** The demo approval rules: what a sales manager approves in the demo shop. */
export const DEMO_APPROVAL_RULES = [
  { name: 'Line discount over 10%', kind: 'DISCOUNT_ABOVE', scope: 'LINE', percent: '10' },
  { name: 'Quote discount over 10%', kind: 'DISCOUNT_ABOVE', scope: 'QUOTE', percent: '10' },
  { name: 'Margin under 25%', kind: 'MARGIN_BELOW', scope: 'QUOTE', percent: '25' },
  { name: 'Total over 20,000.00 EUR', kind: 'TOTAL_ABOVE', amountMinor: 2_000_000, currency: 'EUR' },
] as const;

/** A second demo account, in the US and buying in USD (the USD list, net prices), with its contact and a rep. */
export const DEMO_US_ACCOUNT_NAME = 'Lakeside Design Inc.';
export const DEMO_QUOTE_USERS = [
  {
    email: 'sales-us@demo.example',
    name: 'Demo Sales Rep (North America)',
    roles: [Role.SALES],
    password: 'demo-sales-us-2026',
    customer: false,
  },
  {
    email: 'buyer@lakeside.example',
    name: 'Dana Buyer',
    roles: [Role.CUSTOMER],
    password: 'demo-buyer-us-2026',
    customer: true,
  },
] as const;

/**
 * Gives a demo database (DEMO_DATA) without approval rules the demo rules, and, when it has no user of that
 * e-mail yet, the US account with its contact and a rep for North America. Answers whether it wrote.
 */
export async function seedQuoteDemo(orm: MikroORM, clock: Clock): Promise<boolean> {
  if ((await orm.em.fork().count(ApprovalRuleRecord, {})) > 0) return false;
  const hashes = await Promise.all(DEMO_QUOTE_USERS.map((user) => hashPassword(user.password)));
  try {
    return await orm.em.fork().transactional(async (em) => {
      if ((await em.count(ApprovalRuleRecord, {})) > 0) return false;
      const now = clock.now();
      for (const rule of DEMO_APPROVAL_RULES)
        em.create(ApprovalRuleRecord, { ...rule, active: true, createdBy: DEMO_ACTOR, createdAt: now });
      if ((await em.count(User, { email: DEMO_QUOTE_USERS.map((user) => user.email) })) > 0) return true;
      createDemoAccount(em, {
        name: DEMO_US_ACCOUNT_NAME,
        currency: 'USD',
        place: { line1: '400 Lake Shore Drive', postalCode: '60611', city: 'Chicago', country: 'US' },
        deliveryRecipient: 'Studio, 12th floor',
        users: DEMO_QUOTE_USERS.map((demo, index) => ({ ...demo, passwordHash: hashes[index]! })),
        now,
      });
      return true;
    });
  } catch (error) {
    // Another process seeding the same new database at the same moment got there first.
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
