import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062653_price_lists extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "price_list" ("code" varchar(64) not null, "name" varchar(200) not null, "currency" varchar(3) not null, "is_default" boolean not null, "effective_from" varchar(10) not null, "effective_to" varchar(10) null, "source" text not null, "published_at" timestamptz not null, constraint "price_list_pkey" primary key ("code"));`,
    );

    this.addSql(`alter table "customer_account" add column "price_list_code" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "price_list" cascade;`);

    this.addSql(`alter table "customer_account" drop column "price_list_code";`);
  }
}
