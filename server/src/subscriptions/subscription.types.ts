import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { PublishedEvent } from '../events/event-bus.js';
import { EventType } from '../events/event-type.js';
import { OrderStatus } from '../orders/order-status.js';

/** An instant, written as ISO 8601 in UTC (`2026-12-01T09:30:00.000Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, written as ISO 8601 in UTC (2026-12-01T09:30:00.000Z).',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => new Date(String(value)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A DateTime is written as an ISO 8601 string.');
    return new Date(ast.value);
  },
});

/** Any JSON value: an event's data, whose shape its type and `version` tell. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (an event’s data: its shape is told by the event’s type and data.version).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

@ObjectType({
  description: 'One event of the durable stream: what happened to which order or quote, and when.',
})
export class Event {
  @Field(() => ID, {
    description: 'Stable and unique (`evt_` + 32 hex): the webhook-id of its deliveries too.',
  })
  id!: string;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'The customer account it concerns; null for a guest’s order.',
  })
  accountId!: number | null;

  @Field(() => String, { description: 'The order number (MTO-…) or quote reference it is about.' })
  subject!: string;

  @Field(() => JSONScalar, {
    description:
      'The payload, version v1: `order` (or `quote`) as the API shows it, and `change`, `slip`, `shipment` or `step` by type.',
  })
  data!: Record<string, unknown>;
}

export function toEvent(event: PublishedEvent): Event {
  return Object.assign(new Event(), {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    accountId: event.accountId,
    subject: event.subject,
    data: event.data,
  });
}

@ObjectType({
  description: 'An order changed: the event and the order as it is now, as this caller may see it.',
})
export class OrderChange {
  @Field(() => Event)
  event!: Event;

  /** The event as published (OrderChangeResolver reads the order only when it is asked for). */
  published!: PublishedEvent;
}

@ObjectType({
  description: 'Something on the operations board changed: refetch the board (or the materials).',
})
export class OperationsBoardChange {
  @Field(() => Event)
  event!: Event;
}

@InputType({
  description:
    'Which orders’ changes to hear (all given conditions hold). Without it: every order the caller may see.',
})
export class OrderChangeFilterInput {
  @Field(() => [OrderStatus], {
    nullable: true,
    description: 'Only orders that have one of these statuses after the change.',
  })
  status?: OrderStatus[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only this customer account’s orders (a customer or an account’s key hears only its own anyway).',
  })
  accountId?: number | null;
}
