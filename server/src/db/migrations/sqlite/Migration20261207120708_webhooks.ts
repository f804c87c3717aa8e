import { Migration } from '@mikro-orm/migrations';

export class Migration20261207120708_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`webhook_endpoint\` (\`id\` integer not null primary key autoincrement, \`url\` text not null, \`event_types\` json not null, \`secret\` text not null, \`description\` text null, \`owner_user_id\` integer null, \`owner_api_key_id\` integer null, \`account_id\` integer null, \`start_sequence\` integer not null, \`enabled\` integer not null, \`disabled_at\` datetime null, \`disabled_reason\` text null, \`failing_since\` datetime null, \`created_at\` datetime not null, constraint \`webhook_endpoint_owner_user_id_foreign\` foreign key(\`owner_user_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, constraint \`webhook_endpoint_owner_api_key_id_foreign\` foreign key(\`owner_api_key_id\`) references \`api_key\`(\`id\`) on delete cascade on update cascade, constraint \`webhook_endpoint_account_id_foreign\` foreign key(\`account_id\`) references \`customer_account\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create index \`webhook_endpoint_owner_user_id_index\` on \`webhook_endpoint\` (\`owner_user_id\`);`,
    );
    this.addSql(
      `create index \`webhook_endpoint_owner_api_key_id_index\` on \`webhook_endpoint\` (\`owner_api_key_id\`);`,
    );
    this.addSql(
      `create index \`webhook_endpoint_account_id_index\` on \`webhook_endpoint\` (\`account_id\`);`,
    );

    this.addSql(
      `create table \`webhook_delivery\` (\`id\` integer not null primary key autoincrement, \`endpoint_id\` integer not null, \`event_sequence\` integer null, \`message_id\` text not null, \`event_type\` text not null, \`subject\` text not null, \`body\` json null, \`status\` text not null, \`attempts\` integer not null, \`next_attempt_at\` datetime not null, \`claimed_until\` datetime null, \`give_up_at\` datetime not null, \`created_at\` datetime not null, constraint \`webhook_delivery_endpoint_id_foreign\` foreign key(\`endpoint_id\`) references \`webhook_endpoint\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create index \`webhook_delivery_endpoint_id_index\` on \`webhook_delivery\` (\`endpoint_id\`);`,
    );
    this.addSql(
      `create index \`webhook_delivery_endpoint_id_subject_id_index\` on \`webhook_delivery\` (\`endpoint_id\`, \`subject\`, \`id\`);`,
    );
    this.addSql(
      `create index \`webhook_delivery_status_next_attempt_at_index\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`,
    );
    this.addSql(
      `create unique index \`webhook_delivery_endpoint_id_event_sequence_unique\` on \`webhook_delivery\` (\`endpoint_id\`, \`event_sequence\`);`,
    );

    this.addSql(
      `create table \`webhook_attempt\` (\`id\` integer not null primary key autoincrement, \`delivery_id\` integer not null, \`at\` datetime not null, \`duration_ms\` integer not null, \`succeeded\` integer not null, \`response_status\` integer null, \`response_body_start\` text null, \`error\` text null, constraint \`webhook_attempt_delivery_id_foreign\` foreign key(\`delivery_id\`) references \`webhook_delivery\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create index \`webhook_attempt_delivery_id_index\` on \`webhook_attempt\` (\`delivery_id\`);`,
    );
    this.addSql(
      `create index \`webhook_attempt_delivery_id_id_index\` on \`webhook_attempt\` (\`delivery_id\`, \`id\`);`,
    );

    this.addSql(
      `create table \`webhook_fanout_mark\` (\`process_group\` text not null, \`sequence\` integer not null, primary key (\`process_group\`));`,
    );
  }
}
