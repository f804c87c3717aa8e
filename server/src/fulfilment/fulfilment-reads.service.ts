import { type EntityManager, LoadStrategy } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../db/clock.js';
import {
  allowedActions,
  Decimal,
  type IsoDate,
  ORDER_STATUSES,
  type OrderFacts,
  type OrderStatus,
  workingDaysBetween,
} from '../engine/index.js';
import { Order } from '../orders/order.entity.js';
import { ORDER_POPULATE } from '../orders/order.service.js';
import type { Reservation } from '../parts/reservation.entity.js';
import type { StockService } from '../parts/stock.service.js';
import { checkDeadline } from '../request-deadline.js';
import { arrivalOf, byOrder, checklistFromLines, factsFrom, STATUS_LABELS, slipOf } from './facts.js';
import { isPersonAction, type OrderAction as PersonAction } from './order-action.js';
import { OrderEvent } from './order-event.entity.js';
import { type PickLine, pickListOf } from './pick-list.js';
import { loadCalendar } from './planning.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';
import { QualityCheckRecord } from './quality-check.entity.js';
import { WorkOrder } from './work-order.entity.js';

/** Orders shown per column of the operations board. */
export const BOARD_COLUMN_SIZE = 50;

/** Everything shown of an order's fulfilment, loaded in one go per order. */
export interface OrderFulfilmentView {
  order: Order;
  events: OrderEvent[];
  workOrders: WorkOrder[];
  requisitions: PurchaseRequisition[];
  reservations: Reservation[];
  qualityChecks: QualityCheckRecord[];
  checklist: { code: string; label: string }[];
  pickList: PickLine[];
  allowedActions: PersonAction[];
  facts: OrderFacts;
  /** When it is now expected to ship, and why later than promised (null while the promise holds). */
  expectedShipDate: IsoDate | null;
  slip: { days: number; cause: string } | null;
}

export interface BackorderView {
  requisition: PurchaseRequisition;
  order: Order;
  /** Working days the order's ship date moves because of it (0 while on time). */
  delayDays: number;
  late: boolean;
  expectedShipDate: IsoDate | null;
}

