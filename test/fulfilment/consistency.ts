// What must hold of the fulfilment tables whatever happened to the server (concurrent requests, several
// processes, a process killed mid-transaction): read with plain SQL, the same on SQLite and PostgreSQL.
import type { TestDatabase } from '../support/databases.js';

/** Quantities are exact decimal text; sums of them are compared to a millionth (the columns' scale). */
const EPSILON = 1e-6;
const num = (value: unknown): number => Number(value ?? 0);

export interface Counts {
  orders: number;
  lines: number;
  bomLines: number;
  operations: number;
  workOrders: number;
  reservations: number;
  requisitions: number;
  bookings: number;
  events: number;
}

export async function counts(db: TestDatabase): Promise<Counts> {
  const count = async (table: string, where = ''): Promise<number> =>
    num((await db.query<{ n: unknown }>(`select count(*) as n from ${table} ${where}`))[0]?.n);
  return {
    orders: await count('customer_order'),
    lines: await count('order_line'),
    bomLines: await count('order_bom_line'),
    // The routing is stored once, as the lines' work orders (rework aside).
    operations: await count('work_order', 'where rework = false'),
    workOrders: await count('work_order'),
    reservations: await count('stock_reservation'),
    requisitions: await count('purchase_requisition'),
    bookings: await count('capacity_booking'),
    events: await count('order_event'),
  };
}

/**
 * Every broken invariant, one sentence each (empty when all hold): every order has its lines (exactly
 * `linesPerOrder` when given), every line its BOM lines and its routing (its work orders); every order its PLACED and MATERIALS_PLANNED events and a promise; every reservation,
 * requisition, work order, capacity booking and event belongs to an existing order (and line of that
 * order); for every part, stockReserved is the sum of its RESERVED reservations and never more than on
 * hand; for every line and purchased part, what was reserved plus what was requisitioned is what its BOM needs;
 * no work centre day booked past its capacity, and each day's booked minutes the sum of its bookings.
 */
