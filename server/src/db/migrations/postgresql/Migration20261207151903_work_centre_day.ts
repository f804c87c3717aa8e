import { Migration } from '@mikro-orm/migrations';

export class Migration20261207151903_work_centre_day extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "work_centre_day" ("work_centre" varchar(64) not null, "day" varchar(10) not null, "booked_minutes" int not null, constraint "work_centre_day_pkey" primary key ("work_centre", "day"));`,
    );
    // What is promised so far: the bookings' sums per work centre and day.
    this.addSql(
      `insert into "work_centre_day" ("work_centre", "day", "booked_minutes") select "work_centre", "day", sum("minutes") from "capacity_booking" group by "work_centre", "day";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "work_centre_day" cascade;`);
  }
}
