import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { z } from 'zod';
import { Allow, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { inviteUserArguments, rolesInput, searchArgument } from './accounts.inputs.js';
import { toCustomerAccountView, toUserView } from './accounts.mapper.js';
import { CustomerAccountView, Invitation, InviteUserInput, UserView } from './accounts.types.js';

const ADMIN = { users: [Role.ADMIN], scope: null } as const;
const userId = { userId: z.number().int().positive('userId is a user’s id (a positive number)') };

/** Users, administered by an ADMIN. */
@Resolver(() => UserView)
export class UserResolver {
  @FieldResolver(() => CustomerAccountView, {
    nullable: true,
    description: 'The customer account a CUSTOMER belongs to; null for staff.',
  })
  async account(
    @Root() user: UserView,
    @Ctx() { accountReads }: RequestContext,
  ): Promise<CustomerAccountView | null> {
    if (user.accountId === null) return null;
    const account = await accountReads.accounts.load(user.accountId);
    return account ? toCustomerAccountView(account) : null;
  }

  @Query(() => [UserView], {
    description: 'Users whose e-mail or name contains `search` (case aside), by e-mail; at most 200.',
  })
  @UseMiddleware(ValidArgs(searchArgument))
  @Allow(ADMIN)
  async users(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() { users }: RequestContext,
  ): Promise<UserView[]> {
    return (await users.list(search)).map(toUserView);
  }

  @Mutation(() => Invitation, {
    description:
      'Invites a person: a user without a password, and a link (valid 7 days, shown once) with which they ' +
      'set one. CUSTOMER needs `accountId`; staff roles must have none.',
  })
  @UseMiddleware(ValidArgs(inviteUserArguments))
  @Allow(ADMIN)
  async inviteUser(
    @Arg('input', () => InviteUserInput) input: InviteUserInput,
    @Ctx() { users, actor }: RequestContext,
  ): Promise<Invitation> {
    const { user, token, expiresAt } = await users.invite(
      { email: input.email, name: input.name, roles: input.roles, accountId: input.accountId ?? null },
      actor,
    );
    return Object.assign(new Invitation(), {
      user: toUserView(user),
      token,
      link: `/invitation/${token}`,
      expiresAt: expiresAt.toISOString(),
    });
  }

  @Mutation(() => UserView, {
    description: 'Sets a user’s roles (at once: their sessions read the roles on every request).',
  })
  @UseMiddleware(ValidArgs({ ...userId, roles: rolesInput }))
  @Allow(ADMIN)
  async setUserRoles(
    @Arg('userId', () => Int) id: number,
    @Arg('roles', () => [Role]) roles: Role[],
    @Ctx() { users, viewer, actor }: RequestContext,
  ): Promise<UserView> {
    return toUserView(await users.setRoles(id, roles, viewer.kind === 'user' ? viewer.userId : null, actor));
  }

  @Mutation(() => UserView, {
    description:
      'Disables a user: they cannot sign in, and their sessions end. An admin cannot disable themself.',
  })
  @UseMiddleware(ValidArgs(userId))
  @Allow(ADMIN)
  async disableUser(
    @Arg('userId', () => Int) id: number,
    @Ctx() { users, sessions, viewer, actor }: RequestContext,
  ): Promise<UserView> {
    const user = await users.disable(id, viewer.kind === 'user' ? viewer.userId : null, actor);
    await sessions.endAll(user.id);
    return toUserView(user);
  }

  @Mutation(() => UserView, { description: 'Lets a disabled user sign in again.' })
  @UseMiddleware(ValidArgs(userId))
  @Allow(ADMIN)
  async enableUser(
    @Arg('userId', () => Int) id: number,
    @Ctx() { users, actor }: RequestContext,
  ): Promise<UserView> {
    return toUserView(await users.enable(id, actor));
  }
}