export async function inconsistencies(db: TestDatabase, linesPerOrder?: number): Promise<string[]> {
  const problems: string[] = [];
  const report = (rows: Record<string, unknown>[], say: (row: Record<string, unknown>) => string): void => {
    for (const row of rows.slice(0, 20)) problems.push(say(row));
    if (rows.length > 20) problems.push(`... and ${rows.length - 20} more of the above`);
  };

  // Orders and their lines.
  report(
    await db.query(
      `select o.number, count(l.id) as n from customer_order o left join order_line l on l.order_id = o.id
       group by o.id, o.number having count(l.id) = 0 ${linesPerOrder === undefined ? '' : `or count(l.id) <> ${Number(linesPerOrder)}`}`,
    ),
    (row) =>
      `order ${row.number} has ${row.n} lines${linesPerOrder === undefined ? '' : `, not ${linesPerOrder}`}`,
  );
  report(
    await db.query(
      `select l.id from order_line l where not exists (select 1 from customer_order o where o.id = l.order_id)`,
    ),
    (row) => `order line ${row.id} belongs to no order`,
  );
  report(
    await db.query(
      `select o.number, l.position from order_line l join customer_order o on o.id = l.order_id
       where not exists (select 1 from order_bom_line b where b.line_id = l.id)`,
    ),
    (row) => `order ${row.number} line ${row.position} has no BOM lines`,
  );
  report(
    await db.query(
      `select o.number, l.position from order_line l join customer_order o on o.id = l.order_id
       where not exists (select 1 from work_order w where w.order_line_id = l.id and w.rework = false)`,
    ),
    (row) => `order ${row.number} line ${row.position} has no operations (work orders)`,
  );
  report(
    await db.query(
      `select x.id from order_bom_line x where not exists (select 1 from order_line l where l.id = x.line_id)`,
    ),
    (row) => `order_bom_line ${row.id} belongs to no order line`,
  );

  // Everything pegged to an order points at an existing order, and at a line of that same order.
  for (const table of ['stock_reservation', 'purchase_requisition', 'work_order']) {
    report(
      await db.query(
        `select x.id from ${table} x where not exists (select 1 from customer_order o where o.id = x.order_id)
         or not exists (select 1 from order_line l where l.id = x.order_line_id and l.order_id = x.order_id)`,
      ),
      (row) => `${table} ${row.id} belongs to no order, or to a line of another order`,
    );
  }
  for (const table of ['capacity_booking', 'order_event']) {
    report(
      await db.query(
        `select x.id from ${table} x where not exists (select 1 from customer_order o where o.id = x.order_id)`,
      ),
      (row) => `${table} ${row.id} belongs to no order`,
    );
  }
  report(
    await db.query(
      `select b.id from capacity_booking b where not exists
         (select 1 from work_order w where w.id = b.work_order_id and w.order_id = b.order_id)`,
    ),
    (row) => `capacity booking ${row.id} belongs to no work order of its order`,
  );

  // Capacity: no work centre's day booked past its minutes per day.
  report(
    await db.query(
      `select b.work_centre, b.day, sum(b.minutes) as booked, w.minutes_per_day as hours
       from capacity_booking b join work_centre w on w.code = b.work_centre
       group by b.work_centre, b.day, w.minutes_per_day having sum(b.minutes) > w.minutes_per_day`,
    ),
    (row) =>
      `work centre ${row.work_centre} on ${row.day}: ${row.booked} minutes booked, more than its ${row.hours} a day`,
  );
  // Each work-centre day's booked minutes (what placement books against) are its bookings' sum.
  report(
    await db.query(
      `select d.work_centre, d.day, d.booked_minutes as booked,
         (select coalesce(sum(b.minutes), 0) from capacity_booking b where b.work_centre = d.work_centre and b.day = d.day) as summed
       from work_centre_day d
       where d.booked_minutes <> (select coalesce(sum(b.minutes), 0) from capacity_booking b where b.work_centre = d.work_centre and b.day = d.day)
       union all
       select b.work_centre, b.day, 0 as booked, sum(b.minutes) as summed from capacity_booking b
       where not exists (select 1 from work_centre_day d where d.work_centre = b.work_centre and d.day = b.day)
       group by b.work_centre, b.day`,
    ),
    (row) =>
      `work centre ${row.work_centre} on ${row.day}: its day says ${row.booked} minutes booked, its bookings sum to ${row.summed}`,
  );
  // The order's own record of its placement.
  report(
    await db
      .query(
        `select o.number,
         (select count(*) from order_event e where e.order_id = o.id and e.kind = 'PLACED') as placed,
         (select count(*) from order_event e where e.order_id = o.id and e.kind = 'MATERIALS_PLANNED') as planned,
         o.promise, o.expected_ship_date
       from customer_order o`,
      )
      .then((rows) =>
        rows.filter(
          (row) =>
            num(row.placed) !== 1 ||
            num(row.planned) !== 1 ||
            row.promise === null ||
            row.expected_ship_date === null,
        ),
      ),
    (row) =>
      `order ${row.number}: ${row.placed} PLACED and ${row.planned} MATERIALS_PLANNED events, promise ${row.promise === null ? 'missing' : 'present'}, expected ship date ${row.expected_ship_date ?? 'missing'}`,
  );

  // Stock: reserved on the part = the sum of its reservations still held; never more than on hand.
  const reservedByPart = new Map<string, number>();
  for (const row of await db.query<{ part_number: string; quantity: string }>(
    `select part_number, quantity from stock_reservation where status = 'RESERVED'`,
  )) {
    reservedByPart.set(row.part_number, (reservedByPart.get(row.part_number) ?? 0) + num(row.quantity));
  }
  const parts = await db.query<{ part_number: string; stock_on_hand: unknown; stock_reserved: unknown }>(
    'select part_number, stock_on_hand, stock_reserved from part',
  );
  const known = new Set(parts.map((part) => part.part_number));
  for (const part of parts) {
    const reserved = num(part.stock_reserved);
    const held = reservedByPart.get(part.part_number) ?? 0;
    if (Math.abs(reserved - held) > EPSILON) {
      problems.push(`part ${part.part_number}: stockReserved ${reserved}, but its reservations hold ${held}`);
    }
    if (reserved > num(part.stock_on_hand) + EPSILON || reserved < 0 || num(part.stock_on_hand) < 0) {
      problems.push(
        `part ${part.part_number}: ${num(part.stock_on_hand)} on hand, ${reserved} reserved (negative availability)`,
      );
    }
  }
  for (const partNumber of reservedByPart.keys()) {
    if (!known.has(partNumber)) problems.push(`reservations of ${partNumber}, which is not a part`);
  }

  // Each line's purchased needs are covered exactly: reserved from stock plus the shortage requisitioned.
  // A purchased BOM line with lines beneath it is a sub-assembly made in house: not itself bought.
  const bom = await db.query<{
    line_id: unknown;
    part_number: string;
    parent_part_number: string | null;
    kind: string;
    quantity: string;
  }>('select line_id, part_number, parent_part_number, kind, quantity from order_bom_line');
  const parentsByLine = new Map<string, Set<string>>();
  for (const row of bom) {
    if (row.parent_part_number === null) continue;
    const key = String(row.line_id);
    if (!parentsByLine.has(key)) parentsByLine.set(key, new Set());
    parentsByLine.get(key)!.add(row.parent_part_number);
  }
  const coverage = new Map<string, { need: number; covered: number }>();
  const entry = (line: unknown, part: string) => {
    const key = `${line}|${part}`;
    if (!coverage.has(key)) coverage.set(key, { need: 0, covered: 0 });
    return coverage.get(key)!;
  };
  for (const row of bom) {
    if (row.kind !== 'purchased' || parentsByLine.get(String(row.line_id))?.has(row.part_number)) continue;
    entry(row.line_id, row.part_number).need += num(row.quantity);
  }
  for (const row of await db.query<{ order_line_id: unknown; part_number: string; quantity: string }>(
    'select order_line_id, part_number, quantity from stock_reservation',
  )) {
    entry(row.order_line_id, row.part_number).covered += num(row.quantity);
  }
  for (const row of await db.query<{ order_line_id: unknown; part_number: string; shortage: string }>(
    'select order_line_id, part_number, shortage from purchase_requisition',
  )) {
    entry(row.order_line_id, row.part_number).covered += num(row.shortage);
  }
  const uncovered = [...coverage.entries()].filter(([, c]) => Math.abs(c.need - c.covered) > EPSILON);
  for (const [key, c] of uncovered.slice(0, 20)) {
    const [line, part] = key.split('|');
    problems.push(
      `order line ${line}, part ${part}: the BOM needs ${c.need}, reservations and requisitions cover ${c.covered}`,
    );
  }
  if (uncovered.length > 20)
    problems.push(`... and ${uncovered.length - 20} more lines and parts not covered`);
  return problems;
}
