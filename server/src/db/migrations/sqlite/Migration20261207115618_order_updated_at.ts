import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115618_order_updated_at extends Migration {
  override async up(): Promise<void> {
    // SQLite adds a not-null column only with a default: 0, replaced at once by the backfill below.
    this.addSql(`alter table \`customer_order\` add column \`updated_at\` datetime not null default 0;`);
    // An order last changed with its latest event, or when it was placed.
    this.addSql(
      `update \`customer_order\` set \`updated_at\` = coalesce((select max(\`at\`) from \`order_event\` where \`order_event\`.\`order_id\` = \`customer_order\`.\`id\`), \`placed_at\`);`,
    );
    this.addSql(
      `create index \`customer_order_updated_at_id_index\` on \`customer_order\` (\`updated_at\`, \`id\`);`,
    );
    this.addSql(
      `create index \`customer_order_status_placed_at_id_index\` on \`customer_order\` (\`status\`, \`placed_at\`, \`id\`);`,
    );
    this.addSql(
      `create index \`customer_order_account_id_placed_at_id_index\` on \`customer_order\` (\`account_id\`, \`placed_at\`, \`id\`);`,
    );
    this.addSql(`alter table \`quote\` add column \`updated_at\` datetime not null default 0;`);
    this.addSql(
      `update \`quote\` set \`updated_at\` = coalesce((select max(\`at\`) from \`quote_event\` where \`quote_event\`.\`quote_id\` = \`quote\`.\`id\`), \`created_at\`);`,
    );
    this.addSql(`create index \`quote_updated_at_id_index\` on \`quote\` (\`updated_at\`, \`id\`);`);
  }
}
