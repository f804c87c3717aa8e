import { Migration } from '@mikro-orm/migrations';

export class Migration20261207063300_quotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`approval_rule\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`kind\` text check (\`kind\` in ('DISCOUNT_ABOVE', 'MARGIN_BELOW', 'TOTAL_ABOVE')) not null, \`scope\` text check (\`scope\` in ('LINE', 'QUOTE')) null, \`percent\` text null, \`amount_minor\` bigint null, \`currency\` text null, \`active\` integer not null, \`created_by\` text not null, \`created_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`quote\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`revision\` integer not null, \`reference\` text not null, \`account_id\` integer not null, \`status\` text check (\`status\` in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) not null, \`currency\` text not null, \`currency_digits\` integer not null, \`price_list_code\` text not null, \`price_list_name\` text not null, \`price_basis\` text check (\`price_basis\` in ('NET', 'GROSS')) not null, \`tax_rate_percent\` text null, \`valid_until\` text not null, \`terms\` text null, \`internal_note\` text null, \`note_to_customer\` text null, \`header_discount_percent\` text not null, \`recipient_name\` text null, \`recipient_email\` text null, \`created_by\` text not null, \`created_at\` datetime not null, \`content_revision\` integer not null, \`approved_revision\` integer null, \`customer_token_hash\` text null, \`superseded_by_id\` integer null, \`order_id\` integer null, \`sent_at\` datetime null, \`accepted_at\` datetime null, \`accepted_by\` text null, \`accepted_on_behalf\` integer not null default false, constraint \`quote_account_id_foreign\` foreign key(\`account_id\`) references \`customer_account\`(\`id\`) on delete restrict on update cascade, constraint \`quote_superseded_by_id_foreign\` foreign key(\`superseded_by_id\`) references \`quote\`(\`id\`) on delete set null on update cascade, constraint \`quote_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create unique index \`quote_reference_unique\` on \`quote\` (\`reference\`);`);
    this.addSql(`create index \`quote_account_id_index\` on \`quote\` (\`account_id\`);`);
    this.addSql(
      `create unique index \`quote_customer_token_hash_unique\` on \`quote\` (\`customer_token_hash\`);`,
    );
    this.addSql(`create index \`quote_superseded_by_id_index\` on \`quote\` (\`superseded_by_id\`);`);
    this.addSql(`create index \`quote_order_id_index\` on \`quote\` (\`order_id\`);`);
    this.addSql(`create index \`quote_created_at_id_index\` on \`quote\` (\`created_at\`, \`id\`);`);
    this.addSql(
      `create index \`quote_status_valid_until_index\` on \`quote\` (\`status\`, \`valid_until\`);`,
    );
    this.addSql(
      `create unique index \`quote_number_revision_unique\` on \`quote\` (\`number\`, \`revision\`);`,
    );

    this.addSql(
      `create table \`quote_approval\` (\`id\` integer not null primary key autoincrement, \`quote_id\` integer not null, \`content_revision\` integer not null, \`manager\` text not null, \`decision\` text check (\`decision\` in ('APPROVED', 'REJECTED')) not null, \`comment\` text null, \`at\` datetime not null, \`triggered_rules\` text not null, constraint \`quote_approval_quote_id_foreign\` foreign key(\`quote_id\`) references \`quote\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`quote_approval_quote_id_index\` on \`quote_approval\` (\`quote_id\`);`);
    this.addSql(
      `create index \`quote_approval_quote_id_at_index\` on \`quote_approval\` (\`quote_id\`, \`at\`);`,
    );

    this.addSql(
      `create table \`quote_event\` (\`id\` integer not null primary key autoincrement, \`quote_id\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`kind\` text check (\`kind\` in ('CREATED', 'EDITED', 'SUBMITTED_FOR_APPROVAL', 'WITHDRAWN', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'REVISED', 'REVISION_CREATED')) not null, \`from_status\` text check (\`from_status\` in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) null, \`to_status\` text check (\`to_status\` in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED')) null, \`message\` text not null, \`comment\` text null, \`on_behalf\` integer not null default false, constraint \`quote_event_quote_id_foreign\` foreign key(\`quote_id\`) references \`quote\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`quote_event_quote_id_index\` on \`quote_event\` (\`quote_id\`);`);
    this.addSql(`create index \`quote_event_quote_id_at_index\` on \`quote_event\` (\`quote_id\`, \`at\`);`);

    this.addSql(
      `create table \`quote_line\` (\`id\` integer not null primary key autoincrement, \`quote_id\` integer not null, \`position\` integer not null, \`line_key\` text not null, \`product_code\` text not null, \`product_name\` text not null, \`model_version_id\` integer not null, \`selections\` json not null, \`values\` json not null, \`quantity\` integer not null, \`price\` json not null, \`unit_price_minor\` bigint not null, \`unit_cost_minor\` text null, \`cost_currency\` text null, \`discount_percent\` text not null, \`options\` json not null, constraint \`quote_line_quote_id_foreign\` foreign key(\`quote_id\`) references \`quote\`(\`id\`) on delete cascade on update cascade, constraint \`quote_line_model_version_id_foreign\` foreign key(\`model_version_id\`) references \`product_model_version\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create index \`quote_line_quote_id_index\` on \`quote_line\` (\`quote_id\`);`);
    this.addSql(
      `create index \`quote_line_model_version_id_index\` on \`quote_line\` (\`model_version_id\`);`,
    );

    this.addSql(`alter table \`customer_order\` add column \`quote_reference\` text null;`);
    this.addSql(
      `create index \`customer_order_quote_reference_index\` on \`customer_order\` (\`quote_reference\`);`,
    );
  }
}
