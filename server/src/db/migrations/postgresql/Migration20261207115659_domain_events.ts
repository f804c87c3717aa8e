import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115659_domain_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "domain_event" ("sequence" serial primary key, "event_id" varchar(40) not null, "type" varchar(32) not null, "occurred_at" timestamptz not null, "account_id" int null, "subject_kind" varchar(8) not null, "subject" varchar(64) not null, "payload" jsonb not null);`,
    );
    this.addSql(
      `alter table "domain_event" add constraint "domain_event_event_id_unique" unique ("event_id");`,
    );
    this.addSql(
      `create index "domain_event_account_id_sequence_index" on "domain_event" ("account_id", "sequence");`,
    );
    this.addSql(
      `create index "domain_event_subject_kind_subject_sequence_index" on "domain_event" ("subject_kind", "subject", "sequence");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "domain_event" cascade;`);
  }
}
