import { type EntityManager, LoadStrategy } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import { claimWriter, forUpdate } from '../db/locking.js';
import {
  addWorkingDays,
  allowedActions,
  Decimal,
  type DeliveryPromise,
  explode,
  type IsoDate,
  isIsoDate,
  type MaterialSupply,
  nextAutomatic,
  ORDER_STATUSES,
  type OrderAction,
  type OrderExplosion,
  type OrderFacts,
  type OrderStatus,
  type ProductModel,
  qualityChecklist,
  type SelectionValue,
  transition,
  type WorkingCalendar,
  workingDaysBetween,
} from '../engine/index.js';
import { Order, type OrderPromiseSnapshot } from '../orders/order.entity.js';
import { ORDER_POPULATE } from '../orders/order.service.js';
import type { OrderLine } from '../orders/order-line.entity.js';
import { normaliseOrderNumber } from '../orders/order-number.js';
import { Reservation } from '../parts/reservation.entity.js';
import { StockMovement } from '../parts/stock-movement.entity.js';
import { CapacityBooking } from './capacity-booking.entity.js';
import { OrderEvent } from './order-event.entity.js';
import {
  bookInto,
  estimateLine,
  linePromise,
  loadCalendar,
  loadWorkCentres,
  materialSupply,
  purchasedNeeds,
  stockOf,
} from './planning.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';
import { type QualityCheckItemResult, QualityCheckRecord } from './quality-check.entity.js';
import { WorkOrder } from './work-order.entity.js';

/** Steps the system takes by itself when their guard is met: never a person's button. */
const AUTOMATIC_ACTIONS: ReadonlySet<OrderAction> = new Set([
  'materialsShort',
  'materialsReady',
  'finishWork',
]);

/** Orders shown per column of the operations board. */
export const BOARD_COLUMN_SIZE = 50;

