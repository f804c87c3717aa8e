import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import { onPostgres } from '../db/locking.js';
import { stepClock, stepTimings } from '../db/step-timings.js';
import {
  addWorkingDays,
  capacityReview,
  Decimal,
  type DeliveryPromise,
  explode,
  type IsoDate,
  type MaterialSupply,
  type OrderExplosion,
  type ProductModel,
  type SelectionValue,
  type WorkCentreLoad,
  type WorkingCalendar,
  workingDaysBetween,
} from '../engine/index.js';
import type { Order, OrderLine, OrderPromiseSnapshot } from '../orders/order.entity.js';
import type { Part } from '../parts/part.entity.js';
import { Reservation } from '../parts/reservation.entity.js';
import type { StockService } from '../parts/stock.service.js';
import { available, partsByNumber } from '../parts/stock.service.js';
import { CapacityBooking } from './capacity-booking.entity.js';
import type { OrderActions } from './order-actions.js';
import { SYSTEM } from './outcomes.js';
import {
  bookDays,
  bookInto,
  estimateLine,
  type LineConfiguration,
  linePromise,
  loadCalendar,
  loadWorkCentres,
  materialSupply,
  type PartNeed,
  purchasedNeeds,
} from './planning.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';
import { WorkOrder } from './work-order.entity.js';

/**
 * One line as placement works on it: its row, its model version and values in force, and its BOM and
 * routing (an order being placed gives them as configured; an order accepted after review, rebuilt from
 * the line's snapshot).
 */
