import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EventType } from '../events/event-type.js';
import type {
  WebhookAttempt as AttemptRow,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from './webhook.entity.js';
import { WebhookDeliveryStatus } from './webhook.entity.js';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not sent yet (or being sent).' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'The last attempt failed; another is due at nextAttemptAt.' },
    GAVE_UP: {
      description: 'Retried for the whole retry window (3 days by default); redeliverWebhook sends it again.',
    },
  },
});

@ObjectType({
  description:
    'A URL that hears of events, signed by Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Its secret is shown only by createWebhookEndpoint and rotateWebhookSecret.',
})
export class WebhookEndpoint {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  url!: string;

  @Field(() => [EventType], { description: 'The event types it hears of.' })
  eventTypes!: EventType[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The one customer account whose events it hears (an account’s key); null: every account’s.',
  })
  accountId!: number | null;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'ISO 8601: when it was disabled.' })
  disabledAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was disabled (every attempt failing for a day, with the last error).',
  })
  disabledReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601: since when every attempt failed; null after a success.',
  })
  failingSince!: string | null;

  @Field(() => String, { description: 'ISO 8601.' })
  createdAt!: string;
}

export function toWebhookEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    description: row.description ?? null,
    accountId: row.account?.id ?? null,
    enabled: row.enabled,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

@ObjectType({
  description: 'An endpoint just made (or its secret just rotated), with its secret, shown this once.',
})
export class WebhookEndpointCreated {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, {
    description:
      'whsec_ and base64: give it to `new Webhook(secret)` of the standardwebhooks package to verify.',
  })
  secret!: string;
}

@ObjectType({ description: 'One POST of a delivery, as the receiver answered it.' })
export class WebhookAttempt {
  @Field(() => String, { description: 'ISO 8601.' })
  at!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'SUCCEEDED (2xx) or FAILED.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The first KB of the answer’s body.' })
  responseBodyStart!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed (timeout, refused address, redirect not followed, connection refused).',
  })
  error!: string | null;
}

@ObjectType({ description: 'One event (or test ping) for one endpoint, with its attempts.' })
export class WebhookDelivery {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'The webhook-id header: the event’s id (a ping: msg_test_...).' })
  eventId!: string;

  @Field(() => String, { description: 'The wire type, e.g. order.confirmed (webhook.test for a ping).' })
  eventType!: string;

  @Field(() => String, { description: 'The order number or quote reference.' })
  subject!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601: the next attempt, while PENDING or FAILED.',
  })
  nextAttemptAt!: string | null;

  @Field(() => String, { description: 'ISO 8601.' })
  createdAt!: string;

  @Field(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attempts!: WebhookAttempt[];
}

export function toWebhookDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  const waiting = row.status === 'PENDING' || row.status === 'FAILED';
  return {
    id: row.id,
    eventId: row.messageId,
    eventType: row.eventType,
    subject: row.subject,
    status: row.status,
    nextAttemptAt: waiting ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    attempts: attempts.map((attempt) => ({
      at: attempt.at.toISOString(),
      status: attempt.succeeded ? WebhookDeliveryStatus.SUCCEEDED : WebhookDeliveryStatus.FAILED,
      durationMs: attempt.durationMs,
      responseStatus: attempt.responseStatus ?? null,
      responseBodyStart: attempt.responseBodyStart ?? null,
      error: attempt.error ?? null,
    })),
  };
}

@ObjectType({ description: 'A page of an endpoint’s delivery log, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDelivery])
  nodes!: WebhookDelivery[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when empty.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasMore!: boolean;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'https:// (http:// only for localhost in development); not a private or loopback address.',
  })
  url!: string;

  @Field(() => [EventType], { description: 'The event types wanted: at least one.' })
  eventTypes!: EventType[];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType({ description: 'Only what is given changes.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [EventType], { nullable: true })
  eventTypes?: EventType[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
