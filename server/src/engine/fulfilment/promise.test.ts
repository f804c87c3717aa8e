import { describe, expect, it } from 'vitest';
import type { IsoDate, WorkingCalendar } from './calendar.js';
import {
  type DeliveryPromise,
  type MaterialSupply,
  type PromiseInput,
  type PromiseResult,
  promiseDelivery,
  promiseEffect,
  type WorkCentreLoad,
} from './promise.js';

/** Monday to Friday, with Christmas Eve, Christmas, Boxing Day 2026 and New Year's Day 2027 off. */
const calendar: WorkingCalendar = {
  weekend: [0, 6],
  holidays: new Set(['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01']),
};
/** A Tuesday. */
const TODAY = '2026-12-01';

function centre(code: string, name: string, booked: Record<IsoDate, number> = {}, minutesPerDay = 480) {
  return [code, { code, name, minutesPerDay, booked: new Map(Object.entries(booked)) }] as const;
}

const battery: MaterialSupply = {
  partNumber: 'EB-BAT-750',
  description: 'Battery 750 Wh',
  supplier: 'BMZ',
  leadTimeDays: 21,
  required: '1',
  fromStock: '0',
  shortage: '1',
};

const frame: MaterialSupply = {
  partNumber: 'EB-FRM-M',
  description: 'Frame size M',
  supplier: 'Kinesis Industry',
  leadTimeDays: 30,
  required: '1',
  fromStock: '1',
  shortage: '0',
};

const spokes: MaterialSupply = {
  partNumber: 'EB-SPOKE',
  description: 'Spoke 2.0 mm',
  supplier: 'Sapim',
  leadTimeDays: 10,
  required: '64',
  fromStock: '20',
  shortage: '44',
};

/** Paint 100 minutes, then assembly 200 minutes: a bike that fits in one day of each. */
function input(overrides: Partial<PromiseInput> = {}): PromiseInput {
  return {
    today: TODAY,
    calendar,
    materials: [frame],
    optionLeadTimes: [],
    operations: [
      { code: 'PAINT', description: 'Powder-coat the frame', workCentre: 'PAINT-01', minutes: '100' },
      { code: 'ASSEMBLE', description: 'Assemble the bike', workCentre: 'ASSY-01', minutes: '200' },
    ],
    workCentres: new Map([centre('PAINT-01', 'Paint shop'), centre('ASSY-01', 'Assembly')]),
    qualityControlDays: 1,
    shippingBufferDays: 1,
    ...overrides,
  };
}

function promised(result: PromiseResult): DeliveryPromise {
  if (!result.ok) throw new Error(`no promise: ${JSON.stringify(result.problems)}`);
  return result.promise;
}

/** The dates of a promise, in order. */
function dates(promise: DeliveryPromise) {
  return {
    materials: promise.materialsReadyDate,
    start: promise.productionStartDate,
    end: promise.productionEndDate,
    qc: promise.qualityControlDate,
    ship: promise.shipDate,
  };
}

