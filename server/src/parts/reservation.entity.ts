import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order, OrderLine } from '../orders/order.entity.js';
import { ReservationStatus } from './part-enums.js';

/** Stock held for an order line: taken from what was available when the order was placed, or received for it. */
@Entity({ tableName: 'stock_reservation' })
@Index({ properties: ['partNumber', 'status'] })
export class Reservation {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  partNumber!: string;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @ManyToOne(() => OrderLine, { deleteRule: 'cascade' })
  orderLine!: Rel<OrderLine>;

  /** Exact decimal text. */
  @Property({ type: 'string', length: 40 })
  quantity!: string;

  /** RESERVED (held), ISSUED (taken by production), RELEASED (the order was cancelled). */
  @Enum({ items: () => ReservationStatus, length: 16 })
  status!: ReservationStatus;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
