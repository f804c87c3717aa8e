import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { announceChange } from '../db/change-notices.js';
import type { Clock } from '../db/clock.js';
import type { Viewer } from '../graphql/authorization.js';
import { RememberedSessions } from './remembered-sessions.js';
import { Session } from './session.entity.js';
import type { User } from './user.entity.js';

/** How long a session lasts at most, and how long it may sit unused. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600_000;
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** lastSeenAt is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/** The SHA-256 (hex) of a secret token: what the database keeps instead of the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 random bytes, base64url: unguessable, fit for a cookie or a link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Server-side sessions: the cookie's token is the only secret, the table keeps its hash. */
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  private now(): Date {
    return this.clock.now();
  }

  /** A new session for the user; the token goes in the cookie and is never stored. */
  async start(user: User): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const session = this.em.create(Session, {
      id: tokenHash(token),
      user,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await this.em.persistAndFlush(session);
    return { token, expiresAt };
  }

  /** The signed-in viewer of a cookie's token; null when the session is unknown, ended, idle too long or its user disabled. */
  async viewerOf(token: string): Promise<Viewer | null> {
    const session = await this.em.findOne(Session, { id: tokenHash(token) }, { populate: ['user'] });
    if (!session) return null;
    const now = this.now();
    const user = session.user;
    if (
      session.expiresAt <= now ||
      now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS ||
      user.disabledAt
    ) {
      await this.em.nativeDelete(Session, { id: session.id });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now });
    }
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      roles: [...user.roles],
      accountId: user.account ? (typeof user.account === 'object' ? user.account.id : user.account) : null,
      sessionId: session.id,
    };
  }

  /** Ends one session (sign-out). */
  async end(sessionId: string): Promise<void> {
    await this.em.nativeDelete(Session, { id: sessionId });
    RememberedSessions.of(this.em).forgetSession(sessionId);
    await announceChange(this.em, { kind: 'session', sessionId });
  }

  /** Ends every session of the user ("sign out everywhere", a disabled user, a changed password). */
  async endAll(userId: number, exceptSessionId?: string): Promise<number> {
    const ended = await this.em.nativeDelete(Session, {
      user: userId,
      ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}),
    });
    RememberedSessions.of(this.em).forgetUser(userId);
    await announceChange(this.em, { kind: 'user', userId });
    return ended;
  }
}
