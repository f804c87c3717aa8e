import { Migration } from '@mikro-orm/migrations';

export class Migration20261207151857_work_centre_day extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`work_centre_day\` (\`work_centre\` text not null, \`day\` text not null, \`booked_minutes\` integer not null, primary key (\`work_centre\`, \`day\`));`,
    );
    // What is promised so far: the bookings' sums per work centre and day.
    this.addSql(
      `insert into \`work_centre_day\` (\`work_centre\`, \`day\`, \`booked_minutes\`) select \`work_centre\`, \`day\`, sum(\`minutes\`) from \`capacity_booking\` group by \`work_centre\`, \`day\`;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`work_centre_day\`;`);
  }
}
