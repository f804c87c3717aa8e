import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order } from '../orders/order.entity.js';

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

  /** PLACED, CONFIRMED, MATERIAL_RECEIVED, WORK_STARTED, QUALITY_FAILED, SHIPPED, PROMISE_SLIPPED... */
  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  fromStatus?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  toStatus?: string | null;

  /** Why, in words a customer understands. */
  @Property({ type: 'string', length: 1000 })
  message!: string;
}
