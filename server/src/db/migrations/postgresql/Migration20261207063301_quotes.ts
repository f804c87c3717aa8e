import { Migration } from '@mikro-orm/migrations';

export class Migration20261207063301_quotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "approval_rule" ("id" serial primary key, "name" varchar(200) not null, "kind" text check ("kind" in ('DISCOUNT_ABOVE', 'MARGIN_BELOW', 'TOTAL_ABOVE')) not null, "scope" text check ("scope" in ('LINE', 'QUOTE')) null, "percent" varchar(20) null, "amount_minor" bigint null, "currency" varchar(3) null, "active" boolean not null, "created_by" varchar(400) not null, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "quote" ("id" serial primary key, "number" varchar(32) not null, "revision" int not null, "reference" varchar(40) not null, "account_id" int not null, "status" text check ("status" in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) not null, "currency" varchar(3) not null, "currency_digits" int not null, "price_list_code" varchar(64) not null, "price_list_name" varchar(200) not null, "price_basis" text check ("price_basis" in ('NET', 'GROSS')) not null, "tax_rate_percent" varchar(20) null, "valid_until" varchar(10) not null, "terms" text null, "internal_note" text null, "note_to_customer" text null, "header_discount_percent" varchar(20) not null, "recipient_name" varchar(200) null, "recipient_email" varchar(320) null, "created_by" varchar(400) not null, "created_at" timestamptz not null, "content_revision" int not null, "approved_revision" int null, "customer_token_hash" varchar(64) null, "superseded_by_id" int null, "order_id" int null, "sent_at" timestamptz null, "accepted_at" timestamptz null, "accepted_by" varchar(400) null, "accepted_on_behalf" boolean not null default false);`,
    );
    this.addSql(`alter table "quote" add constraint "quote_reference_unique" unique ("reference");`);
    this.addSql(
      `alter table "quote" add constraint "quote_customer_token_hash_unique" unique ("customer_token_hash");`,
    );
    this.addSql(`create index "quote_created_at_id_index" on "quote" ("created_at", "id");`);
    this.addSql(`create index "quote_status_valid_until_index" on "quote" ("status", "valid_until");`);
    this.addSql(
      `alter table "quote" add constraint "quote_number_revision_unique" unique ("number", "revision");`,
    );

    this.addSql(
      `create table "quote_approval" ("id" serial primary key, "quote_id" int not null, "content_revision" int not null, "manager" varchar(400) not null, "decision" text check ("decision" in ('APPROVED', 'REJECTED')) not null, "comment" text null, "at" timestamptz not null, "triggered_rules" text not null);`,
    );
    this.addSql(`create index "quote_approval_quote_id_at_index" on "quote_approval" ("quote_id", "at");`);

    this.addSql(
      `create table "quote_event" ("id" serial primary key, "quote_id" int not null, "at" timestamptz not null, "actor" varchar(400) not null, "kind" text check ("kind" in ('CREATED', 'EDITED', 'SUBMITTED_FOR_APPROVAL', 'WITHDRAWN', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'REVISED', 'REVISION_CREATED')) not null, "from_status" text check ("from_status" in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) null, "to_status" text check ("to_status" in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) null, "message" varchar(2000) not null, "comment" text null, "on_behalf" boolean not null default false);`,
    );
    this.addSql(`create index "quote_event_quote_id_at_index" on "quote_event" ("quote_id", "at");`);

    this.addSql(
      `create table "quote_line" ("id" serial primary key, "quote_id" int not null, "position" int not null, "line_key" varchar(32) not null, "product_code" varchar(100) not null, "product_name" varchar(200) not null, "model_version_id" int not null, "selections" jsonb not null, "values" jsonb not null, "quantity" int not null, "price" jsonb not null, "unit_price_minor" bigint not null, "unit_cost_minor" varchar(60) null, "cost_currency" varchar(3) null, "discount_percent" varchar(20) not null, "options" jsonb not null);`,
    );

    this.addSql(
      `alter table "quote" add constraint "quote_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "quote" add constraint "quote_superseded_by_id_foreign" foreign key ("superseded_by_id") references "quote" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "quote" add constraint "quote_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "quote_approval" add constraint "quote_approval_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "quote_event" add constraint "quote_event_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "quote_line" add constraint "quote_line_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "quote_line" add constraint "quote_line_model_version_id_foreign" foreign key ("model_version_id") references "product_model_version" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter table "customer_order" add column "quote_reference" varchar(40) null;`);
    this.addSql(
      `create index "customer_order_quote_reference_index" on "customer_order" ("quote_reference");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "quote" drop constraint "quote_superseded_by_id_foreign";`);

    this.addSql(`alter table "quote_approval" drop constraint "quote_approval_quote_id_foreign";`);

    this.addSql(`alter table "quote_event" drop constraint "quote_event_quote_id_foreign";`);

    this.addSql(`alter table "quote_line" drop constraint "quote_line_quote_id_foreign";`);

    this.addSql(`drop table if exists "approval_rule" cascade;`);

    this.addSql(`drop table if exists "quote" cascade;`);

    this.addSql(`drop table if exists "quote_approval" cascade;`);

    this.addSql(`drop table if exists "quote_event" cascade;`);

    this.addSql(`drop table if exists "quote_line" cascade;`);

    this.addSql(`drop index "customer_order_quote_reference_index";`);
    this.addSql(`alter table "customer_order" drop column "quote_reference";`);
  }
}
