import type { EntityManager } from '@mikro-orm/core';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import { PlanOutdated } from '../db/locking.js';
import {
  Decimal,
  type DeliveryPromise,
  type IsoDate,
  type MaterialSupply,
  type OptionLeadTime,
  type OrderExplosion,
  type ProductModel,
  type PromiseResult,
  promiseDelivery,
  type WorkCentreLoad,
  type WorkingCalendar,
} from '../engine/index.js';
import type { Part } from '../parts/part.entity.js';
import { available } from '../parts/stock.service.js';
import { CapacityBooking } from './capacity-booking.entity.js';
import { Holiday } from './holiday.entity.js';
import { WorkCentre } from './work-centre.entity.js';

/** What planning reads of a configured line: its model version and the values in force. */
export type LineConfiguration = Pick<ConfiguredProduct, 'model' | 'values'>;

/** Saturday and Sunday: the plant's weekend. */
export const WEEKEND: readonly number[] = [0, 6];

/** The plant's working calendar: weekends and the holidays on record. */
export async function loadCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const holidays = await em.find(Holiday, {}, { fields: ['day'] });
  return { weekend: WEEKEND, holidays: new Set(holidays.map((holiday) => holiday.day)) };
}

/** One purchased part an order line needs, for all its units. */
export interface PartNeed {
  partNumber: string;
  description: string;
  quantity: Decimal;
}

/**
 * The purchased parts of an exploded line, merged per part. A sub-assembly is made in house from the lines
 * beneath it, so only those are bought; made parts are not stocked.
 */
export function purchasedNeeds(explosion: OrderExplosion): PartNeed[] {
  const byPart = new Map<string, PartNeed>();
  for (const line of explosion.bom) {
    if (line.kind !== 'purchased' || line.subAssembly) continue;
    const need = byPart.get(line.partNumber);
    if (need) need.quantity = need.quantity.plus(line.quantity);
    else
      byPart.set(line.partNumber, {
        partNumber: line.partNumber,
        description: line.description,
        quantity: line.quantity,
      });
  }
  return [...byPart.values()];
}

/** The chosen options that add lead time of their own (a custom colour, a special motor). */
export function optionLeadTimes(model: ProductModel, values: ConfiguredProduct['values']): OptionLeadTime[] {
  const found: OptionLeadTime[] = [];
  for (const feature of model.features) {
    const value = values[feature.code];
    const codes = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    for (const code of codes) {
      const option = feature.optionByCode.get(code);
      if (option && option.leadTimeDays > 0) {
        found.push({
          feature: feature.code,
          option: code,
          label: `${feature.label}: ${option.label}`,
          days: option.leadTimeDays,
        });
      }
    }
  }
  return found;
}

/**
 * The work centres a model's routing uses, with what is already promised on them from `today` on (their
 * work-centre-day rows). A work centre not on record yet (a model published before it was) has the model's
 * capacity. Nothing is locked: placement books with a guarded update (`bookDays`), which refuses a day
 * another order filled meanwhile. `bookings: false`: only their capacity is wanted (nothing read of what is booked).
 */
export async function loadWorkCentres(
  em: EntityManager,
  models: ProductModel[],
  today: IsoDate,
  { bookings = true }: { bookings?: boolean } = {},
): Promise<Map<string, WorkCentreLoad>> {
  const declared = new Map<string, { code: string; name: string; minutesPerDay: number }>();
  for (const model of models) {
    for (const centre of model.fulfilment.workCentres)
      if (!declared.has(centre.code)) declared.set(centre.code, centre);
    for (const operation of model.routing) {
      if (!declared.has(operation.workCentre)) {
        declared.set(operation.workCentre, {
          code: operation.workCentre,
          name: operation.workCentre,
          minutesPerDay: 480,
        });
      }
    }
  }
  const codes = [...declared.keys()].sort();
  const loads = new Map<string, WorkCentreLoad>();
  if (codes.length === 0) return loads;
  const recorded = await em.find(WorkCentre, { code: { $in: codes } }, { refresh: true });
  const recordedByCode = new Map(recorded.map((centre) => [centre.code, centre]));
  const booked = new Map<string, Map<IsoDate, number>>(codes.map((code) => [code, new Map()]));
  const rows = !bookings
    ? []
    : ((await em
        .getConnection()
        .execute(
          `select work_centre as "workCentre", day as "day", booked_minutes as "minutes" from work_centre_day where work_centre in (${codes.map(() => '?').join(', ')}) and day >= ? and booked_minutes > 0`,
          [...codes, today],
          'all',
          em.getTransactionContext(),
        )) as { workCentre: string; day: string; minutes: number | string }[]);
  for (const row of rows) booked.get(row.workCentre)?.set(row.day, Number(row.minutes));
  for (const [code, centre] of declared) {
    const record = recordedByCode.get(code);
    loads.set(code, {
      code,
      name: record?.name ?? centre.name,
      minutesPerDay: record?.minutesPerDay ?? centre.minutesPerDay,
      booked: booked.get(code)!,
    });
  }
  return loads;
}

/**
 * Books an order's minutes on its work centres' days, each day with a guarded update: a day's booked
 * minutes grow only while they stay within the centre's minutes per day (as recorded now; the planned
 * capacity for a centre not on record). The days are written in (work centre, day) order, so two orders
 * wait for each other's rows in one order and never deadlock. Throws PlanOutdated when a day is fuller
 * than the plan read it (another order booked it meanwhile): nothing of the order is then kept.
 */
