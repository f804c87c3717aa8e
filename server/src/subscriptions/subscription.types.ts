import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Event } from '../events/event.types.js';
import type { PublishedEvent } from '../events/event-bus.js';
import { OrderStatus } from '../orders/order-status.js';

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
