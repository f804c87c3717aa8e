import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/postgresql';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import { isPostgres } from '../db/rows.js';
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
import { ContendedError } from '../errors.js';
import type { Order, OrderLine, OrderPromiseSnapshot } from '../orders/order.entity.js';
import type { StockService } from '../parts/stock.service.js';
import {
  available,
  type PartStock,
  partsByNumber,
  type ReservationRequest,
  takenPerPart,
} from '../parts/stock.service.js';
import { stepClock, stepTimings, workCounts } from '../step-timings.js';
import { CapacityBooking } from './capacity-booking.entity.js';
import { bookDays, perDay } from './capacity-days.js';
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
  type PartNeed,
  purchasedNeeds,
} from './planning.js';
import { PurchaseRequisition } from './purchase-requisition.entity.js';

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
   * orders behind the work already promised, writes each kind of row with one multi-row insert, and commits
   * the promise. Returns the promise.
   *
   * What other orders share is taken last, each with a guard (`writePlan`): the parts locked in part
   * number order and still holding what the plan takes, the work-centre days booked only within their
   * capacity. So a plan may be made from stock and capacity read without locks, and then orders wait for
   * each other only on the parts and days they share, from those writes until they commit. When that
   * plan leaves little room on a part or a day it takes (other orders placed at the same moment would
   * likely take it too: `crowded`), it is made again from reads locked first (the parts, then the work
   * centres), one placement after the other, as when another order did take what it planned with (then
   * rolled back to a savepoint first).
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
    const models = lines.map((line) => line.configured.model);
    const needsByLine = lines.map((line) => purchasedNeeds(line.explosion));
    const partNumbers = needsByLine.flat().map((need) => need.partNumber);
    const postgres = isPostgres(em);
    const calendar = await loadCalendar(em);
    // Locked, the work centres first: the placements planning locked queue there, on a few rows, and take
    // the parts (in part number order) and the days after them, as the unlocked ones take parts, then days.
    const read = async (lock: boolean) => {
      const loads = await loadWorkCentres(em, models, today, { lock });
      return { loads, stock: await this.stock.stockOf(em, partNumbers, { lock }) };
    };
    const planFrom = ({ stock, loads }: Awaited<ReturnType<typeof read>>) => {
      const materials = this.planMaterials(lines, needsByLine, stock, calendar, today);
      return { materials, ...this.schedule(lines, materials.byLine, loads, calendar, today) };
    };
    let plan: { latest: DeliveryPromise | null; materials: PlannedMaterials } | null = null;
    let savepoint = false;
    for (let attempt = 1; plan === null; attempt++) {
      // Locked when a plan made just before was crowded (this one likely is too: no need to find out).
      let locked = attempt > 1 || !postgres || performance.now() < lockPlansUntil;
      let state = await read(locked);
      step('read stock and capacity');
      if (attempt === 1 && !reviewed && this.holdForReview(em, order, lines, actor, state.loads)) return null;
      let planned = planFrom(state);
      if (!locked && crowded(planned, state)) {
        // Other orders being placed at the same moment would likely take what this plan needs: plan
        // again from locked reads (after the placements ahead), rather than fail the guarded writes.
        lockPlansUntil = performance.now() + LOCKED_PLANS_MS;
        locked = true;
        state = await read(true);
        step('read stock and capacity, locked');
        planned = planFrom(state);
      }
      if (!locked && !savepoint) {
        await run(em, `savepoint ${PLAN_SAVEPOINT}`);
        savepoint = true;
      }
      step('plan and schedule');
      const { materials, latest, workOrders, bookings } = planned;
      const written = await this.writePlan(em, order, materials, workOrders, bookings, state, locked);
      step('write plan');
      if (written) {
        plan = { latest, materials };
        Object.assign(workCounts(order), { plans: attempt, lockedPlan: locked ? 1 : 0 });
      } else {
        // Locked, only a day nobody had booked can have been filled meanwhile; SQLite runs one writer at a
        // time. Either way the transaction is given up whole: OrderService.write tries it again.
        if (!savepoint || locked || attempt >= PLAN_ATTEMPTS)
          throw new ContendedError(
            `The stock or capacity this order was planned with was taken by other orders being placed at the same moment (${attempt} plan${attempt === 1 ? '' : 's'} made); nothing was written: send the order again`,
          );
        await run(em, `rollback to savepoint ${PLAN_SAVEPOINT}`);
      }
    }
    const snapshot = snapshotOf(plan.latest, today);
    order.promise = snapshot;
    order.expectedShipDate = snapshot.shipDate;
    this.actions.event(em, order, {
      actor,
      kind: 'PLACED',
      toStatus: 'PLACED',
      message: `Order placed; promised to ship by ${snapshot.shipDate} (${snapshot.bottleneck.message})`,
    });
    const { requisitions, reservations } = plan.materials;
    const shortText = requisitions
      .map((requisition) => `${requisition.partNumber} × ${requisition.quantity} due ${requisition.dueDate}`)
      .join(', ');
    this.actions.event(em, order, {
      actor: SYSTEM,
      kind: 'MATERIALS_PLANNED',
      message:
        requisitions.length === 0
          ? `Every material reserved from stock (${reservations.length} reservations)`
          : `${reservations.length} reservations from stock; ${requisitions.length} purchase requisition${requisitions.length === 1 ? '' : 's'}: ${shortText}`,
    });
    return snapshot;
  }

  /**
   * Puts the order AWAITING_REVIEW when its work would book too much of a work centre, with an event
   * saying which; true when it did. The share is of each centre's capacity, whatever is booked; nothing is
   * booked for a held order (the work centres' locks end with its transaction).
   */
  private holdForReview(
    em: EntityManager,
    order: Order,
    lines: CommitLine[],
    actor: string,
    centres: Map<string, WorkCentreLoad>,
  ): boolean {
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
   * Each line's materials from the stock read: what stock has is taken for it (a later line sees what an
   * earlier one took), each shortage requisitioned. Nothing is written yet (`writePlan`).
   */
  private planMaterials(
    lines: CommitLine[],
    needsByLine: PartNeed[][],
    stock: Map<string, PartStock>,
    calendar: WorkingCalendar,
    today: IsoDate,
  ): PlannedMaterials {
    const taken = new Map<string, Decimal>();
    const byLine: MaterialSupply[][] = [];
    const reservations: ReservationRequest[] = [];
    const requisitions: PlannedRequisition[] = [];
    const now = this.clock.now();
    for (const [index, line] of lines.entries()) {
      const materials: MaterialSupply[] = [];
      for (const need of needsByLine[index]!) {
        const part = stock.get(need.partNumber);
        const already = taken.get(need.partNumber);
        const supply = materialSupply(
          need,
          part && already ? withReserved(part, already) : part,
          line.configured.model,
        );
        const fromStock = new Decimal(supply.fromStock);
        const shortage = new Decimal(supply.shortage);
        if (part && fromStock.greaterThan(0)) {
          reservations.push({ partNumber: need.partNumber, orderLine: line.entity, quantity: fromStock });
          taken.set(need.partNumber, (already ?? new Decimal(0)).plus(fromStock));
        }
        if (shortage.greaterThan(0)) {
          const minimum = new Decimal(String(part?.minimumOrderQuantity ?? '0'));
          const dueDate = addWorkingDays(calendar, today, supply.leadTimeDays);
          requisitions.push({
            partNumber: need.partNumber,
            supplier: part?.supplier ?? null,
            orderLine: line.entity,
            shortage: shortage.toFixed(),
            quantity: Decimal.max(shortage, minimum).toFixed(),
            status: 'OPEN',
            createdAt: now,
            dueDate,
            expectedDate: dueDate,
          });
        }
        // Just requisitioned, a shortage arrives after the supplier's lead time (its due date): said as such.
        materials.push(supply);
      }
      byLine.push(materials);
    }
    return { byLine, reservations, requisitions };
  }

  /**
   * Writes the plan, each kind of row with one multi-row insert (no entity is built for them: ~80 rows an
   * order, which the unit of work would otherwise track and diff). First the rows that are this order's
   * alone (requisitions, work orders, their capacity bookings, reservations); last what other orders share,
   * guarded: the parts' reserved quantities (`holdStock`), then the work-centre days (`bookDays`), so that
   * other orders wait on them as briefly as can be, always in the same order. False when a guard found the
   * stock or the capacity taken meanwhile (the caller rolls back and plans again).
   */
  private async writePlan(
    em: EntityManager,
    order: Order,
    materials: PlannedMaterials,
    workOrders: PlannedWorkOrder[],
    bookings: PlannedBooking[],
    { stock, loads }: { stock: Map<string, PartStock>; loads: Map<string, WorkCentreLoad> },
    locked: boolean,
  ): Promise<boolean> {
    const requisitions = async () => {
      if (materials.requisitions.length === 0) return;
      await em.insertMany(
        PurchaseRequisition,
        materials.requisitions.map(({ orderLine, ...requisition }) => ({
          ...requisition,
          order: order.id,
          orderLine: orderLine.id,
        })) as unknown as PurchaseRequisition[],
      );
    };
    const workOrdersAndBookings = async () => {
      if (workOrders.length === 0) return;
      // Each work order's id, for its bookings: the query builder's insert answers with the rows it wrote.
      const insert = (em.getConnection() as AbstractSqlConnection)
        .getKnex()
        .insert(
          workOrders.map((workOrder) => ({
            order_id: order.id,
            order_line_id: workOrder.orderLine.id,
            position: workOrder.position,
            operation_code: workOrder.operationCode,
            description: workOrder.description,
            work_centre: workOrder.workCentre,
            minutes: workOrder.minutes,
            status: workOrder.status,
            rework: workOrder.rework,
            planned_start: workOrder.plannedStart,
            planned_end: workOrder.plannedEnd,
          })),
        )
        .into('work_order')
        .returning(['id', 'position']);
      const transaction = em.getTransactionContext();
      const written = (await (transaction ? insert.transacting(transaction) : insert)) as {
        id: number;
        position: number;
      }[];
      const ids = new Map(written.map((row) => [Number(row.position), Number(row.id)]));
      if (bookings.length > 0)
        await em.insertMany(
          CapacityBooking,
          bookings.map(({ workOrderIndex, ...booking }) => ({
            ...booking,
            order: order.id,
            workOrder: ids.get(workOrders[workOrderIndex]!.position)!,
          })) as unknown as CapacityBooking[],
        );
    };
    // Sent together: the transaction's connection takes them one after the other as they come, with no
    // wait for this process's other requests between them (a placement holding locks should not queue
    // behind other work). Unlocked, the parts are locked before the days are booked (every placement
    // takes them in that order); a locked plan holds the parts already.
    const guards = locked
      ? Promise.all([
          this.stock.holdStock(em, materials.reservations, stock),
          bookDays(em, bookings, loads),
        ]).then((held) => held.every(Boolean))
      : this.stock
          .holdStock(em, materials.reservations)
          .then((held) => held && bookDays(em, bookings, loads));
    const outcomes = await Promise.allSettled([
      guards,
      requisitions(),
      workOrdersAndBookings(),
      this.stock.recordReservations(em, order, materials.reservations),
    ]);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes[0].status === 'fulfilled' && outcomes[0].value === true;
  }

  /**
   * Schedules every line's work orders behind the work already promised (`loads`, the work centres
   * locked). Returns the latest line's promise (null: nothing to make) and the work orders and bookings to write.
   */
  private schedule(
    lines: CommitLine[],
    materialsByLine: MaterialSupply[][],
    loads: Map<string, WorkCentreLoad>,
    calendar: WorkingCalendar,
    today: IsoDate,
  ): { latest: DeliveryPromise | null; workOrders: PlannedWorkOrder[]; bookings: PlannedBooking[] } {
    let latest: DeliveryPromise | null = null;
    const workOrders: PlannedWorkOrder[] = [];
    const bookings: PlannedBooking[] = [];
    for (const [index, line] of lines.entries()) {
      const { configured, explosion } = line;
      const result = linePromise(configured, explosion, materialsByLine[index]!, loads, calendar, today);
      if (!result.ok) {
        // A valid configuration of a published model that cannot be scheduled is a fault in the model.
        throw new Error(
          `${configured.model.code} cannot be scheduled: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      }
      bookLine(line, result.promise, loads, workOrders, bookings);
      if (!latest || result.promise.shipDate > latest.shipDate) latest = result.promise;
    }
    return { latest, workOrders, bookings };
  }
}

/**
 * Orders being placed at the same moment (as many as a server's clients) may each take as much as this
 * one: a plan is crowded when a part it reserves or a day it books would be left with less than that.
 */
const ROOM_FOR_ORDERS = 8;

/** True when the plan takes a share of some part's stock or day's capacity that other orders may take meanwhile. */
function crowded(
  planned: { materials: PlannedMaterials; bookings: PlannedBooking[] },
  { stock, loads }: { stock: Map<string, PartStock>; loads: Map<string, WorkCentreLoad> },
): boolean {
  for (const [partNumber, quantity] of takenPerPart(planned.materials.reservations)) {
    const left = available(stock.get(partNumber)).minus(quantity);
    if (left.lessThan(quantity.times(ROOM_FOR_ORDERS))) return true;
  }
  for (const { workCentre, day, minutes } of perDay(planned.bookings)) {
    const load = loads.get(workCentre);
    // The loads already hold this plan's own bookings (schedule books each line into them).
    const left = (load?.minutesPerDay ?? 0) - (load?.booked.get(day) ?? 0);
    if (left < minutes * ROOM_FOR_ORDERS) return true;
  }
  return false;
}

/** The part as it would be with `more` reserved: what a later line of the same order sees. */
function withReserved(part: PartStock, more: Decimal): PartStock {
  return { ...part, stockReserved: new Decimal(part.stockReserved).plus(more).toFixed() };
}

/** A purchase requisition as planned, before it is written. */
type PlannedRequisition = Omit<
  PurchaseRequisition,
  'id' | 'order' | 'orderLine' | 'receivedAt' | 'supplier'
> & { orderLine: OrderLine; supplier: string | null };

/** A work order as planned, before it is written. */
interface PlannedWorkOrder {
  orderLine: OrderLine;
  position: number;
  operationCode: string;
  description: string;
  workCentre: string;
  minutes: string;
  status: 'PLANNED';
  rework: boolean;
  plannedStart: IsoDate | null;
  plannedEnd: IsoDate | null;
}

/** Minutes of a work-centre day booked for the planned work order at `workOrderIndex`. */
interface PlannedBooking {
  workCentre: string;
  day: IsoDate;
  minutes: number;
  workOrderIndex: number;
}

interface PlannedMaterials {
  byLine: MaterialSupply[][];
  reservations: ReservationRequest[];
  requisitions: PlannedRequisition[];
}

/** How long after a crowded plan the next plans are made from locked reads straight away. */
const LOCKED_PLANS_MS = 2000;
/**
 * Until when (performance.now()) this process makes plans from locked reads straight away: a plan made just
 * before was crowded. Per process, not per request (the services are made per request); a hint only: a
 * plan made unlocked is guarded all the same.
 */
let lockPlansUntil = 0;

/** Plans made at most for one order when other orders keep taking what it planned with (see commitOrder). */
const PLAN_ATTEMPTS = 8;
const PLAN_SAVEPOINT = 'placement_plan';

/** One statement of transaction control, in the entity manager's transaction. */
async function run(em: EntityManager, sql: string): Promise<void> {
  await em.getConnection().execute(sql, [], 'run', em.getTransactionContext());
}

/**
 * Plans one line's work orders (one per routing operation, numbered on from those already planned) and
 * the capacity its promise books; the line's bookings are added to the loads, so that the next line is
 * scheduled behind them.
 */
function bookLine(
  line: CommitLine,
  promise: DeliveryPromise,
  loads: Map<string, WorkCentreLoad>,
  workOrders: PlannedWorkOrder[],
  bookings: PlannedBooking[],
): void {
  bookInto(loads, promise);
  const first = workOrders.length;
  for (const [operationIndex, operation] of line.explosion.operations.entries()) {
    const scheduled = promise.schedule[operationIndex];
    workOrders.push({
      orderLine: line.entity,
      position: first + operationIndex,
      operationCode: operation.code,
      description: operation.description,
      workCentre: operation.workCentre,
      minutes: operation.minutesText,
      status: 'PLANNED',
      rework: false,
      plannedStart: scheduled?.start ?? null,
      plannedEnd: scheduled?.end ?? null,
    });
  }
  for (const booking of promise.bookings) {
    const index = line.explosion.operations.findIndex(
      (operation, operationIndex) =>
        operation.code === booking.operationCode &&
        promise.schedule[operationIndex]?.workCentre === booking.workCentre,
    );
    bookings.push({
      workCentre: booking.workCentre,
      day: booking.day,
      minutes: booking.minutes,
      workOrderIndex: first + Math.max(index, 0),
    });
  }
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
