import { Migration } from '@mikro-orm/migrations';

export class Migration20261203155128_order_account_attached extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "customer_order" add column "account_attached_by" varchar(400) null, add column "account_attached_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "customer_order" drop column "account_attached_by", drop column "account_attached_at";`,
    );
  }
}
