import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Minutes of one work centre's day promised to orders: the sum of its capacity bookings, kept with them
 * (placement adds, cancelling and completing take away). Placement books a day with a guarded update
 * (`booked + minutes <= the centre's minutes per day`), so orders placed at once never book the same free
 * minutes, without a lock on the work centre, and reads what is promised from these rows instead of
 * summing every booking.
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
}
