import type { EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../graphql/authorization.js';

/** How long a session's viewer is trusted without reading the database again. */
export const REMEMBERED_SESSION_TTL_MS = 5_000;
/** Sessions held at once (those that called within the last 5 s). */
const MAX_REMEMBERED_SESSIONS = 10_000;

type UserViewer = Extract<Viewer, { kind: 'user' }>;

const byDatabase = new WeakMap<object, RememberedSessions>();

/**
 * The viewers of the sessions that called in the last few seconds, by the cookie's token (so that a remembered
 * session costs no hashing; the process sees the token with every request anyway), so
 * that a signed-in request does not read its session and user on every call (a join that costs more than a
 * remembered configure answer). Ending a session (sign-out) or all of a user's sessions through SessionService
 * forgets them at once in this process, and in every other process on PostgreSQL (NOTIFY, change-listener.ts).
 * The trade-off: another process on the same SQLite file, or a change made outside the server, is seen up to
 * REMEMBERED_SESSION_TTL_MS late.
 */
export class RememberedSessions {
  /** The sessions of this process's database (every EntityManager forked from one ORM shares its config). */
  static of(em: EntityManager): RememberedSessions {
    let remembered = byDatabase.get(em.config);
    if (!remembered) {
      remembered = new RememberedSessions();
      byDatabase.set(em.config, remembered);
    }
    return remembered;
  }

  private readonly viewers = new LRUCache<string, UserViewer>({
    max: MAX_REMEMBERED_SESSIONS,
    ttl: REMEMBERED_SESSION_TTL_MS,
  });
  private generation = 0;

  get(token: string): UserViewer | undefined {
    return this.viewers.get(token);
  }

  /** Marks the start of a read whose result is remembered (see remember). */
  get currentGeneration(): number {
    return this.generation;
  }

  /** Remembers a session read, unless a session was ended since the read began (it may be that one). */
  remember(token: string, viewer: UserViewer, startedAt: number): void {
    if (startedAt === this.generation) this.viewers.set(token, viewer);
  }

  /** Forgets a session by its id (its token's hash). */
  forgetSession(sessionId: string): void {
    this.generation++;
    this.forgetWhere((viewer) => viewer.sessionId === sessionId);
  }

  /** Forgets every session of a user (ended everywhere, disabled, password changed, roles changed). */
  forgetUser(userId: number): void {
    this.generation++;
    this.forgetWhere((viewer) => viewer.userId === userId);
  }

  /** Forgets every session (another process's change may have been missed). */
  forgetAll(): void {
    this.generation++;
    this.viewers.clear();
  }

  private forgetWhere(matches: (viewer: UserViewer) => boolean): void {
    // Collected first: the cache is not changed while it is walked.
    const tokens = [...this.viewers.entries()]
      .filter(([, viewer]) => matches(viewer))
      .map(([token]) => token);
    for (const token of tokens) this.viewers.delete(token);
  }
}
