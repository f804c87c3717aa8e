import { Migration } from '@mikro-orm/migrations';

export class Migration20261126041620_order_request_hash extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" add column "request_hash" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_order" drop column "request_hash";`);
  }
}
