import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order } from '../orders/order.entity.js';
import { OrderStatus } from '../orders/order-status.js';
import { OrderEventKind } from './order-event-kind.js';

/** One thing that happened to an order: a transition of its status, or a step inside one, with who, when and why. */
@Entity({ tableName: 'order_event' })
@Index({ properties: ['order', 'at'] })
export class OrderEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @Property({ type: 'datetime' })
  at!: Date;

  /** Who: a person's name as given, or "system" for what happened by itself. */
  @Property({ type: 'string', length: 100 })
  actor!: string;

  @Enum({ items: () => OrderEventKind, length: 32 })
  kind!: OrderEventKind;

  @Enum({ items: () => OrderStatus, length: 32, nullable: true })
  fromStatus?: OrderStatus | null;

  @Enum({ items: () => OrderStatus, length: 32, nullable: true })
  toStatus?: OrderStatus | null;

  /** Why, in words a customer understands. */
  @Property({ type: 'string', length: 1000 })
  message!: string;
}
