import { Entity, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import type { ApiScope } from '../graphql/authorization.js';
import { CustomerAccount } from './customer-account.entity.js';
import { User } from './user.entity.js';

/**
 * A partner's API key, sent as `Authorization: Bearer mto_live_…`. The secret is shown once, at creation;
 * the table keeps its SHA-256. A salted slow hash is not needed: the secret is 32 random bytes, so there is
 * no dictionary to try, and a fast hash lets every request be checked in microseconds.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The key's first characters (`mto_live_` and 8 more): shown in lists and logs to tell keys apart. */
  @Property({ type: 'string', length: 32 })
  prefix!: string;

  /** SHA-256 (hex) of the whole key. */
  @Unique()
  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'json' })
  scopes!: ApiScope[];

  /** The customer account the key acts for: its orders are the only ones it sees. */
  @ManyToOne(() => CustomerAccount, { nullable: true, deleteRule: 'restrict' })
  account?: Rel<CustomerAccount> | null;

  /** For a partner organisation's key (no account): who the partner is. */
  @Property({ type: 'string', length: 200, nullable: true })
  partnerName?: string | null;

  /** Requests a minute this key may send; past it, 429 with Retry-After. */
  @Property({ type: 'integer' })
  requestsPerMinute!: number;

  /** Origins (scheme://host[:port]) whose browser apps may call the API with this key (CORS). */
  @Property({ type: 'json' })
  allowedOrigins!: string[];

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Written at most once a minute. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
