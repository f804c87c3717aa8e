import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import type { ApiScope, Viewer } from '../graphql/authorization.js';
import { ApiKey } from './api-key.entity.js';
import type { CustomerAccount } from './customer-account.entity.js';
import { tokenHash } from './session.service.js';
import type { User } from './user.entity.js';

export const API_KEY_PREFIX = 'mto_live_';
/** The requests a minute a key may send unless an admin sets otherwise. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
const LAST_USED_EVERY_MS = 60_000;

/** What a request's key is: the viewer it makes and the limits that apply to it. */
export interface ResolvedApiKey {
  viewer: Extract<Viewer, { kind: 'apiKey' }>;
  requestsPerMinute: number;
  allowedOrigins: readonly string[];
}

export interface NewApiKey {
  name: string;
  scopes: ApiScope[];
  account?: CustomerAccount | null;
  partnerName?: string | null;
  requestsPerMinute?: number;
  allowedOrigins?: string[];
  createdBy?: User | null;
}

/** Partners' API keys: made with a secret shown once, found by the secret's hash. */
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

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
    return { key, secret };
  }

  /** The key a bearer secret names; null when there is none or it was revoked. */
  async resolve(secret: string): Promise<ResolvedApiKey | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const key = await this.em.findOne(ApiKey, { secretHash: tokenHash(secret), revokedAt: null });
    if (!key) return null;
    const now = this.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
      await this.em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
    }
    const accountId = key.account ? key.account.id : null;
    return {
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
  }
}
