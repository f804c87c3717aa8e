import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order, OrderLine } from '../orders/order.entity.js';
import { WorkOrderStatus } from './fulfilment-statuses.js';

/** One routing operation of one order line to be done at a work centre, scheduled at finite capacity. */
@Entity({ tableName: 'work_order' })
@Index({ properties: ['status'] })
export class WorkOrder {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
  @ManyToOne(() => OrderLine, { deleteRule: 'cascade' })
  orderLine!: Rel<OrderLine>;

  /** Routing order within the order (lines one after another). */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 64 })
  operationCode!: string;

  @Property({ type: 'string', length: 300 })
  description!: string;

  @Property({ type: 'string', length: 64 })
  workCentre!: string;

  /** Exact decimal text. */
  @Property({ type: 'string', length: 60 })
  minutes!: string;

  @Enum({ items: () => WorkOrderStatus, length: 16 })
  status!: WorkOrderStatus;

  /** Rework after a failed quality check. */
  @Property({ type: 'boolean', default: false })
  rework: boolean = false;

  /** YYYY-MM-DD: the first and last day the schedule gives it. */
  @Property({ type: 'string', length: 10, nullable: true })
  plannedStart?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  plannedEnd?: string | null;

  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
