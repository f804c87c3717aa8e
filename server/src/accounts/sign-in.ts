import { GraphQLError } from 'graphql';
import { actorOf } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import type { TooManyAttempts } from './login-limits.js';
import type { User } from './user.entity.js';

/** The one answer to a wrong e-mail, a wrong password or a disabled user: which it was is not told. */
export function wrongCredentials(): GraphQLError {
  return new GraphQLError('The e-mail or password is wrong.', { extensions: { code: 'UNAUTHENTICATED' } });
}

/** A refused attempt: when to try again, in words and as `retryAfterSeconds`. */
export function tooManyAttempts(refused: TooManyAttempts, now: Date): GraphQLError {
  const minutes = Math.ceil(refused.retryAfterSeconds / 60);
  const at = new Date(now.getTime() + refused.retryAfterSeconds * 1000).toISOString().slice(11, 16);
  const whose = refused.scope === 'account' ? 'for this e-mail' : 'from your network address';
  return new GraphQLError(
    `Too many sign-in attempts ${whose}: try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${at} UTC).`,
    { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: refused.retryAfterSeconds } },
  );
}

/**
 * Signs the user in on this browser: ends the session the request came with, if any (a session id never
 * survives a sign-in, so one planted before it is worthless), starts a new one and sets its cookie.
 */
export async function startSession(context: RequestContext, user: User): Promise<void> {
  const { viewer, sessions, sessionCookie } = context;
  if (viewer.kind === 'user') await sessions.end(viewer.sessionId);
  const { token, expiresAt } = await sessions.start(user);
  sessionCookie.set(token, expiresAt);
  // The rest of this answer (the user and their account, asked in the same request) is read as the
  // person now signed in, not as the caller the request came from.
  const signedIn = await sessions.viewerOf(token);
  if (signedIn) {
    context.viewer = signedIn;
    context.actor = actorOf(signedIn);
  }
}

/** Checks the limits and the password (always one argon2 verification); the signed-in user, or an error. */
export async function signIn(context: RequestContext, email: string, password: string): Promise<User> {
  const { loginLimits, users, clientIp, clock } = context;
  const refused = await loginLimits.attempt(email, clientIp);
  if (refused) throw tooManyAttempts(refused, clock.now());
  const user = await users.verifyCredentials(email, password);
  if (!user) {
    await loginLimits.failed(email);
    throw wrongCredentials();
  }
  await loginLimits.succeeded(email);
  await startSession(context, user);
  return user;
}
