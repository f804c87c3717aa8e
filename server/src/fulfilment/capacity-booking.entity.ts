import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order } from '../orders/order.entity.js';
import type { WorkOrder } from './work-order.entity.js';

/** Minutes of one work centre's day promised to one work order: the finite-capacity schedule. */
@Entity({ tableName: 'capacity_booking' })
@Index({ properties: ['workCentre', 'day'] })
export class CapacityBooking {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  workCentre!: string;

  /** YYYY-MM-DD */
  @Property({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'integer' })
  minutes!: number;

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @ManyToOne('WorkOrder', { deleteRule: 'cascade' })
  workOrder!: Rel<WorkOrder>;
}
