import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One work centre's day: the minutes booked on it (the sum of its capacity bookings) and its capacity.
 * Placement books a day with one guarded statement (`booked + minutes <= capacity`), so orders being
 * placed at once never promise the same free minutes, and only orders booking the same day wait for each
 * other (not every order for every work centre). Kept in step with capacity_booking by whoever writes it.
 */
@Entity({ tableName: 'work_centre_day' })
export class WorkCentreDay {
  @PrimaryKey({ type: 'string', length: 64 })
  workCentre!: string;

  /** YYYY-MM-DD */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'integer' })
  bookedMinutes!: number;

  /** The work centre's minutes per day when the day was last booked. */
  @Property({ type: 'integer' })
  capacityMinutes!: number;
}
