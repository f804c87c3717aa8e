import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import { CheckoutSummary } from '../checkout/checkout.types.js';
import { Configuration } from '../configurations/configuration.types.js';
import { Allow, AllowField, ApiScope, isStaff, Role, STAFF_ROLES } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { type ArgumentSchemas, type InputProblem, ValidArgs } from '../graphql/input-validation.js';
import { requestedFields } from '../graphql/requested-fields.js';
import { toOrder } from '../orders/order.mapper.js';
import { orderPopulateFor } from '../orders/order.service.js';
import { Operation, Order, OrderLine } from '../orders/order.types.js';
import { adjustStockArguments, partNumberArgument } from '../parts/stock.inputs.js';
import { CUSTOMER_EVENT_MESSAGES, CUSTOMER_SLIP_CAUSE, readsInternalData } from './customer-view.js';
import {
  cancelReason,
  carrierInput,
  expectedDateInput,
  orderNumberInput,
  qualityCheckInput,
  refusalCode,
  searchInput,
  trackingNumberInput,
} from './fulfilment.inputs.js';
import {
  toBackorder,
  toDeliveryPromise,
  toOperation,
  toOrderFulfilment,
  toPartStock,
  toPromiseEffect,
  toRequisition,
  toStockMovement,
} from './fulfilment.mapper.js';
import {
  ActionRefused,
  Backorder,
  BoardColumn,
  DeliveryPromise,
  INTERNAL_NOTE,
  Materials,
  OperationsBoard,
  OrderActionResult,
  OrderEventView,
  OrderFulfilment,
  PromiseEffect,
  PromiseSlip,
  QualityCheckInput,
  StockAdjustment,
  StockMovementView,
} from './fulfilment.types.js';
import { onOrderOf } from './fulfilment-reads.service.js';
import { type ActionOutcome, refuse } from './outcomes.js';

/**
 * An action's answer: the order loaded with what the request asks of it (orderPopulateFor), so that an answer
 * asked for its status alone reads no lines or BOM.
 */
async function answerAction(
  info: GraphQLResolveInfo,
  outcome: ActionOutcome,
  context: RequestContext,
): Promise<typeof OrderActionResult> {
  if (outcome.kind !== 'done') return toActionResult(outcome, context);
  const populate = orderPopulateFor(requestedFields(info));
  await context.fulfilment.reads.loadAnswer(outcome.order, populate);
  return toOrder(outcome.order, context.catalog, {
    linesUnasked: !populate.some((p) => p.startsWith('lines')),
  });
}

function toActionResult(outcome: ActionOutcome, context: RequestContext): typeof OrderActionResult {
  if (outcome.kind === 'done') return toOrder(outcome.order, context.catalog);
  return Object.assign(new ActionRefused(), {
    code: outcome.code,
    message: outcome.message,
    field: outcome.field,
  });
}

/** An order action's arguments checked first (ValidArgs); a bad one is refused as the action is. */
function ValidAction(schemas: ArgumentSchemas) {
  return ValidArgs({ ...schemas }, (problem: InputProblem, context: RequestContext) =>
    toActionResult(
      { kind: 'refused', code: refusalCode(problem), field: problem.field, message: problem.message },
      context,
    ),
  );
}

/** The promise while configuring: read-only, computed only when asked for. */
@Resolver(() => Configuration)
export class ConfigurationPromiseResolver {
  @FieldResolver(() => DeliveryPromise, {
    nullable: true,
    description:
      'When this build would ship if ordered now, from stock and capacity as they are (a read-only estimate: nothing is reserved; answers may be up to 2 s old). Null until the configuration is valid and complete.',
  })
  async promise(
    @Root() configuration: Configuration,
    @Ctx() { fulfilment }: RequestContext,
  ): Promise<DeliveryPromise | null> {
    const estimate = await fulfilment.placement.estimate(configuration.configured);
    return estimate ? toDeliveryPromise(estimate.promise) : null;
  }

  @FieldResolver(() => [PromiseEffect], {
    description:
      'How switching to each other option (single choices and yes/no features) would move the promise, for the options whose switch keeps the configuration valid and complete. Empty until it is valid and complete.',
  })
  async promiseEffects(
    @Root() configuration: Configuration,
    @Ctx() { fulfilment }: RequestContext,
  ): Promise<PromiseEffect[]> {
    return (await fulfilment.placement.optionEffects(configuration.configured)).map(toPromiseEffect);
  }
}

