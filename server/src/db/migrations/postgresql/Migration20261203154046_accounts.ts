import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154046_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "customer_account" ("id" serial primary key, "name" varchar(200) not null, "kind" text check ("kind" in ('COMPANY', 'PRIVATE')) not null, "currency" varchar(3) not null, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "account_address" ("id" serial primary key, "account_id" int not null, "kind" text check ("kind" in ('BILLING', 'DELIVERY')) not null, "recipient" varchar(200) not null, "line1" varchar(200) not null, "line2" varchar(200) null, "postal_code" varchar(20) not null, "city" varchar(100) not null, "country" varchar(2) not null);`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(200) null, "roles" jsonb not null, "account_id" int null, "disabled_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `create table "user_session" ("id" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, constraint "user_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);

    this.addSql(
      `alter table "account_address" add constraint "account_address_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_order" add column "account_id" int null, add column "tracking_token_hash" varchar(64) null;`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_tracking_token_hash_unique" unique ("tracking_token_hash");`,
    );

    this.addSql(
      `alter table "saved_configuration" add column "saved_by_id" int null, add column "account_id" int null;`,
    );
    this.addSql(
      `alter table "saved_configuration" add constraint "saved_configuration_saved_by_id_foreign" foreign key ("saved_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "saved_configuration" add constraint "saved_configuration_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account_address" drop constraint "account_address_account_id_foreign";`);

    this.addSql(`alter table "customer_order" drop constraint "customer_order_account_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_account_id_foreign";`);

    this.addSql(
      `alter table "saved_configuration" drop constraint "saved_configuration_account_id_foreign";`,
    );

    this.addSql(`alter table "user_session" drop constraint "user_session_user_id_foreign";`);

    this.addSql(
      `alter table "saved_configuration" drop constraint "saved_configuration_saved_by_id_foreign";`,
    );

    this.addSql(`drop table if exists "customer_account" cascade;`);

    this.addSql(`drop table if exists "account_address" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`alter table "customer_order" drop constraint "customer_order_tracking_token_hash_unique";`);
    this.addSql(`alter table "customer_order" drop column "account_id", drop column "tracking_token_hash";`);

    this.addSql(`alter table "saved_configuration" drop column "saved_by_id", drop column "account_id";`);
  }
}
