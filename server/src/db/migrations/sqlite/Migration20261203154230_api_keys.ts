import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154230_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`api_key\` (\`id\` integer not null primary key autoincrement, \`prefix\` text not null, \`secret_hash\` text not null, \`name\` text not null, \`scopes\` json not null, \`account_id\` integer null, \`partner_name\` text null, \`requests_per_minute\` integer not null, \`allowed_origins\` json not null, \`created_by_id\` integer null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_key_account_id_foreign\` foreign key(\`account_id\`) references \`customer_account\`(\`id\`) on delete restrict on update cascade, constraint \`api_key_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create unique index \`api_key_secret_hash_unique\` on \`api_key\` (\`secret_hash\`);`);
    this.addSql(`create index \`api_key_account_id_index\` on \`api_key\` (\`account_id\`);`);
    this.addSql(`create index \`api_key_created_by_id_index\` on \`api_key\` (\`created_by_id\`);`);
  }
}