/** The checkout's promise: the latest of its lines' live estimates (nothing is reserved). */
@Resolver(() => CheckoutSummary)
export class CheckoutPromiseResolver {
  @FieldResolver(() => DeliveryPromise, {
    nullable: true,
    description:
      'When the whole order would ship if placed now: the latest of its lines’ promises (as Configuration.promise gives each). placeOrder commits its own, from stock and capacity then.',
  })
  async promise(
    @Root() summary: CheckoutSummary,
    @Ctx() { fulfilment }: RequestContext,
  ): Promise<DeliveryPromise | null> {
    let latest: DeliveryPromise | null = null;
    for (const configured of summary.lines) {
      const estimate = await fulfilment.placement.estimate(configured);
      if (!estimate) return null;
      const promise = toDeliveryPromise(estimate.promise);
      if (latest === null || promise.shipDate > latest.shipDate) latest = promise;
    }
    return latest;
  }
}

@Resolver(() => Order)
export class OrderFulfilmentResolver {
  @FieldResolver(() => OrderFulfilment, {
    description:
      'How the order is being made: promise, expected date, events, materials, work orders and checks.',
  })
  async fulfilment(
    @Root() order: Order,
    @Ctx() { fulfilmentViews }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderFulfilment> {
    // Only what the request asks of it is loaded: a page of orders wanting their events reads no stock.
    return toOrderFulfilment(
      await fulfilmentViews.load({ order: order.entity, asked: requestedFields(info) }),
    );
  }
}

/** Events and slips in the plant's words for staff, in a customer's for anyone else. */
@Resolver(() => OrderEventView)
export class OrderEventTextResolver {
  @FieldResolver(() => String, {
    description:
      'What happened. Staff and operations:read keys read the plant’s own words (parts, suppliers, QC notes); anyone else a customer’s wording of the event.',
  })
  message(@Root() event: OrderEventView, @Ctx() { viewer }: RequestContext): string {
    return readsInternalData(viewer) ? event.internalMessage : CUSTOMER_EVENT_MESSAGES[event.kind];
  }
}

@Resolver(() => PromiseSlip)
export class PromiseSlipTextResolver {
  @FieldResolver(() => String, {
    description:
      'Why: staff and operations:read keys read the part, its supplier and dates; anyone else a customer’s wording.',
  })
  cause(@Root() slip: PromiseSlip, @Ctx() { viewer }: RequestContext): string {
    return readsInternalData(viewer) ? slip.internalCause : CUSTOMER_SLIP_CAUSE;
  }
}

/** An order line's routing (its work orders as planned when placed, rework aside). */
@Resolver(() => OrderLine)
export class OrderLineRoutingResolver {
  @FieldResolver(() => [Operation], { nullable: true, description: `The routing. ${INTERNAL_NOTE}` })
  @AllowField({ users: STAFF_ROLES, scope: ApiScope.OPERATIONS_READ })
  async operations(@Root() line: OrderLine, @Ctx() { routings }: RequestContext): Promise<Operation[]> {
    return (await routings.load(line.entity.id)).map(toOperation);
  }
}

@Resolver()
export class FulfilmentResolver {
  @Query(() => OperationsBoard, { description: 'Orders by stage, with the actions allowed at each.' })
  @Allow({
    users: [Role.OPERATIONS, Role.SALES, Role.SALES_MANAGER, Role.ADMIN],
    scope: ApiScope.OPERATIONS_READ,
  })
  async operationsBoard(@Ctx() context: RequestContext): Promise<OperationsBoard> {
    const columns = await context.fulfilment.reads.board();
    return Object.assign(new OperationsBoard(), {
      columns: columns.map((column) =>
        Object.assign(new BoardColumn(), {
          status: column.status,
          label: column.label,
          count: column.count,
          orders: column.orders.map((order) => toOrder(order, context.catalog)),
        }),
      ),
    });
  }

