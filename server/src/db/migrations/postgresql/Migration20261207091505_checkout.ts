import { Migration } from '@mikro-orm/migrations';

export class Migration20261207091505_checkout extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "customer_order" add column "goods_minor" bigint null, add column "delivery_address" jsonb null, add column "billing_address" jsonb null, add column "vat_id" varchar(20) null, add column "charges" jsonb null, add column "tax_note" varchar(300) null, add column "shipping_weight_kg" varchar(40) null, add column "payment_terms" jsonb null, add column "deposit_minor" bigint null, add column "accepted_terms_version" varchar(40) null, add column "accepted_terms_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "customer_order" drop column "goods_minor", drop column "delivery_address", drop column "billing_address", drop column "vat_id", drop column "charges", drop column "tax_note", drop column "shipping_weight_kg", drop column "payment_terms", drop column "deposit_minor", drop column "accepted_terms_version", drop column "accepted_terms_at";`,
    );
  }
}
