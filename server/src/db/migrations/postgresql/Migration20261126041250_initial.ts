import { Migration } from '@mikro-orm/migrations';

export class Migration20261126041250_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "customer" ("id" serial primary key, "name" varchar(200) not null, "email" varchar(320) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "customer" add constraint "customer_email_unique" unique ("email");`);

    this.addSql(
      `create table "customer_order" ("id" serial primary key, "number" varchar(32) not null, "status" varchar(32) not null, "placed_at" timestamptz not null, "customer_id" int not null, "idempotency_key" varchar(200) null, "currency" varchar(3) not null, "total_minor" bigint not null);`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_number_unique" unique ("number");`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(`create index "customer_order_placed_at_id_index" on "customer_order" ("placed_at", "id");`);

    this.addSql(
      `create table "part" ("part_number" varchar(64) not null, "description" varchar(300) not null, "unit" varchar(16) not null, "kind" varchar(16) not null, "cost_minor" bigint not null, "currency" varchar(3) not null, "supplier" varchar(200) null, "lead_time_days" int not null, "stock_on_hand" numeric(18,6) not null default '0', constraint "part_pkey" primary key ("part_number"));`,
    );

    this.addSql(
      `create table "product_model_version" ("id" serial primary key, "product_code" varchar(100) not null, "version" int not null, "name" varchar(200) not null, "source" text not null, "source_hash" varchar(64) not null, "published_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "product_model_version" add constraint "product_model_version_product_code_version_unique" unique ("product_code", "version");`,
    );

    this.addSql(
      `create table "order_line" ("id" serial primary key, "order_id" int not null, "position" int not null, "model_version_id" int not null, "quantity" int not null, "selection" jsonb not null, "chosen_features" jsonb not null, "price" jsonb not null, "total_minor" bigint not null);`,
    );

    this.addSql(
      `create table "order_operation" ("id" serial primary key, "line_id" int not null, "position" int not null, "code" varchar(64) not null, "description" varchar(300) not null, "work_centre" varchar(64) not null, "minutes" varchar(60) not null);`,
    );

    this.addSql(
      `create table "order_bom_line" ("id" serial primary key, "line_id" int not null, "position" int not null, "level" int not null, "part_number" varchar(64) not null, "parent_part_number" varchar(64) null, "description" varchar(300) not null, "quantity" varchar(40) not null, "unit" varchar(16) not null, "kind" varchar(16) not null, "unit_cost_minor" bigint not null);`,
    );
    this.addSql(`create index "order_bom_line_part_number_index" on "order_bom_line" ("part_number");`);

    this.addSql(
      `create table "saved_configuration" ("id" serial primary key, "code" varchar(32) not null, "product_code" varchar(100) not null, "model_version" int not null, "selections" jsonb not null, "quantity" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "saved_configuration" add constraint "saved_configuration_code_unique" unique ("code");`,
    );

    this.addSql(
      `alter table "customer_order" add constraint "customer_order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "order_line" add constraint "order_line_model_version_id_foreign" foreign key ("model_version_id") references "product_model_version" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "order_operation" add constraint "order_operation_line_id_foreign" foreign key ("line_id") references "order_line" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "order_bom_line" add constraint "order_bom_line_line_id_foreign" foreign key ("line_id") references "order_line" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_order" drop constraint "customer_order_customer_id_foreign";`);

    this.addSql(`alter table "order_line" drop constraint "order_line_order_id_foreign";`);

    this.addSql(`alter table "order_line" drop constraint "order_line_model_version_id_foreign";`);

    this.addSql(`alter table "order_operation" drop constraint "order_operation_line_id_foreign";`);

    this.addSql(`alter table "order_bom_line" drop constraint "order_bom_line_line_id_foreign";`);

    this.addSql(`drop table if exists "customer" cascade;`);

    this.addSql(`drop table if exists "customer_order" cascade;`);

    this.addSql(`drop table if exists "part" cascade;`);

    this.addSql(`drop table if exists "product_model_version" cascade;`);

    this.addSql(`drop table if exists "order_line" cascade;`);

    this.addSql(`drop table if exists "order_operation" cascade;`);

    this.addSql(`drop table if exists "order_bom_line" cascade;`);

    this.addSql(`drop table if exists "saved_configuration" cascade;`);
  }
}
