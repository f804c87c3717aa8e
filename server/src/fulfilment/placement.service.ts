import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
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
import type { StockService } from '../parts/stock.service.js';
import { partsByNumber } from '../parts/stock.service.js';
import { stepClock, stepTimings } from '../step-timings.js';
import { CapacityBooking } from './capacity-booking.entity.js';
import type { OrderActions } from './order-actions.js';
import { SYSTEM } from './outcomes.js';
import {
  bookInto,
  estimateLine,
  type LineConfiguration,
  linePromise,
  loadCalendar,
  loadWorkCentres,
  materialSupply,
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
   * Inside the transaction that writes the order: reserves what stock has (parts locked first, in part
   * number order), requisitions the shortages (rounded up to the minimum order quantity, due after the
   * supplier's lead time), schedules the work orders behind the work already promised (work centres
   * locked), and commits the promise. Returns the promise.
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
    const today = this.clock.today();
    const step = stepClock(stepTimings(order));
    if (!reviewed && (await this.holdForReview(em, order, lines, actor, today))) return null;
    const calendar = await loadCalendar(em);
    step('review check and calendar');
    const materials = await this.planMaterials(em, order, lines, calendar, today, step);
    step('plan materials');
    const latest = await this.schedule(em, order, lines, materials.byLine, calendar, today, step);
    step('schedule');
    const snapshot = snapshotOf(latest, today);
    order.promise = snapshot;
    order.expectedShipDate = snapshot.shipDate;
    this.actions.event(em, order, {
      actor,
      kind: 'PLACED',
      toStatus: 'PLACED',
      message: `Order placed; promised to ship by ${snapshot.shipDate} (${snapshot.bottleneck.message})`,
    });
    const { requisitions, reserved } = materials;
    const shortText = requisitions
      .map((requisition) => `${requisition.partNumber} × ${requisition.quantity} due ${requisition.dueDate}`)
      .join(', ');
    this.actions.event(em, order, {
      actor: SYSTEM,
      kind: 'MATERIALS_PLANNED',
      message:
        requisitions.length === 0
          ? `Every material reserved from stock (${reserved} reservations)`
          : `${reserved} reservations from stock; ${requisitions.length} purchase requisition${requisitions.length === 1 ? '' : 's'}: ${shortText}`,
    });
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
   * Each line's materials: what stock has is reserved for it (read before reserving, so a later line
   * sees what an earlier one took), each shortage requisitioned.
   */
  private async planMaterials(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    calendar: WorkingCalendar,
    today: IsoDate,
    /** The placement's lap timer: the wait for the part locks is timed apart from planning. */
    step: (name: string) => void,
  ): Promise<{ byLine: MaterialSupply[][]; reserved: number; requisitions: PurchaseRequisition[] }> {
    const needsByLine = lines.map((line) => purchasedNeeds(line.explosion));
    const stock = await this.stock.lockParts(
      em,
      needsByLine.flat().map((need) => need.partNumber),
    );
    // Under load most of this is waiting for other orders' part locks.
    step('lock parts');
    const byLine: MaterialSupply[][] = [];
    let reserved = 0;
    const requisitions: PurchaseRequisition[] = [];
    for (const [index, line] of lines.entries()) {
      const materials: MaterialSupply[] = [];
      for (const need of needsByLine[index]!) {
        const part = stock.get(need.partNumber);
        const supply = materialSupply(need, part, line.configured.model);
        const fromStock = new Decimal(supply.fromStock);
        const shortage = new Decimal(supply.shortage);
        if (part && fromStock.greaterThan(0)) {
          const request = { partNumber: need.partNumber, orderLine: line.entity, quantity: fromStock };
          await this.stock.reserve(em, order, [request], stock);
          reserved++;
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
              createdAt: this.clock.now(),
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
    return { byLine, reserved, requisitions };
  }

  /**
   * Schedules every line's work orders behind the work already promised, the work centres locked so that
   * two orders never book the same free minutes. Returns the latest line's promise (null: nothing to make).
   */
  private async schedule(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    materialsByLine: MaterialSupply[][],
    calendar: WorkingCalendar,
    today: IsoDate,
    /** The placement's lap timer: the wait for the work centres' locks is timed apart from scheduling. */
    step: (name: string) => void,
  ): Promise<DeliveryPromise | null> {
    const models = lines.map((line) => line.configured.model);
    const loads = await loadWorkCentres(em, models, today, { lock: true });
    step('lock work centres');
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
      position = bookLine(em, order, line, result.promise, loads, position);
      if (!latest || result.promise.shipDate > latest.shipDate) latest = result.promise;
    }
    return latest;
  }
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
