import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import { SavedConfiguration } from '../configurations/saved-configuration.entity.js';
import { OrderEvent, QualityCheckRecord } from '../fulfilment/order-event.entity.js';
import { PurchaseRequisition, Reservation } from '../fulfilment/purchase-requisition.entity.js';
import { CapacityBooking, Holiday, WorkCentre } from '../fulfilment/work-centre.entity.js';
import { WorkOrder } from '../fulfilment/work-order.entity.js';
import { Customer } from '../orders/customer.entity.js';
import { Order, OrderBomLine, OrderLine, OrderOperation } from '../orders/order.entity.js';
import { Part } from '../parts/part.entity.js';
import { StockMovement } from '../parts/stock-movement.entity.js';

/** Every entity, listed once: the ORM, the migrations and the tests use this list. */
export const entities = [
  ProductModelVersion,
  Part,
  Customer,
  Order,
  OrderLine,
  OrderBomLine,
  OrderOperation,
  SavedConfiguration,
  StockMovement,
  WorkCentre,
  Holiday,
  CapacityBooking,
  WorkOrder,
  PurchaseRequisition,
  Reservation,
  OrderEvent,
  QualityCheckRecord,
];
