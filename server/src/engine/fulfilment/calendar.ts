/**
 * Working days: a weekly pattern of days off (the weekend) and a set of holidays. Dates are plain
 * `YYYY-MM-DD` text, read and written in UTC, so that no time zone or daylight-saving change moves a
 * day. No clock: "today" is always passed in.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface WorkingCalendar {
  /** Days of the week that are not worked: 0 = Sunday ... 6 = Saturday. */
  weekend: readonly number[];
  /** Dates that are not worked, whatever the day of the week. */
  holidays: ReadonlySet<IsoDate>;
}

/** Monday to Friday, no holidays. */
export const WEEKDAYS_CALENDAR: WorkingCalendar = { weekend: [0, 6], holidays: new Set() };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * How far the calendar searches for a working day before it gives up: a calendar with every weekday
 * off, or years of holidays, is a mistake, not something to loop on.
 */
export const MAX_CALENDAR_SEARCH_DAYS = 5 * 366;

/** Whether `text` is a real date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDateOfDay(day / DAY_MS) === text;
}

/** The UTC calendar date of a moment, `YYYY-MM-DD`. */
export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a date; throws a RangeError for text that is not a date. */
export function dayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`'${date}' is not a date written YYYY-MM-DD`);
  const match = ISO_DATE.exec(date)!;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function isoDateOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return isoDateOfDay(dayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  return !calendar.weekend.includes(dayOfWeek(date)) && !calendar.holidays.has(date);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  let day = dayNumber(date);
  for (let step = 0; step <= MAX_CALENDAR_SEARCH_DAYS; step++, day++) {
    const candidate = isoDateOfDay(day);
    if (isWorkingDayNumber(calendar, day, candidate)) return candidate;
  }
  throw new RangeError(
    `no working day within ${MAX_CALENDAR_SEARCH_DAYS} days of ${date}: the calendar has no working days`,
  );
}

function isWorkingDayNumber(calendar: WorkingCalendar, day: number, date: IsoDate): boolean {
  return !calendar.weekend.includes((((day + 4) % 7) + 7) % 7) && !calendar.holidays.has(date);
}

/** The first working day strictly after `date`. */
export function workingDayAfter(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  return nextWorkingDay(calendar, addCalendarDays(date, 1));
}

/**
 * `days` (0 or more, whole) working days after `from`: 0 gives nextWorkingDay(from), 1 the working day
 * after that, and so on. So a part with 21 days of lead time ordered on a working day arrives on the
 * 21st working day after it.
 */
export function addWorkingDays(calendar: WorkingCalendar, from: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days to add must be a whole number 0 or more, not ${days}`);
  let date = nextWorkingDay(calendar, from);
  for (let i = 0; i < days; i++) date = workingDayAfter(calendar, date);
  return date;
}

/**
 * The number of working days in (from, to]: how many working days later `to` is than `from`.
 * Negative when `to` is before `from` (minus the working days in (to, from]); 0 when they are equal.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end < start) return -workingDaysBetween(calendar, to, from);
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDayNumber(calendar, day, isoDateOfDay(day))) count++;
  }
  return count;
}

/** Why a calendar cannot be used (days of the week outside 0..6, no working weekday), or null. */
export function calendarProblem(calendar: WorkingCalendar): string | null {
  for (const day of calendar.weekend) {
    if (!Number.isInteger(day) || day < 0 || day > 6)
      return `weekend day ${day} is not a day of the week (0 = Sunday ... 6 = Saturday)`;
  }
  if (new Set(calendar.weekend).size >= 7) return 'every day of the week is a weekend day';
  for (const holiday of calendar.holidays) {
    if (!isIsoDate(holiday)) return `holiday '${holiday}' is not a date written YYYY-MM-DD`;
  }
  return null;
}
