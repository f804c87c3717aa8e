import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { badInput } from '../errors.js';
import type { Viewer } from '../graphql/authorization.js';
import { quoted } from '../graphql/input-validation.js';
import { readableAccounts } from '../orders/order-access.js';
import { DomainEvent } from './domain-event.entity.js';
import { type Event, EventConnection, eventOf } from './event.types.js';
import { publishedOf } from './event-bus.js';
import type { EventType } from './event-type.js';

export const DEFAULT_EVENT_PAGE_SIZE = 50;

export interface EventFeedQuery {
  after?: string | null;
  first?: number | null;
  types?: readonly EventType[] | null;
  subject?: string | null;
}

/** Which events a caller may read: those of the orders it may read (orders/order-access.ts readableAccounts). */
export function visibleEvents(viewer: Viewer): FilterQuery<DomainEvent> | null {
  const accounts = readableAccounts(viewer);
  if (accounts === 'every') return {};
  return accounts === null ? null : { accountId: accounts };
}

const CURSOR_PREFIX = 'event:';

/** An opaque cursor: the event's sequence, base64url-encoded. */
export function eventCursor(sequence: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${sequence}`).toString('base64url');
}

function sequenceOf(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^(0|[1-9]\d{0,15})$/.test(digits) || !Number.isSafeInteger(Number(digits)))
    throw badInput('after', `'after' is not a cursor of the event feed: ${quoted(cursor)}`);
  return Number(digits);
}

/**
 * A page of the feed, oldest first, after a cursor. The feed never passes an event that has yet to commit:
 * on SQLite one transaction writes at a time, so sequences commit in their order; on PostgreSQL the writers
 * of events take a lock that makes them commit in sequence order (EVENTS_COMMIT_LOCK). So everything below
 * the last sequence read has committed, and paging by sequence neither skips nor repeats an event.
 */
export async function readEventFeed(
  em: EntityManager,
  viewer: Viewer,
  query: EventFeedQuery,
): Promise<EventConnection> {
  const after = query.after ? sequenceOf(query.after) : 0;
  const size = query.first ?? DEFAULT_EVENT_PAGE_SIZE;
  const visible = visibleEvents(viewer);
  const page = (nodes: Event[], hasMore: boolean, last: number) =>
    Object.assign(new EventConnection(), { nodes, hasMore, endCursor: last > 0 ? eventCursor(last) : null });
  if (visible === null) return page([], false, after);
  const where: FilterQuery<DomainEvent> = { $and: [visible, { sequence: { $gt: after } }] };
  if (query.types?.length) where.$and!.push({ type: { $in: [...query.types] } });
  if (query.subject) where.$and!.push({ subject: query.subject });
  const rows = await em.find(DomainEvent, where, { orderBy: { sequence: 'asc' }, limit: size + 1 });
  const shown = rows.slice(0, size);
  const nodes = shown.map((row) => eventOf(publishedOf(row)));
  return page(nodes, rows.length > size, shown.at(-1)?.sequence ?? after);
}
