import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115659_domain_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`domain_event\` (\`sequence\` integer not null primary key autoincrement, \`event_id\` text not null, \`type\` text not null, \`occurred_at\` datetime not null, \`account_id\` integer null, \`subject_kind\` text not null, \`subject\` text not null, \`payload\` json not null);`,
    );
    this.addSql(`create unique index \`domain_event_event_id_unique\` on \`domain_event\` (\`event_id\`);`);
    this.addSql(
      `create index \`domain_event_account_id_sequence_index\` on \`domain_event\` (\`account_id\`, \`sequence\`);`,
    );
    this.addSql(
      `create index \`domain_event_subject_kind_subject_sequence_index\` on \`domain_event\` (\`subject_kind\`, \`subject\`, \`sequence\`);`,
    );
  }
}
