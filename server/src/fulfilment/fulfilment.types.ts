import { createUnionType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { AllowField, ApiScope, STAFF_ROLES } from '../graphql/authorization.js';
import { PartKind } from '../graphql/model-enums.js';
import { Order } from '../orders/order.types.js';
import { OrderStatus } from '../orders/order-status.js';
import { ReservationStatus, StockMovementKind } from '../parts/part-enums.js';
import { BottleneckKind } from './bottleneck-kind.js';
import { RequisitionStatus, WorkOrderStatus } from './fulfilment-statuses.js';
import { OrderAction } from './order-action.js';
import { OrderEventKind } from './order-event-kind.js';
import { RefusalCode } from './refusal-code.js';

/** Plant data a customer never sees: staff and partner keys with operations:read only. */
const INTERNAL = { users: STAFF_ROLES, scope: ApiScope.OPERATIONS_READ };
/** Internal fields are nullable so that, refused, they alone are null: the rest of the order still reads. */
export const INTERNAL_NOTE =
  'Internal: staff and keys with operations:read; anyone else gets null and a FORBIDDEN (or UNAUTHENTICATED) error for this field.';

// simpleResolvers: types whose fields have no middleware are read by graphql-js directly, not through
// type-graphql's wrapper (a board or a page of orders answers tens of thousands of fields).
@ObjectType({
  simpleResolvers: true,
  description: 'What limits a promise: the material, the work centre or the work itself.',
})
export class Bottleneck {
  @Field(() => BottleneckKind)
  kind!: BottleneckKind;

  @Field(() => String, {
    description:
      'The part number (or, for an option’s own lead time, the option code), or the work centre code; empty for work.',
  })
  subject!: string;

  @Field(() => String, {
    description:
      'A sentence a customer understands, e.g. "the Battery 750 Wh: 21 working days from its supplier BMZ".',
  })
  message!: string;

  @Field(() => Int, { description: 'Working days it adds.' })
  days!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'When a build ships, and why then: the materials, then the work orders at finite capacity behind the work already promised, then quality control and a shipping buffer. Dates are YYYY-MM-DD, working days follow the plant calendar (weekends and holidays off).',
})
export class DeliveryPromise {
  @Field(() => String)
  shipDate!: string;

  @Field(() => String, { description: 'When the last material is in (today when everything is in stock).' })
  materialsReadyDate!: string;

  @Field(() => String)
  productionStartDate!: string;

  @Field(() => String)
  productionEndDate!: string;

  @Field(() => String)
  qualityControlDate!: string;

  @Field(() => Bottleneck)
  bottleneck!: Bottleneck;
}

@ObjectType({ description: 'How switching to one option would move the promise.' })
export class PromiseEffect {
  @Field(() => String)
  feature!: string;

  @Field(() => String, { description: 'The option code ("true"/"false" for a yes/no feature).' })
  option!: string;

  @Field(() => Int, {
    description: 'Working days later (+) or earlier (-) than the promise with the values in force.',
  })
  days!: number;

  @Field(() => String)
  shipDate!: string;
}

@ObjectType({ description: 'Something that happened to an order, with who, when and why.' })
export class OrderEventView {
  @Field(() => String, { description: 'ISO 8601 date and time in UTC.' })
  at!: string;

  @Field(() => String, {
    nullable: true,
    description: `Who: the signed-in user’s e-mail, an API key’s prefix and name, "guest", or "system" for a step that happened by itself. ${INTERNAL_NOTE}`,
  })
  @AllowField(INTERNAL)
  actor!: string;

  @Field(() => OrderEventKind)
  kind!: OrderEventKind;

  @Field(() => OrderStatus, { nullable: true, description: 'The status before, for a transition.' })
  fromStatus!: OrderStatus | null;

  @Field(() => OrderStatus, { nullable: true, description: 'The status after, for a transition.' })
  toStatus!: OrderStatus | null;

  /** In the schema as `message` (OrderEventTextResolver): this to staff, a customer's wording to others. */
  internalMessage!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One routing operation of an order, at a work centre.',
})
export class WorkOrderView {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  operationCode!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  workCentre!: string;

  @Field(() => String, { description: 'Exact decimal text.' })
  minutes!: string;

  @Field(() => WorkOrderStatus)
  status!: WorkOrderStatus;

  @Field(() => Boolean, { description: 'Rework after a failed quality check.' })
  rework!: boolean;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the first day the schedule gives it.' })
  plannedStart!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the last day the schedule gives it.' })
  plannedEnd!: string | null;

  @Field(() => String, { nullable: true })
  startedAt!: string | null;

  @Field(() => String, { nullable: true })
  completedAt!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A purchase of a part an order line is short of, pegged to that order.',
})
export class PurchaseRequisitionView {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  partNumber!: string;

