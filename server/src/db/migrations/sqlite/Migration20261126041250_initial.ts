import { Migration } from '@mikro-orm/migrations';

export class Migration20261126041250_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`customer\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`email\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`customer_email_unique\` on \`customer\` (\`email\`);`);

    this.addSql(
      `create table \`customer_order\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`status\` text not null, \`placed_at\` datetime not null, \`customer_id\` integer not null, \`idempotency_key\` text null, \`currency\` text not null, \`total_minor\` bigint not null, constraint \`customer_order_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create unique index \`customer_order_number_unique\` on \`customer_order\` (\`number\`);`);
    this.addSql(`create index \`customer_order_customer_id_index\` on \`customer_order\` (\`customer_id\`);`);
    this.addSql(
      `create unique index \`customer_order_idempotency_key_unique\` on \`customer_order\` (\`idempotency_key\`);`,
    );
    this.addSql(
      `create index \`customer_order_placed_at_id_index\` on \`customer_order\` (\`placed_at\`, \`id\`);`,
    );

    this.addSql(
      `create table \`part\` (\`part_number\` text not null, \`description\` text not null, \`unit\` text not null, \`kind\` text not null, \`cost_minor\` bigint not null, \`currency\` text not null, \`supplier\` text null, \`lead_time_days\` integer not null, \`stock_on_hand\` numeric(18,6) not null default '0', primary key (\`part_number\`));`,
    );

    this.addSql(
      `create table \`product_model_version\` (\`id\` integer not null primary key autoincrement, \`product_code\` text not null, \`version\` integer not null, \`name\` text not null, \`source\` text not null, \`source_hash\` text not null, \`published_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`product_model_version_product_code_version_unique\` on \`product_model_version\` (\`product_code\`, \`version\`);`,
    );

    this.addSql(
      `create table \`order_line\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`position\` integer not null, \`model_version_id\` integer not null, \`quantity\` integer not null, \`selection\` json not null, \`chosen_features\` json not null, \`price\` json not null, \`total_minor\` bigint not null, constraint \`order_line_order_id_foreign\` foreign key(\`order_id\`) references \`customer_order\`(\`id\`) on delete cascade on update cascade, constraint \`order_line_model_version_id_foreign\` foreign key(\`model_version_id\`) references \`product_model_version\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create index \`order_line_order_id_index\` on \`order_line\` (\`order_id\`);`);
    this.addSql(
      `create index \`order_line_model_version_id_index\` on \`order_line\` (\`model_version_id\`);`,
    );

    this.addSql(
      `create table \`order_operation\` (\`id\` integer not null primary key autoincrement, \`line_id\` integer not null, \`position\` integer not null, \`code\` text not null, \`description\` text not null, \`work_centre\` text not null, \`minutes\` text not null, constraint \`order_operation_line_id_foreign\` foreign key(\`line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`order_operation_line_id_index\` on \`order_operation\` (\`line_id\`);`);

    this.addSql(
      `create table \`order_bom_line\` (\`id\` integer not null primary key autoincrement, \`line_id\` integer not null, \`position\` integer not null, \`level\` integer not null, \`part_number\` text not null, \`parent_part_number\` text null, \`description\` text not null, \`quantity\` text not null, \`unit\` text not null, \`kind\` text not null, \`unit_cost_minor\` bigint not null, constraint \`order_bom_line_line_id_foreign\` foreign key(\`line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`order_bom_line_line_id_index\` on \`order_bom_line\` (\`line_id\`);`);
    this.addSql(`create index \`order_bom_line_part_number_index\` on \`order_bom_line\` (\`part_number\`);`);

    this.addSql(
      `create table \`saved_configuration\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`product_code\` text not null, \`model_version\` integer not null, \`selections\` json not null, \`quantity\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`saved_configuration_code_unique\` on \`saved_configuration\` (\`code\`);`,
    );
  }
}
