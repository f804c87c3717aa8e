import { Decimal, parseDecimal } from '../common/decimal.js';
import {
  addWorkingDays,
  calendarProblem,
  dayNumber,
  type IsoDate,
  isIsoDate,
  nextWorkingDay,
  type WorkingCalendar,
  workingDayAfter,
  workingDaysBetween,
} from './calendar.js';

/**
 * The delivery promise of one made-to-order order: when it can ship, and what decides that date.
 * Pure: the caller passes today, the calendar, the stock situation of every material, the order's
 * operations and what the work centres have already promised to other orders.
 *
 * How the date is found:
 * 1. **Materials ready** is the latest of today, the arrival of each shortage and each chosen option's
 *    lead time. A shortage arrives on its `expectedDate` when it is already on order (a requisition),
 *    otherwise `leadTimeDays` working days after today (`addWorkingDays`); an expected date in the
 *    past counts as today. An option with `days` of lead time is ready `days` working days after today.
 *    The arrival day is usable: production may start on it. Materials with no shortage do not wait.
 * 2. **Production** runs the operations in routing order at finite capacity. The first operation may
 *    start on the first working day on or after materials ready; each next one starts no earlier than
 *    the day the previous one ended, and may continue that same day when its work centre has minutes
 *    left. On each working day a work centre gives `minutesPerDay` minus what is booked on it that day
 *    (the input's bookings plus this plan's own earlier ones), in whole minutes. An operation's minutes
 *    are rounded up to whole minutes; one of 0 minutes books nothing (it starts and ends on the day it
 *    may start). Production starts on the first day an operation works (or may start, when none does)
 *    and ends on the day the last one ends.
 * 3. **Quality control** ends `qualityControlDays` working days after production ends, and the order
 *    **ships** `shippingBufferDays` working days after that.
 * 4. **The bottleneck** is what delayed the ship date most, in working days:
 *    - material: workingDaysBetween(today, materials ready), named by the shortage or option that
 *      arrives last (on a tie, the one with the longer lead time);
 *    - capacity: how many working days later production ends than it would on work centres with
 *      nothing booked by other orders, named by the work centre where the operations lost the most
 *      days to other orders' bookings, with the last such day ("Assembly is booked until 2026-12-14");
 *    - a tie goes to material; when both are 0 it is the work itself ("in stock: 3 working days of
 *      work", counting the working days from production start to end).
 *
 * Bad input (an unknown work centre, a work centre with no minutes a day, text that is not a date or a
 * decimal, a plan that would run more than five years) is a list of problems, each naming its field.
 */

export interface MaterialSupply {
  partNumber: string;
  description: string;
  supplier: string | null;
  /** working days from the supplier */
  leadTimeDays: number;
  /** exact decimal text */
  required: string;
  fromStock: string;
  shortage: string;
  /** when the shortage arrives if it is already on order (a requisition's expected date); else today + lead time */
  expectedDate?: IsoDate | null;
}

/** A chosen option with leadTimeDays > 0: ready `days` working days after today, like a material. */
export interface OptionLeadTime {
  feature: string;
  option: string;
  label: string;
  days: number;
}

export interface PlannedOperation {
  code: string;
  description: string;
  workCentre: string;
  /** exact decimal text */
  minutes: string;
}

export interface WorkCentreLoad {
  code: string;
  name: string;
  minutesPerDay: number;
  /** minutes already promised per day */
  booked: ReadonlyMap<IsoDate, number>;
}

export interface PromiseInput {
  today: IsoDate;
  calendar: WorkingCalendar;
  materials: MaterialSupply[];
  optionLeadTimes: OptionLeadTime[];
  operations: PlannedOperation[];
  workCentres: ReadonlyMap<string, WorkCentreLoad>;
  qualityControlDays: number;
  shippingBufferDays: number;
}

export interface CapacityBooking {
  operationCode: string;
  workCentre: string;
  day: IsoDate;
  minutes: number;
}

export interface Bottleneck {
  kind: 'material' | 'capacity' | 'work';
  /** part number, work centre code, or '' (for an option's lead time: the option's code) */
  subject: string;
  /**
   * a sentence a customer understands, e.g. "the Battery 750 Wh: 21 working days from its supplier BMZ"
   * or "Assembly is booked until 2026-12-14" or "in stock: 3 working days of work"
   */
  message: string;
  /** working days it adds */
  days: number;
}

