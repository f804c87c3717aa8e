import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062842_outgoing_mail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outgoing_mail" ("id" serial primary key, "to_address" varchar(320) not null, "subject" varchar(500) not null, "text_body" text not null, "html_body" text null, "attachments" jsonb not null, "kind" varchar(40) not null, "related_ref" varchar(100) null, "status" text check ("status" in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'LOGGED_ONLY')) not null, "attempts" int not null, "last_error" varchar(1000) null, "created_at" timestamptz not null, "claimed_at" timestamptz null, "next_attempt_at" timestamptz null, "sent_at" timestamptz null, "message_id" varchar(400) null, "smtp_response" varchar(400) null);`,
    );
    this.addSql(`create index "outgoing_mail_related_ref_index" on "outgoing_mail" ("related_ref");`);
    this.addSql(
      `create index "outgoing_mail_status_next_attempt_at_index" on "outgoing_mail" ("status", "next_attempt_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outgoing_mail" cascade;`);
  }
}