  @Query(() => Materials, {
    description: 'Stock of every part (search: part number or description), open requisitions and shortages.',
  })
  @UseMiddleware(ValidArgs({ search: searchInput }))
  @Allow({ users: [Role.OPERATIONS, Role.ADMIN], scope: ApiScope.OPERATIONS_READ })
  async materials(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() { stock, fulfilment }: RequestContext,
  ): Promise<Materials> {
    // The open requisitions are read once: the backorders are they, and what is on order is their sum per part.
    const backorders = await fulfilment.reads.backorders();
    const onOrder = onOrderOf(backorders.map((view) => view.requisition));
    const parts = await stock.stock({ search }, onOrder);
    return Object.assign(new Materials(), {
      parts: parts.map(toPartStock),
      openRequisitions: [...backorders]
        .sort((a, b) => (a.requisition.expectedDate < b.requisition.expectedDate ? -1 : 1))
        .map((view) => toRequisition(view.requisition, view.order.number)),
      backorders: backorders.map(toBackorder),
    });
  }

  @Query(() => [Backorder], {
    description:
      'Shortages and late requisitions with the orders they delay and by how much, late ones first.',
  })
  @Allow({
    users: [Role.OPERATIONS, Role.SALES, Role.SALES_MANAGER, Role.ADMIN],
    scope: ApiScope.OPERATIONS_READ,
  })
  async backorders(@Ctx() { fulfilment }: RequestContext): Promise<Backorder[]> {
    return (await fulfilment.reads.backorders()).map(toBackorder);
  }

  @Query(() => [StockMovementView], {
    description: 'The audit of a part’s stock, newest first (at most 50).',
  })
  @UseMiddleware(ValidArgs(partNumberArgument))
  @Allow({ users: [Role.OPERATIONS, Role.ADMIN], scope: ApiScope.OPERATIONS_READ })
  async stockMovements(
    @Arg('partNumber', () => String) partNumber: string,
    @Ctx() { stock }: RequestContext,
  ): Promise<StockMovementView[]> {
    return (await stock.movements(partNumber)).map(toStockMovement);
  }

  @Mutation(() => StockAdjustment, {
    description:
      'Changes a part’s on-hand quantity by `quantity` (signed exact decimal, e.g. "12" or "-3") and audits it with the reason. Bad input (unknown part, not a decimal, out of the stock column’s range -999999999999.999999 to 999999999999.999999, too many decimals for the part’s unit, a change that leaves less on hand than is reserved, no reason) is a BAD_USER_INPUT or NOT_FOUND error naming the field; nothing changes.',
  })
  @UseMiddleware(ValidArgs(adjustStockArguments))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async adjustStock(
    @Arg('partNumber', () => String) partNumber: string,
    @Arg('quantity', () => String) quantity: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() { stock, actor }: RequestContext,
  ): Promise<StockAdjustment> {
    const result = await stock.adjustStock(partNumber, quantity, reason, actor);
    return Object.assign(new StockAdjustment(), {
      part: toPartStock(result.part),
      movement: toStockMovement(result.movement),
    });
  }

