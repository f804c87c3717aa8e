import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { announceChange } from '../db/change-notices.js';
import type { Clock } from '../db/clock.js';
import { notFound } from '../errors.js';
import type { ApiScope } from '../graphql/authorization.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyCache, type ResolvedApiKey } from './api-key-cache.js';
import { audit } from './audit.js';
import { CustomerAccount } from './customer-account.entity.js';
import { tokenHash } from './session.service.js';
import type { User } from './user.entity.js';

export type { ResolvedApiKey } from './api-key-cache.js';

export const API_KEY_PREFIX = 'mto_live_';
/** The requests a minute a key may send unless an admin sets otherwise. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
const LAST_USED_EVERY_MS = 60_000;

export interface NewApiKey {
  name: string;
  scopes: ApiScope[];
  account?: CustomerAccount | null;
  partnerName?: string | null;
  requestsPerMinute?: number;
  allowedOrigins?: string[];
  createdBy?: User | null;
}

/** What an admin may change of a key (a field left out stays as it is). */
export interface ApiKeyChange {
  name?: string;
  requestsPerMinute?: number;
  allowedOrigins?: string[];
}

/**
 * The key a secret names if this process resolved it in the last few seconds (no database work, not even an
 * EntityManager); undefined when it must be resolved (ApiKeyService.resolve).
 */
export function rememberedApiKey(em: EntityManager, secret: string): ResolvedApiKey | undefined {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  return ApiKeyCache.of(em).resolvedKey(secret);
}

/** Partners' API keys: made with a secret shown once, found by the secret's hash. */
export class ApiKeyService {
  private readonly cache: ApiKeyCache;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {
    this.cache = ApiKeyCache.of(em);
  }

  /** A new key; `secret` is the only copy of the whole key: give it to the partner now. */
  async create(input: NewApiKey): Promise<{ key: ApiKey; secret: string }> {
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = this.em.create(ApiKey, {
      prefix: secret.slice(0, API_KEY_PREFIX.length + 8),
      secretHash: tokenHash(secret),
      name: input.name,
      scopes: [...input.scopes],
      account: input.account ?? null,
      partnerName: input.partnerName ?? null,
      requestsPerMinute: input.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
      allowedOrigins: [...(input.allowedOrigins ?? [])],
      createdBy: input.createdBy ?? null,
      createdAt: this.clock.now(),
    });
    await this.em.persistAndFlush(key);
    this.cache.invalidate();
    await announceChange(this.em, { kind: 'api-keys' });
    return { key, secret };
  }

  /** A new key for an account (by id) or a partner: the account must exist. */
  async createFor(
    input: Omit<NewApiKey, 'account'> & { accountId: number | null },
  ): Promise<{ key: ApiKey; secret: string }> {
    const { accountId, ...rest } = input;
    const account = accountId === null ? null : await this.em.findOne(CustomerAccount, { id: accountId });
    if (accountId !== null && !account)
      throw notFound('input.accountId', `There is no customer account ${accountId}: check the account's id.`);
    return this.create({ ...rest, account });
  }

  /** Every key, newest first, revoked ones too (with their account and creator). */
  async list(): Promise<ApiKey[]> {
    return this.em.find(
      ApiKey,
      {},
      { orderBy: { createdAt: 'desc', id: 'desc' }, populate: ['account', 'createdBy'] },
    );
  }

  /** Changes a key's name, limit or origins; a revoked key stays as it was revoked. */
  async update(id: number, change: ApiKeyChange, actor: string): Promise<ApiKey> {
    const key = await this.found(id);
    if (key.revokedAt) return key;
    if (change.name !== undefined) key.name = change.name;
    if (change.requestsPerMinute !== undefined) key.requestsPerMinute = change.requestsPerMinute;
    if (change.allowedOrigins !== undefined) key.allowedOrigins = [...change.allowedOrigins];
    const changed = Object.keys(change).filter((field) => change[field as keyof ApiKeyChange] !== undefined);
    audit(this.em, this.clock, actor, 'API_KEY_UPDATED', `API key ${key.prefix}`, changed.join(', '));
    await this.em.flush();
    this.cache.invalidate();
    await announceChange(this.em, { kind: 'api-keys' });
    return key;
  }

  /** Revokes a key: its next request is refused (401). Revoking it again changes nothing. */
  async revoke(id: number, actor: string): Promise<ApiKey> {
    const key = await this.found(id);
    if (!key.revokedAt) {
      key.revokedAt = this.clock.now();
      audit(this.em, this.clock, actor, 'API_KEY_REVOKED', `API key ${key.prefix}`);
      await this.em.flush();
    }
    this.cache.invalidate();
    await announceChange(this.em, { kind: 'api-keys' });
    return key;
  }

  /** Every origin that some active key allows (CORS preflights), remembered a few seconds. */
  async allowedOrigins(): Promise<ReadonlySet<string>> {
    const now = Date.now();
    const remembered = this.cache.allowedOrigins(now);
    if (remembered) return remembered;
    const startedAt = this.cache.currentGeneration;
    const keys = await this.em.find(ApiKey, { revokedAt: null }, { fields: ['allowedOrigins'] });
    const origins = new Set(keys.flatMap((key) => key.allowedOrigins));
    this.cache.rememberOrigins(origins, now, startedAt);
    return origins;
  }

  private async found(id: number): Promise<ApiKey> {
    const key = await this.em.findOne(ApiKey, { id }, { populate: ['account', 'createdBy'] });
    if (!key) throw notFound('id', `There is no API key ${id}: list them with apiKeys.`);
    return key;
  }

  /**
   * The key a bearer secret names; null when there is none or it was revoked. A key found is remembered
   * for a few seconds (ApiKeyCache: a change made in this process forgets it at once).
   */
  async resolve(secret: string): Promise<ResolvedApiKey | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const remembered = this.cache.resolvedKey(secret);
    if (remembered) return remembered;
    const startedAt = this.cache.currentGeneration;
    const key = await this.em.findOne(ApiKey, { secretHash: tokenHash(secret), revokedAt: null });
    if (!key) return null;
    const now = this.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
      await this.em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
    }
    const accountId = key.account ? key.account.id : null;
    const resolved: ResolvedApiKey = {
      viewer: {
        kind: 'apiKey',
        keyId: key.id,
        name: key.name,
        prefix: key.prefix,
        scopes: [...key.scopes],
        accountId,
      },
      requestsPerMinute: key.requestsPerMinute,
      allowedOrigins: [...key.allowedOrigins],
    };
    this.cache.rememberKey(secret, resolved, startedAt);
    return resolved;
  }
}
