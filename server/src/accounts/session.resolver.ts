import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { badInput } from '../errors.js';
import { Allow } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { acceptInvitationArguments, changePasswordArguments, signInArguments } from './accounts.inputs.js';
import { toUserView } from './accounts.mapper.js';
import { UserView } from './accounts.types.js';
import { passwordProblem } from './passwords.js';
import { signIn, startSession, tooManyAttempts } from './sign-in.js';

/** Signing in and out, and one's own password. No API key may call these (scope null). */
@Resolver()
export class SessionResolver {
  @Query(() => UserView, {
    nullable: true,
    description: 'The signed-in user; null for an anonymous visitor.',
  })
  @Allow({ users: 'anyone', scope: null })
  async me(@Ctx() { viewer, users }: RequestContext): Promise<UserView | null> {
    if (viewer.kind !== 'user') return null;
    return toUserView(await users.byId(viewer.userId));
  }

  @Mutation(() => UserView, {
    description:
      'Signs in and sets the session cookie (httpOnly, SameSite=Lax; 30 days at most, 7 days idle). The ' +
      'session the request came with is ended. A wrong e-mail or password is UNAUTHENTICATED; too many ' +
      'attempts are TOO_MANY_REQUESTS with `retryAfterSeconds`.',
  })
  @UseMiddleware(ValidArgs(signInArguments))
  @Allow({ users: 'anyone', scope: null })
  async signIn(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: RequestContext,
  ): Promise<UserView> {
    return toUserView(await signIn(context, email, password));
  }

  @Mutation(() => Boolean, {
    description: 'Ends this session and clears its cookie; false when not signed in.',
  })
  @Allow({ users: 'anyone', scope: null })
  async signOut(@Ctx() { viewer, sessions, sessionCookie }: RequestContext): Promise<boolean> {
    sessionCookie.clear();
    if (viewer.kind !== 'user') return false;
    await sessions.end(viewer.sessionId);
    return true;
  }

  @Mutation(() => Int, {
    description: 'Ends every session of the signed-in user, this one included; answers how many ended.',
  })
  @Allow({ users: 'signed-in', scope: null })
  async signOutEverywhere(@Ctx() { viewer, sessions, sessionCookie }: RequestContext): Promise<number> {
    if (viewer.kind !== 'user') return 0;
    const ended = await sessions.endAll(viewer.userId);
    sessionCookie.clear();
    return ended;
  }

  @Mutation(() => Boolean, {
    description:
      'Changes the signed-in user’s password (10 to 200 characters, not the e-mail): every other session ' +
      'ends and this one is replaced by a new one. A wrong current password counts as a failed sign-in.',
  })
  @UseMiddleware(ValidArgs(changePasswordArguments))
  @Allow({ users: 'signed-in', scope: null })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    const { viewer, users, sessions, loginLimits, clientIp, clock } = context;
    if (viewer.kind !== 'user') return false;
    const weak = passwordProblem(newPassword, viewer.email);
    if (weak) throw badInput('newPassword', weak);
    const refused = await loginLimits.attempt(viewer.email, clientIp);
    if (refused) throw tooManyAttempts(refused, clock.now());
    if (!(await users.passwordMatches(viewer.userId, currentPassword))) {
      await loginLimits.failed(viewer.email);
      throw badInput('currentPassword', 'The current password is wrong: type it again');
    }
    const user = await users.setPassword(viewer.userId, newPassword);
    await sessions.endAll(viewer.userId, viewer.sessionId);
    await startSession(context, user);
    return true;
  }

  @Mutation(() => UserView, {
    description:
      'Sets the password of an invited user (10 to 200 characters, not the e-mail) with the token of the ' +
      'invitation link, and signs them in. The link works once, for 7 days.',
  })
  @UseMiddleware(ValidArgs(acceptInvitationArguments))
  @Allow({ users: 'anyone', scope: null })
  async acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: RequestContext,
  ): Promise<UserView> {
    const user = await context.users.acceptInvitation(token, password);
    await startSession(context, user);
    return toUserView(user);
  }
}
