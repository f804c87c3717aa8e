import { Decimal, parseDecimal } from '../common/decimal.js';

/**
 * Whether one order would take too much of the plant: its routing minutes on each work centre against
 * that centre's capacity over the next working days. Such an order books nothing when placed and waits
 * for a person to accept it (issue 12: one anonymous order for 2,000 e-bikes pushed every later
 * customer's promise back by years). Pure: the caller passes the order's operations and the centres.
 */

/**
 * The capacity horizon, in working days: about three months, the span over which the plant promises its
 * usual orders. Capacity further out is not what later customers are waiting for.
 */
export const REVIEW_HORIZON_WORKING_DAYS = 60;

/**
 * The share of one work centre's horizon an order may book without review, in percent. A quarter: large
 * enough for any ordinary order (the demo's largest single line books well under it), small enough that
 * one order can never hold most of a centre's next three months.
 */
export const REVIEW_SHARE_PERCENT = 25;

/** One operation of the order on a work centre: minutes as exact decimal text (a line's whole quantity). */
export interface ReviewOperation {
  workCentre: string;
  minutes: string;
}

export interface ReviewWorkCentre {
  code: string;
  name: string;
  minutesPerDay: number;
}

export interface CentreShare {
  code: string;
  name: string;
  /** The order's minutes on this centre, each operation rounded up to whole minutes (as it would book). */
  minutes: number;
  /** The centre's minutes over the horizon: minutes a day × working days. */
  capacityMinutes: number;
  /** minutes / capacityMinutes, in percent, rounded up (so that a share over the limit never reads as at it). */
  percent: number;
}

export interface CapacityShareOptions {
  horizonWorkingDays?: number;
  sharePercent?: number;
}

export type CapacityReview =
  | { needsReview: false; centres: CentreShare[] }
  | { needsReview: true; centres: CentreShare[]; largest: CentreShare; message: string };

/**
 * The order's share of each work centre's next `horizonWorkingDays` (centres in the order of first use),
 * and whether any share is more than `sharePercent`: then it needs review, named by the centre with the
 * largest share ("books 41% of Wheel building's next 60 working days: waits for review"). An operation
 * on a centre not given, or with minutes that are not a decimal, is a fault of the caller (thrown).
 */
export function capacityReview(
  operations: readonly ReviewOperation[],
  workCentres: ReadonlyMap<string, ReviewWorkCentre>,
  {
    horizonWorkingDays = REVIEW_HORIZON_WORKING_DAYS,
    sharePercent = REVIEW_SHARE_PERCENT,
  }: CapacityShareOptions = {},
): CapacityReview {
  const minutesByCentre = new Map<string, number>();
  for (const operation of operations) {
    const minutes = parseDecimal(operation.minutes);
    if (!minutes || minutes.isNegative())
      throw new Error(
        `'${operation.minutes}' minutes on ${operation.workCentre} is not a decimal of minutes`,
      );
    if (!workCentres.has(operation.workCentre))
      throw new Error(`Unknown work centre ${operation.workCentre}`);
    const whole = minutes.toDecimalPlaces(0, Decimal.ROUND_CEIL).toNumber();
    minutesByCentre.set(operation.workCentre, (minutesByCentre.get(operation.workCentre) ?? 0) + whole);
  }
  const centres: CentreShare[] = [];
  let largest: CentreShare | null = null;
  let over = false;
  for (const [code, minutes] of minutesByCentre) {
    const centre = workCentres.get(code)!;
    const capacityMinutes = centre.minutesPerDay * horizonWorkingDays;
    const share: CentreShare = {
      code,
      name: centre.name,
      minutes,
      capacityMinutes,
      // A centre with no minutes a day cannot be planned on at all (the promise refuses it): any work is all of it.
      percent: capacityMinutes > 0 ? Math.ceil((minutes * 100) / capacityMinutes) : minutes > 0 ? 100 : 0,
    };
    centres.push(share);
    // Compared in whole numbers: minutes / capacity > percent / 100.
    if (minutes * 100 > sharePercent * capacityMinutes) over = true;
    if (!largest || minutes * largest.capacityMinutes > largest.minutes * capacityMinutes) largest = share;
  }
  if (!over || !largest) return { needsReview: false, centres };
  return {
    needsReview: true,
    centres,
    largest,
    message: `books ${largest.percent}% of ${largest.name}'s next ${horizonWorkingDays} working days: waits for review`,
  };
}
