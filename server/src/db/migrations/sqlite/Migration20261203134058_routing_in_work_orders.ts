import { Migration } from '@mikro-orm/migrations';

/**
 * A line's routing is stored once, as its work orders: an order placed before work orders existed gets
 * them from its operations (planned, done or cancelled as the order stands), then the operations table
 * goes. Down: the operations come back from the work orders (rework aside).
 */
export class Migration20261203134058_routing_in_work_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into work_order (order_id, order_line_id, position, operation_code, description, work_centre, minutes, status, rework)
       select l.order_id, p.line_id,
              (select count(*) from work_order w where w.order_id = l.order_id)
                + row_number() over (partition by l.order_id order by l.position, p.position) - 1,
              p.code, p.description, p.work_centre, p.minutes,
              case when o.status = 'CANCELLED' then 'CANCELLED'
                   when o.status in ('QUALITY_CHECK', 'READY_TO_SHIP', 'SHIPPED', 'DELIVERED') then 'DONE'
                   else 'PLANNED' end,
              false
         from order_operation p
         join order_line l on l.id = p.line_id
         join customer_order o on o.id = l.order_id
        where not exists (select 1 from work_order w where w.order_line_id = p.line_id and w.rework = false);`);
    this.addSql(`drop table if exists \`order_operation\`;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table \`order_operation\` (\`id\` integer not null primary key autoincrement, \`line_id\` integer not null, \`position\` integer not null, \`code\` text not null, \`description\` text not null, \`work_centre\` text not null, \`minutes\` text not null, constraint \`order_operation_line_id_foreign\` foreign key(\`line_id\`) references \`order_line\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`order_operation_line_id_index\` on \`order_operation\` (\`line_id\`);`);
    this.addSql(`insert into order_operation (line_id, position, code, description, work_centre, minutes)
       select w.order_line_id,
              row_number() over (partition by w.order_line_id order by w.position, w.id) - 1,
              w.operation_code, w.description, w.work_centre, w.minutes
         from work_order w
        where w.rework = false;`);
  }
}
