import { Migration } from '@mikro-orm/migrations';

export class Migration20261207063502_account_price_list_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`access_audit__temp_alter\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor\` text not null, \`action\` text check (\`action\` in ('USER_INVITED', 'USER_ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_SET', 'API_KEY_CREATED', 'API_KEY_UPDATED', 'API_KEY_REVOKED', 'ACCOUNT_PRICE_LIST_SET')) not null, \`subject\` text not null, \`detail\` text null);`,
    );
    this.addSql(
      `insert into \`access_audit__temp_alter\` select \`id\`, \`at\`, \`actor\`, \`action\`, \`subject\`, \`detail\` from \`access_audit\`;`,
    );
    this.addSql(`drop table \`access_audit\`;`);
    this.addSql(`alter table \`access_audit__temp_alter\` rename to \`access_audit\`;`);
    this.addSql(`create index \`access_audit_at_index\` on \`access_audit\` (\`at\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
