import { Migration } from '@mikro-orm/migrations';

export class Migration20261126083853_fulfilment extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`holiday\` (\`day\` text not null, \`name\` text not null, primary key (\`day\`));`,
    );

    this.addSql(
      `create table \`order_event\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`kind\` text not null, \`from_status\` text null, \`to_status\` text null, \`message\` text not null, constraint \`order_event_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`order_event_order_id_index\` on \`order_event\` (\`order_id\`);`);
    this.addSql(`create index \`order_event_order_id_at_index\` on \`order_event\` (\`order_id\`, \`at\`);`);

    this.addSql(
      `create table \`purchase_requisition\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`supplier\` text null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`shortage\` text not null, \`quantity\` text not null, \`status\` text not null, \`created_at\` datetime not null, \`due_date\` text not null, \`expected_date\` text not null, \`received_at\` datetime null, constraint \`purchase_requisition_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`purchase_requisition_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create index \`purchase_requisition_order_id_index\` on \`purchase_requisition\` (\`order_id\`);`,
    );
    this.addSql(
      `create index \`purchase_requisition_order_line_id_index\` on \`purchase_requisition\` (\`order_line_id\`);`,
    );
    this.addSql(
      `create index \`purchase_requisition_status_expected_date_index\` on \`purchase_requisition\` (\`status\`, \`expected_date\`);`,
    );

    this.addSql(
      `create table \`quality_check\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`passed\` integer not null, \`items\` json not null, \`notes\` text null, constraint \`quality_check_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`quality_check_order_id_index\` on \`quality_check\` (\`order_id\`);`);

    this.addSql(
      `create table \`stock_reservation\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` text not null, \`status\` text not null, \`created_at\` datetime not null, constraint \`stock_reservation_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`stock_reservation_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`stock_reservation_order_id_index\` on \`stock_reservation\` (\`order_id\`);`);
    this.addSql(
      `create index \`stock_reservation_order_line_id_index\` on \`stock_reservation\` (\`order_line_id\`);`,
    );
    this.addSql(
      `create index \`stock_reservation_part_number_status_index\` on \`stock_reservation\` (\`part_number\`, \`status\`);`,
    );

    this.addSql(
      `create table \`stock_movement\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`at\` datetime not null, \`kind\` text not null, \`quantity\` text not null, \`on_hand_after\` text not null, \`reason\` text not null, \`actor\` text not null, \`order_number\` text null);`,
    );
    this.addSql(
      `create index \`stock_movement_part_number_at_index\` on \`stock_movement\` (\`part_number\`, \`at\`);`,
    );

    this.addSql(
      `create table \`work_centre\` (\`code\` text not null, \`name\` text not null, \`minutes_per_day\` integer not null, primary key (\`code\`));`,
    );

    this.addSql(
      `create table \`work_order\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`order_line_id\` integer not null, \`position\` integer not null, \`operation_code\` text not null, \`description\` text not null, \`work_centre\` text not null, \`minutes\` text not null, \`status\` text not null, \`rework\` integer not null default false, \`planned_start\` text null, \`planned_end\` text null, \`started_at\` datetime null, \`completed_at\` datetime null, constraint \`work_order_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`work_order_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`work_order_order_id_index\` on \`work_order\` (\`order_id\`);`);
    this.addSql(`create index \`work_order_order_line_id_index\` on \`work_order\` (\`order_line_id\`);`);
    this.addSql(`create index \`work_order_status_index\` on \`work_order\` (\`status\`);`);

    this.addSql(
      `create table \`capacity_booking\` (\`id\` integer not null primary key autoincrement, \`work_centre\` text not null, \`day\` text not null, \`minutes\` integer not null, \`order_id\` integer not null, \`work_order_id\` integer not null, constraint \`capacity_booking_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`capacity_booking_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_order\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`capacity_booking_order_id_index\` on \`capacity_booking\` (\`order_id\`);`);
    this.addSql(
      `create index \`capacity_booking_work_order_id_index\` on \`capacity_booking\` (\`work_order_id\`);`,
    );
    this.addSql(
      `create index \`capacity_booking_work_centre_day_index\` on \`capacity_booking\` (\`work_centre\`, \`day\`);`,
    );

    this.addSql(`alter table \`customer_order\` add column \`promise\` json null;`);
    this.addSql(`alter table \`customer_order\` add column \`expected_ship_date\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`slip_cause\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`carrier\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`tracking_number\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`shipped_at\` datetime null;`);
    this.addSql(`alter table \`customer_order\` add column \`delivered_at\` datetime null;`);

    this.addSql(`alter table \`part\` add column \`stock_reserved\` numeric(18,6) not null default '0';`);
    this.addSql(
      `alter table \`part\` add column \`minimum_order_quantity\` numeric(18,6) not null default '0';`,
    );
    this.addSql(`alter table \`part\` add column \`quantity_scale\` integer not null default 0;`);
  }
}
