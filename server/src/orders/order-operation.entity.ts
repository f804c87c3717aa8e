import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { OrderLine } from './order-line.entity.js';

/** One routing operation of the order line, at a work centre, with its time. */
@Entity({ tableName: 'order_operation' })
export class OrderOperation {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrderLine, { deleteRule: 'cascade' })
  line!: Rel<OrderLine>;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 64 })
  code!: string;

  @Property({ type: 'string', length: 300 })
  description!: string;

  @Property({ type: 'string', length: 64 })
  workCentre!: string;

  /** Exact decimal text: setup plus time per unit times quantity. */
  @Property({ type: 'string', length: 60 })
  minutes!: string;
}
