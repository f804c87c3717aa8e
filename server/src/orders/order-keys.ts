import { createHash } from 'node:crypto';
import type { Order as OrderEntity } from './order.entity.js';
import type { PlaceOrderInput } from './order.types.js';

// What identifies a request to place an order (its hash, for idempotency) and a place in the list of
// orders (its cursor).

/**
 * SHA-256 of the request in a canonical form: the customer as read, each line's product, pinned
 * version, quantity and choices (in feature order, multiple-choice values sorted) as written, and the
 * currency or price list it asks for (only when given, so a request without them hashes as it always did).
 */
export function hashRequest(
  input: PlaceOrderInput,
  customer: { name: string; email: string },
  placer: { actor: string; accountId: number | null },
): string {
  const lines = input.lines.map((line) => ({
    productCode: line.productCode,
    modelVersion: line.modelVersion ?? null,
    quantity: line.quantity ?? 1,
    selections: line.selections
      .map((selection) => ({
        feature: selection.feature,
        value: selection.value ?? null,
        values: selection.values ? [...selection.values].sort() : null,
      }))
      .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0)),
    ...(line.currency ? { currency: line.currency } : {}),
    ...(line.priceListCode ? { priceListCode: line.priceListCode } : {}),
  }));
  // The checkout's fields only when given, so a request without them hashes as it always did.
  const checkout = Object.fromEntries(
    (
      [
        'deliveryAddress',
        'billingAddress',
        'vatId',
        'paymentTermsCode',
        'acceptedTermsVersion',
        'expectedTotal',
      ] as const
    )
      .filter((field) => input[field] !== null && input[field] !== undefined)
      .map((field) => [field, input[field]]),
  );
  const request = { customer, lines, placer: [placer.actor, placer.accountId] };
  return createHash('sha256')
    .update(JSON.stringify(Object.keys(checkout).length > 0 ? { ...request, checkout } : request))
    .digest('hex');
}

/** A place in the list of orders: the last order seen, by the list's order (placedAt, then id, newest first). */
export interface OrderCursor {
  placedAt: Date;
  id: number;
}

/**
 * An opaque cursor: the order's placedAt (ms) and id, base64url-encoded. It carries the sort key itself, so a
 * page after it is a keyset read (placedAt, id) < cursor: orders placed or changed meanwhile never make a page
 * repeat or skip one (placedAt never changes; a new order is newer than every cursor, so it is on no later page).
 */
export function encodeCursor(order: Pick<OrderEntity, 'placedAt' | 'id'>): string {
  return Buffer.from(`order:${order.placedAt.getTime()}:${order.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): OrderCursor | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^order:(\d{1,15}):([1-9]\d{0,15})$/.exec(text);
  if (!match) return null;
  const placedAt = new Date(Number(match[1]));
  const id = Number(match[2]);
  return Number.isNaN(placedAt.getTime()) || !Number.isSafeInteger(id) ? null : { placedAt, id };
}
