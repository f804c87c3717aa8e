import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { announceChange } from '../db/change-notices.js';
import type { Clock } from '../db/clock.js';
import { badInput, notFound } from '../errors.js';
import { type Role, Role as Roles, STAFF_ROLES } from '../graphql/authorization.js';
import { audit } from './audit.js';
import { CustomerAccount } from './customer-account.entity.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { RememberedSessions } from './remembered-sessions.js';
import { newToken, tokenHash } from './session.service.js';
import { User } from './user.entity.js';

/** How long an invitation link may be used. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 3600_000;
/** The most users a search answers. */
export const MAX_LISTED_USERS = 200;

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  accountId?: number | null;
}

/** Whether the e-mail or name contains the search, case aside. */
export function matchesSearch(user: Pick<User, 'email' | 'name'>, search: string): boolean {
  const wanted = search.toLowerCase();
  return user.email.includes(wanted) || user.name.toLowerCase().includes(wanted);
}

/** What is wrong with a user's roles and account (and which of the two to fix): CUSTOMER needs an account, staff have none. */
export function roleProblem(
  roles: readonly Role[],
  accountId: number | null,
): { field: 'roles' | 'accountId'; message: string } | null {
  const customer = roles.includes(Roles.CUSTOMER);
  const staff = roles.filter((role) => STAFF_ROLES.includes(role));
  if (customer && staff.length > 0)
    return {
      field: 'roles',
      message: `A user is either a CUSTOMER or staff, not both (${staff.join(', ')}): make two users`,
    };
  if (customer && accountId === null)
    return { field: 'accountId', message: 'A CUSTOMER belongs to a customer account: give its accountId' };
  if (!customer && accountId !== null)
    return {
      field: 'accountId',
      message: `Staff (${staff.join(', ')}) belong to no customer account: leave accountId empty`,
    };
  return null;
}

function taken(email: string): Error {
  return badInput('input.email', `There is already a user with the e-mail ${email}`);
}

