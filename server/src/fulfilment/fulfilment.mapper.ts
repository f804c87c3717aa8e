import type { Decimal, DeliveryPromise as EnginePromise } from '../engine/index.js';
import type { OrderPromiseSnapshot } from '../orders/order.entity.js';
import { Operation } from '../orders/order.types.js';
import type { PartStockView } from '../parts/stock.service.js';
import type { StockMovement } from '../parts/stock-movement.entity.js';
import {
  Backorder,
  Bottleneck,
  ChecklistItem,
  DeliveryPromise,
  OrderEventView,
  OrderFulfilment,
  PartStock,
  PickListLine,
  PromiseEffect,
  PromiseSlip,
  PurchaseRequisitionView,
  QualityCheckItemView,
  QualityCheckView,
  ReservationView,
  Shipment,
  StockMovementView,
  WorkOrderView,
} from './fulfilment.types.js';
import type { BackorderView, OrderFulfilmentView } from './fulfilment-reads.service.js';
import type { RequisitionRow, WorkOrderRow } from './fulfilment-rows.js';
import type { OptionEffect } from './placement.service.js';

/** Fulfilment as the schema shows it, mapped from what the services loaded: no query here. */
export function toDeliveryPromise(promise: EnginePromise | OrderPromiseSnapshot): DeliveryPromise {
  return Object.assign(new DeliveryPromise(), {
    shipDate: promise.shipDate,
    materialsReadyDate: promise.materialsReadyDate,
    productionStartDate: promise.productionStartDate,
    productionEndDate: promise.productionEndDate,
    qualityControlDate: promise.qualityControlDate,
    bottleneck: Object.assign(new Bottleneck(), {
      kind: promise.bottleneck.kind,
      subject: promise.bottleneck.subject,
      message: promise.bottleneck.message,
      days: promise.bottleneck.days,
    }),
  });
}

export function toPromiseEffect(effect: OptionEffect): PromiseEffect {
  return Object.assign(new PromiseEffect(), effect);
}

// Rows and entities hold Dates already: copied only when not one.
const iso = (date: Date | null | undefined): string | null =>
  date ? (date instanceof Date ? date : new Date(date)).toISOString() : null;

/** Decimal text as stored, without trailing zeros ("5.000000" -> "5"). */
export function plainDecimal(text: string | number): string {
  const value = String(text);
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function toRequisition(requisition: RequisitionRow, orderNumber: string): PurchaseRequisitionView {
  return Object.assign(new PurchaseRequisitionView(), {
    id: requisition.id,
    partNumber: requisition.partNumber,
    supplier: requisition.supplier ?? null,
    orderNumber,
    shortage: requisition.shortage,
    quantity: requisition.quantity,
    status: requisition.status,
    dueDate: requisition.dueDate,
    expectedDate: requisition.expectedDate,
    receivedAt: iso(requisition.receivedAt),
  });
}

export function toOrderFulfilment(view: OrderFulfilmentView): OrderFulfilment {
  const { order } = view;
  return Object.assign(new OrderFulfilment(), {
    promise: order.promise ? toDeliveryPromise(order.promise) : null,
    expectedShipDate: view.expectedShipDate,
    slip:
      view.slip && view.expectedShipDate
        ? Object.assign(new PromiseSlip(), {
            days: view.slip.days,
            internalCause: view.slip.cause,
            expectedShipDate: view.expectedShipDate,
          })
        : null,
    events: view.events.map((event) =>
      Object.assign(new OrderEventView(), {
        at: iso(event.at),
        actor: event.actor,
        kind: event.kind,
        fromStatus: event.fromStatus ?? null,
        toStatus: event.toStatus ?? null,
        internalMessage: event.message,
      }),
    ),
    allowedActions: view.allowedActions,
    workOrders: view.workOrders.map((workOrder) =>
      Object.assign(new WorkOrderView(), {
        id: workOrder.id,
        operationCode: workOrder.operationCode,
        description: workOrder.description,
        workCentre: workOrder.workCentre,
        minutes: workOrder.minutes,
        status: workOrder.status,
        rework: workOrder.rework,
        plannedStart: workOrder.plannedStart ?? null,
        plannedEnd: workOrder.plannedEnd ?? null,
        startedAt: iso(workOrder.startedAt),
        completedAt: iso(workOrder.completedAt),
      }),
    ),
    requisitions: view.requisitions.map((requisition) => toRequisition(requisition, order.number)),
    reservations: view.reservations.map((reservation) =>
      Object.assign(new ReservationView(), {
        partNumber: reservation.partNumber,
        quantity: reservation.quantity,
        status: reservation.status,
      }),
    ),
    checklist: view.checklist.map((item) => Object.assign(new ChecklistItem(), item)),
    pickList: view.pickList.map((line) => Object.assign(new PickListLine(), line)),
    qualityChecks: view.qualityChecks.map((record) =>
      Object.assign(new QualityCheckView(), {
        at: iso(record.at),
        actor: record.actor,
        passed: record.passed,
        notes: record.notes ?? null,
        items: record.items.map((item) => Object.assign(new QualityCheckItemView(), item)),
      }),
    ),
    shipment:
      order.carrier && order.trackingNumber && order.shippedAt
        ? Object.assign(new Shipment(), {
            carrier: order.carrier,
            trackingNumber: order.trackingNumber,
            shippedAt: iso(order.shippedAt),
            deliveredAt: iso(order.deliveredAt),
          })
        : null,
  });
}

const text = (value: Decimal): string => value.toFixed();

export function toPartStock(view: PartStockView): PartStock {
  const { part } = view;
  return Object.assign(new PartStock(), {
    partNumber: part.partNumber,
    description: part.description,
    unit: part.unit,
    kind: part.kind,
    supplier: part.supplier ?? null,
    leadTimeDays: part.leadTimeDays,
    minimumOrderQuantity: plainDecimal(part.minimumOrderQuantity),
    onHand: text(view.onHand),
    reserved: text(view.reserved),
    available: text(view.available),
    onOrder: text(view.onOrder),
  });
}

export function toStockMovement(movement: StockMovement): StockMovementView {
  return Object.assign(new StockMovementView(), {
    partNumber: movement.partNumber,
    at: iso(movement.at),
    kind: movement.kind,
    quantity: movement.quantity,
    onHandAfter: movement.onHandAfter,
    reason: movement.reason,
    actor: movement.actor,
    orderNumber: movement.orderNumber ?? null,
  });
}

export function toBackorder(view: BackorderView): Backorder {
  return Object.assign(new Backorder(), {
    requisition: toRequisition(view.requisition, view.order.number),
    orderNumber: view.order.number,
    orderStatus: view.order.status,
    promisedShipDate: view.order.promise?.shipDate ?? null,
    expectedShipDate: view.expectedShipDate,
    delayDays: view.delayDays,
    late: view.late,
  });
}

/** A routing operation of an order line, as its work order holds it. */
export function toOperation(
  workOrder: Pick<WorkOrderRow, 'operationCode' | 'description' | 'workCentre' | 'minutes'>,
): Operation {
  return Object.assign(new Operation(), {
    code: workOrder.operationCode,
    description: workOrder.description,
    workCentre: workOrder.workCentre,
    minutes: workOrder.minutes,
  });
}
