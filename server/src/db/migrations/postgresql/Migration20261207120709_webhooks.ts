import { Migration } from '@mikro-orm/migrations';

export class Migration20261207120709_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_endpoint" ("id" serial primary key, "url" varchar(2000) not null, "event_types" jsonb not null, "secret" varchar(100) not null, "description" varchar(200) null, "owner_user_id" int null, "owner_api_key_id" int null, "account_id" int null, "start_sequence" int not null, "enabled" boolean not null, "disabled_at" timestamptz null, "disabled_reason" varchar(500) null, "failing_since" timestamptz null, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "webhook_delivery" ("id" serial primary key, "endpoint_id" int not null, "event_sequence" int null, "message_id" varchar(40) not null, "event_type" varchar(40) not null, "subject" varchar(64) not null, "body" jsonb null, "status" varchar(16) not null, "attempts" int not null, "next_attempt_at" timestamptz not null, "claimed_until" timestamptz null, "give_up_at" timestamptz not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "webhook_delivery_endpoint_id_subject_id_index" on "webhook_delivery" ("endpoint_id", "subject", "id");`,
    );
    this.addSql(
      `create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_sequence_unique" unique ("endpoint_id", "event_sequence");`,
    );

    this.addSql(
      `create table "webhook_attempt" ("id" serial primary key, "delivery_id" int not null, "at" timestamptz not null, "duration_ms" int not null, "succeeded" boolean not null, "response_status" int null, "response_body_start" text null, "error" varchar(500) null);`,
    );
    this.addSql(
      `create index "webhook_attempt_delivery_id_id_index" on "webhook_attempt" ("delivery_id", "id");`,
    );

    this.addSql(
      `create table "webhook_fanout_mark" ("process_group" varchar(40) not null, "sequence" int not null, constraint "webhook_fanout_mark_pkey" primary key ("process_group"));`,
    );

    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_owner_user_id_foreign" foreign key ("owner_user_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_owner_api_key_id_foreign" foreign key ("owner_api_key_id") references "api_key" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

    this.addSql(`drop table if exists "webhook_fanout_mark" cascade;`);
  }
}
