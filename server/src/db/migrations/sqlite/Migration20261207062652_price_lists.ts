import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062652_price_lists extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`price_list\` (\`code\` text not null, \`name\` text not null, \`currency\` text not null, \`is_default\` integer not null, \`effective_from\` text not null, \`effective_to\` text null, \`source\` text not null, \`published_at\` datetime not null, primary key (\`code\`));`,
    );

    this.addSql(`alter table \`customer_account\` add column \`price_list_code\` text null;`);
  }
}
