import type { PubSub } from 'type-graphql';
import type { EventBus, PublishedEvent } from '../events/event-bus.js';

/** The one topic: every committed event of the stream (each subscription filters what its caller hears). */
export const EVENTS_TOPIC = 'EVENTS';

/**
 * Events a subscriber has not taken yet, past which it is cut off (its stream ends with an error) rather than
 * holding an ever longer queue in memory: a client that cannot keep up reconnects and refetches.
 */
export const MAX_QUEUED_EVENTS = 1000;

/** A subscriber fell too far behind: its stream ends with this error. */
export class SubscriberTooSlowError extends Error {
  override readonly name = 'SubscriberTooSlowError';
  constructor() {
    super(
      `More than ${MAX_QUEUED_EVENTS} events were waiting for this subscription: subscribe again and refetch.`,
    );
  }
}

/**
 * type-graphql's PubSub, fed by the process's EventBus: each subscription gets its own queue of the events
 * committed after it began, in the bus's order. The listener is registered when the stream is made (so an
 * event committed after `subscribe` answers is never missed) and removed when the stream ends (the client
 * completes it or its socket closes).
 */
export class EventPubSub implements PubSub {
  private readonly streams = new Map<string, Set<EventStream>>();
  private readonly unsubscribe: (() => void) | null;
  private made = 0;

  /** Without a bus (the schema printed for schema.graphql) no event ever comes. */
  constructor(bus?: EventBus) {
    this.unsubscribe = bus ? bus.subscribe((event) => this.publish(EVENTS_TOPIC, event)) : null;
  }

  /** Subscriptions listening now, in this process (tests wait for a subscriber to be live by it). */
  get active(): number {
    let count = 0;
    for (const streams of this.streams.values()) count += streams.size;
    return count;
  }

  /** Streams made since the start (a test knows its subscription is live when this grows). */
  get opened(): number {
    return this.made;
  }

  publish(routingKey: string, ...args: unknown[]): void {
    const event = args[0] as PublishedEvent;
    for (const stream of this.streams.get(routingKey) ?? []) {
      try {
        stream.push(event);
      } catch {
        // A subscriber's filter that fails on an event does not hear it; the others still do.
      }
    }
  }

  /** `wanted`: which events this subscriber hears (the others are never queued); all when not given. */
  subscribe(routingKey: string, wanted?: unknown): AsyncIterableIterator<PublishedEvent> {
    let streams = this.streams.get(routingKey);
    if (!streams) {
      streams = new Set();
      this.streams.set(routingKey, streams);
    }
    const topic = streams;
    const heard = typeof wanted === 'function' ? (wanted as (event: PublishedEvent) => boolean) : () => true;
    const stream = new EventStream(heard, () => topic.delete(stream));
    topic.add(stream);
    this.made++;
    return stream;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    this.unsubscribe?.();
    for (const streams of this.streams.values()) for (const stream of streams) void stream.return();
    this.streams.clear();
  }
}

/** One subscription's queue: an async iterator whose `return()` (or the queue overflowing) releases it. */
class EventStream implements AsyncIterableIterator<PublishedEvent> {
  private readonly queue: PublishedEvent[] = [];
  private waiting: ((result: IteratorResult<PublishedEvent>) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    private readonly wanted: (event: PublishedEvent) => boolean,
    private readonly release: () => void,
  ) {}

  push(event: PublishedEvent): void {
    if (this.done || !this.wanted(event)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= MAX_QUEUED_EVENTS) {
      // What is queued is let go at once: the subscriber refetches after subscribing again.
      this.queue.length = 0;
      this.failure = new SubscriberTooSlowError();
      this.finish();
      return;
    }
    this.queue.push(event);
  }

  next(): Promise<IteratorResult<PublishedEvent>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<PublishedEvent>> {
    this.queue.length = 0;
    this.failure = null;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<PublishedEvent>> {
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<PublishedEvent> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.release();
    if (this.waiting) {
      // A reader waits only on an empty queue, so only return() gets here: the reader hears the end.
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }
}
