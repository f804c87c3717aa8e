import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order, OrderLine } from '../orders/order.entity.js';
import { RequisitionStatus } from './fulfilment-statuses.js';

/**
 * A request to buy a part that an order line is short of, pegged to that line: what is bought is for
 * that order. The quantity is the shortage rounded up to the supplier's minimum order quantity.
 */
@Entity({ tableName: 'purchase_requisition' })
@Index({ properties: ['status', 'expectedDate'] })
export class PurchaseRequisition {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  partNumber!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  supplier?: string | null;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @ManyToOne(() => OrderLine, { deleteRule: 'cascade' })
  orderLine!: Rel<OrderLine>;

  /** Exact decimal text: what the order line is short of. */
  @Property({ type: 'string', length: 40 })
  shortage!: string;

  /** Exact decimal text: what is bought (at least the minimum order quantity). */
  @Property({ type: 'string', length: 40 })
  quantity!: string;

  @Enum({ items: () => RequisitionStatus, length: 16 })
  status!: RequisitionStatus;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** YYYY-MM-DD: when the supplier's lead time brings it, as promised to the customer. */
  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  /** YYYY-MM-DD: when it is now expected (the supplier's latest word); later than dueDate is late. */
  @Property({ type: 'string', length: 10 })
  expectedDate!: string;

  @Property({ type: 'datetime', nullable: true })
  receivedAt?: Date | null;
}