describe('promising a delivery date', () => {
  it('a battery short with 21 working days of lead time arrives after Christmas and the new year, and is the bottleneck', () => {
    const promise = promised(promiseDelivery(input({ materials: [frame, battery] })));
    expect(dates(promise)).toEqual({
      materials: '2027-01-04',
      start: '2027-01-04',
      end: '2027-01-04',
      qc: '2027-01-05',
      ship: '2027-01-06',
    });
    expect(promise.bottleneck).toEqual({
      kind: 'material',
      subject: 'EB-BAT-750',
      message: 'the Battery 750 Wh: 21 working days from its supplier BMZ',
      days: 21,
    });
    expect(promise.schedule).toEqual([
      {
        operationCode: 'PAINT',
        workCentre: 'PAINT-01',
        start: '2027-01-04',
        end: '2027-01-04',
        minutes: 100,
      },
      {
        operationCode: 'ASSEMBLE',
        workCentre: 'ASSY-01',
        start: '2027-01-04',
        end: '2027-01-04',
        minutes: 200,
      },
    ]);
    expect(promise.bookings).toEqual([
      { operationCode: 'PAINT', workCentre: 'PAINT-01', day: '2027-01-04', minutes: 100 },
      { operationCode: 'ASSEMBLE', workCentre: 'ASSY-01', day: '2027-01-04', minutes: 200 },
    ]);
  });

  it('the part that arrives last is named; a part without a supplier still reads well', () => {
    const late = { ...spokes, supplier: null, leadTimeDays: 25 };
    const promise = promised(promiseDelivery(input({ materials: [battery, late] })));
    expect(promise.materialsReadyDate).toBe('2027-01-08');
    expect(promise.bottleneck).toMatchObject({
      kind: 'material',
      subject: 'EB-SPOKE',
      message: 'the Spoke 2.0 mm: 25 working days from its supplier',
      days: 25,
    });
  });

  it('a shortage already on order arrives on its expected date; on a tie the longer lead time is named', () => {
    const onOrder = { ...spokes, leadTimeDays: 40, expectedDate: '2027-01-04' };
    const promise = promised(promiseDelivery(input({ materials: [battery, onOrder] })));
    expect(promise.materialsReadyDate).toBe('2027-01-04');
    expect(promise.bottleneck).toMatchObject({
      kind: 'material',
      subject: 'EB-SPOKE',
      message: 'the Spoke 2.0 mm: on order from Sapim, expected on 2027-01-04',
      days: 21,
    });
  });

  it('an expected date in the past counts as today; one on a Saturday lets production start on Monday', () => {
    const overdue = { ...spokes, expectedDate: '2026-11-20' };
    expect(promised(promiseDelivery(input({ materials: [overdue] }))).materialsReadyDate).toBe(TODAY);
    const saturday = { ...spokes, expectedDate: '2026-12-05' };
    const promise = promised(promiseDelivery(input({ materials: [saturday] })));
    expect(dates(promise)).toMatchObject({
      materials: '2026-12-05',
      start: '2026-12-07',
      ship: '2026-12-09',
    });
    expect(promise.bottleneck.days).toBe(3);
  });

  it('a material fully in stock does not wait, whatever its lead time', () => {
    const promise = promised(promiseDelivery(input({ materials: [frame] })));
    expect(promise.materialsReadyDate).toBe(TODAY);
    expect(promise.bottleneck.kind).toBe('work');
  });

  it("a chosen option's lead time is a constraint like a material", () => {
    const promise = promised(
      promiseDelivery(
        input({
          materials: [spokes],
          optionLeadTimes: [
            { feature: 'colour', option: 'custom_ral', label: 'Custom RAL colour', days: 15 },
          ],
        }),
      ),
    );
    // 15 working days after Tuesday 1 December.
    expect(promise.materialsReadyDate).toBe('2026-12-22');
    expect(promise.shipDate).toBe('2026-12-28');
    expect(promise.bottleneck).toEqual({
      kind: 'material',
      subject: 'custom_ral',
      message: 'Custom RAL colour: 15 working days of lead time',
      days: 15,
    });
  });

  it('everything in stock and the workshop free: the work itself decides', () => {
    const promise = promised(
      promiseDelivery(
        input({
          operations: [{ code: 'ASSEMBLE', description: 'Assemble', workCentre: 'ASSY-01', minutes: '1000' }],
        }),
      ),
    );
    expect(dates(promise)).toEqual({
      materials: TODAY,
      start: TODAY,
      end: '2026-12-03',
      qc: '2026-12-04',
      ship: '2026-12-07',
    });
    expect(promise.bottleneck).toEqual({
      kind: 'work',
      subject: '',
      message: 'in stock: 3 working days of work',
      days: 3,
    });
    expect(promise.bookings.map((b) => [b.day, b.minutes])).toEqual([
      ['2026-12-01', 480],
      ['2026-12-02', 480],
      ['2026-12-03', 40],
    ]);
  });

  it('assembly booked full for 8 working days: capacity is the bottleneck, named with the last full day', () => {
    const full: Record<IsoDate, number> = {};
    for (const day of ['01', '02', '03', '04', '07', '08', '09', '10']) full[`2026-12-${day}`] = 480;
    const promise = promised(
      promiseDelivery(
        input({
          materials: [spokes],
          workCentres: new Map([centre('PAINT-01', 'Paint shop'), centre('ASSY-01', 'Assembly', full)]),
        }),
      ),
    );
    // Spokes arrive on 15 December; assembly is free again from 11 December, so materials win.
    expect(promise.bottleneck.kind).toBe('material');

    const waiting = promised(
      promiseDelivery(
        input({
          workCentres: new Map([centre('PAINT-01', 'Paint shop'), centre('ASSY-01', 'Assembly', full)]),
        }),
      ),
    );
    expect(dates(waiting)).toEqual({
      materials: TODAY,
      start: TODAY,
      end: '2026-12-11',
      qc: '2026-12-14',
      ship: '2026-12-15',
    });
    expect(waiting.schedule.map((s) => [s.operationCode, s.start, s.end])).toEqual([
      ['PAINT', TODAY, TODAY],
      ['ASSEMBLE', '2026-12-11', '2026-12-11'],
    ]);
    expect(waiting.bottleneck).toEqual({
      kind: 'capacity',
      subject: 'ASSY-01',
      message: 'Assembly is booked until 2026-12-10',
      days: 8,
    });
  });

  it('a tie between material and capacity goes to the material', () => {
    const full: Record<IsoDate, number> = { '2026-12-01': 480, '2026-12-02': 480 };
    const twoDays = { ...spokes, leadTimeDays: 2 };
    const promise = promised(
      promiseDelivery(
        input({
          materials: [twoDays],
          operations: [{ code: 'ASSEMBLE', description: 'Assemble', workCentre: 'ASSY-01', minutes: '60' }],
          // Booked on the two days after the spokes arrive: capacity costs 2 days too.
          workCentres: new Map([
            centre('ASSY-01', 'Assembly', { ...full, '2026-12-03': 480, '2026-12-04': 480 }),
          ]),
        }),
      ),
    );
    expect(promise.materialsReadyDate).toBe('2026-12-03');
    expect(promise.productionEndDate).toBe('2026-12-07');
    expect(promise.bottleneck).toMatchObject({ kind: 'material', subject: 'EB-SPOKE', days: 2 });
  });

  it('operations continue on the same day where capacity is left, and share a work centre with earlier ones', () => {
    const promise = promised(
      promiseDelivery(
        input({
          operations: [
            { code: 'FRAME', description: 'Assemble the frame', workCentre: 'ASSY-01', minutes: '300' },
            { code: 'PAINT', description: 'Paint', workCentre: 'PAINT-01', minutes: '50' },
            { code: 'FINAL', description: 'Final assembly', workCentre: 'ASSY-01', minutes: '250.1' },
            {
              code: 'NOTE',
              description: 'Nothing to do for this configuration',
              workCentre: 'PAINT-01',
              minutes: '0',
            },
          ],
          // 100 minutes of assembly already promised on the second day.
          workCentres: new Map([
            centre('PAINT-01', 'Paint shop'),
            centre('ASSY-01', 'Assembly', { '2026-12-02': 100 }),
          ]),
        }),
      ),
    );
    expect(promise.bookings).toEqual([
      { operationCode: 'FRAME', workCentre: 'ASSY-01', day: TODAY, minutes: 300 },
      { operationCode: 'PAINT', workCentre: 'PAINT-01', day: TODAY, minutes: 50 },
      // 180 minutes left today after FRAME, the rest (251 rounded up, less 180) tomorrow.
      { operationCode: 'FINAL', workCentre: 'ASSY-01', day: TODAY, minutes: 180 },
      { operationCode: 'FINAL', workCentre: 'ASSY-01', day: '2026-12-02', minutes: 71 },
    ]);
    expect(promise.schedule).toEqual([
      { operationCode: 'FRAME', workCentre: 'ASSY-01', start: TODAY, end: TODAY, minutes: 300 },
      { operationCode: 'PAINT', workCentre: 'PAINT-01', start: TODAY, end: TODAY, minutes: 50 },
      { operationCode: 'FINAL', workCentre: 'ASSY-01', start: TODAY, end: '2026-12-02', minutes: 251 },
      { operationCode: 'NOTE', workCentre: 'PAINT-01', start: '2026-12-02', end: '2026-12-02', minutes: 0 },
    ]);
    // The booking on 2 December did not cost a day: the work fits beside it.
    expect(promise.bottleneck).toEqual({
      kind: 'work',
      subject: '',
      message: 'in stock: 2 working days of work',
      days: 2,
    });
  });

  it('a partly booked work centre that stretches the work is a capacity bottleneck', () => {
    const busy: Record<IsoDate, number> = {};
    for (const day of ['01', '02', '03', '04']) busy[`2026-12-${day}`] = 380;
    const promise = promised(
      promiseDelivery(
        input({
          operations: [{ code: 'ASSEMBLE', description: 'Assemble', workCentre: 'ASSY-01', minutes: '400' }],
          workCentres: new Map([centre('ASSY-01', 'Assembly', busy)]),
        }),
      ),
    );
    expect(promise.productionEndDate).toBe('2026-12-04');
    expect(promise.bottleneck).toEqual({
      kind: 'capacity',
      subject: 'ASSY-01',
      message: 'Assembly is booked until 2026-12-03',
      days: 3,
    });
  });

  it('an order placed on a Saturday starts on Monday', () => {
    const promise = promised(promiseDelivery(input({ today: '2026-12-05' })));
    expect(dates(promise)).toEqual({
      materials: '2026-12-05',
      start: '2026-12-07',
      end: '2026-12-07',
      qc: '2026-12-08',
      ship: '2026-12-09',
    });
    expect(promise.bottleneck).toMatchObject({ kind: 'work', message: 'in stock: 1 working day of work' });
  });

  it('no operations: quality control and shipping follow the materials', () => {
    const promise = promised(
      promiseDelivery(
        input({ operations: [], materials: [battery], qualityControlDays: 2, shippingBufferDays: 0 }),
      ),
    );
    expect(dates(promise)).toEqual({
      materials: '2027-01-04',
      start: '2027-01-04',
      end: '2027-01-04',
      qc: '2027-01-06',
      ship: '2027-01-06',
    });
    expect(promise.bookings).toEqual([]);
  });

  it('bad input is a list of problems naming the field', () => {
    const result = promiseDelivery(
      input({
        today: '2026-12-32',
        materials: [{ ...spokes, shortage: 'lots', expectedDate: 'soon' }],
        optionLeadTimes: [{ feature: 'colour', option: 'custom_ral', label: 'Custom RAL', days: -1 }],
        operations: [
          { code: 'WELD', description: 'Weld', workCentre: 'WELD-01', minutes: '10' },
          { code: 'PAINT', description: 'Paint', workCentre: 'PAINT-01', minutes: '-5' },
        ],
        workCentres: new Map([centre('PAINT-01', 'Paint shop', {}, 0)]),
        qualityControlDays: 0.5,
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'today',
      'qualityControlDays',
      'materials[0] (EB-SPOKE).shortage',
      'materials[0] (EB-SPOKE).expectedDate',
      'optionLeadTimes[0] (colour.custom_ral).days',
      'workCentres.PAINT-01.minutesPerDay',
      'operations[0] (WELD).workCentre',
      'operations[1] (PAINT).minutes',
    ]);
    expect(result.problems[6]!.message).toBe("unknown work centre 'WELD-01' (known: PAINT-01)");
    expect(result.problems[5]!.message).toMatch(/Paint shop has 0 minutes a day/);
  });

  it('a calendar with no working day is a problem, not an endless loop', () => {
    const result = promiseDelivery(
      input({ calendar: { weekend: [0, 1, 2, 3, 4, 5, 6], holidays: new Set() } }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'calendar', message: 'every day of the week is a weekend day' }],
    });
  });

  it('a work centre booked full for ever is refused after five years', () => {
    const always = { get: () => 480, has: () => true } as unknown as ReadonlyMap<IsoDate, number>;
    const forever: WorkCentreLoad = { code: 'ASSY-01', name: 'Assembly', minutesPerDay: 480, booked: always };
    const result = promiseDelivery(
      input({ workCentres: new Map([centre('PAINT-01', 'Paint shop'), ['ASSY-01', forever]]) }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'operations[1] (ASSEMBLE)',
          message: "'Assemble the bike' cannot be planned within 5 years: Assembly has no free capacity",
        },
      ],
    });
  });

  it('the effect of a change on the promise, in working days', () => {
    const before = promised(promiseDelivery(input()));
    const after = promised(promiseDelivery(input({ materials: [battery] })));
    expect(before.shipDate).toBe('2026-12-03');
    expect(after.shipDate).toBe('2027-01-06');
    expect(promiseEffect(before, after, calendar)).toBe(21);
    expect(promiseEffect(after, before, calendar)).toBe(-21);
    expect(promiseEffect(before, before, calendar)).toBe(0);
  });
});
