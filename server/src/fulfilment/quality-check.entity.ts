import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order } from '../orders/order.entity.js';

export interface QualityCheckItemResult {
  code: string;
  label: string;
  passed: boolean;
  note: string | null;
}

/** A quality check of an order: its checklist, item by item, and the verdict. */
@Entity({ tableName: 'quality_check' })
export class QualityCheckRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 100 })
  actor!: string;

  @Property({ type: 'boolean' })
  passed!: boolean;

  @Property({ type: 'json' })
  items!: QualityCheckItemResult[];

  @Property({ type: 'string', length: 2000, nullable: true })
  notes?: string | null;
}
