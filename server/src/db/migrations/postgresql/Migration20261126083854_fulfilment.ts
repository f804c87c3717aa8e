import { Migration } from '@mikro-orm/migrations';

export class Migration20261126083854_fulfilment extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "holiday" ("day" varchar(10) not null, "name" varchar(200) not null, constraint "holiday_pkey" primary key ("day"));`,
    );

    this.addSql(
      `create table "order_event" ("id" serial primary key, "order_id" int not null, "at" timestamptz not null, "actor" varchar(100) not null, "kind" varchar(32) not null, "from_status" varchar(32) null, "to_status" varchar(32) null, "message" varchar(1000) not null);`,
    );
    this.addSql(`create index "order_event_order_id_at_index" on "order_event" ("order_id", "at");`);

    this.addSql(
      `create table "purchase_requisition" ("id" serial primary key, "part_number" varchar(64) not null, "supplier" varchar(200) null, "order_id" int not null, "order_line_id" int not null, "shortage" varchar(40) not null, "quantity" varchar(40) not null, "status" varchar(16) not null, "created_at" timestamptz not null, "due_date" varchar(10) not null, "expected_date" varchar(10) not null, "received_at" timestamptz null);`,
    );
    this.addSql(
      `create index "purchase_requisition_status_expected_date_index" on "purchase_requisition" ("status", "expected_date");`,
    );

    this.addSql(
      `create table "quality_check" ("id" serial primary key, "order_id" int not null, "at" timestamptz not null, "actor" varchar(100) not null, "passed" boolean not null, "items" jsonb not null, "notes" varchar(2000) null);`,
    );

    this.addSql(
      `create table "stock_reservation" ("id" serial primary key, "part_number" varchar(64) not null, "order_id" int not null, "order_line_id" int not null, "quantity" varchar(40) not null, "status" varchar(16) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "stock_reservation_part_number_status_index" on "stock_reservation" ("part_number", "status");`,
    );

    this.addSql(
      `create table "stock_movement" ("id" serial primary key, "part_number" varchar(64) not null, "at" timestamptz not null, "kind" varchar(16) not null, "quantity" varchar(40) not null, "on_hand_after" varchar(40) not null, "reason" varchar(500) not null, "actor" varchar(100) not null, "order_number" varchar(32) null);`,
    );
    this.addSql(
      `create index "stock_movement_part_number_at_index" on "stock_movement" ("part_number", "at");`,
    );

    this.addSql(
      `create table "work_centre" ("code" varchar(64) not null, "name" varchar(200) not null, "minutes_per_day" int not null, constraint "work_centre_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "work_order" ("id" serial primary key, "order_id" int not null, "order_line_id" int not null, "position" int not null, "operation_code" varchar(64) not null, "description" varchar(300) not null, "work_centre" varchar(64) not null, "minutes" varchar(60) not null, "status" varchar(16) not null, "rework" boolean not null default false, "planned_start" varchar(10) null, "planned_end" varchar(10) null, "started_at" timestamptz null, "completed_at" timestamptz null);`,
    );
    this.addSql(`create index "work_order_status_index" on "work_order" ("status");`);

    this.addSql(
      `create table "capacity_booking" ("id" serial primary key, "work_centre" varchar(64) not null, "day" varchar(10) not null, "minutes" int not null, "order_id" int not null, "work_order_id" int not null);`,
    );
    this.addSql(
      `create index "capacity_booking_work_centre_day_index" on "capacity_booking" ("work_centre", "day");`,
    );

    this.addSql(
      `alter table "order_event" add constraint "order_event_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "purchase_requisition" add constraint "purchase_requisition_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "purchase_requisition" add constraint "purchase_requisition_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "quality_check" add constraint "quality_check_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "stock_reservation" add constraint "stock_reservation_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "stock_reservation" add constraint "stock_reservation_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "work_order" add constraint "work_order_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "capacity_booking" add constraint "capacity_booking_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "capacity_booking" add constraint "capacity_booking_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_order" add column "promise" jsonb null, add column "expected_ship_date" varchar(10) null, add column "slip_cause" varchar(500) null, add column "carrier" varchar(100) null, add column "tracking_number" varchar(100) null, add column "shipped_at" timestamptz null, add column "delivered_at" timestamptz null;`,
    );

    this.addSql(
      `alter table "part" add column "stock_reserved" numeric(18,6) not null default '0', add column "minimum_order_quantity" numeric(18,6) not null default '0', add column "quantity_scale" int not null default 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "capacity_booking" drop constraint "capacity_booking_work_order_id_foreign";`);

    this.addSql(`drop table if exists "holiday" cascade;`);

    this.addSql(`drop table if exists "order_event" cascade;`);

    this.addSql(`drop table if exists "purchase_requisition" cascade;`);

    this.addSql(`drop table if exists "quality_check" cascade;`);

    this.addSql(`drop table if exists "stock_reservation" cascade;`);

    this.addSql(`drop table if exists "stock_movement" cascade;`);

    this.addSql(`drop table if exists "work_centre" cascade;`);

    this.addSql(`drop table if exists "work_order" cascade;`);

    this.addSql(`drop table if exists "capacity_booking" cascade;`);

    this.addSql(
      `alter table "customer_order" drop column "promise", drop column "expected_ship_date", drop column "slip_cause", drop column "carrier", drop column "tracking_number", drop column "shipped_at", drop column "delivered_at";`,
    );

    this.addSql(
      `alter table "part" drop column "stock_reserved", drop column "minimum_order_quantity", drop column "quantity_scale";`,
    );
  }
}
