import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, type IsoDate, type WorkingCalendar } from './calendar.js';
import {
  type DeliveryPromise,
  type MaterialSupply,
  type PromiseInput,
  promiseDelivery,
  type WorkCentreLoad,
} from './promise.js';

const calendar: WorkingCalendar = {
  weekend: [0, 6],
  holidays: new Set(['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01']),
};
const FIRST_DAY = '2026-11-16';

/**
 * The calendar's working days, listed one by one from the weekday of each date (not through the
 * engine's calendar, which the promise uses): the dates a promise lands on are checked against them.
 */
const dayIndex = new Map<IsoDate, number>(); // every date -> index of the first working day on or after it
const workingDays: IsoDate[] = [];
{
  const pending: IsoDate[] = [];
  for (let ms = Date.UTC(2026, 9, 1); ms <= Date.UTC(2031, 11, 31); ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10);
    pending.push(day);
    const weekday = new Date(ms).getUTCDay();
    if (weekday === 0 || weekday === 6 || calendar.holidays.has(day)) continue;
    for (const waiting of pending) dayIndex.set(waiting, workingDays.length);
    pending.length = 0;
    workingDays.push(day);
  }
}
const isWorking = (day: IsoDate): boolean => workingDays[dayIndex.get(day)!] === day;
/** `day` when it is a working day, else the first one after it. */
const nextWorking = (day: IsoDate): IsoDate => workingDays[dayIndex.get(day)!]!;
/** `days` working days after nextWorking(day). */
const addWorking = (day: IsoDate, days: number): IsoDate => workingDays[dayIndex.get(day)! + days]!;
/** How many working days in (from, to], for from <= to. */
const workingBetween = (from: IsoDate, to: IsoDate): number =>
  workingDays.filter((day) => day > from && day <= to).length;

const date = (maxDays: number) =>
  fc.integer({ min: 0, max: maxDays }).map((n) => addCalendarDays(FIRST_DAY, n));

const material: fc.Arbitrary<MaterialSupply> = fc
  .record({
    short: fc.boolean(),
    leadTimeDays: fc.integer({ min: 0, max: 30 }),
    expectedDate: fc.option(date(90), { nil: undefined }),
  })
  .map(({ short, leadTimeDays, expectedDate }) => ({
    partNumber: 'P',
    description: 'Part',
    supplier: 'Supplier',
    leadTimeDays,
    required: '2',
    fromStock: short ? '1' : '2',
    shortage: short ? '1' : '0',
    expectedDate,
  }));

const CENTRES = ['A', 'B', 'C'];

const input: fc.Arbitrary<PromiseInput> = fc
  .record({
    today: date(60),
    materials: fc.array(material, { maxLength: 4 }),
    options: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 2 }),
    centres: fc.tuple(
      ...CENTRES.map(() =>
        fc.record({
          minutesPerDay: fc.integer({ min: 60, max: 960 }),
          booked: fc.array(fc.tuple(date(120), fc.integer({ min: 0, max: 1000 })), { maxLength: 30 }),
        }),
      ),
    ),
    operations: fc.array(
      fc.record({
        centre: fc.constantFrom(...CENTRES),
        minutes: fc.oneof(
          fc.integer({ min: 0, max: 2500 }).map(String),
          fc.integer({ min: 1, max: 99999 }).map((n) => (n / 100).toFixed(2)),
        ),
      }),
      { maxLength: 6 },
    ),
    qualityControlDays: fc.integer({ min: 0, max: 3 }),
    shippingBufferDays: fc.integer({ min: 0, max: 3 }),
  })
  .map((drawn) => ({
    today: drawn.today,
    calendar,
    materials: drawn.materials.map((m, index) => ({
      ...m,
      partNumber: `P${index}`,
      description: `Part ${index}`,
    })),
    optionLeadTimes: drawn.options.map((days, index) => ({
      feature: 'f',
      option: `o${index}`,
      label: `Option ${index}`,
      days,
    })),
    operations: drawn.operations.map((operation, index) => ({
      code: `OP${index}`,
      description: `Operation ${index}`,
      workCentre: operation.centre,
      minutes: operation.minutes,
    })),
    workCentres: new Map(
      CENTRES.map((code, index): [string, WorkCentreLoad] => [
        code,
        {
          code,
          name: `Centre ${code}`,
          minutesPerDay: drawn.centres[index]!.minutesPerDay,
          booked: new Map(drawn.centres[index]!.booked),
        },
      ]),
    ),
    qualityControlDays: drawn.qualityControlDays,
    shippingBufferDays: drawn.shippingBufferDays,
  }));

/**
 * Orders with everything in stock and no option lead time, on the same loaded work centres: the
 * bottleneck is then capacity or the work itself, which random orders (mostly waiting for a part)
 * rarely reach.
 */
const inStock: fc.Arbitrary<PromiseInput> = input.map((order) => ({
  ...order,
  materials: [],
  optionLeadTimes: [],
}));
/** Random orders, and as many with everything in stock. */
const mixed = fc.oneof(input, inStock);

/**
 * The checks on steps and bookings run only where the schedule books work (no operation, or only
 * 0-minute ones, book none): about 83% of runs do; at least 75% must.
 */
const MIN_BOOKED = 225;
/** The checks of each bottleneck kind must run on at least 10 cases (capacity, the rarest: about 15%). */
const MIN_KIND = 10;