export interface ScheduledOperation {
  operationCode: string;
  workCentre: string;
  start: IsoDate;
  end: IsoDate;
  /** Whole minutes booked. */
  minutes: number;
}

export interface DeliveryPromise {
  shipDate: IsoDate;
  materialsReadyDate: IsoDate;
  productionStartDate: IsoDate;
  productionEndDate: IsoDate;
  qualityControlDate: IsoDate;
  bookings: CapacityBooking[];
  /** per operation: first and last day */
  schedule: ScheduledOperation[];
  bottleneck: Bottleneck;
}

export interface PromiseProblem {
  field: string;
  message: string;
}

export type PromiseResult =
  | { ok: true; promise: DeliveryPromise }
  | { ok: false; problems: PromiseProblem[] };

/** How far ahead of today a plan may reach before it is refused as a runaway. */
export const MAX_PROMISE_CALENDAR_DAYS = 5 * 366;

/** What arrives when: one shortage or one option lead time. */
interface Arrival {
  date: IsoDate;
  leadDays: number;
  subject: string;
  message: string;
}

export function promiseDelivery(input: PromiseInput): PromiseResult {
  const problems = inputProblems(input);
  if (problems.length > 0) return { ok: false, problems };
  try {
    return planPromise(input);
  } catch (error) {
    // The calendar gives up on a calendar with no working day in five years: a problem, not a crash.
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problems: [{ field: 'calendar', message: error.message }] };
  }
}

/**
 * Working days the promise moved: positive when `after` ships later than `before`, negative when
 * earlier (what a change to an order does to its promise).
 */
export function promiseEffect(
  before: DeliveryPromise,
  after: DeliveryPromise,
  calendar: WorkingCalendar,
): number {
  return workingDaysBetween(calendar, before.shipDate, after.shipDate);
}

function inputProblems(input: PromiseInput): PromiseProblem[] {
  const problems: PromiseProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!isIsoDate(input.today)) add('today', `'${input.today}' is not a date written YYYY-MM-DD`);
  const calendar = calendarProblem(input.calendar);
  if (calendar) add('calendar', calendar);
  const wholeDays = (value: number, field: string) => {
    if (!Number.isInteger(value) || value < 0)
      add(field, `${value} must be a whole number of days, 0 or more`);
  };
  wholeDays(input.qualityControlDays, 'qualityControlDays');
  wholeDays(input.shippingBufferDays, 'shippingBufferDays');
  input.materials.forEach((material, index) => {
    const path = `materials[${index}] (${material.partNumber})`;
    for (const key of ['required', 'fromStock', 'shortage'] as const) {
      const value = parseDecimal(material[key]);
      if (!value) add(`${path}.${key}`, `'${material[key]}' is not a decimal number`);
      else if (value.isNegative()) add(`${path}.${key}`, `${material[key]} cannot be negative`);
    }
    wholeDays(material.leadTimeDays, `${path}.leadTimeDays`);
    if (material.expectedDate != null && !isIsoDate(material.expectedDate))
      add(`${path}.expectedDate`, `'${material.expectedDate}' is not a date written YYYY-MM-DD`);
  });
  input.optionLeadTimes.forEach((option, index) => {
    wholeDays(option.days, `optionLeadTimes[${index}] (${option.feature}.${option.option}).days`);
  });
  for (const [code, centre] of input.workCentres) {
    if (!(Number.isFinite(centre.minutesPerDay) && centre.minutesPerDay >= 1))
      add(
        `workCentres.${code}.minutesPerDay`,
        `${centre.name} has ${centre.minutesPerDay} minutes a day: a work centre needs at least one minute a day to plan on`,
      );
  }
  input.operations.forEach((operation, index) => {
    const path = `operations[${index}] (${operation.code})`;
    if (!input.workCentres.has(operation.workCentre))
      add(
        `${path}.workCentre`,
        `unknown work centre '${operation.workCentre}' (known: ${[...input.workCentres.keys()].join(', ') || 'none'})`,
      );
    const minutes = parseDecimal(operation.minutes);
    if (!minutes) add(`${path}.minutes`, `'${operation.minutes}' is not a decimal number`);
    else if (minutes.isNegative()) add(`${path}.minutes`, `${operation.minutes} minutes cannot be negative`);
  });
  return problems;
}

