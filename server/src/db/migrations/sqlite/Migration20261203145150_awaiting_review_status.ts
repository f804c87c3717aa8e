import { Migration } from '@mikro-orm/migrations';

/**
 * AWAITING_REVIEW and the review's event kinds in the CHECK constraints: SQLite changes one only by
 * rebuilding the table (openDatabase runs SQLite migrations with foreign keys off and checks them after).
 */
export class Migration20261203145150_awaiting_review_status extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`customer_order__temp_alter\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`status\` text check (\`status\` in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED')) not null, \`placed_at\` datetime not null, \`customer_id\` integer not null, \`idempotency_key\` text null, \`request_hash\` text null, \`currency\` text not null, \`total_minor\` bigint not null, \`promise\` json null, \`expected_ship_date\` text null, \`slip_cause\` text null, \`carrier\` text null, \`tracking_number\` text null, \`shipped_at\` datetime null, \`delivered_at\` datetime null, constraint \`customer_order_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(
      `insert into \`customer_order__temp_alter\` select \`id\`, \`number\`, \`status\`, \`placed_at\`, \`customer_id\`, \`idempotency_key\`, \`request_hash\`, \`currency\`, \`total_minor\`, \`promise\`, \`expected_ship_date\`, \`slip_cause\`, \`carrier\`, \`tracking_number\`, \`shipped_at\`, \`delivered_at\` from \`customer_order\`;`,
    );
    this.addSql(`drop table \`customer_order\`;`);
    this.addSql(`alter table \`customer_order__temp_alter\` rename to \`customer_order\`;`);
    this.addSql(`create unique index \`customer_order_number_unique\` on \`customer_order\` (\`number\`);`);
    this.addSql(`create index \`customer_order_customer_id_index\` on \`customer_order\` (\`customer_id\`);`);
    this.addSql(
      `create unique index \`customer_order_idempotency_key_unique\` on \`customer_order\` (\`idempotency_key\`);`,
    );
    this.addSql(
      `create index \`customer_order_placed_at_id_index\` on \`customer_order\` (\`placed_at\`, \`id\`);`,
    );
    this.addSql(
      `create table \`order_event__temp_alter\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`kind\` text check (\`kind\` in ('AWAITING_REVIEW', 'REVIEW_ACCEPTED', 'PLACED', 'MATERIALS_PLANNED', 'CONFIRMED', 'AWAITING_MATERIALS', 'MATERIAL_RECEIVED', 'MATERIALS_READY', 'MATERIALS_ISSUED', 'WORK_STARTED', 'WORK_COMPLETED', 'PRODUCTION_FINISHED', 'QUALITY_PASSED', 'QUALITY_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RELEASED', 'PROMISE_SLIPPED', 'SUPPLY_UPDATED')) not null, \`from_status\` text check (\`from_status\` in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED')) null, \`to_status\` text check (\`to_status\` in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED')) null, \`message\` text not null, constraint \`order_event_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`order_event__temp_alter\` select \`id\`, \`order_id\`, \`at\`, \`actor\`, \`kind\`, \`from_status\`, \`to_status\`, \`message\` from \`order_event\`;`,
    );
    this.addSql(`drop table \`order_event\`;`);
    this.addSql(`alter table \`order_event__temp_alter\` rename to \`order_event\`;`);
    this.addSql(`create index \`order_event_order_id_index\` on \`order_event\` (\`order_id\`);`);
    this.addSql(`create index \`order_event_order_id_at_index\` on \`order_event\` (\`order_id\`, \`at\`);`);
    this.addSql(
      `create table \`purchase_requisition__temp_alter\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`supplier\` text null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`shortage\` text not null, \`quantity\` text not null, \`status\` text check (\`status\` in ('OPEN', 'RECEIVED', 'CANCELLED')) not null, \`created_at\` datetime not null, \`due_date\` text not null, \`expected_date\` text not null, \`received_at\` datetime null, constraint \`purchase_requisition_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`purchase_requisition_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`purchase_requisition__temp_alter\` select \`id\`, \`part_number\`, \`supplier\`, \`order_id\`, \`order_line_id\`, \`shortage\`, \`quantity\`, \`status\`, \`created_at\`, \`due_date\`, \`expected_date\`, \`received_at\` from \`purchase_requisition\`;`,
    );
    this.addSql(`drop table \`purchase_requisition\`;`);
    this.addSql(`alter table \`purchase_requisition__temp_alter\` rename to \`purchase_requisition\`;`);
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
      `create table \`stock_reservation__temp_alter\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`order_id\` integer not null, \`order_line_id\` integer not null, \`quantity\` text not null, \`status\` text check (\`status\` in ('RESERVED', 'ISSUED', 'RELEASED')) not null, \`created_at\` datetime not null, constraint \`stock_reservation_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`stock_reservation_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`stock_reservation__temp_alter\` select \`id\`, \`part_number\`, \`order_id\`, \`order_line_id\`, \`quantity\`, \`status\`, \`created_at\` from \`stock_reservation\`;`,
    );
    this.addSql(`drop table \`stock_reservation\`;`);
    this.addSql(`alter table \`stock_reservation__temp_alter\` rename to \`stock_reservation\`;`);
    this.addSql(`create index \`stock_reservation_order_id_index\` on \`stock_reservation\` (\`order_id\`);`);
    this.addSql(
      `create index \`stock_reservation_order_line_id_index\` on \`stock_reservation\` (\`order_line_id\`);`,
    );
    this.addSql(
      `create index \`stock_reservation_part_number_status_index\` on \`stock_reservation\` (\`part_number\`, \`status\`);`,
    );
    this.addSql(
      `create table \`stock_movement__temp_alter\` (\`id\` integer not null primary key autoincrement, \`part_number\` text not null, \`at\` datetime not null, \`kind\` text check (\`kind\` in ('ADJUSTMENT', 'RECEIPT', 'ISSUE')) not null, \`quantity\` text not null, \`on_hand_after\` text not null, \`reason\` text not null, \`actor\` text not null, \`order_number\` text null);`,
    );
    this.addSql(
      `insert into \`stock_movement__temp_alter\` select \`id\`, \`part_number\`, \`at\`, \`kind\`, \`quantity\`, \`on_hand_after\`, \`reason\`, \`actor\`, \`order_number\` from \`stock_movement\`;`,
    );
    this.addSql(`drop table \`stock_movement\`;`);
    this.addSql(`alter table \`stock_movement__temp_alter\` rename to \`stock_movement\`;`);
    this.addSql(
      `create index \`stock_movement_part_number_at_index\` on \`stock_movement\` (\`part_number\`, \`at\`);`,
    );
    this.addSql(
      `create table \`work_order__temp_alter\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`order_line_id\` integer not null, \`position\` integer not null, \`operation_code\` text not null, \`description\` text not null, \`work_centre\` text not null, \`minutes\` text not null, \`status\` text check (\`status\` in ('PLANNED', 'STARTED', 'DONE', 'CANCELLED')) not null, \`rework\` integer not null default false, \`planned_start\` text null, \`planned_end\` text null, \`started_at\` datetime null, \`completed_at\` datetime null, constraint \`work_order_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`work_order_order_line_id_foreign\` foreign key(\`order_line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`work_order__temp_alter\` select \`id\`, \`order_id\`, \`order_line_id\`, \`position\`, \`operation_code\`, \`description\`, \`work_centre\`, \`minutes\`, \`status\`, \`rework\`, \`planned_start\`, \`planned_end\`, \`started_at\`, \`completed_at\` from \`work_order\`;`,
    );
    this.addSql(`drop table \`work_order\`;`);
    this.addSql(`alter table \`work_order__temp_alter\` rename to \`work_order\`;`);
    this.addSql(`create index \`work_order_order_id_index\` on \`work_order\` (\`order_id\`);`);
    this.addSql(`create index \`work_order_order_line_id_index\` on \`work_order\` (\`order_line_id\`);`);
    this.addSql(`create index \`work_order_status_index\` on \`work_order\` (\`status\`);`);
  }
}
