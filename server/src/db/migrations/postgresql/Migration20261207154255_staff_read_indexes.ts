import { Migration } from '@mikro-orm/migrations';

export class Migration20261207154255_staff_read_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "order_line_order_id_index" on "order_line" ("order_id");`);

    this.addSql(`create index "order_bom_line_line_id_index" on "order_bom_line" ("line_id");`);

    this.addSql(`create index "purchase_requisition_order_id_index" on "purchase_requisition" ("order_id");`);

    this.addSql(`create index "quality_check_order_id_index" on "quality_check" ("order_id");`);

    this.addSql(`create index "stock_reservation_order_id_index" on "stock_reservation" ("order_id");`);

    this.addSql(`create index "work_order_order_id_index" on "work_order" ("order_id");`);
    this.addSql(`create index "work_order_order_line_id_index" on "work_order" ("order_line_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "order_bom_line_line_id_index";`);

    this.addSql(`drop index "order_line_order_id_index";`);

    this.addSql(`drop index "purchase_requisition_order_id_index";`);

    this.addSql(`drop index "quality_check_order_id_index";`);

    this.addSql(`drop index "stock_reservation_order_id_index";`);

    this.addSql(`drop index "work_order_order_id_index";`);
    this.addSql(`drop index "work_order_order_line_id_index";`);
  }
}
