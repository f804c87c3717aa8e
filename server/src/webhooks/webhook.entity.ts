import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { ApiKey } from '../accounts/api-key.entity.js';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { User } from '../accounts/user.entity.js';
import type { EventType } from '../events/event-type.js';

/**
 * A partner's (or an admin's) URL that hears of events. The secret signs each request (Standard Webhooks):
 * it is kept as given to the owner, since signing needs it (the server has no application secret to
 * encrypt it with; see docs/api.md, Webhooks).
 */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Property({ type: 'json' })
  eventTypes!: EventType[];

  /** `whsec_` + base64 of 24 random bytes. */
  @Property({ type: 'string', length: 100 })
  secret!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  description?: string | null;

  /** The admin who registered it (null when a key did). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  ownerUser?: Rel<User> | null;

  /** The API key that registered it: only that key manages it, and it stops hearing when the key is revoked. */
  @ManyToOne(() => ApiKey, { nullable: true, deleteRule: 'cascade' })
  ownerApiKey?: Rel<ApiKey> | null;

  /** The one account whose events it hears (an account's key); null: every account's (admins, partner keys). */
  @ManyToOne(() => CustomerAccount, { nullable: true, deleteRule: 'cascade' })
  account?: Rel<CustomerAccount> | null;

  /** Events up to this sequence were written before it existed: it hears only later ones. */
  @Property({ type: 'integer' })
  startSequence!: number;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  /** Why it was disabled, for its owner (every delivery failing for a day, say). */
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string | null;

  /** Since when every attempt failed (null after a success): past the window the endpoint is disabled. */
  @Property({ type: 'datetime', nullable: true })
  failingSince?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

export const WebhookDeliveryStatus = {
  /** Not yet sent, or sent and failed with another attempt due at nextAttemptAt. */
  PENDING: 'PENDING',
  SUCCEEDED: 'SUCCEEDED',
  /** The last attempt failed; another is due at nextAttemptAt. */
  FAILED: 'FAILED',
  /** Retried for the whole window (WEBHOOK_MAX_RETRY_HOURS) without success: only a redeliver sends it again. */
  GAVE_UP: 'GAVE_UP',
} as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];

/** One event (or a test ping) for one endpoint: sent until it succeeds or the retry window ends. */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['endpoint', 'eventSequence'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['endpoint', 'subject', 'id'] })
// The worker's claim: the unfinished deliveries only (a few, however long the log grows), by endpoint and
// subject for its "no older unfinished one of the same order" check.
@Index({
  name: 'webhook_delivery_unfinished_index',
  expression:
    'create index "webhook_delivery_unfinished_index" on "webhook_delivery" ("endpoint_id", "subject", "id") where "status" in (\'PENDING\', \'FAILED\')',
})
export class WebhookDelivery {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  /** The domain event's sequence; null for a test ping. */
  @Property({ type: 'integer', nullable: true })
  eventSequence?: number | null;

  /** The webhook-id header: the event's id (`evt_...`), or `msg_test_...` for a ping. */
  @Property({ type: 'string', length: 40 })
  messageId!: string;

  /** The wire type (`order.confirmed`, `webhook.test`). */
  @Property({ type: 'string', length: 40 })
  eventType!: string;

  /** The order number or quote reference: deliveries of one subject reach an endpoint in order. */
  @Property({ type: 'string', length: 64 })
  subject!: string;

  /** A test ping's body (events' bodies are made from the stream). */
  @Property({ type: 'json', nullable: true })
  body?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 16 })
  status!: WebhookDeliveryStatus;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  /** A worker is sending it until then (a worker that died leaves it to others after this). */
  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  /** No retry after this (the first attempt + WEBHOOK_MAX_RETRY_HOURS; a redeliver starts a new window). */
  @Property({ type: 'datetime' })
  giveUpAt!: Date;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** One POST of a delivery: what the receiver answered, for the delivery log. */
@Entity({ tableName: 'webhook_attempt' })
@Index({ properties: ['delivery', 'id'] })
export class WebhookAttempt {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'boolean' })
  succeeded!: boolean;

  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null;

  /** The first KB of the answer's body. */
  @Property({ type: 'text', nullable: true })
  responseBodyStart?: string | null;

  /** Why it failed without an answer (refused address, timeout, connection refused). */
  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null;
}

/**
 * How far fan-out has read the event stream, per process group (all the servers on one database are one
 * group): moved in the transaction that made the deliveries of the events it passed.
 */
@Entity({ tableName: 'webhook_fanout_mark' })
export class WebhookFanoutMark {
  @PrimaryKey({ type: 'string', length: 40 })
  processGroup!: string;

  @Property({ type: 'integer' })
  sequence!: number;
}
