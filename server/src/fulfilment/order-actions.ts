import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../db/clock.js';
import { claimWriter, forUpdate } from '../db/locking.js';
import {
  nextAutomatic,
  type OrderAction,
  type OrderFacts,
  type OrderStatus,
  transition,
} from '../engine/index.js';
import { recordOrderEvent } from '../events/record.js';
import { Order } from '../orders/order.entity.js';
import { normaliseOrderNumber } from '../orders/order-number.js';
import { automaticMessage, checklistFromLines, factsFrom, kindOf, slipOf } from './facts.js';
import { OrderEvent } from './order-event.entity.js';
import type { OrderEventKind } from './order-event-kind.js';
import { type ActionOutcome, Refused, refuse, refused, SYSTEM } from './outcomes.js';
import { loadCalendar } from './planning.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';
import { QualityCheckRecord } from './quality-check.entity.js';
import { lifecycleRefusal } from './refusal-code.js';
import { WorkOrder } from './work-order.entity.js';

/** One thing that happened to an order, recorded as an event. */
export interface EventRecord {
  actor: string;
  kind: OrderEventKind;
  message: string;
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
  at?: Date;
}

/**
 * The order's lifecycle core, shared by every action on an order: one transaction with the order's row
 * locked, each step guarded by the engine's state machine and recorded as an event, and the steps that
 * follow by themselves.
 */
export class OrderActions {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    readonly clock: Clock,
  ) {}

  /**
   * Runs `change` on the order in one transaction, the order's row locked; a refusal rolls everything
   * back. Answers with the order as it is after.
   */
  async onOrder(
    number: string,
    actor: string,
    change: (em: EntityManager, order: Order, actor: string) => Promise<void>,
  ): Promise<ActionOutcome> {
    const normalised = normaliseOrderNumber(number);
    if (!normalised) return refuse('ORDER_NOT_FOUND', 'number', `There is no order '${number.slice(0, 40)}'`);
    try {
      // A clean unit of work: nothing read before the lock can be stale inside it.
      const id = await this.em.transactional(
        async (em) => {
          await claimWriter(em);
          const order = await em.findOne(Order, { number: normalised }, forUpdate(em));
          if (!order) refused('ORDER_NOT_FOUND', 'number', `There is no order '${number.slice(0, 40)}'`);
          await change(em, order, actor);
          return order.id;
        },
        { clear: true },
      );
      this.em.clear();
      // The row alone: the answer loads what its request asks (FulfilmentReads.loadAnswer).
      const order = await this.em.findOneOrFail(Order, { id });
      return { kind: 'done', order };
    } catch (error) {
      if (error instanceof Refused) return error.refusal;
      throw error;
    }
  }

  /** Applies one action through the engine's guard, records it, then whatever follows by itself. */
  async apply(
    em: EntityManager,
    order: Order,
    action: OrderAction,
    actor: string,
    message: string,
    field = 'number',
  ): Promise<void> {
    const facts = await this.factsOf(em, order);
    const moved = transition(order.status as OrderStatus, action, facts);
    if (!moved.ok) refused(lifecycleRefusal(moved.code), field, moved.message);
    this.event(em, order, {
      actor,
      kind: kindOf(action),
      fromStatus: order.status,
      toStatus: moved.to,
      message,
    });
    order.status = moved.to;
    // The step changed the order's status and events only: the facts just read still hold.
    await this.advance(em, order, facts);
  }

  /**
   * Moves the order on by itself while a guard is met (the last material in, the last work order done).
   * `known`: the facts as they are now, when the caller has just read them and changed none since. The facts
   * are read once: an automatic step changes the order's status and events only, never what they count.
   */
  async advance(em: EntityManager, order: Order, known?: OrderFacts): Promise<void> {
    const facts = known ?? (await this.factsOf(em, order));
    for (let step = 0; step < 5; step++) {
      const action = nextAutomatic(order.status as OrderStatus, facts);
      if (!action) return;
      const moved = transition(order.status as OrderStatus, action, facts);
      if (!moved.ok) return;
      this.event(em, order, {
        actor: SYSTEM,
        kind: kindOf(action),
        fromStatus: order.status,
        toStatus: moved.to,
        message: automaticMessage(action, facts),
      });
      order.status = moved.to;
    }
  }

  /** What the state machine reads of the order, as written so far in this transaction. */
  async factsOf(em: EntityManager, order: Order): Promise<OrderFacts> {
    await em.flush();
    // One after another: a transaction's queries share its one connection.
    const requisitions = await em.find(PurchaseRequisition, { order });
    const workOrders = await em.find(WorkOrder, { order });
    const checks = await em.find(QualityCheckRecord, { order }, { orderBy: { at: 'asc', id: 'asc' } });
    return factsFrom(requisitions, workOrders, checks);
  }

  /** The expected ship date after a supplier's new date or a rework. */
  async refreshExpected(em: EntityManager, order: Order): Promise<void> {
    const calendar = await loadCalendar(em);
    const requisitions = await em.find(PurchaseRequisition, { order, status: 'OPEN' });
    const slip = slipOf(order, requisitions, calendar, this.clock.today());
    order.expectedShipDate = slip?.expectedShipDate ?? order.promise?.shipDate ?? null;
    order.slipCause = slip?.cause ?? null;
  }

  async checklistOf(em: EntityManager, order: Order): Promise<{ code: string; label: string }[]> {
    await em.populate(order, ['lines.modelVersion']);
    return checklistFromLines(order, this.catalog);
  }

  event(em: EntityManager, order: Order, record: EventRecord): void {
    const at = record.at ?? this.clock.now();
    // The stream's event, in this transaction: partners and pages hear of every step of the order.
    recordOrderEvent(em, order, record, at);
    // Every event is a change of the order: `orders(filter: { updatedSince })` must find it (a step such as
    // work started changes no column of the order itself, so onUpdate alone would miss it).
    order.updatedAt = at;
    em.create(OrderEvent, {
      order,
      at,
      actor: record.actor,
      kind: record.kind,
      fromStatus: record.fromStatus ?? null,
      toStatus: record.toStatus ?? null,
      message: record.message.slice(0, 1000),
    });
  }
}
