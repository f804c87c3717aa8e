import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154046_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`customer_account\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`kind\` text check (\`kind\` in ('COMPANY', 'PRIVATE')) not null, \`currency\` text not null, \`created_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`account_address\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`kind\` text check (\`kind\` in ('BILLING', 'DELIVERY')) not null, \`recipient\` text not null, \`line1\` text not null, \`line2\` text null, \`postal_code\` text not null, \`city\` text not null, \`country\` text not null, constraint \`account_address_account_id_foreign\` foreign key(\`account_id\`) references \`customer_account\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`account_address_account_id_index\` on \`account_address\` (\`account_id\`);`);

    this.addSql(
      `create table \`app_user\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`name\` text not null, \`password_hash\` text null, \`roles\` json not null, \`account_id\` integer null, \`disabled_at\` datetime null, \`created_at\` datetime not null, constraint \`app_user_account_id_foreign\` foreign key(\`account_id\`) references \`customer_account\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create unique index \`app_user_email_unique\` on \`app_user\` (\`email\`);`);
    this.addSql(`create index \`app_user_account_id_index\` on \`app_user\` (\`account_id\`);`);

    this.addSql(
      `create table \`user_session\` (\`id\` text not null, \`user_id\` integer not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, constraint \`user_session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`user_session_user_id_index\` on \`user_session\` (\`user_id\`);`);

    this.addSql(
      `alter table \`customer_order\` add column \`account_id\` integer null constraint \`customer_order_account_id_foreign\` references \`customer_account\` (\`id\`) on update cascade on delete restrict;`,
    );
    this.addSql(`alter table \`customer_order\` add column \`tracking_token_hash\` text null;`);
    this.addSql(`create index \`customer_order_account_id_index\` on \`customer_order\` (\`account_id\`);`);
    this.addSql(
      `create unique index \`customer_order_tracking_token_hash_unique\` on \`customer_order\` (\`tracking_token_hash\`);`,
    );

    this.addSql(
      `alter table \`saved_configuration\` add column \`saved_by_id\` integer null constraint \`saved_configuration_saved_by_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(
      // MikroORM wrote this column's foreign key onto saved_by_id's line: each column gets its own here.
      `alter table \`saved_configuration\` add column \`account_id\` integer null constraint \`saved_configuration_account_id_foreign\` references \`customer_account\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(
      `create index \`saved_configuration_saved_by_id_index\` on \`saved_configuration\` (\`saved_by_id\`);`,
    );
    this.addSql(
      `create index \`saved_configuration_account_id_index\` on \`saved_configuration\` (\`account_id\`);`,
    );
  }
}
