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

/**
 * Conversions between dates and day numbers, remembered: placing one order converts thousands of dates
 * (every lead time and every day a work order may be booked), and `Date`'s formatting and parsing were a
 * tenth of placement's time. Bounded, so a stream of odd dates cannot grow them without end.
 */
const MEMO_LIMIT = 100_000;
const textOfDay = new Map<number, IsoDate>();
const dayOfText = new Map<string, number>();

/** Whether `text` is a real date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  if (dayOfText.has(text)) return true;
  return parseDay(text) !== null;
}

/** The day number of a real `YYYY-MM-DD` date, or null. */
function parseDay(text: string): number | null {
  const known = dayOfText.get(text);
  if (known !== undefined) return known;
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  if (isoDateOfDay(day) !== text) return null;
  if (dayOfText.size < MEMO_LIMIT) dayOfText.set(text, day);
  return day;
}

/** The UTC calendar date of a moment, `YYYY-MM-DD`. */
export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a date; throws a RangeError for text that is not a date. */
export function dayNumber(date: IsoDate): number {
  const day = parseDay(date);
  if (day === null) throw new RangeError(`'${date}' is not a date written YYYY-MM-DD`);
  return day;
}

function isoDateOfDay(day: number): IsoDate {
  let text = textOfDay.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (textOfDay.size < MEMO_LIMIT) textOfDay.set(day, text);
  }
  return text;
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return isoDateOfDay(dayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfDay(dayNumber(date));
}

function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  return !calendar.weekend.includes(dayOfWeek(date)) && !calendar.holidays.has(date);
}

/** The calendar's holidays as day numbers, worked out once per set of holidays (and again if it grows). */
const holidayDays = new WeakMap<ReadonlySet<IsoDate>, { size: number; days: Set<number> }>();

function holidaysOf(calendar: WorkingCalendar): Set<number> {
  const known = holidayDays.get(calendar.holidays);
  if (known && known.size === calendar.holidays.size) return known.days;
  const days = new Set<number>();
  for (const holiday of calendar.holidays) {
    const day = parseDay(holiday);
    if (day !== null) days.add(day);
  }
  holidayDays.set(calendar.holidays, { size: calendar.holidays.size, days });
  return days;
}

function isWorkingDayNumber(calendar: WorkingCalendar, holidays: Set<number>, day: number): boolean {
  return !calendar.weekend.includes(weekdayOfDay(day)) && !holidays.has(day);
}

/** `day` itself when it is a working day, else the first working day after it (day numbers). */
function nextWorkingDayNumber(calendar: WorkingCalendar, holidays: Set<number>, from: number): number {
  let day = from;
  for (let step = 0; step <= MAX_CALENDAR_SEARCH_DAYS; step++, day++) {
    if (isWorkingDayNumber(calendar, holidays, day)) return day;
  }
  throw new RangeError(
    `no working day within ${MAX_CALENDAR_SEARCH_DAYS} days of ${isoDateOfDay(from)}: the calendar has no working days`,
  );
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  return isoDateOfDay(nextWorkingDayNumber(calendar, holidaysOf(calendar), dayNumber(date)));
}

/** The first working day strictly after `date`. */
export function workingDayAfter(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  return isoDateOfDay(nextWorkingDayNumber(calendar, holidaysOf(calendar), dayNumber(date) + 1));
}

/**
 * `days` (0 or more, whole) working days after `from`: 0 gives nextWorkingDay(from), 1 the working day
 * after that, and so on. So a part with 21 days of lead time ordered on a working day arrives on the
 * 21st working day after it.
 */
export function addWorkingDays(calendar: WorkingCalendar, from: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days to add must be a whole number 0 or more, not ${days}`);
  const holidays = holidaysOf(calendar);
  let day = nextWorkingDayNumber(calendar, holidays, dayNumber(from));
  for (let i = 0; i < days; i++) day = nextWorkingDayNumber(calendar, holidays, day + 1);
  return isoDateOfDay(day);
}

/**
 * The number of working days in (from, to]: how many working days later `to` is than `from`.
 * Negative when `to` is before `from` (minus the working days in (to, from]); 0 when they are equal.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end < start) return -workingDaysBetween(calendar, to, from);
  const holidays = holidaysOf(calendar);
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDayNumber(calendar, holidays, day)) count++;
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
