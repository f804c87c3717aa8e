import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170601_access_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`access_audit\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor\` text not null, \`action\` text check (\`action\` in ('USER_INVITED', 'USER_ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_SET', 'API_KEY_CREATED', 'API_KEY_UPDATED', 'API_KEY_REVOKED')) not null, \`subject\` text not null, \`detail\` text null);`,
    );
    this.addSql(`create index \`access_audit_at_index\` on \`access_audit\` (\`at\`);`);
  }
}
