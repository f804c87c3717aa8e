import type { CatalogService } from '../catalog/catalog.service.js';
import {
  addWorkingDays,
  type IsoDate,
  type OrderAction,
  type OrderFacts,
  type OrderStatus,
  qualityChecklist,
  type SelectionValue,
  type WorkingCalendar,
  workingDaysBetween,
} from '../engine/index.js';
import type { Order } from '../orders/order.entity.js';
import type { OrderData } from '../orders/order-rows.js';
import type { OrderEventKind } from './order-event-kind.js';
import type { PurchaseRequisition } from './purchase-requisition.entity.js';
import type { QualityCheckRecord } from './quality-check.entity.js';
import type { WorkOrder } from './work-order.entity.js';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  AWAITING_REVIEW: 'Awaiting review',
  PLACED: 'Placed',
  CONFIRMED: 'Confirmed',
  AWAITING_MATERIALS: 'Awaiting materials',
  IN_PRODUCTION: 'In production',
  QUALITY_CHECK: 'Quality check',
  READY_TO_SHIP: 'Ready to ship',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
};

/** What of a requisition the facts and slips read: an entity or a row (RequisitionRow). */
export type RequisitionFacts = Pick<
  PurchaseRequisition,
  'status' | 'partNumber' | 'supplier' | 'dueDate' | 'expectedDate'
>;

/** What the engine's state machine reads of an order: its requisitions, work orders and checks. */
export function factsFrom(
  requisitions: readonly Pick<PurchaseRequisition, 'status' | 'partNumber'>[],
  workOrders: readonly Pick<WorkOrder, 'status'>[],
  checks: readonly Pick<QualityCheckRecord, 'passed'>[],
): OrderFacts {
  const live = workOrders.filter((workOrder) => workOrder.status !== 'CANCELLED');
  const short = requisitions.filter((requisition) => requisition.status === 'OPEN');
  return {
    materialsComplete: short.length === 0,
    partsShort: new Set(short.map((requisition) => requisition.partNumber)).size,
    workOrdersOpen: live.filter((workOrder) => workOrder.status !== 'DONE').length,
    workOrdersTotal: live.length,
    qualityPassed: checks.length > 0 && checks[checks.length - 1]!.passed,
  };
}

/** Rows grouped by their order's id. */
export function byOrder<T extends { orderId: number }>(rows: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.orderId);
    if (list) list.push(row);
    else grouped.set(row.orderId, [row]);
  }
  return grouped;
}

/** When an open requisition will arrive: its expected date, or today when that date has passed. */
export function arrivalOf(requisition: Pick<PurchaseRequisition, 'expectedDate'>, today: IsoDate): IsoDate {
  return requisition.expectedDate < today ? today : requisition.expectedDate;
}

/**
 * How far the order's ship date moves because its open requisitions arrive after they were due: the
 * latest of them decides, working day for working day.
 */
export function slipOf(
  order: Pick<Order, 'promise' | 'status'>,
  requisitions: readonly RequisitionFacts[],
  calendar: WorkingCalendar,
  today: IsoDate,
): { days: number; expectedShipDate: IsoDate; cause: string } | null {
  if (!order.promise || ['SHIPPED', 'DELIVERED', 'CANCELLED'].includes(order.status)) return null;
  let worst: { days: number; cause: string } | null = null;
  for (const requisition of requisitions) {
    if (requisition.status !== 'OPEN') continue;
    const arrival = arrivalOf(requisition, today);
    const days = workingDaysBetween(calendar, requisition.dueDate, arrival);
    if (days > 0 && (!worst || days > worst.days)) {
      worst = {
        days,
        cause:
          requisition.expectedDate < today
            ? `${requisition.partNumber} from ${requisition.supplier ?? 'its supplier'} was due ${requisition.dueDate} and has not arrived`
            : `${requisition.partNumber} from ${requisition.supplier ?? 'its supplier'} now expected ${requisition.expectedDate}, ${days} working day${days === 1 ? '' : 's'} after it was due`,
      };
    }
  }
  if (!worst) return null;
  return { ...worst, expectedShipDate: addWorkingDays(calendar, order.promise.shipDate, worst.days) };
}

/** The event kind an action records. */
export function kindOf(action: OrderAction): OrderEventKind {
  const kinds: Record<OrderAction, OrderEventKind> = {
    acceptReview: 'REVIEW_ACCEPTED',
    confirm: 'CONFIRMED',
    materialsShort: 'AWAITING_MATERIALS',
    materialsReady: 'MATERIALS_READY',
    startWork: 'WORK_STARTED',
    finishWork: 'PRODUCTION_FINISHED',
    passQuality: 'QUALITY_PASSED',
    failQuality: 'QUALITY_FAILED',
    ship: 'SHIPPED',
    deliver: 'DELIVERED',
    cancel: 'CANCELLED',
  };
  return kinds[action];
}

export function automaticMessage(action: OrderAction, facts: OrderFacts): string {
  switch (action) {
    case 'materialsShort':
      return 'Waiting for materials on order';
    case 'materialsReady':
      return 'Every material is in: production can start';
    case 'finishWork':
      return `All ${facts.workOrdersTotal} work orders done: ready for the quality check`;
    default:
      return kindOf(action);
  }
}

/** The quality checklist of the order: every line's items (as its model version says), once each. */
export function checklistFromLines(
  order: Pick<OrderData, 'lines'>,
  catalog: CatalogService,
): { code: string; label: string }[] {
  if (!order.lines.isInitialized()) return [];
  const items = new Map<string, { code: string; label: string }>();
  for (const line of order.lines.getItems()) {
    // A pure function of the version and the choices, and a board shows the same few builds again and again.
    const checklist = catalog.memoConfiguration(
      `checklist|${line.modelVersion.id}|${JSON.stringify(line.selection)}`,
      () =>
        qualityChecklist(
          catalog.loaded(line.modelVersion).model,
          line.selection as Record<string, SelectionValue | null>,
        ),
    );
    for (const item of checklist) {
      if (!items.has(item.code)) items.set(item.code, item);
    }
  }
  return [...items.values()];
}