export async function bookDays(
  em: EntityManager,
  bookings: { workCentre: string; day: IsoDate; minutes: number }[],
  loads: Map<string, WorkCentreLoad>,
): Promise<void> {
  const byDay = new Map<string, { workCentre: string; day: IsoDate; minutes: number }>();
  for (const booking of bookings) {
    if (booking.minutes <= 0) continue;
    const key = `${booking.workCentre}\u0000${booking.day}`;
    const entry = byDay.get(key);
    if (entry) entry.minutes += booking.minutes;
    else byDay.set(key, { ...booking });
  }
  const days = [...byDay.values()].sort((a, b) =>
    a.workCentre === b.workCentre ? (a.day < b.day ? -1 : 1) : a.workCentre < b.workCentre ? -1 : 1,
  );
  if (days.length === 0) return;
  const centres = [...new Set(days.map((day) => day.workCentre))];
  const planned = centres.flatMap((code) => [code, loads.get(code)?.minutesPerDay ?? 0]);
  const written = (await em.getConnection().execute(
    `insert into work_centre_day (work_centre, day, booked_minutes) values ${days.map(() => '(?, ?, ?)').join(', ')}
     on conflict (work_centre, day) do update set booked_minutes = work_centre_day.booked_minutes + excluded.booked_minutes
     where work_centre_day.booked_minutes + excluded.booked_minutes <= coalesce(
       (select minutes_per_day from work_centre where work_centre.code = excluded.work_centre),
       case excluded.work_centre ${centres.map(() => 'when ? then ?').join(' ')} end)
     returning work_centre`,
    [...days.flatMap((day) => [day.workCentre, day.day, day.minutes]), ...planned],
    'all',
    em.getTransactionContext(),
  )) as unknown[];
  if (written.length < days.length) throw new PlanOutdated('a work centre day');
}

/**
 * Gives back the minutes of the bookings matching `where` (an order's, or a work order's after a day) on
 * their work-centre days, in (work centre, day) order, and deletes the bookings.
 */
export async function releaseBookings(
  em: EntityManager,
  where: { order: object } | { workOrder: object; day: { $gt: IsoDate } },
): Promise<void> {
  const bookings = await em.find(CapacityBooking, where as never, {
    fields: ['workCentre', 'day', 'minutes'],
  });
  if (bookings.length === 0) return;
  const byDay = new Map<string, { workCentre: string; day: string; minutes: number }>();
  for (const booking of bookings) {
    const key = `${booking.workCentre}\u0000${booking.day}`;
    const entry = byDay.get(key);
    if (entry) entry.minutes += booking.minutes;
    else byDay.set(key, { workCentre: booking.workCentre, day: booking.day, minutes: booking.minutes });
  }
  const days = [...byDay.values()].sort((a, b) =>
    a.workCentre === b.workCentre ? (a.day < b.day ? -1 : 1) : a.workCentre < b.workCentre ? -1 : 1,
  );
  for (const day of days) {
    await em
      .getConnection()
      .execute(
        'update work_centre_day set booked_minutes = booked_minutes - ? where work_centre = ? and day = ?',
        [day.minutes, day.workCentre, day.day],
        'run',
        em.getTransactionContext(),
      );
  }
  await em.nativeDelete(CapacityBooking, where as never);
}

/** Adds a promise's own bookings to the loads, so that the next line is scheduled behind them. */
export function bookInto(loads: Map<string, WorkCentreLoad>, promise: DeliveryPromise): void {
  for (const booking of promise.bookings) {
    const load = loads.get(booking.workCentre);
    if (!load) continue;
    const booked = load.booked as Map<IsoDate, number>;
    booked.set(booking.day, (booked.get(booking.day) ?? 0) + booking.minutes);
  }
}

/**
 * What stock gives one need now: as much as is available (on hand beyond what orders hold), the rest
 * short, arriving after the supplier's lead time.
 */
export function materialSupply(
  need: PartNeed,
  part: Part | undefined,
  model: ProductModel,
  /** What is left of the part's stock for this need (an earlier line of the order may have taken some). */
  left: Decimal = available(part),
): MaterialSupply {
  const fromStock = Decimal.min(left, need.quantity);
  return {
    partNumber: need.partNumber,
    description: need.description,
    supplier: part?.supplier ?? null,
    leadTimeDays: part?.leadTimeDays ?? model.parts.get(need.partNumber)?.leadTimeDays ?? 0,
    required: need.quantity.toFixed(),
    fromStock: fromStock.toFixed(),
    shortage: need.quantity.minus(fromStock).toFixed(),
    expectedDate: null,
  };
}

/** The promise for one line, given its materials and the work centres' loads. */
export function linePromise(
  configured: LineConfiguration,
  explosion: OrderExplosion,
  materials: MaterialSupply[],
  loads: Map<string, WorkCentreLoad>,
  calendar: WorkingCalendar,
  today: IsoDate,
): PromiseResult {
  return promiseDelivery({
    today,
    calendar,
    materials,
    optionLeadTimes: optionLeadTimes(configured.model, configured.values),
    operations: explosion.operations.map((operation) => ({
      code: operation.code,
      description: operation.description,
      workCentre: operation.workCentre,
      minutes: operation.minutesText,
    })),
    workCentres: loads,
    qualityControlDays: configured.model.fulfilment.qualityControlDays,
    shippingBufferDays: configured.model.fulfilment.shippingBufferDays,
  });
}

/** The promise for one line, from stock as it is (nothing reserved): what `configure` shows while configuring. */
export function estimateLine(
  configured: ConfiguredProduct,
  explosion: OrderExplosion,
  stock: Map<string, Part>,
  loads: Map<string, WorkCentreLoad>,
  calendar: WorkingCalendar,
  today: IsoDate,
): PromiseResult {
  const materials = purchasedNeeds(explosion).map((need) =>
    materialSupply(need, stock.get(need.partNumber), configured.model),
  );
  return linePromise(configured, explosion, materials, loads, calendar, today);
}
