import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170602_access_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_audit" ("id" serial primary key, "at" timestamptz not null, "actor" varchar(400) not null, "action" text check ("action" in ('USER_INVITED', 'USER_ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_SET', 'API_KEY_CREATED', 'API_KEY_UPDATED', 'API_KEY_REVOKED')) not null, "subject" varchar(100) not null, "detail" varchar(500) null);`,
    );
    this.addSql(`create index "access_audit_at_index" on "access_audit" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_audit" cascade;`);
  }
}
