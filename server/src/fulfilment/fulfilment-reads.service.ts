import { type EntityManager, LoadStrategy } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../db/clock.js';
import { jsonIn, placeholders, rowsOf } from '../db/rows.js';
import {
  allowedActions,
  Decimal,
  type IsoDate,
  ORDER_STATUSES,
  type OrderFacts,
  type OrderStatus,
  workingDaysBetween,
} from '../engine/index.js';
import type { BomRow } from '../orders/bom-rows.js';
import type { Order, OrderPromiseSnapshot } from '../orders/order.entity.js';
import type { ORDER_POPULATE } from '../orders/order.service.js';
import { type OrderData, orderRowsOf } from '../orders/order-rows.js';
import type { ReservationRow, StockService } from '../parts/stock.service.js';
import { checkDeadline } from '../request-deadline.js';
import { arrivalOf, byOrder, checklistFromLines, factsFrom, STATUS_LABELS, slipOf } from './facts.js';
import {
  eventRowsOf,
  type OrderEventRow,
  openRequisitionRows,
  type QualityCheckRow,
  qualityCheckRowsOf,
  type RequisitionRow,
  requisitionRowsOf,
  routingRowsOf,
  type WorkOrderRow,
  workOrderRowsOf,
} from './fulfilment-rows.js';
import { isPersonAction, type OrderAction as PersonAction } from './order-action.js';
import { type PickLine, pickListOf } from './pick-list.js';
import { loadCalendar } from './planning.js';

/** Orders shown per column of the operations board. */
export const BOARD_COLUMN_SIZE = 50;
/** The board's stages that show their most recent orders (the others their oldest: the next to work on). */
const FINISHED_STAGES: ReadonlySet<OrderStatus> = new Set(['SHIPPED', 'DELIVERED', 'CANCELLED']);

/** Everything shown of an order's fulfilment, loaded in one go per order. */
export interface OrderFulfilmentView {
  order: OrderData;
  events: OrderEventRow[];
  workOrders: WorkOrderRow[];
  requisitions: RequisitionRow[];
  reservations: ReservationRow[];
  qualityChecks: QualityCheckRow[];
  checklist: { code: string; label: string }[];
  pickList: PickLine[];
  allowedActions: PersonAction[];
  facts: OrderFacts;
  /** When it is now expected to ship, and why later than promised (null while the promise holds). */
  expectedShipDate: IsoDate | null;
  slip: { days: number; cause: string } | null;
}

/** What a backorder shows of its order. */
export interface BackorderOrder {
  number: string;
  status: OrderStatus;
  promise: OrderPromiseSnapshot | null;
}

export interface BackorderView {
  requisition: RequisitionRow;
  order: BackorderOrder;
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

  /** An order an action answered with (its row), loaded with `populate` for the answer (orderPopulateFor). */
  async loadAnswer(order: Order, populate: (typeof ORDER_POPULATE)[number][]): Promise<void> {
    if (populate.length > 0) await this.em.populate(order, populate, { strategy: LoadStrategy.SELECT_IN });
  }

