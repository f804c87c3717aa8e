import { Migration } from '@mikro-orm/migrations';

export class Migration20261203145150_awaiting_review_status extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" drop constraint if exists "customer_order_status_check";`);

    this.addSql(`alter table "order_event" drop constraint if exists "order_event_kind_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_from_status_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_to_status_check";`);

    this.addSql(
      `alter table "customer_order" add constraint "customer_order_status_check" check("status" in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "order_event" add constraint "order_event_kind_check" check("kind" in ('AWAITING_REVIEW', 'REVIEW_ACCEPTED', 'PLACED', 'MATERIALS_PLANNED', 'CONFIRMED', 'AWAITING_MATERIALS', 'MATERIAL_RECEIVED', 'MATERIALS_READY', 'MATERIALS_ISSUED', 'WORK_STARTED', 'WORK_COMPLETED', 'PRODUCTION_FINISHED', 'QUALITY_PASSED', 'QUALITY_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RELEASED', 'PROMISE_SLIPPED', 'SUPPLY_UPDATED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_from_status_check" check("from_status" in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_to_status_check" check("to_status" in ('AWAITING_REVIEW', 'PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_order" drop constraint if exists "customer_order_status_check";`);

    this.addSql(`alter table "order_event" drop constraint if exists "order_event_kind_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_from_status_check";`);
    this.addSql(`alter table "order_event" drop constraint if exists "order_event_to_status_check";`);

    this.addSql(
      `alter table "customer_order" add constraint "customer_order_status_check" check("status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "order_event" add constraint "order_event_kind_check" check("kind" in ('PLACED', 'MATERIALS_PLANNED', 'CONFIRMED', 'AWAITING_MATERIALS', 'MATERIAL_RECEIVED', 'MATERIALS_READY', 'MATERIALS_ISSUED', 'WORK_STARTED', 'WORK_COMPLETED', 'PRODUCTION_FINISHED', 'QUALITY_PASSED', 'QUALITY_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RELEASED', 'PROMISE_SLIPPED', 'SUPPLY_UPDATED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_from_status_check" check("from_status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "order_event" add constraint "order_event_to_status_check" check("to_status" in ('PLACED', 'CONFIRMED', 'AWAITING_MATERIALS', 'IN_PRODUCTION', 'QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
  }
}