  @Mutation(() => OrderActionResult, {
    description:
      'PLACED -> CONFIRMED; then by itself to AWAITING_MATERIALS (something short) or IN_PRODUCTION.',
  })
  @UseMiddleware(ValidAction({ number: orderNumberInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async confirmOrder(
    @Arg('number', () => String) number: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.lifecycle.confirmOrder(number, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'AWAITING_REVIEW -> PLACED: an order too large for the plant, accepted by a person. Its lines are exploded again from their snapshots, its materials reserved or requisitioned, its work scheduled at finite capacity and its promise committed, in one transaction.',
  })
  @UseMiddleware(ValidAction({ number: orderNumberInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async acceptOrderReview(
    @Arg('number', () => String) number: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.review.acceptOrderReview(number, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Cancels an order before production (AWAITING_REVIEW, PLACED, CONFIRMED, AWAITING_MATERIALS): its reservations are released, its open requisitions and work orders cancelled, its capacity freed (an order awaiting review has none).',
  })
  @UseMiddleware(ValidAction({ number: orderNumberInput, reason: cancelReason }))
  @Allow({
    users: [Role.CUSTOMER, Role.SALES, Role.SALES_MANAGER, Role.OPERATIONS],
    scope: ApiScope.ORDERS_WRITE,
  })
  async cancelOrder(
    @Arg('number', () => String) number: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    // A customer or a key cancels only its own account's orders; any other answers as an unknown order.
    if (!isStaff(context.viewer) && !(await context.orders.findByNumber(number, context.viewer))) {
      return answerAction(
        info,
        refuse('ORDER_NOT_FOUND', 'number', `There is no order '${number.slice(0, 40)}'`),
        context,
      );
    }
    return answerAction(
      info,
      await context.fulfilment.lifecycle.cancelOrder(number, reason, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Receives an open purchase requisition: its quantity comes into stock and the shortage is reserved for its order; the order moves on by itself when this was its last missing material.',
  })
  @UseMiddleware(ValidAction({}))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async receivePurchaseRequisition(
    @Arg('id', () => Int) id: number,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.lifecycle.receivePurchaseRequisition(id, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Records the supplier’s new date for an open requisition (YYYY-MM-DD). Later than its due date, the order’s expected ship date slips and says why.',
  })
  @UseMiddleware(ValidAction({ expectedDate: expectedDateInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async updatePurchaseRequisition(
    @Arg('id', () => Int) id: number,
    @Arg('expectedDate', () => String) expectedDate: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.lifecycle.updateRequisitionExpectedDate(id, expectedDate, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Starts a planned work order of an order IN_PRODUCTION (never before every material is in); the first one takes the reserved materials out of stock.',
  })
  @UseMiddleware(ValidAction({}))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async startWorkOrder(
    @Arg('id', () => Int) id: number,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(info, await context.fulfilment.production.startWorkOrder(id, context.actor), context);
  }

  @Mutation(() => OrderActionResult, {
    description: 'Completes a started work order; the last one moves the order to QUALITY_CHECK by itself.',
  })
  @UseMiddleware(ValidAction({}))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async completeWorkOrder(
    @Arg('id', () => Int) id: number,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.production.completeWorkOrder(id, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Starts every planned work order of an order IN_PRODUCTION, in routing order, each guarded as startWorkOrder guards one, in one transaction: when one may not start, none does and the refusal names it (WORK_ORDER_NOT_PLANNED when none is planned). Each start is an event naming who did it.',
  })
  @UseMiddleware(ValidAction({ number: orderNumberInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async startOrderWorkOrders(
    @Arg('number', () => String) number: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.production.startOrderWorkOrders(number, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Completes every open work order of an order, in routing order, each guarded as completeWorkOrder guards one (a planned one must be started first: WORK_ORDER_NOT_STARTED names it), in one transaction: when one may not be completed, none is. The last one moves the order to QUALITY_CHECK. Each completion is an event naming who did it.',
  })
  @UseMiddleware(ValidAction({ number: orderNumberInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async completeOrderWorkOrders(
    @Arg('number', () => String) number: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.production.completeOrderWorkOrders(number, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'Records a quality check of an order in QUALITY_CHECK, every checklist item answered: a pass makes it READY_TO_SHIP, a fail returns it to IN_PRODUCTION with a rework work order.',
  })
  @UseMiddleware(ValidAction({ input: qualityCheckInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async recordQualityCheck(
    @Arg('input', () => QualityCheckInput) input: QualityCheckInput,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.production.recordQualityCheck(input, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, {
    description:
      'READY_TO_SHIP -> SHIPPED (never before a passed quality check), with the carrier and tracking number.',
  })
  @UseMiddleware(
    ValidAction({ number: orderNumberInput, carrier: carrierInput, trackingNumber: trackingNumberInput }),
  )
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async shipOrder(
    @Arg('number', () => String) number: string,
    @Arg('carrier', () => String) carrier: string,
    @Arg('trackingNumber', () => String) trackingNumber: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.lifecycle.shipOrder(number, carrier, trackingNumber, context.actor),
      context,
    );
  }

  @Mutation(() => OrderActionResult, { description: 'SHIPPED -> DELIVERED.' })
  @UseMiddleware(ValidAction({ number: orderNumberInput }))
  @Allow({ users: [Role.OPERATIONS], scope: null })
  async deliverOrder(
    @Arg('number', () => String) number: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<typeof OrderActionResult> {
    return answerAction(
      info,
      await context.fulfilment.lifecycle.deliverOrder(number, context.actor),
      context,
    );
  }
}
