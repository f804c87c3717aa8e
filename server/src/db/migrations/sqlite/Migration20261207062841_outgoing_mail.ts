import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062841_outgoing_mail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outgoing_mail\` (\`id\` integer not null primary key autoincrement, \`to_address\` text not null, \`subject\` text not null, \`text_body\` text not null, \`html_body\` text null, \`attachments\` json not null, \`kind\` text not null, \`related_ref\` text null, \`status\` text check (\`status\` in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'LOGGED_ONLY')) not null, \`attempts\` integer not null, \`last_error\` text null, \`created_at\` datetime not null, \`claimed_at\` datetime null, \`next_attempt_at\` datetime null, \`sent_at\` datetime null, \`message_id\` text null, \`smtp_response\` text null);`,
    );
    this.addSql(`create index \`outgoing_mail_related_ref_index\` on \`outgoing_mail\` (\`related_ref\`);`);
    this.addSql(
      `create index \`outgoing_mail_status_next_attempt_at_index\` on \`outgoing_mail\` (\`status\`, \`next_attempt_at\`);`,
    );
  }
}
