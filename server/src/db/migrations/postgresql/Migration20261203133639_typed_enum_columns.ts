import { Migration } from '@mikro-orm/migrations';

export class Migration20261203133639_typed_enum_columns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" alter column "status" type text using ("status"::text);`);
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_status_check" check("status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(`alter table "order_event" alter column "kind" type text using ("kind"::text);`);
    this.addSql(
      `alter table "order_event" alter column "from_status" type text using ("from_status"::text);`,
    );
    this.addSql(`alter table "order_event" alter column "to_status" type text using ("to_status"::text);`);
    this.addSql(
      `alter table "order_event" add constraint "order_event_kind_check" check("kind" in ('PLACED', 'MATERIALS_PLANNED', 'CONFIRMED', 'AWAITING_MATERIALS', 'MATERIAL_RECEIVED', 'MATERIALS_READY', 'MATERIALS_ISSUED', 'WORK_STARTED', 'WORK_COMPLETED', 'PRODUCTION_FINISHED', 'QUALITY_PASSED', 'QUALITY_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RELEASED', 'PROMISE_SLIPPED', 'SUPPLY_UPDATED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_from_status_check" check("from_status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_to_status_check" check("to_status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(`alter table "part" alter column "kind" type text using ("kind"::text);`);
    this.addSql(
      `alter table "part" add constraint "part_kind_check" check("kind" in ('purchased', 'made'));`,
    );

    this.addSql(`alter table "order_bom_line" alter column "kind" type text using ("kind"::text);`);
    this.addSql(
      `alter table "order_bom_line" add constraint "order_bom_line_kind_check" check("kind" in ('purchased', 'made'));`,
    );

    this.addSql(`alter table "purchase_requisition" alter column "status" type text using ("status"::text);`);
    this.addSql(
      `alter table "purchase_requisition" add constraint "purchase_requisition_status_check" check("status" in ('OPEN', 'RECEIVED', 'CANCELLED'));`,
    );

    this.addSql(`alter table "stock_reservation" alter column "status" type text using ("status"::text);`);
    this.addSql(
      `alter table "stock_reservation" add constraint "stock_reservation_status_check" check("status" in ('RESERVED', 'ISSUED', 'RELEASED'));`,
    );

    this.addSql(`alter table "stock_movement" alter column "kind" type text using ("kind"::text);`);
    this.addSql(
      `alter table "stock_movement" add constraint "stock_movement_kind_check" check("kind" in ('ADJUSTMENT', 'RECEIPT', 'ISSUE'));`,
    );

    this.addSql(`alter table "work_order" alter column "status" type text using ("status"::text);`);
    this.addSql(
      `alter table "work_order" add constraint "work_order_status_check" check("status" in ('PLANNED', 'STARTED', 'DONE', 'CANCELLED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_order" drop constraint if exists "customer_order_status_check";`);

    this.addSql(`alter table "order_bom_line" drop constraint if exists "order_bom_line_kind_check";`);

    this.addSql(`alter table "order_event" drop constraint if exists "order_event_kind_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_from_status_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_to_status_check";`);

    this.addSql(`alter table "part" drop constraint if exists "part_kind_check";`);

    this.addSql(
      `alter table "purchase_requisition" drop constraint if exists "purchase_requisition_status_check";`,
    );

    this.addSql(`alter table "stock_movement" drop constraint if exists "stock_movement_kind_check";`);

    this.addSql(
      `alter table "stock_reservation" drop constraint if exists "stock_reservation_status_check";`,
    );

    this.addSql(`alter table "work_order" drop constraint if exists "work_order_status_check";`);

    this.addSql(
      `alter table "customer_order" alter column "status" type varchar(32) using ("status"::varchar(32));`,
    );

    this.addSql(
      `alter table "order_bom_line" alter column "kind" type varchar(16) using ("kind"::varchar(16));`,
    );

    this.addSql(
      `alter table "order_event" alter column "kind" type varchar(32) using ("kind"::varchar(32));`,
    );
    this.addSql(
      `alter table "order_event" alter column "from_status" type varchar(32) using ("from_status"::varchar(32));`,
    );
    this.addSql(
      `alter table "order_event" alter column "to_status" type varchar(32) using ("to_status"::varchar(32));`,
    );

    this.addSql(`alter table "part" alter column "kind" type varchar(16) using ("kind"::varchar(16));`);

    this.addSql(
      `alter table "purchase_requisition" alter column "status" type varchar(16) using ("status"::varchar(16));`,
    );

    this.addSql(
      `alter table "stock_movement" alter column "kind" type varchar(16) using ("kind"::varchar(16));`,
    );

    this.addSql(
      `alter table "stock_reservation" alter column "status" type varchar(16) using ("status"::varchar(16));`,
    );

    this.addSql(
      `alter table "work_order" alter column "status" type varchar(16) using ("status"::varchar(16));`,
    );
  }
}
