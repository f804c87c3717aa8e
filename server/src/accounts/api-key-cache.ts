import type { EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../graphql/authorization.js';

/** What a request's key is: the viewer it makes and the limits that apply to it. */
export interface ResolvedApiKey {
  viewer: Extract<Viewer, { kind: 'apiKey' }>;
  requestsPerMinute: number;
  allowedOrigins: readonly string[];
}

const caches = new WeakMap<object, ApiKeyCache>();

/** How long a resolved key is trusted without asking the database again. */
export const RESOLVED_KEY_TTL_MS = 5_000;
/** How long the set of origins that some active key allows is trusted (CORS). */
export const ALLOWED_ORIGINS_TTL_MS = 10_000;
/** Keys held at once (a partner sends one key; a few thousand partners at most call within 5 s). */
const MAX_RESOLVED_KEYS = 5_000;

/**
 * What one server process remembers of API keys, for a few seconds: the keys it resolved (by the secret as
 * sent, so that a remembered key costs no hashing; the process sees the secret with every request anyway) and the origins active keys allow. Any change of a key made through this process (create, update,
 * revoke) empties both at once, so a revoked key is refused on its very next request here, and in every other
 * process on PostgreSQL (NOTIFY, change-listener.ts); another process on the same SQLite file notices within
 * RESOLVED_KEY_TTL_MS (the price of not reading the database on every request).
 */
export class ApiKeyCache {
  /** The cache of the process's database (every EntityManager forked from one ORM shares its config). */
  static of(em: EntityManager): ApiKeyCache {
    let cache = caches.get(em.config);
    if (!cache) {
      cache = new ApiKeyCache();
      caches.set(em.config, cache);
    }
    return cache;
  }

  private readonly resolved = new LRUCache<string, ResolvedApiKey>({
    max: MAX_RESOLVED_KEYS,
    ttl: RESOLVED_KEY_TTL_MS,
  });
  private origins: { set: ReadonlySet<string>; until: number } | null = null;
  private generation = 0;

  /** The active key remembered for a secret (unknown secrets are not remembered). */
  resolvedKey(secret: string): ResolvedApiKey | undefined {
    return this.resolved.get(secret);
  }

  /** Remembers a lookup, unless a key changed since it started (it may have read the key before the change). */
  rememberKey(secret: string, key: ResolvedApiKey, startedAt: number): void {
    if (startedAt === this.generation) this.resolved.set(secret, key);
  }

  /** The origins remembered, or null when they must be read again. */
  allowedOrigins(now: number): ReadonlySet<string> | null {
    return this.origins && this.origins.until > now ? this.origins.set : null;
  }

  rememberOrigins(set: ReadonlySet<string>, now: number, startedAt: number): void {
    if (startedAt === this.generation) this.origins = { set, until: now + ALLOWED_ORIGINS_TTL_MS };
  }

  /** Marks the start of a database read whose result is remembered (see rememberKey). */
  get currentGeneration(): number {
    return this.generation;
  }

  /** A key was created, changed or revoked: forget everything. */
  invalidate(): void {
    this.generation++;
    this.resolved.clear();
    this.origins = null;
  }
}
