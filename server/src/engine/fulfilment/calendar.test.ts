import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  calendarProblem,
  dayOfWeek,
  isIsoDate,
  isoDate,
  isWorkingDay,
  nextWorkingDay,
  WEEKDAYS_CALENDAR,
  type WorkingCalendar,
  workingDayAfter,
  workingDaysBetween,
} from './calendar.js';

/** Monday to Friday, with Christmas Eve, Christmas, Boxing Day 2026 and New Year's Day 2027 off. */
const christmas: WorkingCalendar = {
  weekend: [0, 6],
  holidays: new Set(['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01']),
};

describe('a working calendar', () => {
  it('reads days of the week in UTC: 2026-12-01 is a Tuesday, 2027-01-03 a Sunday', () => {
    expect(dayOfWeek('2026-12-01')).toBe(2);
    expect(dayOfWeek('2027-01-03')).toBe(0);
    expect(dayOfWeek('2027-01-02')).toBe(6);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('a weekend day and a holiday are not working days', () => {
    expect(isWorkingDay(christmas, '2026-12-01')).toBe(true);
    expect(isWorkingDay(christmas, '2026-12-05')).toBe(false);
    expect(isWorkingDay(christmas, '2026-12-06')).toBe(false);
    expect(isWorkingDay(christmas, '2026-12-24')).toBe(false);
    expect(isWorkingDay(WEEKDAYS_CALENDAR, '2026-12-24')).toBe(true);
  });

  it('another weekend: Friday and Saturday off', () => {
    const calendar: WorkingCalendar = { weekend: [5, 6], holidays: new Set() };
    expect(isWorkingDay(calendar, '2026-12-04')).toBe(false);
    expect(isWorkingDay(calendar, '2026-12-06')).toBe(true);
    expect(nextWorkingDay(calendar, '2026-12-04')).toBe('2026-12-06');
  });

  it('the next working day is the day itself when it is worked, else skips weekends and holidays', () => {
    expect(nextWorkingDay(christmas, '2026-12-01')).toBe('2026-12-01');
    expect(nextWorkingDay(christmas, '2026-12-05')).toBe('2026-12-07');
    expect(nextWorkingDay(christmas, '2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDay(christmas, '2026-12-31')).toBe('2026-12-31');
    expect(nextWorkingDay(christmas, '2027-01-01')).toBe('2027-01-04');
    expect(workingDayAfter(christmas, '2026-12-31')).toBe('2027-01-04');
  });

  it('adding working days: 0 is the next working day, 1 the one after, across Christmas and the new year', () => {
    expect(addWorkingDays(christmas, '2026-12-01', 0)).toBe('2026-12-01');
    expect(addWorkingDays(christmas, '2026-12-01', 1)).toBe('2026-12-02');
    expect(addWorkingDays(christmas, '2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays(christmas, '2026-12-05', 0)).toBe('2026-12-07');
    expect(addWorkingDays(christmas, '2026-12-05', 1)).toBe('2026-12-08');
    expect(addWorkingDays(christmas, '2026-12-23', 1)).toBe('2026-12-28');
    // 2 .. 23 December: 16 working days; 28 .. 31: 4 more; 1 January is a holiday.
    expect(addWorkingDays(christmas, '2026-12-01', 20)).toBe('2026-12-31');
    expect(addWorkingDays(christmas, '2026-12-01', 21)).toBe('2027-01-04');
    expect(() => addWorkingDays(christmas, '2026-12-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(christmas, '2026-12-01', 1.5)).toThrow(RangeError);
  });

  it('working days between two dates count (from, to], negative backwards', () => {
    expect(workingDaysBetween(christmas, '2026-12-01', '2026-12-01')).toBe(0);
    expect(workingDaysBetween(christmas, '2026-12-01', '2026-12-02')).toBe(1);
    expect(workingDaysBetween(christmas, '2026-12-04', '2026-12-07')).toBe(1);
    expect(workingDaysBetween(christmas, '2026-12-05', '2026-12-06')).toBe(0);
    expect(workingDaysBetween(christmas, '2026-12-01', '2027-01-04')).toBe(21);
    expect(workingDaysBetween(christmas, '2027-01-04', '2026-12-01')).toBe(-21);
    expect(workingDaysBetween(christmas, '2026-12-23', '2026-12-28')).toBe(1);
  });

  it('adding n working days and counting them back agree, from any working day', () => {
    for (let start = 0; start < 60; start++) {
      const from = addCalendarDays('2026-11-20', start);
      if (!isWorkingDay(christmas, from)) continue;
      for (const n of [0, 1, 2, 5, 13, 21, 40]) {
        expect(workingDaysBetween(christmas, from, addWorkingDays(christmas, from, n))).toBe(n);
      }
    }
  });

  it('leap years and month ends', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addWorkingDays(WEEKDAYS_CALENDAR, '2028-02-25', 2)).toBe('2028-02-29');
  });

  it('dates are YYYY-MM-DD and real', () => {
    expect(isIsoDate('2026-12-01')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-12-1')).toBe(false);
    expect(isIsoDate('1 December 2026')).toBe(false);
    expect(isIsoDate(20261201)).toBe(false);
    expect(() => nextWorkingDay(christmas, '2026-12-32')).toThrow(RangeError);
  });

  it('the date of a moment is its UTC date', () => {
    expect(isoDate(new Date('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
    expect(isoDate(new Date('2026-12-02T00:30:00+02:00'))).toBe('2026-12-01');
  });

  it('a calendar without working days is refused, not looped on', () => {
    const never: WorkingCalendar = { weekend: [0, 1, 2, 3, 4, 5, 6], holidays: new Set() };
    expect(calendarProblem(never)).toBe('every day of the week is a weekend day');
    expect(() => nextWorkingDay(never, '2026-12-01')).toThrow(/no working day/);
    expect(calendarProblem({ weekend: [7], holidays: new Set() })).toMatch(/weekend day 7/);
    expect(calendarProblem({ weekend: [0, 6], holidays: new Set(['24/12/2026']) })).toMatch(
      /holiday '24\/12\/2026'/,
    );
    expect(calendarProblem(christmas)).toBeNull();
  });
});
