import { Migration } from '@mikro-orm/migrations';

export class Migration20261203155126_order_account_attached extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`account_attached_by\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`account_attached_at\` datetime null;`);
  }
}