function planPromise(input: PromiseInput): PromiseResult {
  const { calendar, today } = input;
  const arrivals = arrivalsOf(input);
  let materialsReadyDate = today;
  let last: Arrival | null = null;
  for (const arrival of arrivals) {
    if (
      last === null ||
      arrival.date > last.date ||
      (arrival.date === last.date && arrival.leadDays > last.leadDays)
    )
      last = arrival;
    if (arrival.date > materialsReadyDate) materialsReadyDate = arrival.date;
  }

  const limit = dayNumber(today) + MAX_PROMISE_CALENDAR_DAYS;
  const planned = schedule(input, materialsReadyDate, true, limit);
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const unloaded = schedule(input, materialsReadyDate, false, limit);
  if (!unloaded.ok) return { ok: false, problems: unloaded.problems };

  const { productionStartDate, productionEndDate } = planned;
  const qualityControlDate = addWorkingDays(calendar, productionEndDate, input.qualityControlDays);
  const shipDate = addWorkingDays(calendar, qualityControlDate, input.shippingBufferDays);

  const materialDays = workingDaysBetween(calendar, today, materialsReadyDate);
  const capacityDays = workingDaysBetween(calendar, unloaded.productionEndDate, productionEndDate);
  let bottleneck: Bottleneck;
  if (materialDays > 0 && materialDays >= capacityDays && last !== null) {
    bottleneck = { kind: 'material', subject: last.subject, message: last.message, days: materialDays };
  } else if (capacityDays > 0 && planned.busiest !== null) {
    const centre = input.workCentres.get(planned.busiest.workCentre)!;
    bottleneck = {
      kind: 'capacity',
      subject: centre.code,
      message: `${centre.name} is booked until ${planned.busiest.lastDay}`,
      days: capacityDays,
    };
  } else {
    const workDays =
      input.operations.length === 0 || planned.bookings.length === 0
        ? 0
        : workingDaysBetween(calendar, productionStartDate, productionEndDate) + 1;
    bottleneck = {
      kind: 'work',
      subject: '',
      message: `in stock: ${workDays} working ${workDays === 1 ? 'day' : 'days'} of work`,
      days: workDays,
    };
  }

  return {
    ok: true,
    promise: {
      shipDate,
      materialsReadyDate,
      productionStartDate,
      productionEndDate,
      qualityControlDate,
      bookings: planned.bookings,
      schedule: planned.schedule,
      bottleneck,
    },
  };
}

function arrivalsOf(input: PromiseInput): Arrival[] {
  const { calendar, today } = input;
  const arrivals: Arrival[] = [];
  for (const material of input.materials) {
    if (!parseDecimal(material.shortage)!.greaterThan(0)) continue;
    const name = `the ${material.description}`;
    if (material.expectedDate != null) {
      arrivals.push({
        date: later(material.expectedDate, today),
        leadDays: material.leadTimeDays,
        subject: material.partNumber,
        message: `${name}: on order${material.supplier ? ` from ${material.supplier}` : ''}, expected on ${material.expectedDate}`,
      });
    } else {
      arrivals.push({
        date: addWorkingDays(calendar, today, material.leadTimeDays),
        leadDays: material.leadTimeDays,
        subject: material.partNumber,
        message: `${name}: ${daysText(material.leadTimeDays)} from ${material.supplier ? `its supplier ${material.supplier}` : 'its supplier'}`,
      });
    }
  }
  for (const option of input.optionLeadTimes) {
    if (option.days <= 0) continue;
    arrivals.push({
      date: addWorkingDays(calendar, today, option.days),
      leadDays: option.days,
      subject: option.option,
      message: `${option.label}: ${daysText(option.days)} of lead time`,
    });
  }
  return arrivals;
}

/** The later of two dates (ISO dates compare as text). */
function later(a: IsoDate, b: IsoDate): IsoDate {
  return dayNumber(a) < dayNumber(b) ? b : a;
}

