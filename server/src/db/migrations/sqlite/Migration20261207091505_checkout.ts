import { Migration } from '@mikro-orm/migrations';

export class Migration20261207091505_checkout extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_order\` add column \`goods_minor\` bigint null;`);
    this.addSql(`alter table \`customer_order\` add column \`delivery_address\` json null;`);
    this.addSql(`alter table \`customer_order\` add column \`billing_address\` json null;`);
    this.addSql(`alter table \`customer_order\` add column \`vat_id\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`charges\` json null;`);
    this.addSql(`alter table \`customer_order\` add column \`tax_note\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`shipping_weight_kg\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`payment_terms\` json null;`);
    this.addSql(`alter table \`customer_order\` add column \`deposit_minor\` bigint null;`);
    this.addSql(`alter table \`customer_order\` add column \`accepted_terms_version\` text null;`);
    this.addSql(`alter table \`customer_order\` add column \`accepted_terms_at\` datetime null;`);
  }
}
