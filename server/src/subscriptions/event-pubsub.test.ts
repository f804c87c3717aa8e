import { describe, expect, it } from 'vitest';
import type { EventBus, PublishedEvent } from '../events/event-bus.js';
import { EVENTS_TOPIC, EventPubSub, MAX_QUEUED_EVENTS, SubscriberTooSlowError } from './event-pubsub.js';

/** A bus that tells its listeners what the test publishes (the server's is told by its commits). */
function bus(): EventBus & { tell(event: PublishedEvent): void } {
  const listeners = new Set<(event: PublishedEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {},
    tell: (event) => {
      for (const listener of listeners) listener(event);
    },
  };
}

let sequence = 0;
function event(subject: string): PublishedEvent {
  sequence++;
  return {
    sequence,
    id: `evt_${String(sequence).padStart(32, '0')}`,
    type: 'ORDER_CONFIRMED',
    occurredAt: new Date(),
    accountId: 1,
    subjectKind: 'ORDER',
    subject,
    data: { version: 'v1' },
  };
}

describe('the subscriptions’ event streams', () => {
  it('gives each stream the events committed after it began that it wants, in order; a stream ended is freed', async () => {
    const events = bus();
    const pubSub = new EventPubSub(events);
    events.tell(event('MTO-EARLY'));
    const all = pubSub.subscribe(EVENTS_TOPIC);
    const one = pubSub.subscribe(EVENTS_TOPIC, (heard: PublishedEvent) => heard.subject === 'MTO-B');
    expect(pubSub.active).toBe(2);
    const waiting = all.next();
    events.tell(event('MTO-A'));
    events.tell(event('MTO-B'));
    expect((await waiting).value?.subject).toBe('MTO-A');
    expect((await all.next()).value?.subject).toBe('MTO-B');
    expect((await one.next()).value?.subject).toBe('MTO-B');
    // A reader waiting on an empty stream hears its end when it is ended (the client completed it).
    const pending = one.next();
    await one.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(pubSub.active).toBe(1);
    pubSub.close();
    expect(pubSub.active).toBe(0);
    expect((await all.next()).done).toBe(true);
  });

  it('cuts off a subscriber that falls more than MAX_QUEUED_EVENTS behind, rather than queueing without end', async () => {
    const events = bus();
    const pubSub = new EventPubSub(events);
    const slow = pubSub.subscribe(EVENTS_TOPIC);
    for (let i = 0; i <= MAX_QUEUED_EVENTS; i++) events.tell(event(`MTO-${i}`));
    expect(pubSub.active).toBe(0);
    await expect(slow.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    expect((await slow.next()).done).toBe(true);
  });
});