function daysText(days: number): string {
  return `${days} working ${days === 1 ? 'day' : 'days'}`;
}

type Schedule =
  | {
      ok: true;
      productionStartDate: IsoDate;
      productionEndDate: IsoDate;
      bookings: CapacityBooking[];
      schedule: ScheduledOperation[];
      /** The work centre where operations lost the most working days to other orders' bookings. */
      busiest: { workCentre: string; lastDay: IsoDate } | null;
    }
  | { ok: false; problems: PromiseProblem[] };

/**
 * Plans the operations from the first working day on or after `materialsReady`, with the input's
 * bookings (`loaded`) or on empty work centres (to measure what the bookings cost).
 */
function schedule(input: PromiseInput, materialsReady: IsoDate, loaded: boolean, limit: number): Schedule {
  const { calendar } = input;
  const own = new Map<string, Map<IsoDate, number>>();
  const bookings: CapacityBooking[] = [];
  const scheduled: ScheduledOperation[] = [];
  /** Per work centre: working days an operation got fewer minutes because of other orders. */
  const lost = new Map<string, { days: number; lastDay: IsoDate }>();
  let cursor = nextWorkingDay(calendar, materialsReady);
  let productionStartDate: IsoDate | null = null;

  for (const [index, operation] of input.operations.entries()) {
    const centre = input.workCentres.get(operation.workCentre)!;
    const minutes = parseDecimal(operation.minutes)!.toDecimalPlaces(0, Decimal.ROUND_CEIL).toNumber();
    if (minutes === 0) {
      scheduled.push({
        operationCode: operation.code,
        workCentre: centre.code,
        start: cursor,
        end: cursor,
        minutes: 0,
      });
      continue;
    }
    const ownByDay = own.get(centre.code) ?? new Map<IsoDate, number>();
    own.set(centre.code, ownByDay);
    let remaining = minutes;
    let day = cursor;
    let start: IsoDate | null = null;
    for (;;) {
      if (dayNumber(day) > limit) {
        return {
          ok: false,
          problems: [
            {
              field: `operations[${index}] (${operation.code})`,
              message: `'${operation.description}' cannot be planned within ${Math.round(MAX_PROMISE_CALENDAR_DAYS / 366)} years: ${centre.name} has no free capacity`,
            },
          ],
        };
      }
      const ownMinutes = ownByDay.get(day) ?? 0;
      const others = loaded ? (centre.booked.get(day) ?? 0) : 0;
      const withoutOthers = Math.max(0, Math.floor(centre.minutesPerDay - ownMinutes));
      const free = Math.max(0, Math.floor(centre.minutesPerDay - ownMinutes - others));
      const take = Math.min(free, remaining);
      if (take < Math.min(withoutOthers, remaining)) {
        const entry = lost.get(centre.code) ?? { days: 0, lastDay: day };
        entry.days++;
        entry.lastDay = day;
        lost.set(centre.code, entry);
      }
      if (take > 0) {
        start ??= day;
        ownByDay.set(day, ownMinutes + take);
        bookings.push({ operationCode: operation.code, workCentre: centre.code, day, minutes: take });
        remaining -= take;
      }
      if (remaining === 0) break;
      day = workingDayAfter(calendar, day);
    }
    productionStartDate ??= start!;
    scheduled.push({
      operationCode: operation.code,
      workCentre: centre.code,
      start: start!,
      end: day,
      minutes,
    });
    cursor = day;
  }

  let busiest: { workCentre: string; lastDay: IsoDate; days: number } | null = null;
  for (const [workCentre, entry] of lost) {
    if (
      busiest === null ||
      entry.days > busiest.days ||
      (entry.days === busiest.days && entry.lastDay > busiest.lastDay)
    )
      busiest = { workCentre, lastDay: entry.lastDay, days: entry.days };
  }
  const start = productionStartDate ?? nextWorkingDay(calendar, materialsReady);
  return {
    ok: true,
    productionStartDate: start,
    productionEndDate: scheduled.length > 0 ? cursor : start,
    bookings,
    schedule: scheduled,
    busiest: busiest && { workCentre: busiest.workCentre, lastDay: busiest.lastDay },
  };
}
