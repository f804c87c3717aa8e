/**
 * Words and small calculations about an order's fulfilment, shared by the operations board, the quality
 * check form, the materials page and the customer's order status page.
 */
import {
  type ActionResultViewFragment,
  type FulfilmentViewFragment,
  OrderAction,
  type OrderEventKind,
  type OrderStatus,
  RequisitionStatus,
  type TrackedOrderViewFragment,
  WorkOrderStatus,
} from '../../graphql/graphql';

export type TrackedOrder = TrackedOrderViewFragment;
export type Fulfilment = FulfilmentViewFragment;
export type WorkOrder = NonNullable<Fulfilment['workOrders']>[number];
export type FulfilmentEvent = Fulfilment['events'][number];
export type ActionResult = ActionResultViewFragment;

/** A plant date (YYYY-MM-DD) for people: "15 Dec 2026" (the date itself, never shifted by a time zone). */
export function formatDay(day: string | null | undefined, locale = 'en-GB'): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** "5 working days" / "1 working day". */
export function workingDays(days: number): string {
  const n = Math.abs(days);
  return `${n} working ${n === 1 ? 'day' : 'days'}`;
}

/**
 * What switching to an option does to the ship date, short: "+2 weeks", "+3 days", "−1 week" (a
 * typographic minus); null when it changes nothing. The server counts working days: 5 make a week, and
 * from 8 on the change is said in (rounded) weeks, as "+21 days" would read as three calendar weeks.
 */
export function formatPromiseDelta(days: number): string | null {
  if (!Number.isFinite(days) || days === 0) return null;
  const sign = days > 0 ? '+' : '\u2212';
  const n = Math.abs(days);
  if (n % 5 === 0 || n >= 8) {
    const weeks = Math.round(n / 5);
    return `${sign}${weeks} ${weeks === 1 ? 'week' : 'weeks'}`;
  }
  return `${sign}${n} ${n === 1 ? 'day' : 'days'}`;
}

/** PLACED -> "Placed", AWAITING_MATERIALS -> "Awaiting materials". */
export function statusLabel(status: OrderStatus | WorkOrderStatus): string {
  const text = status.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const EVENT_LABELS: Record<OrderEventKind, string> = {
  AWAITING_REVIEW: 'Waiting for review',
  REVIEW_ACCEPTED: 'Accepted after review',
  PLACED: 'Order placed',
  MATERIALS_PLANNED: 'Materials planned',
  CONFIRMED: 'Order confirmed',
  AWAITING_MATERIALS: 'Waiting for materials',
  MATERIAL_RECEIVED: 'Material received',
  MATERIALS_READY: 'Materials ready',
  MATERIALS_ISSUED: 'Materials issued to production',
  WORK_STARTED: 'Work started',
  WORK_COMPLETED: 'Work completed',
  PRODUCTION_FINISHED: 'Production finished',
  QUALITY_PASSED: 'Quality check passed',
  QUALITY_FAILED: 'Quality check failed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  RELEASED: 'Materials released',
  PROMISE_SLIPPED: 'Ship date moved',
  SUPPLY_UPDATED: 'Supplier date updated',
};

/** An event kind in words: WORK_STARTED -> "Work started". */
export function eventLabel(kind: OrderEventKind): string {
  return EVENT_LABELS[kind];
}

/** The work order to act on next: the first started one (to complete), else the first planned one. */
export function nextWorkOrder(workOrders: readonly WorkOrder[]): WorkOrder | null {
  return (
    workOrders.find((w) => w.status === WorkOrderStatus.Started) ??
    workOrders.find((w) => w.status === WorkOrderStatus.Planned) ??
    null
  );
}

/** The parts an order still waits for: its open requisitions, one per part. */
export function partsWaitingFor(fulfilment: Pick<Fulfilment, 'requisitions'>): number {
  return new Set(
    (fulfilment.requisitions ?? [])
      .filter((r) => r.status === RequisitionStatus.Open)
      .map((r) => r.partNumber),
  ).size;
}

/** "late by 5 working days: the Battery 750 Wh arrives on 12 Jan 2027", or null when on time. */
export function lateText(fulfilment: Pick<Fulfilment, 'slip'>): string | null {
  const slip = fulfilment.slip;
  if (!slip || slip.days <= 0) return null;
  return `Late by ${workingDays(slip.days)}: ${slip.cause}`;
}

/**
 * Buttons of the board, in the order they show: one per action a person takes, but one "quality" button
 * for passing and failing the check (the form says which).
 */
export const MANUAL_ACTIONS = [
  OrderAction.AcceptReview,
  OrderAction.Confirm,
  OrderAction.StartWork,
  'quality',
  OrderAction.Ship,
  OrderAction.Deliver,
  OrderAction.Cancel,
] as const;
export type ManualAction = (typeof MANUAL_ACTIONS)[number];

/** The board's buttons an order offers now, from fulfilment.allowedActions. */
export function manualActions(allowed: readonly OrderAction[]): ManualAction[] {
  const has = (a: OrderAction) => allowed.includes(a);
  return MANUAL_ACTIONS.filter((action) =>
    action === 'quality' ? has(OrderAction.PassQuality) || has(OrderAction.FailQuality) : has(action),
  );
}
