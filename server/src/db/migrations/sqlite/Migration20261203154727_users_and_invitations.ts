import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154727_users_and_invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`customer_account\` add column \`created_by\` text null;`);

    this.addSql(`alter table \`account_address\` add column \`created_by\` text null;`);

    this.addSql(`alter table \`app_user\` add column \`disabled_by\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`invitation_token_hash\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`invitation_expires_at\` datetime null;`);
    this.addSql(`alter table \`app_user\` add column \`created_by\` text null;`);
    this.addSql(
      `create unique index \`app_user_invitation_token_hash_unique\` on \`app_user\` (\`invitation_token_hash\`);`,
    );
  }
}
