import { Arg, Ctx, Int, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Allow, ApiScope } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { key, ValidArgs } from '../graphql/input-validation.js';
import { cursorArgument, pageSize } from '../orders/order.inputs.js';
import { EventConnection } from './event.types.js';
import { readEventFeed } from './event-feed.js';
import { EventType } from './event-type.js';

@Resolver()
export class EventResolver {
  @Query(() => EventConnection, {
    description:
      'The durable event stream as a feed, oldest first: what a partner who missed webhooks reads to catch up. ' +
      'Staff read every event; a customer or a key bound to an account its account’s (a partner ' +
      'organisation’s key none, as with `orders`). `after`: a page’s endCursor (absent: from the start); ' +
      '`first`: 1 to 100, default 50; `types`: only these; `subject`: one order number or quote reference. ' +
      'The feed never passes an event still being written, so reading on from endCursor skips and repeats ' +
      'nothing. A bad `first` or `after` is a BAD_USER_INPUT error naming it.',
  })
  @UseMiddleware(ValidArgs({ first: pageSize, ...cursorArgument, subject: key('A subject').nullish() }))
  @Allow({ users: 'signed-in', scope: ApiScope.EVENTS_READ })
  async events(
    // type-graphql prints the arguments last to first: the schema reads (after, first, types, subject).
    @Arg('subject', () => String, { nullable: true }) subject: string | null,
    @Arg('types', () => [EventType], { nullable: true }) types: EventType[] | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { em, viewer }: RequestContext,
  ): Promise<EventConnection> {
    return readEventFeed(em, viewer, { after, first, types, subject });
  }
}
