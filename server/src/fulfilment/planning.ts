import type { EntityManager } from '@mikro-orm/core';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import { isPostgres, rowsOf } from '../db/rows.js';
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

/** What planning reads of a configured line: its model version and the values in force. */
export type LineConfiguration = Pick<ConfiguredProduct, 'model' | 'values'>;

/** Saturday and Sunday: the plant's weekend. */
export const WEEKEND: readonly number[] = [0, 6];

/** The plant's working calendar: weekends and the holidays on record. */
export async function loadCalendar(em: EntityManager): Promise<WorkingCalendar> {
  // Plain rows: every placement reads the calendar, and entities would only be diffed at its flush.
  const holidays = await rowsOf<{ day: string }>(em, 'select day as "day" from holiday', []);
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
 * days' booked minutes, work_centre_day). A work centre not on record yet (a model published before it
 * was) has the model's capacity. Placement books each day with a guarded statement (`bookDays`), so the
 * loads may be read unlocked; `lock` (PostgreSQL) locks the work centres' rows first (in code order), so
 * that the placements that plan locked are made one after the other and never plan with the same minutes.
 */
export async function loadWorkCentres(
  em: EntityManager,
  models: ProductModel[],
  today: IsoDate,
  { lock = false }: { lock?: boolean } = {},
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
  const lockClause = lock && isPostgres(em) ? ' order by code for update' : '';
  const recorded = await rowsOf<{ code: string; name: string; minutesPerDay: number }>(
    em,
    `select code as "code", name as "name", minutes_per_day as "minutesPerDay" from work_centre where code in (${codes.map(() => '?').join(', ')})${lockClause}`,
    codes,
  );
  const recordedByCode = new Map(recorded.map((centre) => [centre.code, centre]));
  const booked = new Map<string, Map<IsoDate, number>>(codes.map((code) => [code, new Map()]));
  const rows = await rowsOf<{ workCentre: string; day: string; minutes: number | string }>(
    em,
    `select work_centre as "workCentre", day as "day", booked_minutes as "minutes" from work_centre_day where work_centre in (${codes.map(() => '?').join(', ')}) and day >= ? and booked_minutes > 0`,
    [...codes, today],
  );
  for (const row of rows) booked.get(row.workCentre)?.set(row.day, Number(row.minutes));
  for (const [code, centre] of declared) {
    const record = recordedByCode.get(code);
    loads.set(code, {
      code,
      name: record?.name ?? centre.name,
      minutesPerDay: Number(record?.minutesPerDay ?? centre.minutesPerDay),
      booked: booked.get(code)!,
    });
  }
  return loads;
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
  part: Pick<Part, 'supplier' | 'leadTimeDays' | 'stockOnHand' | 'stockReserved'> | undefined,
  model: ProductModel,
): MaterialSupply {
  const fromStock = Decimal.min(available(part), need.quantity);
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
