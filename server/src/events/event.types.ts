import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.js';
import { JSONScalar } from '../graphql/json.scalar.js';
import type { PublishedEvent } from './event-bus.js';
import { EventType } from './event-type.js';

@ObjectType({
  description:
    'One event of the durable stream: what happened to an order or a quote, when, and its data (version v1, ' +
    'the API’s own shapes, no personal data). The same event a webhook delivers (its id is the webhook-id).',
})
export class Event {
  @Field(() => ID, { description: 'Stable and unique (`evt_` + 32 hex): de-duplicate on it.' })
  id!: string;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => DateTime, { description: 'When the change happened (it committed with this event).' })
  occurredAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'The customer account concerned; null for a guest’s order.',
  })
  accountId!: number | null;

  @Field(() => String, { description: 'The order number (MTO-...) or the quote reference it is about.' })
  subject!: string;

  @Field(() => JSONScalar, {
    description:
      'The event’s data: `{ version: "v1", order: {...}, change?, slip?, shipment?, step? }` or ' +
      '`{ version: "v1", quote: {...}, change }` (docs/events.md shows one of each type).',
  })
  data!: Record<string, unknown>;
}

@ObjectType({
  description:
    'A page of the event feed, oldest first. Pass `endCursor` as `after` to read on; it is given even on an ' +
    'empty page, so a reader polls from where it stopped.',
})
export class EventConnection {
  @Field(() => [Event])
  nodes!: Event[];

  @Field(() => String, { nullable: true, description: 'The place after this page (null: nothing read yet).' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'Whether more events already follow this page.' })
  hasMore!: boolean;
}

/** A committed event as the API shows it (the feed and the subscriptions alike). */
export function eventOf(event: PublishedEvent): Event {
  return Object.assign(new Event(), {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    accountId: event.accountId,
    subject: event.subject,
    data: event.data,
  });
}
