import { registerEnumType } from 'type-graphql';

/**
 * What a partner or a page hears about: the public event types of the durable stream. Each has a wire name
 * (`order.promise_slipped`) used in webhook bodies and the feed, as Standard Webhooks' envelopes do.
 */
export const EventType = {
  ORDER_PLACED: 'ORDER_PLACED',
  ORDER_CONFIRMED: 'ORDER_CONFIRMED',
  ORDER_STATUS_CHANGED: 'ORDER_STATUS_CHANGED',
  ORDER_PROGRESSED: 'ORDER_PROGRESSED',
  ORDER_PROMISE_SLIPPED: 'ORDER_PROMISE_SLIPPED',
  ORDER_REQUISITION_RECEIVED: 'ORDER_REQUISITION_RECEIVED',
  ORDER_SHIPPED: 'ORDER_SHIPPED',
  ORDER_DELIVERED: 'ORDER_DELIVERED',
  ORDER_CANCELLED: 'ORDER_CANCELLED',
  QUOTE_SENT: 'QUOTE_SENT',
  QUOTE_APPROVED: 'QUOTE_APPROVED',
  QUOTE_ACCEPTED: 'QUOTE_ACCEPTED',
  QUOTE_EXPIRED: 'QUOTE_EXPIRED',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

/** ORDER_PROMISE_SLIPPED -> "order.promise_slipped". */
export function wireName(type: EventType): string {
  const lower = type.toLowerCase();
  const split = lower.indexOf('_');
  return `${lower.slice(0, split)}.${lower.slice(split + 1)}`;
}

const BY_WIRE_NAME = new Map(EVENT_TYPES.map((type) => [wireName(type), type]));

/** "order.promise_slipped" -> ORDER_PROMISE_SLIPPED; undefined for a name that is not one. */
export function eventTypeOf(wire: string): EventType | undefined {
  return BY_WIRE_NAME.get(wire);
}

registerEnumType(EventType, {
  name: 'EventType',
  description:
    'What happened, as the event stream, webhooks and subscriptions tell it. In webhook bodies and the feed the ' +
    'type is written in its wire form: lower case, the first underscore a dot (ORDER_PROMISE_SLIPPED -> order.promise_slipped).',
  valuesConfig: {
    ORDER_PLACED: {
      description: 'An order was placed (status PLACED, or AWAITING_REVIEW when its work needs a review).',
    },
    ORDER_CONFIRMED: { description: 'An order was confirmed: PLACED -> CONFIRMED.' },
    ORDER_STATUS_CHANGED: {
      description:
        'Any other change of an order’s status (review accepted, awaiting materials, in production, quality...).',
    },
    ORDER_PROGRESSED: {
      description:
        'A step inside a status: materials planned or issued, work started or completed, a supplier’s new date.',
    },
    ORDER_PROMISE_SLIPPED: { description: 'An order now ships later than promised: the new date and why.' },
    ORDER_REQUISITION_RECEIVED: {
      description: 'A part bought for the order arrived and was reserved for it.',
    },
    ORDER_SHIPPED: { description: 'An order was handed to the carrier, with its tracking number.' },
    ORDER_DELIVERED: { description: 'An order was delivered.' },
    ORDER_CANCELLED: { description: 'An order was cancelled.' },
    QUOTE_SENT: { description: 'A quote revision was sent to its customer.' },
    QUOTE_APPROVED: { description: 'A sales manager approved a quote revision.' },
    QUOTE_ACCEPTED: { description: 'The customer accepted a quote revision; it became an order.' },
    QUOTE_EXPIRED: { description: 'A sent quote revision passed its validity date unaccepted.' },
  },
});
