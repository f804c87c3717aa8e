import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154231_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" serial primary key, "prefix" varchar(32) not null, "secret_hash" varchar(64) not null, "name" varchar(100) not null, "scopes" jsonb not null, "account_id" int null, "partner_name" varchar(200) null, "requests_per_minute" int not null, "allowed_origins" jsonb not null, "created_by_id" int null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(
      `alter table "api_key" add constraint "api_key_account_id_foreign" foreign key ("account_id") references "customer_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
  }
}
