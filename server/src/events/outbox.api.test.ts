import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderEvent } from '../fulfilment/order-event.entity.js';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DomainEvent } from './domain-event.entity.js';
import type { PublishedEvent } from './event-bus.js';
import { ORDER_EVENT_TYPES } from './payloads.js';

const CONFIRM = operation('confirm-order');
const CANCEL = operation('cancel-order');
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };

describe.each(await testDialects())('the durable event stream on %s', (dialect) => {
  let server: TestServer;
  const heard: PublishedEvent[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.running.events.subscribe((event) => heard.push(event));
  });
  afterAll(async () => server?.close());

  const streamOf = (number: string) =>
    server.running.orm.em
      .fork()
      .find(DomainEvent, { subjectKind: 'ORDER', subject: number }, { orderBy: { sequence: 'asc' } });
  const stepsOf = (number: string) =>
    server.running.orm.em.fork().find(OrderEvent, { order: { number } }, { orderBy: { id: 'asc' } });

  it('writes one event per recorded step of an order, in its order, with the status it left and no personal data', async () => {
    const placed = await server.placeTracked<{ number: string }>({
      lines: [DESK],
      customer: { name: 'Ada Lovelace', email: 'ada@example.test' },
    });
    const { number } = placed;
    const confirmed = await server.data<{ confirmOrder: { __typename: string } }>(CONFIRM, { number });
    expect(confirmed.confirmOrder.__typename).not.toMatch(/Refus/);
    // A refused step (confirming twice) changes nothing, so it writes no event.
    await server.graphql(CONFIRM, { number });
    await server.data(CANCEL, { number, reason: 'Customer changed plans' });

    const steps = await stepsOf(number);
    const stream = await streamOf(number);
    expect(stream.map((event) => event.type)).toEqual(steps.map((step) => ORDER_EVENT_TYPES[step.kind]));
    expect(stream[0]!.type).toBe('ORDER_PLACED');
    expect(stream.at(-1)!.type).toBe('ORDER_PROGRESSED'); // released after the cancellation
    const cancelled = stream.find((event) => event.type === 'ORDER_CANCELLED')!;
    expect(cancelled.payload).toMatchObject({
      version: 'v1',
      order: { number, status: 'CANCELLED' },
      change: { to: 'CANCELLED' },
    });
    const placedEvent = stream[0]!.payload as { order: { status: string; total: { currency: string } } };
    expect(['PLACED', 'AWAITING_REVIEW']).toContain(placedEvent.order.status);
    expect(placedEvent.order.total.currency).toBe('EUR');
    const text = JSON.stringify(stream.map((event) => event.payload));
    expect(text).not.toContain('ada@example.test');
    expect(text).not.toContain('Lovelace');
    expect(new Set(stream.map((event) => event.eventId)).size).toBe(stream.length);
    for (const event of stream) expect(event.eventId).toMatch(/^evt_[0-9a-f]{32}$/);

    // This process's listeners heard each committed event once, in sequence order.
    const ours = heard.filter((event) => event.subject === number);
    expect(ours.map((event) => event.id)).toEqual(stream.map((event) => event.eventId));
  });
});