  @Field(() => String, { nullable: true })
  supplier!: string | null;

  @Field(() => String, { description: 'The order it is bought for.' })
  orderNumber!: string;

  @Field(() => String, { description: 'Exact decimal text: what the order is short of.' })
  shortage!: string;

  @Field(() => String, {
    description: 'Exact decimal text: what is bought (the shortage, at least the minimum order quantity).',
  })
  quantity!: string;

  @Field(() => RequisitionStatus)
  status!: RequisitionStatus;

  @Field(() => String, {
    description: 'YYYY-MM-DD: when the supplier’s lead time brings it (what the promise counted on).',
  })
  dueDate!: string;

  @Field(() => String, { description: 'YYYY-MM-DD: when it is now expected.' })
  expectedDate!: string;

  @Field(() => String, { nullable: true })
  receivedAt!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Stock held for an order.',
})
export class ReservationView {
  @Field(() => String)
  partNumber!: string;

  @Field(() => String, { description: 'Exact decimal text.' })
  quantity!: string;

  @Field(() => ReservationStatus)
  status!: ReservationStatus;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One purchased part to pick for an order, over all its lines (a sub-assembly is made from the lines beneath it, so only those are picked). Quantities are exact decimal text in the part’s unit.',
})
export class PickListLine {
  @Field(() => String)
  partNumber!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'Unit of measure: pcs, m, m2, kg...' })
  unit!: string;

  @Field(() => String, { description: 'What the order’s tailored BOMs need of it.' })
  quantity!: string;

  @Field(() => String, { description: 'Held in stock for the order, not taken yet.' })
  reserved!: string;

  @Field(() => String, { description: 'Taken out of stock for production already.' })
  issued!: string;

  @Field(() => String, { description: 'Still missing: the open requisitions’ shortages.' })
  short!: string;
}

@ObjectType({ simpleResolvers: true })
export class ChecklistItem {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({ simpleResolvers: true })
export class QualityCheckItemView {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A quality check as recorded.',
})
export class QualityCheckView {
  @Field(() => String)
  at!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => [QualityCheckItemView])
  items!: QualityCheckItemView[];

  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The order ships later than promised: by how much and why.',
})
export class PromiseSlip {
  @Field(() => Int, { description: 'Working days later than promised.' })
  days!: number;

  @Field(() => String)
  expectedShipDate!: string;

  /** In the schema as `cause` (OrderEventTextResolver): this to staff, a customer's wording to others. */
  internalCause!: string;
}

@ObjectType({ simpleResolvers: true })
export class Shipment {
  @Field(() => String)
  carrier!: string;

  @Field(() => String)
  trackingNumber!: string;

  @Field(() => String)
  shippedAt!: string;

  @Field(() => String, { nullable: true })
  deliveredAt!: string | null;
}

@ObjectType({
  description: 'How an order is being made: its promise, events, materials, work orders and checks.',
})
export class OrderFulfilment {
  @Field(() => DeliveryPromise, {
    nullable: true,
    description:
      'The promise committed when the order was placed (null for orders placed before promises existed).',
  })
  promise!: DeliveryPromise | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when it is now expected to ship.' })
  expectedShipDate!: string | null;

  @Field(() => PromiseSlip, {
    nullable: true,
    description: 'Set when the order now ships later than promised.',
  })
  slip!: PromiseSlip | null;

  @Field(() => [OrderEventView], { description: 'Oldest first.' })
  events!: OrderEventView[];

  @Field(() => [OrderAction], {
    description:
      'What a person can do now (the operations board’s buttons). The steps the order takes by itself (waiting for or receiving its last material, finishing production) are never listed.',
  })
  allowedActions!: OrderAction[];

  @Field(() => [WorkOrderView], { nullable: true, description: INTERNAL_NOTE })
  @AllowField(INTERNAL)
  workOrders!: WorkOrderView[];

  @Field(() => [PurchaseRequisitionView], { nullable: true, description: INTERNAL_NOTE })
  @AllowField(INTERNAL)
  requisitions!: PurchaseRequisitionView[];

  @Field(() => [ReservationView], { nullable: true, description: INTERNAL_NOTE })
  @AllowField(INTERNAL)
  reservations!: ReservationView[];

  @Field(() => [ChecklistItem], {
    nullable: true,
    description: `The quality checklist of this build, from its product model. ${INTERNAL_NOTE}`,
  })
  @AllowField(INTERNAL)
  checklist!: ChecklistItem[];

  @Field(() => [QualityCheckView], { nullable: true, description: INTERNAL_NOTE })
  @AllowField(INTERNAL)
  qualityChecks!: QualityCheckView[];

  @Field(() => [PickListLine], {
    nullable: true,
    description: `The order’s pick list: each purchased part to pick, with what is reserved, issued and short. ${INTERNAL_NOTE}`,
  })
  @AllowField(INTERNAL)
  pickList!: PickListLine[];

