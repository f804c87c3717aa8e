import type { FilterQuery } from '@mikro-orm/core';
import { actorOf, hasRole, isStaff, Role, type Viewer } from '../graphql/authorization.js';
import type { Order } from './order.entity.js';

/**
 * Which orders a caller may see: staff every order; a customer's contact and a key bound to an account
 * only that account's; anyone else none (a guest's order opens only with its tracking token). An order
 * the caller may not see is answered exactly as one that does not exist.
 */
export function visibleOrders(viewer: Viewer): FilterQuery<Order> | null {
  const accounts = readableAccounts(viewer);
  if (accounts === 'every') return {};
  return accounts === null ? null : { account: accounts };
}

/**
 * Whose orders (and their events, webhooks aside) a caller reads: 'every' account for staff, its own
 * account for a customer's contact or an account's key, none (null) for a guest or a partner organisation's key.
 */
export function readableAccounts(viewer: Viewer): 'every' | number | null {
  if (isStaff(viewer)) return 'every';
  if (viewer.kind === 'anonymous' || viewer.accountId === null) return null;
  return viewer.accountId;
}

/** Who places an order: the audit name, and the account the order belongs to (null: a guest's order). */
export interface OrderPlacer {
  actor: string;
  accountId: number | null;
  /**
   * Whether the order goes through the customer's checkout: a guest's and a customer's must give a delivery
   * address and accept the terms of sale; staff and API keys may leave shipping and tax to be agreed.
   */
  customerCheckout?: boolean;
}

/** Staff who may place an order on a customer account's behalf (PlaceOrderInput.accountId). */
export const ORDERING_FOR_ACCOUNTS: readonly Role[] = [Role.SALES, Role.SALES_MANAGER];

/**
 * The placer of an order: a customer's and a key's orders are their account's; a sales rep's are the
 * account they name (or a guest order); an anonymous visitor's are a guest's. Null with the reason when the
 * caller names an account it may not order for.
 */
export function placerOf(
  viewer: Viewer,
  accountId: number | null | undefined,
): OrderPlacer | { refused: string } {
  const actor = actorOf(viewer);
  if (accountId !== null && accountId !== undefined) {
    if (!hasRole(viewer, ...ORDERING_FOR_ACCOUNTS))
      return { refused: 'Only sales staff place orders for a customer account: leave accountId out' };
    return { actor, accountId };
  }
  if (viewer.kind === 'anonymous') return { actor, accountId: null, customerCheckout: true };
  if (viewer.kind === 'apiKey') return { actor, accountId: viewer.accountId, customerCheckout: false };
  const staff = isStaff(viewer);
  return { actor, accountId: staff ? null : viewer.accountId, customerCheckout: !staff };
}
