import { Migration } from '@mikro-orm/migrations';

export class Migration20261208044311_work_centre_days extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "work_centre_day" ("work_centre" varchar(64) not null, "day" varchar(10) not null, "booked_minutes" int not null, "capacity_minutes" int not null, constraint "work_centre_day_pkey" primary key ("work_centre", "day"));`,
    );
    // Each day already booked, from its bookings: the capacity placement books against from now on.
    this.addSql(
      `insert into "work_centre_day" ("work_centre", "day", "booked_minutes", "capacity_minutes") select b."work_centre", b."day", sum(b."minutes"), coalesce(max(w."minutes_per_day"), 480) from "capacity_booking" b left join "work_centre" w on w."code" = b."work_centre" group by b."work_centre", b."day";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "work_centre_day" cascade;`);
  }
}