  @Field(() => Shipment, { nullable: true })
  shipment!: Shipment | null;
}

@ObjectType({ description: 'An action that cannot be done now. Nothing was changed.' })
export class ActionRefused {
  @Field(() => RefusalCode, { description: 'Why, as a code.' })
  code!: RefusalCode;

  @Field(() => String, { description: 'What a person reads: what is wrong and what to do.' })
  message!: string;

  @Field(() => String, { description: 'The argument at fault.' })
  field!: string;
}

export const OrderActionResult = createUnionType({
  name: 'OrderActionResult',
  description: 'The order after the action, or why the action was refused (then nothing changed).',
  types: () => [Order, ActionRefused] as const,
});

@InputType()
export class QualityCheckItemInput {
  @Field(() => String, { description: 'A checklist item’s code (Order.fulfilment.checklist).' })
  code!: string;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'A quality check: every checklist item answered, and the verdict.' })
export class QualityCheckInput {
  @Field(() => String)
  orderNumber!: string;

  @Field(() => Boolean, {
    description: 'Pass only when every item passed. A fail sends the order back to production for rework.',
  })
  passed!: boolean;

  @Field(() => [QualityCheckItemInput])
  items!: QualityCheckItemInput[];

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => Int, { nullable: true, description: 'Minutes of rework after a fail (default 60).' })
  reworkMinutes?: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A part with its stock.',
})
export class PartStock {
  @Field(() => String)
  partNumber!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => PartKind)
  kind!: PartKind;

  @Field(() => String, { nullable: true })
  supplier!: string | null;

  @Field(() => Int, { description: 'Supplier lead time in working days.' })
  leadTimeDays!: number;

  @Field(() => String, { description: 'Exact decimal text; 0 when the supplier sells any quantity.' })
  minimumOrderQuantity!: string;

  @Field(() => String, { description: 'Exact decimal text.' })
  onHand!: string;

  @Field(() => String, { description: 'Exact decimal text: held for placed orders.' })
  reserved!: string;

  @Field(() => String, { description: 'Exact decimal text: on hand minus reserved, never negative.' })
  available!: string;

  @Field(() => String, { description: 'Exact decimal text: bought and not received yet.' })
  onOrder!: string;
}

@ObjectType({ description: 'A change of a part’s on-hand quantity, as audited.' })
export class StockMovementView {
  @Field(() => String)
  partNumber!: string;

  @Field(() => String)
  at!: string;

  @Field(() => StockMovementKind)
  kind!: StockMovementKind;

  @Field(() => String, { description: 'Signed exact decimal text.' })
  quantity!: string;

  @Field(() => String)
  onHandAfter!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String, { nullable: true })
  orderNumber!: string | null;
}

@ObjectType()
export class StockAdjustment {
  @Field(() => PartStock)
  part!: PartStock;

  @Field(() => StockMovementView)
  movement!: StockMovementView;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A material an order is waiting for, and what it does to the order’s date.',
})
export class Backorder {
  @Field(() => PurchaseRequisitionView)
  requisition!: PurchaseRequisitionView;

  @Field(() => String)
  orderNumber!: string;

  @Field(() => OrderStatus)
  orderStatus!: OrderStatus;

  @Field(() => String, { nullable: true })
  promisedShipDate!: string | null;

  @Field(() => String, { nullable: true })
  expectedShipDate!: string | null;

  @Field(() => Int, { description: 'Working days the order slips because of it (0 while it is on time).' })
  delayDays!: number;

  @Field(() => Boolean, { description: 'Expected after its due date, or due and not received.' })
  late!: boolean;
}

@ObjectType({ description: 'Stock, reservations, open requisitions and shortages.' })
export class Materials {
  @Field(() => [PartStock])
  parts!: PartStock[];

  @Field(() => [PurchaseRequisitionView], { description: 'Open requisitions, by expected date.' })
  openRequisitions!: PurchaseRequisitionView[];

  @Field(() => [Backorder], { description: 'Shortages: the orders waiting for material, late ones first.' })
  backorders!: Backorder[];
}

@ObjectType({ simpleResolvers: true })
export class BoardColumn {
  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => String)
  label!: string;

  @Field(() => Int, {
    description:
      'Orders in this stage; the column shows 50 of them: the oldest, or the most recent in SHIPPED, DELIVERED and CANCELLED.',
  })
  count!: number;

  @Field(() => [Order])
  orders!: Order[];
}

@ObjectType({
  description:
    'Orders by stage, one column per OrderStatus: oldest first, but most recent first in SHIPPED, DELIVERED and CANCELLED.',
})
export class OperationsBoard {
  @Field(() => [BoardColumn])
  columns!: BoardColumn[];
}
