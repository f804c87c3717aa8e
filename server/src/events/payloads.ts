import { CUSTOMER_SLIP_CAUSE } from '../fulfilment/customer-view.js';
import type { OrderEventKind } from '../fulfilment/order-event-kind.js';
import type { Order } from '../orders/order.entity.js';
import type { OrderStatus } from '../orders/order-status.js';
import type { Quote, QuoteLine } from '../quotes/quote.entity.js';
import type { QuoteEventKind, QuoteStatus } from '../quotes/quote-enums.js';
import { figuresOf } from '../quotes/quote-figures.js';
import { EventType } from './event-type.js';

/** The payloads' version: a partner's code reads `data.version` before anything else. */
export const PAYLOAD_VERSION = 'v1';

/** Which public event an order's recorded step is; every step is one. */
export const ORDER_EVENT_TYPES: { [K in OrderEventKind]: EventType } = {
  PLACED: EventType.ORDER_PLACED,
  AWAITING_REVIEW: EventType.ORDER_PLACED,
  CONFIRMED: EventType.ORDER_CONFIRMED,
  REVIEW_ACCEPTED: EventType.ORDER_STATUS_CHANGED,
  AWAITING_MATERIALS: EventType.ORDER_STATUS_CHANGED,
  MATERIALS_READY: EventType.ORDER_STATUS_CHANGED,
  PRODUCTION_FINISHED: EventType.ORDER_STATUS_CHANGED,
  QUALITY_PASSED: EventType.ORDER_STATUS_CHANGED,
  QUALITY_FAILED: EventType.ORDER_STATUS_CHANGED,
  MATERIALS_PLANNED: EventType.ORDER_PROGRESSED,
  MATERIALS_ISSUED: EventType.ORDER_PROGRESSED,
  WORK_STARTED: EventType.ORDER_PROGRESSED,
  WORK_COMPLETED: EventType.ORDER_PROGRESSED,
  RELEASED: EventType.ORDER_PROGRESSED,
  SUPPLY_UPDATED: EventType.ORDER_PROGRESSED,
  PROMISE_SLIPPED: EventType.ORDER_PROMISE_SLIPPED,
  MATERIAL_RECEIVED: EventType.ORDER_REQUISITION_RECEIVED,
  SHIPPED: EventType.ORDER_SHIPPED,
  DELIVERED: EventType.ORDER_DELIVERED,
  CANCELLED: EventType.ORDER_CANCELLED,
};

/** The quote steps a partner hears of; drafts' edits and internal approval traffic are not events. */
export const QUOTE_EVENT_TYPES: Partial<{ [K in QuoteEventKind]: EventType }> = {
  SENT: EventType.QUOTE_SENT,
  APPROVED: EventType.QUOTE_APPROVED,
  ACCEPTED: EventType.QUOTE_ACCEPTED,
  EXPIRED: EventType.QUOTE_EXPIRED,
};

export interface OrderStep {
  kind: OrderEventKind;
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
}

/**
 * An order event's data, v1, from the order as its transaction leaves it: the API's own names, and nothing
 * a customer of the account may not see (no names, addresses, costs, suppliers).
 */
export function orderEventData(order: Order, step: OrderStep): Record<string, unknown> {
  const type = ORDER_EVENT_TYPES[step.kind];
  const data: Record<string, unknown> = {
    version: PAYLOAD_VERSION,
    order: {
      number: order.number,
      status: order.status,
      accountId: order.account?.id ?? null,
      placedAt: order.placedAt.toISOString(),
      promisedShipDate: order.promise?.shipDate ?? null,
      expectedShipDate: order.expectedShipDate ?? order.promise?.shipDate ?? null,
      total: { amountMinor: order.totalMinor, currency: order.currency },
    },
  };
  if (step.fromStatus || step.toStatus)
    data.change = { from: step.fromStatus ?? null, to: step.toStatus ?? null };
  if (type === EventType.ORDER_PROGRESSED || type === EventType.ORDER_STATUS_CHANGED) data.step = step.kind;
  if (type === EventType.ORDER_PROMISE_SLIPPED) {
    // In the customer's words: the plant's own cause names the part and its supplier, which an account's
    // key or a customer's page must not read (staff read it on the order).
    data.slip = {
      expectedShipDate: order.expectedShipDate ?? null,
      cause: order.slipCause ? CUSTOMER_SLIP_CAUSE : null,
    };
  }
  if (type === EventType.ORDER_SHIPPED) {
    data.shipment = {
      carrier: order.carrier ?? null,
      trackingNumber: order.trackingNumber ?? null,
      shippedAt: order.shippedAt?.toISOString() ?? null,
    };
  }
  if (type === EventType.ORDER_DELIVERED) data.deliveredAt = order.deliveredAt?.toISOString() ?? null;
  return data;
}

export interface QuoteStep {
  kind: QuoteEventKind;
  fromStatus?: QuoteStatus | null;
  toStatus?: QuoteStatus | null;
}

/** The revision's total (after its discounts, before tax), as the quote shows it; null without its lines. */
function quoteTotal(
  quote: Quote,
  lines: readonly QuoteLine[] | null,
): { amountMinor: number; currency: string } | null {
  if (lines === null) return null;
  try {
    const { totals } = figuresOf(quote, lines, []);
    return { amountMinor: totals.totalMinor, currency: quote.currency };
  } catch {
    // A quote the engine cannot total is refused where it is written; its event must not undo the change.
    return null;
  }
}

/** A quote event's data, v1: the revision and its state; never its cost, margin or internal note. */
export function quoteEventData(
  quote: Quote,
  step: QuoteStep,
  lines: readonly QuoteLine[] | null,
): Record<string, unknown> {
  return {
    version: PAYLOAD_VERSION,
    quote: {
      reference: quote.reference,
      number: quote.number,
      revision: quote.revision,
      status: step.toStatus ?? quote.status,
      accountId: quote.account?.id ?? null,
      validUntil: quote.validUntil,
      total: quoteTotal(quote, lines),
    },
    change: { from: step.fromStatus ?? null, to: step.toStatus ?? null },
  };
}
