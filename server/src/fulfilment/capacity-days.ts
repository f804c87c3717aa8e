import type { EntityManager } from '@mikro-orm/core';
import { rowsOf } from '../db/rows.js';
import type { IsoDate, WorkCentreLoad } from '../engine/index.js';

/** Minutes of one work centre's day. */
export interface DayMinutes {
  workCentre: string;
  day: IsoDate;
  minutes: number;
}

/** The minutes summed per work-centre day, in work centre then day order (the order rows are locked in). */
export function perDay(bookings: readonly DayMinutes[]): DayMinutes[] {
  const byKey = new Map<string, DayMinutes>();
  for (const { workCentre, day, minutes } of bookings) {
    const key = `${workCentre}\u0000${day}`;
    const found = byKey.get(key);
    if (found) found.minutes += minutes;
    else byKey.set(key, { workCentre, day, minutes });
  }
  return [...byKey.values()].sort((a, b) =>
    a.workCentre === b.workCentre ? a.day.localeCompare(b.day) : a.workCentre.localeCompare(b.workCentre),
  );
}

/**
 * Books the minutes on their work-centre days with one guarded statement: a day takes them only while its
 * booked minutes stay within its capacity (each centre's from `loads`, as the plan used). True when every
 * day took them; false when another order took some of the minutes since the loads were read (the caller
 * rolls back what this statement did and plans again). Only orders booking the same day wait for each other:
 * a day's row stays locked until the transaction ends.
 */
export async function bookDays(
  em: EntityManager,
  bookings: readonly DayMinutes[],
  loads: Map<string, WorkCentreLoad>,
): Promise<boolean> {
  const days = perDay(bookings);
  if (days.length === 0) return true;
  const params = days.flatMap(({ workCentre, day, minutes }) => {
    const capacity = loads.get(workCentre)?.minutesPerDay;
    if (capacity === undefined)
      throw new Error(`work centre ${workCentre} is not among the loads planned with`);
    return [workCentre, day, minutes, capacity];
  });
  const taken = await rowsOf<{ day: string }>(
    em,
    `insert into work_centre_day (work_centre, day, booked_minutes, capacity_minutes) values ${days.map(() => '(?, ?, ?, ?)').join(', ')} on conflict (work_centre, day) do update set booked_minutes = work_centre_day.booked_minutes + excluded.booked_minutes, capacity_minutes = excluded.capacity_minutes where work_centre_day.booked_minutes + excluded.booked_minutes <= excluded.capacity_minutes returning day as "day"`,
    params,
  );
  return taken.length === days.length;
}

/**
 * Deletes capacity bookings (an order's, or some work orders' after a day) and gives their minutes back to
 * their days, in the caller's transaction. Returns how many bookings were deleted.
 */
export async function releaseBookings(
  em: EntityManager,
  which: { orderId: number } | { workOrderIds: number[]; after: IsoDate },
): Promise<number> {
  if ('workOrderIds' in which && which.workOrderIds.length === 0) return 0;
  const released = await rowsOf<{ workCentre: string; day: string; minutes: number | string }>(
    em,
    'orderId' in which
      ? 'delete from capacity_booking where order_id = ? returning work_centre as "workCentre", day as "day", minutes as "minutes"'
      : `delete from capacity_booking where work_order_id in (${which.workOrderIds.map(() => '?').join(', ')}) and day > ? returning work_centre as "workCentre", day as "day", minutes as "minutes"`,
    'orderId' in which ? [which.orderId] : [...which.workOrderIds, which.after],
  );
  const days = perDay(released.map((row) => ({ ...row, minutes: Number(row.minutes) })));
  if (days.length > 0)
    // A subtraction, not a value read before (other orders may book the same days at the same time), and
    // the rows taken in work centre and day order, as bookDays takes them (an UPDATE … WHERE … OR … would
    // lock them in the order it finds them, and two transactions could then wait for each other).
    await rowsOf(
      em,
      `insert into work_centre_day (work_centre, day, booked_minutes, capacity_minutes) values ${days.map(() => '(?, ?, ?, 0)').join(', ')} on conflict (work_centre, day) do update set booked_minutes = work_centre_day.booked_minutes + excluded.booked_minutes returning day as "day"`,
      days.flatMap(({ workCentre, day, minutes }) => [workCentre, day, -minutes]),
    );
  return released.length;
}