export interface CommitLine {
  entity: OrderLine;
  configured: LineConfiguration;
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

/**
 * Placement: the live promise while configuring, and at placement, stock reserved and shortages
 * requisitioned, work orders scheduled at finite capacity and the promise committed, in the order's own
 * transaction with the parts and work centres locked (so that concurrent orders and several processes
 * never reserve the same stock or capacity twice).
 */
export class PlacementService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    readonly clock: Clock,
    readonly stock: StockService,
    readonly actions: OrderActions,
  ) {}

  /** The promise for a valid, complete configuration from stock and capacity now; null otherwise. Reserves nothing. */
  async estimate(configured: ConfiguredProduct): Promise<Estimate | null> {
    if (!configured.check.valid || !configured.check.complete) return null;
    const explosion = explode(configured.model, configured.values, configured.quantity);
    if (!explosion.ok) return null;
    const today = this.clock.today();
    const [calendar, stock, loads] = await Promise.all([
      loadCalendar(this.em),
      partsByNumber(
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
      partsByNumber(this.em, [...model.parts.keys()]),
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

  /**
   * Inside the transaction that writes the order: reserves what stock has, requisitions the shortages
   * (rounded up to the minimum order quantity, due after the supplier's lead time), schedules the work
   * orders behind the work already promised, and commits the promise. Returns the promise.
   *
   * The plan is made from stock and capacity read without locks, every row of it is written, and only then
   * are stock and capacity taken, each with one guarded statement (PostgreSQL: the parts in part number
   * order, `available >= taken`; the work centres' days in (centre, day) order, `booked <= minutes per
   * day`), so the rows every order needs are locked only from those two statements to the commit. When a
   * guard finds that another order took the stock or the minutes first, PlanOutdated rolls the transaction
   * back and the caller plans again (placeOrder, acceptOrderReview). On SQLite the transaction is the only
   * writer from its start (claimWriter): what it reads is what it writes over.
   *
   * An order whose work would book more than a set share of a work centre's next working days
   * (`capacityReview`) is instead put AWAITING_REVIEW, with nothing reserved, requisitioned or booked and no
   * promise (returns null), unless `reviewed` (a person accepted it).
   */
  async commitOrder(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    actor: string,
    { reviewed = false }: { reviewed?: boolean } = {},
  ): Promise<OrderPromiseSnapshot | null> {
    const step = stepClock(stepTimings(order));
    const today = this.clock.today();
    if (!reviewed && (await this.holdForReview(em, order, lines, actor, today))) return null;
    const needsByLine = lines.map((line) => purchasedNeeds(line.explosion));
    const calendar = await loadCalendar(em);
    const stock = await partsByNumber(em, [...new Set(needsByLine.flat().map((need) => need.partNumber))], {
      refresh: true,
    });
    const loads = await loadWorkCentres(
      em,
      lines.map((line) => line.configured.model),
      today,
    );
    step('read');
    const materials = this.planMaterials(em, order, lines, needsByLine, stock, calendar, today);
    const latest = this.schedule(em, order, lines, materials.byLine, loads, calendar, today);
    const snapshot = snapshotOf(latest.promise, today);
    order.promise = snapshot;
    order.expectedShipDate = snapshot.shipDate;
    this.actions.event(em, order, {
      actor,
      kind: 'PLACED',
      toStatus: 'PLACED',
      message: `Order placed; promised to ship by ${snapshot.shipDate} (${snapshot.bottleneck.message})`,
    });
    const { requisitions, taken } = materials;
    const shortText = requisitions
      .map((requisition) => `${requisition.partNumber} × ${requisition.quantity} due ${requisition.dueDate}`)
      .join(', ');
    this.actions.event(em, order, {
      actor: SYSTEM,
      kind: 'MATERIALS_PLANNED',
      message:
        requisitions.length === 0
          ? `Every material reserved from stock (${taken.length} reservations)`
          : `${taken.length} reservations from stock; ${requisitions.length} purchase requisition${requisitions.length === 1 ? '' : 's'}: ${shortText}`,
    });
    step('plan');
    if (onPostgres(em)) {
      // Every row of the plan first, then the two guarded statements: the shared rows stay locked only
      // from them to the commit.
      await em.flush();
      step('write');
      await this.stock.reserveGuarded(em, taken);
      step('reserve');
      await bookDays(em, latest.bookings, loads);
      step('book');
    } else {
      await this.stock.changeStock(
        em,
        taken.map((take) => ({ partNumber: take.partNumber, reserved: take.quantity })),
        { locked: stock },
      );
      await bookDays(em, latest.bookings, loads);
      await em.flush();
      step('write');
    }
    return snapshot;
  }

  /**
   * Puts the order AWAITING_REVIEW when its work would book too much of a work centre, with an event
   * saying which; true when it did. Nothing is locked: nothing is booked.
   */
  private async holdForReview(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    actor: string,
    today: IsoDate,
  ): Promise<boolean> {
    // The share is of each centre's capacity, whatever is booked: the bookings are not read here.
    const centres = await loadWorkCentres(
      em,
      lines.map((line) => line.configured.model),
      today,
      { bookings: false },
    );
    const review = capacityReview(
      lines.flatMap((line) =>
        line.explosion.operations.map((operation) => ({
          workCentre: operation.workCentre,
          minutes: operation.minutesText,
        })),
      ),
      centres,
    );
    if (!review.needsReview) return false;
    order.status = 'AWAITING_REVIEW';
    order.promise = null;
    order.expectedShipDate = null;
    this.actions.event(em, order, {
      actor,
      kind: 'AWAITING_REVIEW',
      toStatus: 'AWAITING_REVIEW',
      message: `The order ${review.message}; nothing is reserved or booked and nothing promised until it is accepted`,
    });
    return true;
  }

  /**
   * Each line's materials from stock as read: what is available is taken for it (a later line sees what an
   * earlier one took), each shortage requisitioned. Writes the reservations and requisitions (with the
   * next flush); what is taken from stock is returned, to be reserved by the caller.
   */
  private planMaterials(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    needsByLine: PartNeed[][],
    stock: Map<string, Part>,
    calendar: WorkingCalendar,
    today: IsoDate,
  ): { byLine: MaterialSupply[][]; taken: StockTake[]; requisitions: PurchaseRequisition[] } {
    const availableNow = new Map<string, Decimal>();
    const byLine: MaterialSupply[][] = [];
    const taken: StockTake[] = [];
    const requisitions: PurchaseRequisition[] = [];
    const now = this.clock.now();
    for (const [index, line] of lines.entries()) {
      const materials: MaterialSupply[] = [];
      for (const need of needsByLine[index]!) {
        const part = stock.get(need.partNumber);
        const left = availableNow.get(need.partNumber) ?? available(part);
        const supply = materialSupply(need, part, line.configured.model, left);
        const fromStock = new Decimal(supply.fromStock);
        const shortage = new Decimal(supply.shortage);
        if (part && fromStock.greaterThan(0)) {
          availableNow.set(need.partNumber, left.minus(fromStock));
          taken.push({ partNumber: need.partNumber, quantity: fromStock });
          em.create(Reservation, {
            partNumber: need.partNumber,
            order,
            orderLine: line.entity,
            quantity: fromStock.toFixed(),
            status: 'RESERVED',
            createdAt: now,
          });
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
      byLine.push(materials);
    }
    return { byLine, taken, requisitions };
  }

  /**
   * Schedules every line's work orders behind the work already promised (the loads as read, each line
   * behind the ones before it), writing the work orders and their bookings with the next flush. Returns
   * the latest line's promise (null: nothing to make) and every booking, to be taken by the caller.
   */
  private schedule(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    materialsByLine: MaterialSupply[][],
    loads: Map<string, WorkCentreLoad>,
    calendar: WorkingCalendar,
    today: IsoDate,
  ): { promise: DeliveryPromise | null; bookings: DeliveryPromise['bookings'] } {
    let latest: DeliveryPromise | null = null;
    const bookings: DeliveryPromise['bookings'] = [];
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
      position = bookLine(em, order, line, result.promise, loads, position);
      bookings.push(...result.promise.bookings);
      if (!latest || result.promise.shipDate > latest.shipDate) latest = result.promise;
    }
    return { promise: latest, bookings };
  }
}

/** Stock an order takes of a part: reserved with the guarded update. */
export interface StockTake {
  partNumber: string;
  quantity: Decimal;
}

/**
 * Writes one line's work orders (one per routing operation, from `position` on) and the capacity its
 * promise books; the next line is scheduled behind them. Returns the next position.
 */
function bookLine(
  em: EntityManager,
  order: Order,
  line: CommitLine,
  promise: DeliveryPromise,
  loads: Map<string, WorkCentreLoad>,
  position: number,
): number {
  bookInto(loads, promise);
  const workOrders = line.explosion.operations.map((operation, operationIndex) => {
    const scheduled = promise.schedule[operationIndex];
    return em.create(WorkOrder, {
      order,
      orderLine: line.entity,
      position: position + operationIndex,
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
  return position + workOrders.length;
}

/** The promise as committed: the latest line's, or today when there is nothing to make. */
function snapshotOf(latest: DeliveryPromise | null, today: IsoDate): OrderPromiseSnapshot {
  return latest
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