/** Fulfilment as it is read: each order's view, the board, backorders, routings and what is on order. */
export class FulfilmentReads {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    readonly clock: Clock,
    readonly stock: StockService,
  ) {}

  /** Each order's fulfilment: a bounded number of queries for any number of orders. */
  async views(orders: Order[]): Promise<Map<number, OrderFulfilmentView>> {
    const result = new Map<number, OrderFulfilmentView>();
    if (orders.length === 0) return result;
    const ids = orders.map((order) => order.id);
    const [events, workOrders, requisitions, reservations, checks, calendar] = await Promise.all([
      this.em.find(OrderEvent, { order: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
      this.em.find(WorkOrder, { order: { $in: ids } }, { orderBy: { position: 'asc' } }),
      this.em.find(PurchaseRequisition, { order: { $in: ids } }, { orderBy: { id: 'asc' } }),
      this.stock.reservationsOf(ids),
      this.em.find(QualityCheckRecord, { order: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
      loadCalendar(this.em),
    ]);
    const today = this.clock.today();
    const [eventsOf, workOrdersOf, requisitionsOf, reservationsOf, checksOf] = [
      byOrder(events),
      byOrder(workOrders),
      byOrder(requisitions),
      byOrder(reservations),
      byOrder(checks),
    ];
    for (const order of orders) {
      const orderWorkOrders = workOrdersOf.get(order.id) ?? [];
      const orderRequisitions = requisitionsOf.get(order.id) ?? [];
      const orderChecks = checksOf.get(order.id) ?? [];
      const facts = factsFrom(orderRequisitions, orderWorkOrders, orderChecks);
      const slip = slipOf(order, orderRequisitions, calendar, today);
      result.set(order.id, {
        order,
        events: eventsOf.get(order.id) ?? [],
        workOrders: orderWorkOrders,
        requisitions: orderRequisitions,
        reservations: reservationsOf.get(order.id) ?? [],
        qualityChecks: orderChecks,
        checklist: checklistFromLines(order, this.catalog),
        pickList: pickListOf(order, reservationsOf.get(order.id) ?? [], orderRequisitions),
        allowedActions: allowedActions(order.status as OrderStatus, facts).filter(isPersonAction),
        facts,
        expectedShipDate: slip?.expectedShipDate ?? order.expectedShipDate ?? order.promise?.shipDate ?? null,
        slip: slip ? { days: slip.days, cause: slip.cause } : null,
      });
    }
    return result;
  }

  /**
   * The routing of each order line, as planned when the order was placed: its work orders, rework
   * aside, in routing order. One query for any number of lines.
   */
  async routings(lineIds: number[]): Promise<Map<number, WorkOrder[]>> {
    const result = new Map<number, WorkOrder[]>(lineIds.map((id) => [id, []]));
    if (lineIds.length === 0) return result;
    const workOrders = await this.em.find(
      WorkOrder,
      { orderLine: { $in: lineIds }, rework: false },
      { orderBy: { position: 'asc', id: 'asc' } },
    );
    for (const workOrder of workOrders) result.get(workOrder.orderLine.id)?.push(workOrder);
    return result;
  }

  /** Open requisitions' quantities per part: what is bought and not received yet. */
  async onOrder(partNumbers: string[]): Promise<Map<string, Decimal>> {
    const open = await this.em.find(
      PurchaseRequisition,
      { status: 'OPEN', partNumber: { $in: partNumbers } },
      { fields: ['partNumber', 'quantity'] },
    );
    const onOrder = new Map<string, Decimal>();
    for (const requisition of open) {
      onOrder.set(
        requisition.partNumber,
        (onOrder.get(requisition.partNumber) ?? new Decimal(0)).plus(requisition.quantity),
      );
    }
    return onOrder;
  }

  /** Open requisitions with the orders they hold up: late ones first, then by expected date. */
  async backorders(): Promise<BackorderView[]> {
    const open = await this.em.find(
      PurchaseRequisition,
      { status: 'OPEN' },
      { populate: ['order'], orderBy: { expectedDate: 'asc', id: 'asc' } },
    );
    const calendar = await loadCalendar(this.em);
    const today = this.clock.today();
    const views = open.map((requisition) => {
      const arrival = arrivalOf(requisition, today);
      const delayDays = Math.max(0, workingDaysBetween(calendar, requisition.dueDate, arrival));
      const slip = slipOf(requisition.order, [requisition], calendar, today);
      return {
        requisition,
        order: requisition.order,
        delayDays,
        late: delayDays > 0,
        expectedShipDate: slip?.expectedShipDate ?? requisition.order.promise?.shipDate ?? null,
      };
    });
    return views.sort((a, b) => Number(b.late) - Number(a.late) || b.delayDays - a.delayDays);
  }

  /**
   * The operations board: per stage, how many orders and the oldest 50 (the most recent 50 for the
   * finished stages), each loaded for display.
   */
  async board(): Promise<{ status: OrderStatus; label: string; count: number; orders: Order[] }[]> {
    const columns = [];
    for (const status of ORDER_STATUSES) {
      // Ten columns of up to 50 orders each: a request past its deadline stops here (a no-op in a mutation).
      checkDeadline('OperationsBoard.columns');
      const finished = status === 'DELIVERED' || status === 'CANCELLED' || status === 'SHIPPED';
      const [orders, count] = await this.em.findAndCount(
        Order,
        { status },
        {
          orderBy: finished ? { placedAt: 'desc', id: 'desc' } : { placedAt: 'asc', id: 'asc' },
          limit: BOARD_COLUMN_SIZE,
          populate: ORDER_POPULATE,
          strategy: LoadStrategy.SELECT_IN,
        },
      );
      columns.push({ status, label: STATUS_LABELS[status], count, orders });
    }
    return columns;
  }
}
