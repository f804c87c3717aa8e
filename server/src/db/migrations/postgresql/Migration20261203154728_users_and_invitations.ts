import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154728_users_and_invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_account" add column "created_by" varchar(200) null;`);

    this.addSql(`alter table "account_address" add column "created_by" varchar(200) null;`);

    this.addSql(
      `alter table "app_user" add column "disabled_by" varchar(200) null, add column "invitation_token_hash" varchar(64) null, add column "invitation_expires_at" timestamptz null, add column "created_by" varchar(200) null;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_invitation_token_hash_unique" unique ("invitation_token_hash");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account_address" drop column "created_by";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_invitation_token_hash_unique";`);
    this.addSql(
      `alter table "app_user" drop column "disabled_by", drop column "invitation_token_hash", drop column "invitation_expires_at", drop column "created_by";`,
    );

    this.addSql(`alter table "customer_account" drop column "created_by";`);
  }
}
