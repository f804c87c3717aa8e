/**
 * Words (through vue-i18n, in the reader's language) and small calculations about an order's fulfilment,
 * shared by the operations board, the quality check form, the materials page and the order status page.
 */
import {
  type ActionResultViewFragment,
  type BoardOrderViewFragment,
  type FulfilmentViewFragment,
  OrderAction,
  type OrderEventKind,
  type OrderStatus,
  RequisitionStatus,
  type TrackedOrderViewFragment,
  WorkOrderStatus,
} from '../../graphql/graphql';
import { i18n } from '../../i18n';

export type TrackedOrder = TrackedOrderViewFragment;
/** An order as a card of the operations board shows it (a TrackedOrder is one too). */
export type BoardOrder = BoardOrderViewFragment;
export type Fulfilment = FulfilmentViewFragment;
export type WorkOrder = NonNullable<Fulfilment['workOrders']>[number];
export type FulfilmentEvent = Fulfilment['events'][number];
export type ActionResult = ActionResultViewFragment;

/** A plant date (YYYY-MM-DD) for people, in the reader's locale: "15 Dec 2026" (never shifted by a time zone). */
export { formatDay } from '../../i18n/format';

/** "5 working days" / "1 working day", in the reader's language. */
export function workingDays(days: number): string {
  const n = Math.abs(days);
  return i18n.global.t('operations.workingDays', { n }, n);
}

/** PLACED -> "Placed", AWAITING_MATERIALS -> "Awaiting materials", in the reader's language. */
export function statusLabel(status: OrderStatus | WorkOrderStatus): string {
  const { t, te } = i18n.global;
  if (te(`operations.status.${status}`, 'en')) return t(`operations.status.${status}`);
  if (te(`operations.workOrderStatus.${status}`, 'en')) return t(`operations.workOrderStatus.${status}`);
  // A status this client does not know yet: its code, readable.
  const text = status.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An event kind in words: WORK_STARTED -> "Work started" / "Arbeit begonnen". */
export function eventLabel(kind: OrderEventKind): string {
  const key = `fulfilment.events.${kind}`;
  return i18n.global.te(key, 'en') ? i18n.global.t(key) : kind;
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
  return i18n.global.t('fulfilment.lateBy', { days: workingDays(slip.days), cause: slip.cause });
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
