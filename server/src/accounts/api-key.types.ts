import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ApiScope } from '../graphql/authorization.js';
import type { ApiKey as ApiKeyEntity } from './api-key.entity.js';

@ObjectType({ description: 'The customer account an API key acts for.' })
export class ApiKeyAccount {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;
}

@ObjectType({
  description:
    'A partner API key, as an admin sees it. Its secret is never shown again after createApiKey: the ' +
    'database keeps only its SHA-256.',
})
export class ApiKey {
  @Field(() => Int)
  id!: number;

  @Field(() => String, {
    description: 'The key’s first characters (`mto_live_` and 8 more), to tell keys apart.',
  })
  prefix!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [ApiScope])
  scopes!: ApiScope[];

  @Field(() => ApiKeyAccount, {
    nullable: true,
    description:
      'The customer account the key acts for (it sees only that account’s orders); null for a partner’s key.',
  })
  account!: ApiKeyAccount | null;

  @Field(() => String, {
    nullable: true,
    description: 'The partner organisation of a key without an account.',
  })
  partnerName!: string | null;

  @Field(() => Int, { description: 'Requests a minute the key may send; past it, 429 with Retry-After.' })
  requestsPerMinute!: number;

  @Field(() => [String], {
    description: 'Origins (scheme://host[:port]) whose browser apps may call the API with this key (CORS).',
  })
  allowedOrigins!: string[];

  @Field(() => String, { nullable: true, description: 'The name of the admin who created it.' })
  createdBy!: string | null;

  @Field(() => String, { description: 'ISO 8601.' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601, to the minute; null when never used.' })
  lastUsedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; a revoked key is refused (401).' })
  revokedAt!: string | null;
}

@ObjectType({
  description: 'A new key and its secret: the only time the secret is shown. Give it to the partner now.',
})
export class CreatedApiKey {
  @Field(() => ApiKey)
  key!: ApiKey;

  @Field(() => String, {
    description: 'The whole key (`mto_live_…`), sent as `Authorization: Bearer <secret>`.',
  })
  secret!: string;
}

@InputType({
  description: 'A new partner API key: for a customer account (accountId) or a partner (partnerName).',
})
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for; 1 to 100 characters.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'The customer account it acts for (its orders only).' })
  accountId?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The partner organisation, for a key without an account.',
  })
  partnerName?: string | null;

  @Field(() => [ApiScope], { description: 'What it may do: at least one scope.' })
  scopes!: ApiScope[];

  @Field(() => Int, { nullable: true, description: '1 to 100,000; default 600.' })
  requestsPerMinute?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Origins whose browser apps may use it, as `https://app.example.com` (no path); at most 20.',
  })
  allowedOrigins?: string[] | null;
}

@InputType({ description: 'What changes of a key; a field left out or null stays as it is.' })
export class UpdateApiKeyInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 100,000.' })
  requestsPerMinute?: number | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the origins; [] allows none.' })
  allowedOrigins?: string[] | null;
}

/** The admin's view of a key entity (account and creator loaded). */
export function toApiKey(key: ApiKeyEntity): ApiKey {
  return {
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    scopes: [...key.scopes],
    account: key.account ? { id: key.account.id, name: key.account.name } : null,
    partnerName: key.partnerName ?? null,
    requestsPerMinute: key.requestsPerMinute,
    allowedOrigins: [...key.allowedOrigins],
    createdBy: key.createdBy ? key.createdBy.name : null,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt ? key.lastUsedAt.toISOString() : null,
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}
