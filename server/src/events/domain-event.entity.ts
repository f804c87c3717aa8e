import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { EventType } from './event-type.js';

/** What an event is about: an order (by number) or a quote (by reference). */
export type EventSubjectKind = 'ORDER' | 'QUOTE';

/**
 * One event of the durable stream (the outbox): written in the transaction of the change it reports, so
 * there is no event without its change and no change without its event. Webhooks, subscriptions and the
 * `events` feed read it from here.
 */
@Entity({ tableName: 'domain_event' })
@Index({ properties: ['subjectKind', 'subject', 'sequence'] })
@Index({ properties: ['accountId', 'sequence'] })
export class DomainEvent {
  /** The stream's order: the feed pages by it. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  sequence!: number;

  /** Stable and public (`evt_` + 32 hex): the webhook-id header, what a receiver de-duplicates on. */
  @Unique()
  @Property({ type: 'string', length: 40 })
  eventId!: string;

  @Property({ type: 'string', length: 32 })
  type!: EventType;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The customer account the event concerns: only its keys and customers (and staff) hear of it. */
  @Property({ type: 'integer', nullable: true })
  accountId?: number | null;

  @Property({ type: 'string', length: 8 })
  subjectKind!: EventSubjectKind;

  /** The order number or the quote reference. */
  @Property({ type: 'string', length: 64 })
  subject!: string;

  /** The event's `data`, version v1, in the API's own shapes; no personal data. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;
}