function promised(input: PromiseInput): DeliveryPromise {
  const result = promiseDelivery(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.promise;
}

describe('every delivery promise, on random orders and work centre loads', () => {
  it('keeps its dates in order, its bookings within capacity on working days, and its operations in routing order', () => {
    let booked = 0; // runs whose schedule booked work: the checks on steps and bookings ran
    fc.assert(
      fc.property(input, (order) => {
        const promise = promised(order);
        expect(promise.materialsReadyDate >= order.today).toBe(true);
        expect(promise.productionStartDate >= nextWorking(promise.materialsReadyDate)).toBe(true);
        expect(promise.productionEndDate >= promise.productionStartDate).toBe(true);
        expect(promise.qualityControlDate).toBe(
          addWorking(promise.productionEndDate, order.qualityControlDays),
        );
        expect(promise.shipDate).toBe(addWorking(promise.qualityControlDate, order.shippingBufferDays));

        const used = new Map<string, number>();
        if (promise.bookings.length > 0) booked++;
        for (const booking of promise.bookings) {
          expect(isWorking(booking.day)).toBe(true);
          expect(booking.minutes).toBeGreaterThan(0);
          expect(booking.day >= promise.productionStartDate && booking.day <= promise.productionEndDate).toBe(
            true,
          );
          const key = `${booking.workCentre} ${booking.day}`;
          used.set(key, (used.get(key) ?? 0) + booking.minutes);
        }
        for (const [key, minutes] of used) {
          const [code, day] = key.split(' ') as [string, IsoDate];
          const centre = order.workCentres.get(code)!;
          expect(minutes).toBeLessThanOrEqual(
            Math.max(0, centre.minutesPerDay - (centre.booked.get(day) ?? 0)),
          );
        }

        let previousEnd: IsoDate = nextWorking(promise.materialsReadyDate);
        promise.schedule.forEach((step, index) => {
          const operation = order.operations[index]!;
          expect(step.operationCode).toBe(operation.code);
          expect(step.minutes).toBe(Math.ceil(Number(operation.minutes)));
          const own = promise.bookings.filter((booking) => booking.operationCode === operation.code);
          expect(own.reduce((sum, booking) => sum + booking.minutes, 0)).toBe(step.minutes);
          if (own.length > 0) {
            expect(step.start).toBe(own[0]!.day);
            expect(step.end).toBe(own.at(-1)!.day);
          }
          expect(step.start >= previousEnd).toBe(true);
          previousEnd = step.end;
        });
      }),
      { numRuns: 300 },
    );
    console.info(`promise dates: ${booked} of 300 runs booked work`);
    expect(booked).toBeGreaterThanOrEqual(MIN_BOOKED);
  });

  it('names a bottleneck that matches the delays it reports', () => {
    const kinds = { material: 0, capacity: 0, work: 0 };
    fc.assert(
      fc.property(mixed, (order) => {
        const promise = promised(order);
        const { bottleneck } = promise;
        kinds[bottleneck.kind]++;
        const materialDays = workingBetween(order.today, promise.materialsReadyDate);
        expect(bottleneck.days).toBeGreaterThanOrEqual(0);
        if (bottleneck.kind === 'material') expect(bottleneck.days).toBe(materialDays);
        else
          expect(bottleneck.days).toBeGreaterThanOrEqual(
            bottleneck.kind === 'capacity' ? materialDays + 1 : 0,
          );
        if (bottleneck.kind === 'work') expect(materialDays).toBe(0);
        if (bottleneck.kind === 'capacity') {
          expect(order.workCentres.has(bottleneck.subject)).toBe(true);
          expect(bottleneck.message).toMatch(/^Centre [ABC] is booked until \d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 300 },
    );
    // Each kind's own checks ran on enough cases.
    console.info(`bottlenecks in 300 runs: ${JSON.stringify(kinds)}`);
    expect(kinds.material).toBeGreaterThanOrEqual(MIN_KIND);
    expect(kinds.capacity).toBeGreaterThanOrEqual(MIN_KIND);
    expect(kinds.work).toBeGreaterThanOrEqual(MIN_KIND);
  });

  it('never ships earlier because other orders booked the work centres, nor later on empty ones', () => {
    const kinds = { material: 0, capacity: 0, work: 0 };
    fc.assert(
      fc.property(mixed, (order) => {
        const loaded = promised(order);
        const empty = promised({
          ...order,
          workCentres: new Map(
            [...order.workCentres].map(([code, centre]) => [code, { ...centre, booked: new Map() }]),
          ),
        });
        expect(empty.shipDate <= loaded.shipDate).toBe(true);
        expect(empty.materialsReadyDate).toBe(loaded.materialsReadyDate);
        const capacityDays = workingBetween(empty.productionEndDate, loaded.productionEndDate);
        kinds[loaded.bottleneck.kind]++;
        if (loaded.bottleneck.kind === 'capacity') expect(loaded.bottleneck.days).toBe(capacityDays);
        if (loaded.bottleneck.kind === 'work') expect(capacityDays).toBe(0);
      }),
      { numRuns: 200 },
    );
    console.info(`bottlenecks in 200 runs against empty centres: ${JSON.stringify(kinds)}`);
    expect(kinds.capacity).toBeGreaterThanOrEqual(MIN_KIND);
    expect(kinds.work).toBeGreaterThanOrEqual(MIN_KIND);
  });
});