  /**
   * Each order's fulfilment: a bounded number of queries for any number of orders. `asked`: the fields of
   * OrderFulfilment a request wants (all when not given); what none of them shows is neither loaded nor
   * worked out (left empty), e.g. a page of orders asking only their events reads only the events.
   */
  async views(
    orders: OrderData[],
    asked: ReadonlySet<string> | undefined,
    /** Where the BOM of lines loaded without it comes from: the request's loader, shared with the BOM field. */
    bomOf: (lineIds: number[]) => Promise<ReadonlyMap<number, readonly BomRow[]>>,
  ): Promise<Map<number, OrderFulfilmentView>> {
    const result = new Map<number, OrderFulfilmentView>();
    if (orders.length === 0) return result;
    const wants = (...fields: string[]): boolean => !asked || fields.some((field) => asked.has(field));
    const ids = orders.map((order) => order.id);
    const none = async <T>(): Promise<T[]> => [];
    // Rows, not entities: hydrating, identity-mapping and tracking them was most of a board's CPU.
    const [events, workOrders, requisitions, reservations, checks, calendar] = await Promise.all([
      wants('events') ? eventRowsOf(this.em, ids) : none<OrderEventRow>(),
      wants('workOrders', 'allowedActions') ? workOrderRowsOf(this.em, ids) : none<WorkOrderRow>(),
      wants('requisitions', 'pickList', 'allowedActions', 'expectedShipDate', 'slip')
        ? requisitionRowsOf(this.em, ids)
        : none<RequisitionRow>(),
      wants('reservations', 'pickList') ? this.stock.reservationsOf(ids) : none<ReservationRow>(),
      wants('qualityChecks', 'allowedActions') ? qualityCheckRowsOf(this.em, ids) : none<QualityCheckRow>(),
      wants('expectedShipDate', 'slip') ? loadCalendar(this.em) : null,
    ]);
    // The pick list reads the BOM: of the lines loaded without it (a list of orders), read here at once.
    const bomRows = wants('pickList')
      ? await bomOf(
          orders
            .flatMap((order) => (order.lines.isInitialized() ? order.lines.getItems() : []))
            .filter((line) => !line.bomLines.isInitialized())
            .map((line) => line.id),
        )
      : new Map<number, readonly BomRow[]>();
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
      const slip = calendar ? slipOf(order, orderRequisitions, calendar, today) : null;
      result.set(order.id, {
        order,
        events: eventsOf.get(order.id) ?? [],
        workOrders: orderWorkOrders,
        requisitions: orderRequisitions,
        reservations: reservationsOf.get(order.id) ?? [],
        qualityChecks: orderChecks,
        checklist: wants('checklist') ? checklistFromLines(order, this.catalog) : [],
        pickList: wants('pickList')
          ? pickListOf(order, bomRows, reservationsOf.get(order.id) ?? [], orderRequisitions)
          : [],
        allowedActions: wants('allowedActions')
          ? allowedActions(order.status as OrderStatus, facts).filter(isPersonAction)
          : [],
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
  async routings(lineIds: number[]): Promise<Map<number, WorkOrderRow[]>> {
    const result = new Map<number, WorkOrderRow[]>(lineIds.map((id) => [id, []]));
    for (const workOrder of await routingRowsOf(this.em, lineIds))
      result.get(workOrder.orderLineId)?.push(workOrder);
    return result;
  }

  /** Open requisitions' quantities per part: what is bought and not received yet. */
  async onOrder(partNumbers: string[]): Promise<Map<string, Decimal>> {
    if (partNumbers.length === 0) return new Map();
    const open = await rowsOf<{ part_number: string; quantity: string }>(
      this.em,
      `select part_number, quantity from purchase_requisition where status = ? and part_number in (${placeholders(partNumbers.length)})`,
      ['OPEN', ...partNumbers],
    );
    return onOrderOf(open.map((row) => ({ partNumber: row.part_number, quantity: String(row.quantity) })));
  }

  /** Open requisitions with the orders they hold up: late ones first, then by expected date. */
  async backorders(): Promise<BackorderView[]> {
    // Rows, with the few columns of their orders shown: one query, no entity (the materials page's).
    const [open, calendar] = await Promise.all([openRequisitionRows(this.em), loadCalendar(this.em)]);
    const orderIds = [...new Set(open.map((requisition) => requisition.orderId))];
    const orders = new Map<number, BackorderOrder>();
    if (orderIds.length > 0) {
      const rows = await rowsOf<Record<string, unknown>>(
        this.em,
        `select id, number, status, promise from customer_order where id in (${placeholders(orderIds.length)})`,
        orderIds,
      );
      for (const row of rows) {
        orders.set(Number(row.id), {
          number: String(row.number),
          status: String(row.status) as OrderStatus,
          promise: jsonIn<OrderPromiseSnapshot>(row.promise),
        });
      }
    }
    const today = this.clock.today();
    const views = open.map((requisition) => {
      const order = orders.get(requisition.orderId)!;
      const arrival = arrivalOf(requisition, today);
      const delayDays = Math.max(0, workingDaysBetween(calendar, requisition.dueDate, arrival));
      const slip = slipOf(order, [requisition], calendar, today);
      return {
        requisition,
        order,
        delayDays,
        late: delayDays > 0,
        expectedShipDate: slip?.expectedShipDate ?? order.promise?.shipDate ?? null,
      };
    });
    return views.sort((a, b) => Number(b.late) - Number(a.late) || b.delayDays - a.delayDays);
  }

  /**
   * The operations board: per stage, how many orders and the oldest 50 (the most recent 50 for the
   * finished stages), each loaded for display. Three statements whatever the number of stages (the counts,
   * each column's orders by the status index, the orders), then the orders' lines and BOM in a handful.
   */
  async board(): Promise<{ status: OrderStatus; label: string; count: number; orders: OrderData[] }[]> {
    checkDeadline('OperationsBoard.columns');
    const connection = this.em.getConnection();
    const counts = new Map<string, number>();
    const countRows: { status: string; n: number | string }[] = await connection.execute(
      'select status, count(*) as n from customer_order group by status',
    );
    for (const row of countRows) counts.set(row.status, Number(row.n));
    const shown = ORDER_STATUSES.filter((status) => counts.has(status));
    const columnIds = new Map<string, number[]>(ORDER_STATUSES.map((status) => [status, []]));
    if (shown.length > 0) {
      // One column's first orders each, by the (status, placed_at, id) index: the finished stages newest first.
      const column = (status: OrderStatus): string => {
        const direction = FINISHED_STAGES.has(status) ? 'desc' : 'asc';
        return `select * from (select id, status from customer_order where status = ? order by placed_at ${direction}, id ${direction} limit ${BOARD_COLUMN_SIZE}) as column_${shown.indexOf(status)}`;
      };
      const rows: { id: number | string; status: string }[] = await connection.execute(
        shown.map(column).join(' union all '),
        shown,
      );
      for (const row of rows) columnIds.get(row.status)!.push(Number(row.id));
    }
    checkDeadline('OperationsBoard.columns');
    // Rows, not entities: ~335 orders with their lines were most of the board's CPU as entities.
    const orders = await orderRowsOf(this.em, this.catalog, [...columnIds.values()].flat());
    checkDeadline('OperationsBoard.orders');
    const byId = new Map<number, OrderData>(orders.map((order) => [order.id, order]));
    return ORDER_STATUSES.map((status) => ({
      status,
      label: STATUS_LABELS[status],
      count: counts.get(status) ?? 0,
      orders: columnIds.get(status)!.flatMap((id) => byId.get(id) ?? []),
    }));
  }
}

/** What open requisitions bring, summed per part: what is bought and not received yet. */
export function onOrderOf(
  open: readonly Pick<RequisitionRow, 'partNumber' | 'quantity'>[],
): Map<string, Decimal> {
  const onOrder = new Map<string, Decimal>();
  for (const requisition of open) {
    onOrder.set(
      requisition.partNumber,
      (onOrder.get(requisition.partNumber) ?? new Decimal(0)).plus(requisition.quantity),
    );
  }
  return onOrder;
}
