import { type IsoDate, isoDate } from '../engine/index.js';

/**
 * Where "now" and "today" come from. Planning reads the date only through this, so that a demo, a test or
 * a benchmark can fix the planning date (MTO_TODAY) while events keep their real time.
 */
export interface Clock {
  now(): Date;
  /** The planning date, YYYY-MM-DD (UTC). */
  today(): IsoDate;
}

export function systemClock(fixedToday: IsoDate | null = null): Clock {
  return {
    now: () => new Date(),
    today: () => fixedToday ?? isoDate(new Date()),
  };
}
