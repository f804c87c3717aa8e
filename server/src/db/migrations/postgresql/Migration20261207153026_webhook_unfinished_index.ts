import { Migration } from '@mikro-orm/migrations';

export class Migration20261207153026_webhook_unfinished_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "webhook_delivery_unfinished_index" on "webhook_delivery" ("endpoint_id", "subject", "id") where "status" in ('PENDING', 'FAILED');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_delivery_unfinished_index";`);
  }
}