/** Users: sign-in, invitations, roles and disabling. */
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * The user whose e-mail and password these are, or null (unknown e-mail, wrong password, no password yet,
   * disabled). Always exactly one argon2 verification, so the time taken does not tell which.
   */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.em.findOne(User, { email }, { populate: ['account'] });
    const matches = await verifyPassword(user?.passwordHash, password);
    return matches && user && !user.disabledAt ? user : null;
  }

  async byId(id: number, field = 'userId'): Promise<User> {
    const user = await this.em.findOne(User, { id }, { populate: ['account'] });
    if (!user) throw notFound(field, `There is no user ${id}`);
    return user;
  }

  /** Users whose e-mail or name contains the search (case does not matter), by e-mail; at most 200. */
  async list(search: string | null | undefined): Promise<User[]> {
    // Filtered here, not in SQL: LIKE differs between SQLite (case-blind, no escape) and PostgreSQL, and
    // a plant has hundreds of users, not millions.
    const users = await this.em.find(User, {}, { orderBy: { email: 'asc' }, populate: ['account'] });
    return users.filter((user) => !search || matchesSearch(user, search)).slice(0, MAX_LISTED_USERS);
  }

  /** A new user (user:create, demo data, an invitation): the e-mail must be new, the roles fit the account. */
  async create(input: NewUser, actor: string, password: string | null = null): Promise<User> {
    const accountId = input.accountId ?? null;
    const problem = roleProblem(input.roles, accountId);
    if (problem) throw badInput(`input.${problem.field}`, problem.message);
    if (password !== null) {
      const weak = passwordProblem(password, input.email);
      if (weak) throw badInput('password', weak);
    }
    if (await this.em.count(User, { email: input.email })) throw taken(input.email);
    let account: CustomerAccount | null = null;
    if (accountId !== null) {
      account = await this.em.findOne(CustomerAccount, { id: accountId });
      if (!account) throw notFound('input.accountId', `There is no customer account ${accountId}`);
    }
    const user = this.em.create(User, {
      email: input.email,
      name: input.name,
      roles: [...input.roles],
      account,
      passwordHash: password === null ? null : await hashPassword(password),
      createdAt: this.clock.now(),
      createdBy: actor,
    });
    try {
      await this.em.persistAndFlush(user);
    } catch (error) {
      // The same e-mail created at the same moment by another request.
      if (error instanceof UniqueConstraintViolationException) throw taken(input.email);
      throw error;
    }
    return user;
  }

  /** A new user without a password, and the one-time token of the link with which they set it. */
  async invite(input: NewUser, actor: string): Promise<{ user: User; token: string; expiresAt: Date }> {
    const user = await this.create(input, actor);
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_LIFETIME_MS);
    user.invitationTokenHash = tokenHash(token);
    user.invitationExpiresAt = expiresAt;
    audit(this.em, this.clock, actor, 'USER_INVITED', `user ${user.id}`, user.roles.join(', '));
    await this.em.flush();
    return { user, token, expiresAt };
  }

  /** Sets the invited user's password and ends the invitation; the link works once. */
  async acceptInvitation(token: string, password: string): Promise<User> {
    const user = await this.em.findOne(
      User,
      { invitationTokenHash: tokenHash(token) },
      { populate: ['account'] },
    );
    const now = this.clock.now();
    const expiresAt = user?.invitationExpiresAt;
    if (!user || !expiresAt || expiresAt <= now || user.disabledAt)
      throw badInput(
        'token',
        'This invitation is unknown, used or expired: ask an admin to invite you again',
      );
    const problem = passwordProblem(password, user.email);
    if (problem) throw badInput('password', problem);
    user.passwordHash = await hashPassword(password);
    user.invitationTokenHash = null;
    user.invitationExpiresAt = null;
    await this.em.flush();
    return user;
  }

  /** Sets a user's roles; an admin cannot take ADMIN from themself (nobody might be left to give it back). */
  async setRoles(userId: number, roles: Role[], actingUserId: number | null, actor: string): Promise<User> {
    const user = await this.byId(userId);
    const accountId = user.account?.id ?? null;
    const problem = roleProblem(roles, accountId);
    if (problem) throw badInput('roles', problem.message);
    if (userId === actingUserId && user.roles.includes(Roles.ADMIN) && !roles.includes(Roles.ADMIN))
      throw badInput('roles', 'You cannot take the ADMIN role from yourself: ask another admin');
    const before = user.roles.join(', ');
    user.roles = roles;
    audit(
      this.em,
      this.clock,
      actor,
      'USER_ROLES_CHANGED',
      `user ${user.id}`,
      `${before} -> ${roles.join(', ')}`,
    );
    await this.em.flush();
    // The sessions remembered carry the old roles: the new ones apply from the next request, in every process.
    RememberedSessions.of(this.em).forgetUser(userId);
    await announceChange(this.em, { kind: 'user', userId });
    return user;
  }

  /** Disables a user (their sessions are ended by the caller); an admin cannot disable themself. */
  async disable(userId: number, actingUserId: number | null, actor: string): Promise<User> {
    if (userId === actingUserId) throw badInput('userId', 'You cannot disable yourself: ask another admin');
    const user = await this.byId(userId);
    if (!user.disabledAt) {
      user.disabledAt = this.clock.now();
      user.disabledBy = actor;
      audit(this.em, this.clock, actor, 'USER_DISABLED', `user ${user.id}`);
      await this.em.flush();
    }
    return user;
  }

  async enable(userId: number, actor: string): Promise<User> {
    const user = await this.byId(userId);
    user.disabledAt = null;
    user.disabledBy = null;
    audit(this.em, this.clock, actor, 'USER_ENABLED', `user ${user.id}`);
    await this.em.flush();
    return user;
  }

  /** Whether the current password is right (one argon2 verification). */
  async passwordMatches(userId: number, password: string): Promise<boolean> {
    const user = await this.byId(userId);
    return verifyPassword(user.passwordHash, password);
  }

  async setPassword(userId: number, password: string): Promise<User> {
    const user = await this.byId(userId);
    const problem = passwordProblem(password, user.email);
    if (problem) throw badInput('newPassword', problem);
    user.passwordHash = await hashPassword(password);
    await this.em.flush();
    return user;
  }

  /** The contacts (users) of the accounts, by account id. */
  async contactsOf(accountIds: readonly number[]): Promise<Map<number, User[]>> {
    const users = await this.em.find(
      User,
      { account: { $in: [...accountIds] } },
      { orderBy: { email: 'asc' } },
    );
    const byAccount = new Map<number, User[]>(accountIds.map((id) => [id, []]));
    for (const user of users) byAccount.get(user.account!.id)?.push(user);
    return byAccount;
  }
}
