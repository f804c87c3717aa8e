import { forUpdate } from '../db/locking.js';
import { Decimal } from '../engine/index.js';
import type { StockService } from '../parts/stock.service.js';
import { releaseBookings } from './capacity-days.js';
import type { OrderActions } from './order-actions.js';
import { type ActionOutcome, refuse, refused, SYSTEM } from './outcomes.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';
import { WorkOrder } from './work-order.entity.js';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * The order's own steps: confirmed, cancelled (its stock, requisitions and capacity given back), its
 * materials received or late, shipped and delivered. Each runs through the order actions' guard.
 */
export class LifecycleService {
  constructor(
    readonly actions: OrderActions,
    readonly stock: StockService,
  ) {}

  confirmOrder(number: string, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      await this.actions.apply(em, order, 'confirm', actor, 'Order confirmed');
    });
  }

  cancelOrder(number: string, reason: string, by: string): Promise<ActionOutcome> {
    // The reason's length was checked by cancelReason (fulfilment.inputs.ts).
    const why = reason.trim();
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      await this.actions.apply(em, order, 'cancel', actor, `Cancelled: ${why}`);
      const now = this.actions.clock.now();
      const released = await this.stock.releaseReservations(em, order);
      const open = await em.find(PurchaseRequisition, { order, status: 'OPEN' });
      for (const requisition of open) requisition.status = 'CANCELLED';
      const workOrders = await em.find(WorkOrder, { order, status: { $in: ['PLANNED', 'STARTED'] } });
      for (const workOrder of workOrders) workOrder.status = 'CANCELLED';
      await releaseBookings(em, { orderId: order.id });
      this.actions.event(em, order, {
        actor: SYSTEM,
        kind: 'RELEASED',
        message: `Released ${plural(released, 'reservation')}, cancelled ${plural(open.length, 'open requisition')} and ${plural(workOrders.length, 'work order')}`,
        at: now,
      });
    });
  }

  shipOrder(number: string, carrier: string, trackingNumber: string, by: string): Promise<ActionOutcome> {
    const carrierName = carrier.trim();
    const tracking = trackingNumber.trim();
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      await this.actions.apply(em, order, 'ship', actor, `Shipped with ${carrierName}, tracking ${tracking}`);
      order.carrier = carrierName;
      order.trackingNumber = tracking;
      order.shippedAt = this.actions.clock.now();
    });
  }

  deliverOrder(number: string, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      await this.actions.apply(em, order, 'deliver', actor, 'Delivered');
      order.deliveredAt = this.actions.clock.now();
    });
  }

  /**
   * Receives a requisition: the quantity bought comes into stock, the shortage is reserved for the order it
   * is pegged to (the rest, bought to reach the minimum order quantity, is free stock), and the order moves
   * on by itself when this was its last missing material.
   */
  async receivePurchaseRequisition(id: number, by: string): Promise<ActionOutcome> {
    const found = await this.actions.em.fork().findOne(PurchaseRequisition, { id }, { populate: ['order'] });
    if (!found) return refuse('REQUISITION_NOT_FOUND', 'id', `There is no purchase requisition ${id}`);
    return this.actions.onOrder(found.order.number, by, async (em, order, actor) => {
      const requisition = await em.findOneOrFail(PurchaseRequisition, { id }, forUpdate(em));
      if (requisition.status !== 'OPEN') {
        refused(
          'REQUISITION_NOT_OPEN',
          'id',
          `Purchase requisition ${id} is ${requisition.status.toLowerCase()}: only an open requisition can be received`,
        );
      }
      const part = await this.stock.receive(em, {
        partNumber: requisition.partNumber,
        quantity: new Decimal(requisition.quantity),
        reserve: new Decimal(requisition.shortage),
        order,
        orderLine: requisition.orderLine,
        reason: `Purchase requisition ${id} received for order ${order.number}`,
        actor,
      });
      requisition.status = 'RECEIVED';
      requisition.receivedAt = this.actions.clock.now();
      this.actions.event(em, order, {
        actor,
        kind: 'MATERIAL_RECEIVED',
        message: `Received ${requisition.quantity} × ${part.partNumber} (${part.description}); ${requisition.shortage} reserved for this order`,
      });
      await this.actions.advance(em, order);
    });
  }

  /** Records the supplier's new date for a requisition: a date later than due makes the order's promise slip. */
  async updateRequisitionExpectedDate(id: number, expectedDate: string, by: string): Promise<ActionOutcome> {
    const found = await this.actions.em.fork().findOne(PurchaseRequisition, { id }, { populate: ['order'] });
    if (!found) return refuse('REQUISITION_NOT_FOUND', 'id', `There is no purchase requisition ${id}`);
    return this.actions.onOrder(found.order.number, by, async (em, order, actor) => {
      const requisition = await em.findOneOrFail(PurchaseRequisition, { id });
      if (requisition.status !== 'OPEN') {
        refused(
          'REQUISITION_NOT_OPEN',
          'id',
          `Purchase requisition ${id} is ${requisition.status.toLowerCase()}`,
        );
      }
      const previous = requisition.expectedDate;
      requisition.expectedDate = expectedDate;
      await this.actions.refreshExpected(em, order);
      this.actions.event(em, order, {
        actor,
        kind: expectedDate > requisition.dueDate ? 'PROMISE_SLIPPED' : 'SUPPLY_UPDATED',
        message:
          `${requisition.partNumber} from ${requisition.supplier ?? 'its supplier'} now expected ${expectedDate} (was ${previous}, due ${requisition.dueDate})` +
          (order.expectedShipDate && order.promise && order.expectedShipDate > order.promise.shipDate
            ? `; the order now ships by ${order.expectedShipDate}`
            : ''),
      });
    });
  }
}
