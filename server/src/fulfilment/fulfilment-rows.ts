import type { EntityManager } from '@mikro-orm/core';
import { booleanIn, dateIn, jsonIn, placeholders, rowsOf, textIn } from '../db/rows.js';
import type { OrderStatus } from '../orders/order-status.js';
import type { RequisitionStatus, WorkOrderStatus } from './fulfilment-statuses.js';
import type { OrderEventKind } from './order-event-kind.js';
import type { QualityCheckItemResult } from './quality-check.entity.js';

// The rows of an order's fulfilment as the reads show them: plain data, no entity. A board of 335 orders
// would otherwise build, track and identity-map thousands of entities a request (most of its CPU).

export interface WorkOrderRow {
  id: number;
  orderId: number;
  orderLineId: number;
  position: number;
  operationCode: string;
  description: string;
  workCentre: string;
  /** Exact decimal text. */
  minutes: string;
  status: WorkOrderStatus;
  rework: boolean;
  plannedStart: string | null;
  plannedEnd: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
}

export interface RequisitionRow {
  id: number;
  orderId: number;
  partNumber: string;
  supplier: string | null;
  /** Exact decimal text. */
  shortage: string;
  /** Exact decimal text. */
  quantity: string;
  status: RequisitionStatus;
  /** YYYY-MM-DD. */
  dueDate: string;
  /** YYYY-MM-DD. */
  expectedDate: string;
  receivedAt: Date | null;
}

export interface QualityCheckRow {
  id: number;
  orderId: number;
  at: Date;
  actor: string;
  passed: boolean;
  items: QualityCheckItemResult[];
  notes: string | null;
}

export interface OrderEventRow {
  id: number;
  orderId: number;
  at: Date;
  actor: string;
  kind: OrderEventKind;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  message: string;
}

type Raw = Record<string, unknown>;

/** `select … from table where column in (…) order by …`, one query for any number of ids. */
function rowsIn(
  em: EntityManager,
  columns: string,
  table: string,
  where: string,
  ids: readonly unknown[],
  orderBy: string,
  extra = '',
): Promise<Raw[]> {
  return rowsOf<Raw>(
    em,
    `select ${columns} from ${table} where ${where} in (${placeholders(ids.length)})${extra} order by ${orderBy}`,
    ids,
  );
}

const WORK_ORDER_COLUMNS =
  'id, order_id, order_line_id, position, operation_code, description, work_centre, minutes, status, rework, planned_start, planned_end, started_at, completed_at';

function workOrderOf(row: Raw): WorkOrderRow {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    orderLineId: Number(row.order_line_id),
    position: Number(row.position),
    operationCode: String(row.operation_code),
    description: String(row.description),
    workCentre: String(row.work_centre),
    minutes: String(row.minutes),
    status: String(row.status) as WorkOrderStatus,
    rework: booleanIn(row.rework),
    plannedStart: textIn(row.planned_start),
    plannedEnd: textIn(row.planned_end),
    startedAt: dateIn(row.started_at),
    completedAt: dateIn(row.completed_at),
  };
}

/** The work orders of the orders, in routing order. */
export async function workOrderRowsOf(
  em: EntityManager,
  orderIds: readonly number[],
): Promise<WorkOrderRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await rowsIn(em, WORK_ORDER_COLUMNS, 'work_order', 'order_id', orderIds, 'position, id');
  return rows.map(workOrderOf);
}

/** The routings of the order lines: their work orders, rework aside, in routing order. */
export async function routingRowsOf(em: EntityManager, lineIds: readonly number[]): Promise<WorkOrderRow[]> {
  if (lineIds.length === 0) return [];
  const rows = await rowsIn(
    em,
    WORK_ORDER_COLUMNS,
    'work_order',
    'order_line_id',
    lineIds,
    'position, id',
    // `not rework`: both databases' booleans (SQLite keeps 0/1, and its driver binds no boolean).
    ' and not rework',
  );
  return rows.map(workOrderOf);
}

const REQUISITION_COLUMNS =
  'id, order_id, part_number, supplier, shortage, quantity, status, due_date, expected_date, received_at';

function requisitionOf(row: Raw): RequisitionRow {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    partNumber: String(row.part_number),
    supplier: textIn(row.supplier),
    shortage: String(row.shortage),
    quantity: String(row.quantity),
    status: String(row.status) as RequisitionStatus,
    dueDate: String(row.due_date),
    expectedDate: String(row.expected_date),
    receivedAt: dateIn(row.received_at),
  };
}

/** The purchase requisitions of the orders, oldest first. */
export async function requisitionRowsOf(
  em: EntityManager,
  orderIds: readonly number[],
): Promise<RequisitionRow[]> {
  if (orderIds.length === 0) return [];
  return (await rowsIn(em, REQUISITION_COLUMNS, 'purchase_requisition', 'order_id', orderIds, 'id')).map(
    requisitionOf,
  );
}

/** Every open requisition, by expected date (the materials page's backorders). */
export async function openRequisitionRows(em: EntityManager): Promise<RequisitionRow[]> {
  const rows = await rowsOf<Raw>(
    em,
    `select ${REQUISITION_COLUMNS} from purchase_requisition where status = ? order by expected_date, id`,
    ['OPEN'],
  );
  return rows.map(requisitionOf);
}

/** The quality checks of the orders, in the order they were made. */
export async function qualityCheckRowsOf(
  em: EntityManager,
  orderIds: readonly number[],
): Promise<QualityCheckRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await rowsIn(
    em,
    'id, order_id, at, actor, passed, items, notes',
    'quality_check',
    'order_id',
    orderIds,
    'at, id',
  );
  return rows.map((row) => ({
    id: Number(row.id),
    orderId: Number(row.order_id),
    at: dateIn(row.at)!,
    actor: String(row.actor),
    passed: booleanIn(row.passed),
    items: jsonIn<QualityCheckItemResult[]>(row.items) ?? [],
    notes: textIn(row.notes),
  }));
}

/** The events of the orders, in the order they happened. */
export async function eventRowsOf(em: EntityManager, orderIds: readonly number[]): Promise<OrderEventRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await rowsIn(
    em,
    'id, order_id, at, actor, kind, from_status, to_status, message',
    'order_event',
    'order_id',
    orderIds,
    'at, id',
  );
  return rows.map((row) => ({
    id: Number(row.id),
    orderId: Number(row.order_id),
    at: dateIn(row.at)!,
    actor: String(row.actor),
    kind: String(row.kind) as OrderEventKind,
    fromStatus: textIn(row.from_status) as OrderStatus | null,
    toStatus: textIn(row.to_status) as OrderStatus | null,
    message: String(row.message),
  }));
}
