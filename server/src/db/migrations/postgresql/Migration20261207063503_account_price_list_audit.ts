import { Migration } from '@mikro-orm/migrations';

export class Migration20261207063503_account_price_list_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "access_audit" drop constraint if exists "access_audit_action_check";`);

    this.addSql(
      `alter table "access_audit" add constraint "access_audit_action_check" check("action" in ('USER_INVITED', 'USER_ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_SET', 'API_KEY_CREATED', 'API_KEY_UPDATED', 'API_KEY_REVOKED', 'ACCOUNT_PRICE_LIST_SET'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "access_audit" drop constraint if exists "access_audit_action_check";`);

    this.addSql(
      `alter table "access_audit" add constraint "access_audit_action_check" check("action" in ('USER_INVITED', 'USER_ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_SET', 'API_KEY_CREATED', 'API_KEY_UPDATED', 'API_KEY_REVOKED'));`,
    );
  }
}