export const STATUS_LABELS: Record<OrderStatus, string> = {
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

/** Who did something when nobody says: automatic steps are "system"; a mutation without `by` is "operations". */
export const SYSTEM = 'system';
export const DEFAULT_ACTOR = 'operations';
const MAX_ACTOR_LENGTH = 100;
const MAX_REASON_LENGTH = 500;
/** Minutes of rework booked after a failed quality check, when the inspector does not say. */
export const DEFAULT_REWORK_MINUTES = 60;

/** An expected refusal: nothing was changed. `field` names the argument at fault. */
export interface Refusal {
  kind: 'refused';
  code: string;
  message: string;
  field: string;
}

export type ActionOutcome = { kind: 'done'; order: Order } | Refusal;

function refuse(code: string, field: string, message: string): Refusal {
  return { kind: 'refused', code, message, field };
}

/** Thrown inside a transaction to roll it back and answer with the refusal. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** One line of an order being placed: the entity written, and how it was configured and exploded. */
export interface PlacedLine {
  entity: OrderLine;
  configured: ConfiguredProduct;
  explosion: OrderExplosion;
}

/** A live estimate: the promise of a complete configuration from stock and capacity as they are. */
export interface Estimate {
  promise: DeliveryPromise;
}

export interface OptionEffect {
  feature: string;
  option: string;
  /** Working days later (+) or earlier (-) than the promise with the values in force. */
  days: number;
  shipDate: IsoDate;
}

/** Everything shown of an order's fulfilment, loaded in one go per order. */
export interface OrderFulfilmentView {
  order: Order;
  events: OrderEvent[];
  workOrders: WorkOrder[];
  requisitions: PurchaseRequisition[];
  reservations: Reservation[];
  qualityChecks: QualityCheckRecord[];
  checklist: { code: string; label: string }[];
  allowedActions: OrderAction[];
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

/**
 * Make-to-order fulfilment: at placement, stock reserved and shortages requisitioned, work orders
 * scheduled at finite capacity and the promise committed; then the lifecycle, each step guarded by the
 * engine's state machine and recorded as an event. Every change runs in one transaction, with the rows
 * it depends on locked on PostgreSQL (parts, work centres, the order), so that concurrent requests and
 * several processes never reserve the same stock or capacity twice.
 */
export class FulfilmentService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- estimates (read-only)

  /** The promise for a valid, complete configuration from stock and capacity now; null otherwise. Reserves nothing. */
  async estimate(configured: ConfiguredProduct): Promise<Estimate | null> {
    if (!configured.check.valid || !configured.check.complete) return null;
    const explosion = explode(configured.model, configured.values, configured.quantity);
    if (!explosion.ok) return null;
    const today = this.clock.today();
    const [calendar, stock, loads] = await Promise.all([
      loadCalendar(this.em),
      stockOf(
        this.em,
        purchasedNeeds(explosion).map((need) => need.partNumber),
      ),
      loadWorkCentres(this.em, [configured.model], today),
    ]);
    const result = estimateLine(configured, explosion, stock, loads, calendar, today);
    return result.ok ? { promise: result.promise } : null;
  }

  /**
   * How switching each single-choice option (and each boolean) would move the promise, for a valid,
   * complete configuration: the options whose switch keeps it valid and complete, with the working days
   * they add (+) or save (-). Stock and capacity are read once.
   */
  async optionEffects(configured: ConfiguredProduct): Promise<OptionEffect[]> {
    if (!configured.check.valid || !configured.check.complete) return [];
    const { model, values, quantity } = configured;
    const base = explode(model, values, quantity);
    if (!base.ok) return [];
    const today = this.clock.today();
    const [calendar, stock, loads] = await Promise.all([
      loadCalendar(this.em),
      stockOf(this.em, [...model.parts.keys()]),
      loadWorkCentres(this.em, [model], today),
    ]);
    const before = estimateLine(configured, base, stock, loads, calendar, today);
    if (!before.ok) return [];
    // Which switches keep the build valid and complete, and their BOM and routing, depend only on the
    // model version, the quantity and the choices: worked out once and remembered; stock and capacity
    // are read fresh each time.
    const compute = () => switchedExplosions(model, values, quantity);
    const switches = configured.cacheKey
      ? this.catalog.memoConfiguration(`promise-switches|${configured.cacheKey}`, compute)
      : compute();
    const effects: OptionEffect[] = [];
    for (const { feature, option, values: switched, explosion } of switches) {
      const after = estimateLine(
        { ...configured, values: switched },
        explosion,
        stock,
        loads,
        calendar,
        today,
      );
      if (!after.ok) continue;
      effects.push({
        feature,
        option,
        days: workingDaysBetween(calendar, before.promise.shipDate, after.promise.shipDate),
        shipDate: after.promise.shipDate,
      });
    }
    return effects;
  }

  // ---------------------------------------------------------------- placement

  /**
   * Inside the transaction that writes the order: reserves what stock has (parts locked first, in part
   * number order), requisitions the shortages (rounded up to the minimum order quantity, due after the
   * supplier's lead time), schedules the work orders behind the work already promised (work centres
   * locked), and commits the promise. Returns the promise.
   */
  async commitOrder(
    em: EntityManager,
    order: Order,
    lines: PlacedLine[],
    actor: string,
  ): Promise<OrderPromiseSnapshot> {
    const now = this.clock.now();
    const today = this.clock.today();
    const calendar = await loadCalendar(em);
    const needsByLine = lines.map((line) => purchasedNeeds(line.explosion));
    const partNumbers = [...new Set(needsByLine.flat().map((need) => need.partNumber))].sort();
    const stock = await stockOf(em, partNumbers, forUpdate(em));

    const materialsByLine: MaterialSupply[][] = [];
    let reservedLines = 0;
    const requisitions: PurchaseRequisition[] = [];
    for (const [index, line] of lines.entries()) {
      const materials: MaterialSupply[] = [];
      for (const need of needsByLine[index]!) {
        const part = stock.get(need.partNumber);
        // Read before reserving: what is available now is what this need takes.
        const supply = materialSupply(need, part, line.configured.model);
        const fromStock = new Decimal(supply.fromStock);
        const shortage = new Decimal(supply.shortage);
        if (part && fromStock.greaterThan(0)) {
          part.stockReserved = new Decimal(String(part.stockReserved)).plus(fromStock).toFixed();
          em.create(Reservation, {
            partNumber: need.partNumber,
            order,
            orderLine: line.entity,
            quantity: fromStock.toFixed(),
            status: 'RESERVED',
            createdAt: now,
          });
          reservedLines++;
        }
        if (shortage.greaterThan(0)) {
          const minimum = new Decimal(String(part?.minimumOrderQuantity ?? '0'));
          const dueDate = addWorkingDays(calendar, today, supply.leadTimeDays);
          requisitions.push(
            em.create(PurchaseRequisition, {
              partNumber: need.partNumber,
              supplier: part?.supplier ?? null,
              order,
              orderLine: line.entity,
              shortage: shortage.toFixed(),
              quantity: Decimal.max(shortage, minimum).toFixed(),
              status: 'OPEN',
              createdAt: now,
              dueDate,
              expectedDate: dueDate,
            }),
          );
        }
        // Just requisitioned, a shortage arrives after the supplier's lead time (its due date): said as such.
        materials.push(supply);
      }
      materialsByLine.push(materials);
    }

    // Capacity: the work centres are locked so that two orders never book the same free minutes.
    const models = lines.map((line) => line.configured.model);
    const loads = await loadWorkCentres(em, models, today, { lock: true });

    let latest: DeliveryPromise | null = null;
    let position = 0;
    for (const [index, line] of lines.entries()) {
      const { configured, explosion } = line;
      const result = linePromise(configured, explosion, materialsByLine[index]!, loads, calendar, today);
      if (!result.ok) {
        // A valid configuration of a published model that cannot be scheduled is a fault in the model.
        throw new Error(
          `${configured.model.code} cannot be scheduled: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      }
      const { promise } = result;
      bookInto(loads, promise);
      const workOrders = explosion.operations.map((operation, operationIndex) => {
        const scheduled = promise.schedule[operationIndex];
        return em.create(WorkOrder, {
          order,
          orderLine: line.entity,
          position: position++,
          operationCode: operation.code,
          description: operation.description,
          workCentre: operation.workCentre,
          minutes: operation.minutesText,
          status: 'PLANNED',
          rework: false,
          plannedStart: scheduled?.start ?? null,
          plannedEnd: scheduled?.end ?? null,
        });
      });
      for (const booking of promise.bookings) {
        const workOrder =
          workOrders.find(
            (candidate, candidateIndex) =>
              candidate.operationCode === booking.operationCode &&
              promise.schedule[candidateIndex]?.workCentre === booking.workCentre,
          ) ?? workOrders[0]!;
        em.create(CapacityBooking, {
          workCentre: booking.workCentre,
          day: booking.day,
          minutes: booking.minutes,
          order,
          workOrder,
        });
      }
      if (!latest || promise.shipDate > latest.shipDate) latest = promise;
    }

    const snapshot: OrderPromiseSnapshot = latest
      ? {
          shipDate: latest.shipDate,
          materialsReadyDate: latest.materialsReadyDate,
          productionStartDate: latest.productionStartDate,
          productionEndDate: latest.productionEndDate,
          qualityControlDate: latest.qualityControlDate,
          bottleneck: { ...latest.bottleneck },
        }
      : {
          shipDate: today,
          materialsReadyDate: today,
          productionStartDate: today,
          productionEndDate: today,
          qualityControlDate: today,
          bottleneck: { kind: 'work', subject: '', message: 'nothing to make', days: 0 },
        };
    order.promise = snapshot;
    order.expectedShipDate = snapshot.shipDate;
    this.event(
      em,
      order,
      actor,
      'PLACED',
      null,
      'PLACED',
      `Order placed; promised to ship by ${snapshot.shipDate} (${snapshot.bottleneck.message})`,
    );
    const shortText = requisitions
      .map((requisition) => `${requisition.partNumber} × ${requisition.quantity} due ${requisition.dueDate}`)
      .join(', ');
    this.event(
      em,
      order,
      SYSTEM,
      'MATERIALS_PLANNED',
      null,
      null,
      requisitions.length === 0
        ? `Every material reserved from stock (${reservedLines} reservations)`
        : `${reservedLines} reservations from stock; ${requisitions.length} purchase requisition${requisitions.length === 1 ? '' : 's'}: ${shortText}`,
    );
    return snapshot;
  }

  // ---------------------------------------------------------------- lifecycle

  confirmOrder(number: string, by: string | null | undefined): Promise<ActionOutcome> {
    return this.onOrder(number, by, async (em, order, actor) => {
      await this.apply(em, order, 'confirm', actor, 'Order confirmed');
    });
  }

  cancelOrder(number: string, reason: string, by: string | null | undefined): Promise<ActionOutcome> {
    const why = reason.trim();
    if (why.length === 0)
      return Promise.resolve(refuse('REASON_REQUIRED', 'reason', 'Say why the order is cancelled'));
    if (why.length > MAX_REASON_LENGTH)
      return Promise.resolve(
        refuse('REASON_TOO_LONG', 'reason', `A reason has at most ${MAX_REASON_LENGTH} characters`),
      );
    return this.onOrder(number, by, async (em, order, actor) => {
      await this.apply(em, order, 'cancel', actor, `Cancelled: ${why}`);
      const now = this.clock.now();
      const reservations = await em.find(Reservation, { order, status: 'RESERVED' });
      const parts = await stockOf(
        em,
        [...new Set(reservations.map((r) => r.partNumber))].sort(),
        forUpdate(em),
      );
      for (const reservation of reservations) {
        const part = parts.get(reservation.partNumber);
        if (part) {
          part.stockReserved = Decimal.max(
            new Decimal(String(part.stockReserved)).minus(reservation.quantity),
            0,
          ).toFixed();
        }
        reservation.status = 'RELEASED';
      }
      const open = await em.find(PurchaseRequisition, { order, status: 'OPEN' });
      for (const requisition of open) requisition.status = 'CANCELLED';
      const workOrders = await em.find(WorkOrder, { order, status: { $in: ['PLANNED', 'STARTED'] } });
      for (const workOrder of workOrders) workOrder.status = 'CANCELLED';
      await em.nativeDelete(CapacityBooking, { order });
      this.event(
        em,
        order,
        SYSTEM,
        'RELEASED',
        null,
        null,
        `Released ${reservations.length} reservation${reservations.length === 1 ? '' : 's'}, cancelled ${open.length} open requisition${open.length === 1 ? '' : 's'} and ${workOrders.length} work order${workOrders.length === 1 ? '' : 's'}`,
        now,
      );
    });
  }

  /**
   * Receives a requisition: the quantity bought comes into stock, the shortage is reserved for the order it
   * is pegged to (the rest, bought to reach the minimum order quantity, is free stock), and the order moves
   * on by itself when this was its last missing material.
   */
  async receivePurchaseRequisition(id: number, by: string | null | undefined): Promise<ActionOutcome> {
    const found = await this.em.fork().findOne(PurchaseRequisition, { id }, { populate: ['order'] });
    if (!found) return refuse('REQUISITION_NOT_FOUND', 'id', `There is no purchase requisition ${id}`);
    return this.onOrder(found.order.number, by, async (em, order, actor) => {
      const requisition = await em.findOneOrFail(PurchaseRequisition, { id }, forUpdate(em));
      if (requisition.status !== 'OPEN') {
        throw new Refused(
          refuse(
            'REQUISITION_NOT_OPEN',
            'id',
            `Purchase requisition ${id} is ${requisition.status.toLowerCase()}: only an open requisition can be received`,
          ),
        );
      }
      const now = this.clock.now();
      const part = (await stockOf(em, [requisition.partNumber], forUpdate(em))).get(requisition.partNumber);
      if (!part) throw new Error(`part ${requisition.partNumber} of requisition ${id} is not on record`);
      const onHand = new Decimal(String(part.stockOnHand)).plus(requisition.quantity);
      part.stockOnHand = onHand.toFixed();
      part.stockReserved = new Decimal(String(part.stockReserved)).plus(requisition.shortage).toFixed();
      em.create(StockMovement, {
        partNumber: part.partNumber,
        at: now,
        kind: 'RECEIPT',
        quantity: new Decimal(requisition.quantity).toFixed(),
        onHandAfter: onHand.toFixed(),
        reason: `Purchase requisition ${id} received for order ${order.number}`,
        actor,
        orderNumber: order.number,
      });
      em.create(Reservation, {
        partNumber: part.partNumber,
        order,
        orderLine: requisition.orderLine,
        quantity: requisition.shortage,
        status: 'RESERVED',
        createdAt: now,
      });
      requisition.status = 'RECEIVED';
      requisition.receivedAt = now;
      this.event(
        em,
        order,
        actor,
        'MATERIAL_RECEIVED',
        null,
        null,
        `Received ${requisition.quantity} × ${part.partNumber} (${part.description}); ${requisition.shortage} reserved for this order`,
      );
      await this.advance(em, order);
    });
  }

  /** Records the supplier's new date for a requisition: a date later than due makes the order's promise slip. */
  async updateRequisitionExpectedDate(
    id: number,
    expectedDate: string,
    by: string | null | undefined,
  ): Promise<ActionOutcome> {
    if (!isIsoDate(expectedDate)) {
      return refuse('INVALID_DATE', 'expectedDate', `'${expectedDate}' is not a date written YYYY-MM-DD`);
    }
    const found = await this.em.fork().findOne(PurchaseRequisition, { id }, { populate: ['order'] });
    if (!found) return refuse('REQUISITION_NOT_FOUND', 'id', `There is no purchase requisition ${id}`);
    return this.onOrder(found.order.number, by, async (em, order, actor) => {
      const requisition = await em.findOneOrFail(PurchaseRequisition, { id });
      if (requisition.status !== 'OPEN') {
        throw new Refused(
          refuse(
            'REQUISITION_NOT_OPEN',
            'id',
            `Purchase requisition ${id} is ${requisition.status.toLowerCase()}`,
          ),
        );
      }
      const previous = requisition.expectedDate;
      requisition.expectedDate = expectedDate;
      await this.refreshExpected(em, order);
      this.event(
        em,
        order,
        actor,
        expectedDate > requisition.dueDate ? 'PROMISE_SLIPPED' : 'SUPPLY_UPDATED',
        null,
        null,
        `${requisition.partNumber} from ${requisition.supplier ?? 'its supplier'} now expected ${expectedDate} (was ${previous}, due ${requisition.dueDate})` +
          (order.expectedShipDate && order.promise && order.expectedShipDate > order.promise.shipDate
            ? `; the order now ships by ${order.expectedShipDate}`
            : ''),
      );
    });
  }

  /** Starts a work order; the first one started takes the order's reserved materials out of stock. */
  async startWorkOrder(id: number, by: string | null | undefined): Promise<ActionOutcome> {
    const found = await this.em.fork().findOne(WorkOrder, { id }, { populate: ['order'] });
    if (!found) return refuse('WORK_ORDER_NOT_FOUND', 'id', `There is no work order ${id}`);
    return this.onOrder(found.order.number, by, async (em, order, actor) => {
      const workOrder = await em.findOneOrFail(WorkOrder, { id });
      const facts = await this.factsOf(em, order);
      // Before production, the missing materials are what stops it: say so rather than "not allowed".
      const waiting = order.status === 'CONFIRMED' || order.status === 'AWAITING_MATERIALS';
      const allowed = transition(
        order.status as OrderStatus,
        waiting ? 'materialsReady' : 'startWork',
        facts,
      );
      if (!allowed.ok) throw new Refused(refuse(allowed.code, 'id', allowed.message));
      if (waiting) {
        throw new Refused(
          refuse(
            'NOT_ALLOWED_IN_STATUS',
            'id',
            `Order ${order.number} is not in production yet: confirm it first`,
          ),
        );
      }
      if (workOrder.status !== 'PLANNED') {
        throw new Refused(
          refuse(
            'WORK_ORDER_NOT_PLANNED',
            'id',
            `Work order ${id} (${workOrder.operationCode}) is ${workOrder.status.toLowerCase()}: only a planned work order can start`,
          ),
        );
      }
      await this.issueMaterials(em, order, actor);
      workOrder.status = 'STARTED';
      workOrder.startedAt = this.clock.now();
      this.event(
        em,
        order,
        actor,
        'WORK_STARTED',
        null,
        null,
        `${workOrder.operationCode} started at ${workOrder.workCentre}: ${workOrder.description}`,
      );
    });
  }

  async completeWorkOrder(id: number, by: string | null | undefined): Promise<ActionOutcome> {
    const found = await this.em.fork().findOne(WorkOrder, { id }, { populate: ['order'] });
    if (!found) return refuse('WORK_ORDER_NOT_FOUND', 'id', `There is no work order ${id}`);
    return this.onOrder(found.order.number, by, async (em, order, actor) => {
      const workOrder = await em.findOneOrFail(WorkOrder, { id });
      if (workOrder.status !== 'STARTED') {
        throw new Refused(
          refuse(
            'WORK_ORDER_NOT_STARTED',
            'id',
            `Work order ${id} (${workOrder.operationCode}) is ${workOrder.status.toLowerCase()}: start it before completing it`,
          ),
        );
      }
      workOrder.status = 'DONE';
      workOrder.completedAt = this.clock.now();
      // Done is done: the minutes it still held on later days are free for other orders.
      await em.nativeDelete(CapacityBooking, { workOrder, day: { $gt: this.clock.today() } });
      this.event(
        em,
        order,
        actor,
        'WORK_COMPLETED',
        null,
        null,
        `${workOrder.operationCode} completed at ${workOrder.workCentre}`,
      );
      await this.advance(em, order);
    });
  }

  /**
   * Records a quality check against the order's checklist: every item answered, pass only when every
   * item passed. A pass makes the order ready to ship; a fail returns it to production with a rework
   * work order.
   */
  async recordQualityCheck(input: {
    orderNumber: string;
    passed: boolean;
    items: { code: string; passed: boolean; note?: string | null }[];
    notes?: string | null;
    reworkMinutes?: number | null;
    by?: string | null;
  }): Promise<ActionOutcome> {
    return this.onOrder(input.orderNumber, input.by, async (em, order, actor) => {
      const checklist = await this.checklistOf(em, order);
      const answered = new Map<string, { passed: boolean; note: string | null }>();
      for (const [index, item] of input.items.entries()) {
        if (!checklist.some((entry) => entry.code === item.code)) {
          throw new Refused(
            refuse(
              'UNKNOWN_CHECK_ITEM',
              `input.items[${index}].code`,
              `'${item.code}' is not on this order's checklist (${checklist.map((entry) => entry.code).join(', ')})`,
            ),
          );
        }
        if (answered.has(item.code)) {
          throw new Refused(
            refuse('DUPLICATE_CHECK_ITEM', `input.items[${index}].code`, `'${item.code}' is answered twice`),
          );
        }
        answered.set(item.code, { passed: item.passed, note: item.note?.trim() || null });
      }
      const missing = checklist.filter((entry) => !answered.has(entry.code));
      if (missing.length > 0) {
        throw new Refused(
          refuse(
            'CHECKLIST_INCOMPLETE',
            'input.items',
            `Answer every item of the checklist; missing: ${missing.map((entry) => entry.label).join('; ')}`,
          ),
        );
      }
      const failed = checklist.filter((entry) => !answered.get(entry.code)!.passed);
      if (input.passed && failed.length > 0) {
        throw new Refused(
          refuse(
            'FAILED_ITEMS',
            'input.passed',
            `A check cannot pass with failed items: ${failed.map((entry) => entry.label).join('; ')}`,
          ),
        );
      }
      const notes = input.notes?.trim() || null;
      if (!input.passed && failed.length === 0 && !notes) {
        throw new Refused(
          refuse('NOTES_REQUIRED', 'input.notes', 'Say why the check fails when every item passed'),
        );
      }
      const reworkMinutes = input.reworkMinutes ?? DEFAULT_REWORK_MINUTES;
      if (!Number.isSafeInteger(reworkMinutes) || reworkMinutes < 1 || reworkMinutes > 10_000) {
        throw new Refused(
          refuse(
            'INVALID_REWORK_MINUTES',
            'input.reworkMinutes',
            'Rework minutes are a whole number from 1 to 10000',
          ),
        );
      }
      const action: OrderAction = input.passed ? 'passQuality' : 'failQuality';
      const items: QualityCheckItemResult[] = checklist.map((entry) => ({
        code: entry.code,
        label: entry.label,
        passed: answered.get(entry.code)!.passed,
        note: answered.get(entry.code)!.note,
      }));
      // Written before the transition's guard is read; a refusal rolls the whole transaction back.
      em.create(QualityCheckRecord, {
        order,
        at: this.clock.now(),
        actor,
        passed: input.passed,
        items,
        notes,
      });
      const summary = input.passed
        ? `Quality check passed (${items.length} items)${notes ? `: ${notes}` : ''}`
        : `Quality check failed: ${[
            ...failed.map((entry) => {
              const note = answered.get(entry.code)!.note;
              return note ? `${entry.label} (${note})` : entry.label;
            }),
            notes,
          ]
            .filter(Boolean)
            .join('; ')}; back to production for rework`;
      if (!input.passed) {
        // Rework goes to the order's main work centre: the one with the most minutes of its routing.
        const planned = await em.find(WorkOrder, { order }, { orderBy: { position: 'asc' } });
        const main = planned
          .filter((workOrder) => !workOrder.rework)
          .reduce<WorkOrder | null>(
            (best, workOrder) =>
              !best || Number(workOrder.minutes) > Number(best.minutes) ? workOrder : best,
            null,
          );
        const count = planned.length;
        const last = main ?? planned[0];
        if (!last) throw new Error(`order ${order.number} has no work orders to rework`);
        em.create(WorkOrder, {
          order,
          orderLine: last.orderLine,
          position: count,
          operationCode: 'REWORK',
          description: `Rework after the quality check: ${failed.map((entry) => entry.label).join('; ') || notes}`,
          workCentre: last.workCentre,
          minutes: String(reworkMinutes),
          status: 'PLANNED',
          rework: true,
          plannedStart: this.clock.today(),
          plannedEnd: this.clock.today(),
        });
      }
      // The rework work order exists before the transition, so production does not finish by itself.
      await this.apply(em, order, action, actor, summary, 'input.orderNumber');
      if (!input.passed) await this.refreshExpected(em, order);
    });
  }

  shipOrder(
    number: string,
    carrier: string,
    trackingNumber: string,
    by: string | null | undefined,
  ): Promise<ActionOutcome> {
    const carrierName = carrier.trim();
    const tracking = trackingNumber.trim();
    if (carrierName.length === 0 || carrierName.length > 100)
      return Promise.resolve(refuse('INVALID_CARRIER', 'carrier', 'Name the carrier (1 to 100 characters)'));
    if (tracking.length === 0 || tracking.length > 100)
      return Promise.resolve(
        refuse('INVALID_TRACKING_NUMBER', 'trackingNumber', 'Give the tracking number (1 to 100 characters)'),
      );
    return this.onOrder(number, by, async (em, order, actor) => {
      await this.apply(em, order, 'ship', actor, `Shipped with ${carrierName}, tracking ${tracking}`);
      order.carrier = carrierName;
      order.trackingNumber = tracking;
      order.shippedAt = this.clock.now();
    });
  }

  deliverOrder(number: string, by: string | null | undefined): Promise<ActionOutcome> {
    return this.onOrder(number, by, async (em, order, actor) => {
      await this.apply(em, order, 'deliver', actor, 'Delivered');
      order.deliveredAt = this.clock.now();
    });
  }

  // ---------------------------------------------------------------- reading

  /** Each order's fulfilment: a bounded number of queries for any number of orders. */
  async views(orders: Order[]): Promise<Map<number, OrderFulfilmentView>> {
    const result = new Map<number, OrderFulfilmentView>();
    if (orders.length === 0) return result;
    const ids = orders.map((order) => order.id);
    const [events, workOrders, requisitions, reservations, checks, calendar] = await Promise.all([
      this.em.find(OrderEvent, { order: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
      this.em.find(WorkOrder, { order: { $in: ids } }, { orderBy: { position: 'asc' } }),
      this.em.find(PurchaseRequisition, { order: { $in: ids } }, { orderBy: { id: 'asc' } }),
      this.em.find(Reservation, { order: { $in: ids } }, { orderBy: { id: 'asc' } }),
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
        checklist: this.checklistFromLines(order),
        allowedActions: allowedActions(order.status as OrderStatus, facts).filter(
          (action) => !AUTOMATIC_ACTIONS.has(action),
        ),
        facts,
        expectedShipDate: slip?.expectedShipDate ?? order.expectedShipDate ?? order.promise?.shipDate ?? null,
        slip: slip ? { days: slip.days, cause: slip.cause } : null,
      });
    }
    return result;
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

  // ---------------------------------------------------------------- internals

  /**
   * Runs `change` on the order in one transaction, the order's row locked; a refusal rolls everything
   * back. Answers with the order as it is after.
   */
  private async onOrder(
    number: string,
    by: string | null | undefined,
    change: (em: EntityManager, order: Order, actor: string) => Promise<void>,
  ): Promise<ActionOutcome> {
    const actor = (by ?? '').trim() || DEFAULT_ACTOR;
    if (actor.length > MAX_ACTOR_LENGTH)
      return refuse('INVALID_ACTOR', 'by', `'by' has at most ${MAX_ACTOR_LENGTH} characters`);
    const normalised = normaliseOrderNumber(number);
    if (!normalised) return refuse('ORDER_NOT_FOUND', 'number', `There is no order '${number.slice(0, 40)}'`);
    try {
      // A clean unit of work: nothing read before the lock can be stale inside it.
      const id = await this.em.transactional(
        async (em) => {
          await claimWriter(em);
          const order = await em.findOne(Order, { number: normalised }, forUpdate(em));
          if (!order)
            throw new Refused(
              refuse('ORDER_NOT_FOUND', 'number', `There is no order '${number.slice(0, 40)}'`),
            );
          await change(em, order, actor);
          return order.id;
        },
        { clear: true },
      );
      this.em.clear();
      const order = await this.em.findOneOrFail(
        Order,
        { id },
        {
          populate: ORDER_POPULATE,
          strategy: LoadStrategy.SELECT_IN,
        },
      );
      return { kind: 'done', order };
    } catch (error) {
      if (error instanceof Refused) return error.refusal;
      throw error;
    }
  }

  /** Applies one action through the engine's guard, records it, then whatever follows by itself. */
  private async apply(
    em: EntityManager,
    order: Order,
    action: OrderAction,
    actor: string,
    message: string,
    field = 'number',
  ): Promise<void> {
    const facts = await this.factsOf(em, order);
    const moved = transition(order.status as OrderStatus, action, facts);
    if (!moved.ok) throw new Refused(refuse(moved.code, field, moved.message));
    this.event(em, order, actor, kindOf(action), order.status, moved.to, message);
    order.status = moved.to;
    await this.advance(em, order);
  }

  /** Moves the order on by itself while a guard is met (the last material in, the last work order done). */
  private async advance(em: EntityManager, order: Order): Promise<void> {
    for (let step = 0; step < 5; step++) {
      await em.flush();
      const facts = await this.factsOf(em, order);
      const action = nextAutomatic(order.status as OrderStatus, facts);
      if (!action) return;
      const moved = transition(order.status as OrderStatus, action, facts);
      if (!moved.ok) return;
      this.event(em, order, SYSTEM, kindOf(action), order.status, moved.to, automaticMessage(action, facts));
      order.status = moved.to;
    }
  }

  private async factsOf(em: EntityManager, order: Order): Promise<OrderFacts> {
    await em.flush();
    const [requisitions, workOrders, checks] = await Promise.all([
      em.find(PurchaseRequisition, { order }),
      em.find(WorkOrder, { order }),
      em.find(QualityCheckRecord, { order }, { orderBy: { at: 'asc', id: 'asc' } }),
    ]);
    return factsFrom(requisitions, workOrders, checks);
  }

  /** Takes the order's reserved materials out of stock (once: at the first work order started). */
  private async issueMaterials(em: EntityManager, order: Order, actor: string): Promise<void> {
    const reservations = await em.find(Reservation, { order, status: 'RESERVED' });
    if (reservations.length === 0) return;
    const parts = await stockOf(
      em,
      [...new Set(reservations.map((r) => r.partNumber))].sort(),
      forUpdate(em),
    );
    const now = this.clock.now();
    for (const reservation of reservations) {
      const part = parts.get(reservation.partNumber);
      if (!part) continue;
      const quantity = new Decimal(reservation.quantity);
      const onHand = new Decimal(String(part.stockOnHand)).minus(quantity);
      part.stockOnHand = onHand.toFixed();
      part.stockReserved = Decimal.max(new Decimal(String(part.stockReserved)).minus(quantity), 0).toFixed();
      reservation.status = 'ISSUED';
      em.create(StockMovement, {
        partNumber: part.partNumber,
        at: now,
        kind: 'ISSUE',
        quantity: quantity.negated().toFixed(),
        onHandAfter: onHand.toFixed(),
        reason: `Issued to production for order ${order.number}`,
        actor,
        orderNumber: order.number,
      });
    }
    this.event(
      em,
      order,
      actor,
      'MATERIALS_ISSUED',
      null,
      null,
      `${reservations.length} reserved materials issued to production`,
    );
  }

  /** The expected ship date after a supplier's new date or a rework. */
  private async refreshExpected(em: EntityManager, order: Order): Promise<void> {
    const calendar = await loadCalendar(em);
    const requisitions = await em.find(PurchaseRequisition, { order, status: 'OPEN' });
    const slip = slipOf(order, requisitions, calendar, this.clock.today());
    order.expectedShipDate = slip?.expectedShipDate ?? order.promise?.shipDate ?? null;
    order.slipCause = slip?.cause ?? null;
  }

  private async checklistOf(em: EntityManager, order: Order): Promise<{ code: string; label: string }[]> {
    await em.populate(order, ['lines.modelVersion']);
    return this.checklistFromLines(order);
  }

  /** The quality checklist of the order: every line's items (as its model version says), once each. */
  private checklistFromLines(order: Order): { code: string; label: string }[] {
    if (!order.lines.isInitialized()) return [];
    const items = new Map<string, { code: string; label: string }>();
    for (const line of order.lines.getItems()) {
      const { model } = this.catalog.loaded(line.modelVersion);
      for (const item of qualityChecklist(model, line.selection as Record<string, SelectionValue | null>)) {
        if (!items.has(item.code)) items.set(item.code, item);
      }
    }
    return [...items.values()];
  }

  private event(
    em: EntityManager,
    order: Order,
    actor: string,
    kind: string,
    fromStatus: string | null,
    toStatus: string | null,
    message: string,
    at: Date = this.clock.now(),
  ): void {
    em.create(OrderEvent, { order, at, actor, kind, fromStatus, toStatus, message: message.slice(0, 1000) });
  }
}

/** Every single-choice option and yes/no value one could switch to, whose build stays valid and complete, exploded. */
function switchedExplosions(
  model: ProductModel,
  values: ConfiguredProduct['values'],
  quantity: number,
): { feature: string; option: string; values: ConfiguredProduct['values']; explosion: OrderExplosion }[] {
  const switches = [];
  for (const feature of model.features) {
    const alternatives: SelectionValue[] =
      feature.kind === 'single'
        ? feature.options.map((option) => option.code)
        : feature.kind === 'boolean'
          ? [true, false]
          : [];
    for (const alternative of alternatives) {
      if (values[feature.code] === alternative) continue;
      const switched = { ...values, [feature.code]: alternative };
      // explode checks validity and completeness first, and refuses a build that is not both.
      const explosion = explode(model, switched, quantity);
      if (explosion.ok)
        switches.push({ feature: feature.code, option: String(alternative), values: switched, explosion });
    }
  }
  return switches;
}

/** Rows grouped by their order's id. */
function byOrder<T extends { order: Order }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.order.id);
    if (list) list.push(row);
    else grouped.set(row.order.id, [row]);
  }
  return grouped;
}

function factsFrom(
  requisitions: PurchaseRequisition[],
  workOrders: WorkOrder[],
  checks: QualityCheckRecord[],
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

/** When an open requisition will arrive: its expected date, or today when that date has passed. */
function arrivalOf(requisition: PurchaseRequisition, today: IsoDate): IsoDate {
  return requisition.expectedDate < today ? today : requisition.expectedDate;
}

/**
 * How far the order's ship date moves because its open requisitions arrive after they were due: the
 * latest of them decides, working day for working day.
 */
function slipOf(
  order: Order,
  requisitions: PurchaseRequisition[],
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

function kindOf(action: OrderAction): string {
  const kinds: Record<OrderAction, string> = {
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

function automaticMessage(action: OrderAction, facts: OrderFacts): string {
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
