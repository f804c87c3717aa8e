import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, NotFoundError } from '../errors.js';
import { eventOf } from '../events/event.types.js';
import type { PublishedEvent } from '../events/event-bus.js';
import { Allow, ApiScope, Role, type Viewer } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { readArguments } from '../graphql/input-validation.js';
import { orderNumberArgument, trackingTokenArgument } from '../orders/order.inputs.js';
import { toOrder } from '../orders/order.mapper.js';
import { Order } from '../orders/order.types.js';
import { readableAccounts } from '../orders/order-access.js';
import { EVENTS_TOPIC, type EventPubSub } from './event-pubsub.js';
import { OperationsBoardChange, OrderChange, OrderChangeFilterInput } from './subscription.types.js';

/**
 * A subscription's context: a request's, plus the process's event streams and a way to start afresh for each
 * event (an event is answered with the order as it is now, not as the subscription's first read left it).
 */
export interface SubscriptionContext extends RequestContext {
  eventStreams: EventPubSub;
  /** Replaces the entity manager, services and loaders with new ones (called before each event is answered). */
  renew(): void;
}

/** The plant's staff who see the board (as Query.operationsBoard). */
const BOARD_USERS = [Role.OPERATIONS, Role.SALES, Role.SALES_MANAGER, Role.ADMIN];

/** Whether the caller may hear of an order event of this account (staff: every account; others: their own). */
function hears(viewer: Viewer, event: PublishedEvent): boolean {
  if (event.subjectKind !== 'ORDER') return false;
  const accounts = readableAccounts(viewer);
  return accounts === 'every' || (accounts !== null && event.accountId === accounts);
}

/** The order's status after the event, as its payload (v1) tells it. */
function statusAfter(event: PublishedEvent): string | undefined {
  return (event.data.order as { status?: string } | undefined)?.status;
}

/** The stream's events about one order. */
function eventsOfOrder(eventStreams: EventPubSub, number: string) {
  return eventStreams.subscribe(
    EVENTS_TOPIC,
    (event: PublishedEvent) => event.subjectKind === 'ORDER' && event.subject === number,
  );
}

/** The order an event is about, read afresh as the caller may see it; NOT_FOUND once they may not. */
async function orderNow(context: SubscriptionContext, event: PublishedEvent): Promise<Order> {
  context.renew();
  const order = await context.orders.findByNumber(event.subject, context.viewer);
  if (!order) throw new NotFoundError('number', `There is no order ${event.subject} that you may see.`);
  return toOrder(order, context.catalog);
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Order, {
    description:
      'The order each time it changes, as `order(number)` shows it to this caller (staff: any order; a customer or an account’s key: its own). An order the caller may not see is NOT_FOUND, as one that does not exist.',
    subscribe: async ({ args, context }) => {
      const { eventStreams, orders, viewer } = context as SubscriptionContext;
      const read = readArguments(orderNumberArgument, args);
      if (!read.ok) throw badInput(read.problem.field, read.problem.message);
      const order = await orders.findByNumber(String(read.values.number), viewer);
      if (!order)
        throw new NotFoundError('number', `There is no order ${read.values.number} that you may see.`);
      return eventsOfOrder(eventStreams, order.number);
    },
  })
  @Allow({ users: 'signed-in', scope: ApiScope.ORDERS_READ })
  async orderUpdated(
    @Arg('number', () => String) _number: string,
    @Root() event: PublishedEvent,
    @Ctx() context: SubscriptionContext,
  ): Promise<Order> {
    return orderNow(context, event);
  }

  @Subscription(() => Order, {
    nullable: true,
    description:
      'The order a tracking token opens (a guest’s link), each time it changes, as `trackedOrder(token)` shows it. A token that opens no order is NOT_FOUND; one that stops opening it (a retried placing gives a new one) is NOT_FOUND at the next change.',
    subscribe: async ({ args, context }) => {
      const { eventStreams, orders } = context as SubscriptionContext;
      const read = readArguments(trackingTokenArgument, args);
      if (!read.ok) throw badInput(read.problem.field, read.problem.message);
      const order = await orders.findByTrackingToken(String(read.values.token));
      // Says nothing of the token: whether it is stale, or never was, is the same answer.
      if (!order) throw new NotFoundError('token', 'There is no order that this tracking token opens.');
      return eventsOfOrder(eventStreams, order.number);
    },
  })
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_READ })
  async trackedOrderUpdated(
    @Arg('token', () => String) token: string,
    @Ctx() context: SubscriptionContext,
  ): Promise<Order> {
    // Read by the token, not the number: a token replaced meanwhile stops answering.
    context.renew();
    const order = await context.orders.findByTrackingToken(token);
    if (!order) throw new NotFoundError('token', 'There is no order that this tracking token opens.');
    return toOrder(order, context.catalog);
  }

  @Subscription(() => OrderChange, {
    description:
      'Every change of an order the caller may see (staff: every account’s; a customer or an account’s key: its own account’s), with the event and the order as it is now. `filter` narrows it.',
    subscribe: ({ args, context }) => {
      const { eventStreams, viewer } = context as SubscriptionContext;
      const filter = (args.filter ?? {}) as OrderChangeFilterInput;
      const statuses = filter.status?.length ? new Set<string>(filter.status) : null;
      return eventStreams.subscribe(
        EVENTS_TOPIC,
        (event: PublishedEvent) =>
          hears(viewer, event) &&
          (filter.accountId === null ||
            filter.accountId === undefined ||
            event.accountId === filter.accountId) &&
          (statuses === null || statuses.has(statusAfter(event) ?? '')),
      );
    },
  })
  @Allow({ users: 'signed-in', scope: ApiScope.ORDERS_READ })
  ordersChanged(
    @Arg('filter', () => OrderChangeFilterInput, { nullable: true }) _filter: OrderChangeFilterInput | null,
    @Root() event: PublishedEvent,
  ): OrderChange {
    return Object.assign(new OrderChange(), { event: eventOf(event), published: event });
  }

  @Subscription(() => OperationsBoardChange, {
    description:
      'Something on the operations board (or the materials) changed: an order placed, moved, started, shipped, a part received. Refetch the board.',
    subscribe: ({ context }) =>
      (context as SubscriptionContext).eventStreams.subscribe(
        EVENTS_TOPIC,
        (event: PublishedEvent) => event.subjectKind === 'ORDER',
      ),
  })
  @Allow({ users: BOARD_USERS, scope: ApiScope.OPERATIONS_READ })
  operationsBoardChanged(@Root() event: PublishedEvent): OperationsBoardChange {
    return Object.assign(new OperationsBoardChange(), { event: eventOf(event) });
  }
}

@Resolver(() => OrderChange)
export class OrderChangeResolver {
  /** Read only when asked for: a subscriber that wants the events alone costs no read per event. */
  @FieldResolver(() => Order, {
    description: 'The order as it is now, as `order(number)` shows it to this caller.',
  })
  async order(@Root() change: OrderChange, @Ctx() context: SubscriptionContext): Promise<Order> {
    return orderNow(context, change.published);
  }
}
