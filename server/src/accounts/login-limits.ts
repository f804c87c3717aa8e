import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { tokenHash } from './session.service.js';

/** Failed sign-ins one e-mail may have in the window before it is refused until the window ends. */
export const ACCOUNT_FAILURES = 5;
/** Sign-in attempts (right or wrong) one address may make in the window. */
export const IP_ATTEMPTS = 50;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** Where the counters live (http/rate-limits.ts: memory, or Redis shared by every process). */
export interface LimiterSource {
  limiter(options: { keyPrefix: string; points: number; durationSeconds: number }): RateLimiterAbstract;
}

/** A refused attempt: how long until the caller may try again. */
export interface TooManyAttempts {
  scope: 'account' | 'address';
  retryAfterSeconds: number;
}

/**
 * Sign-in limits: per account (failures, so a stranger cannot lock out a person who signs in right,
 * beyond the failures they caused) and per address (every attempt, so one machine cannot try many
 * accounts). Made once per app: the counters outlive requests.
 */
export class LoginLimits {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(source: LimiterSource) {
    this.perAccount = source.limiter({
      keyPrefix: 'login-fail-account',
      points: ACCOUNT_FAILURES,
      durationSeconds: LOGIN_WINDOW_SECONDS,
    });
    this.perAddress = source.limiter({
      keyPrefix: 'login-address',
      points: IP_ATTEMPTS,
      durationSeconds: LOGIN_WINDOW_SECONDS,
    });
  }

  /** Counts the attempt against the address; refuses it when the address or the account is over its limit. */
  async attempt(email: string, address: string): Promise<TooManyAttempts | null> {
    try {
      await this.perAddress.consume(address);
    } catch (error) {
      return refusedBy('address', error);
    }
    const account = await this.perAccount.get(accountKey(email));
    if (account !== null && account.consumedPoints >= ACCOUNT_FAILURES)
      return { scope: 'account', retryAfterSeconds: secondsOf(account.msBeforeNext) };
    return null;
  }

  /** A wrong password (or unknown e-mail): one more failure for the account. */
  async failed(email: string): Promise<void> {
    try {
      await this.perAccount.consume(accountKey(email));
    } catch (error) {
      // Over the limit already: the next attempt is refused by `attempt`.
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }

  /** A right password: the account's failures are forgotten. */
  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(accountKey(email));
  }
}

/** Counted by the e-mail's SHA-256: the store (Redis) holds no e-mail address. */
function accountKey(email: string): string {
  return tokenHash(email.trim().toLowerCase());
}

function refusedBy(scope: TooManyAttempts['scope'], error: unknown): TooManyAttempts {
  if (!(error instanceof RateLimiterRes)) throw error;
  return { scope, retryAfterSeconds: secondsOf(error.msBeforeNext) };
}

function secondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
