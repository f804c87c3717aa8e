import { BigIntType, Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { OrderLine } from './order-line.entity.js';

/** One line of the order's tailored BOM, with its place in the tree. */
@Entity({ tableName: 'order_bom_line' })
@Index({ properties: ['partNumber'] })
export class OrderBomLine {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrderLine, { deleteRule: 'cascade' })
  line!: Rel<OrderLine>;

  @Property({ type: 'integer' })
  position!: number;

  /** 1 for the product's own lines, 2 for a sub-assembly's, and so on. */
  @Property({ type: 'integer' })
  level!: number;

  @Property({ type: 'string', length: 64 })
  partNumber!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  parentPartNumber?: string | null;

  @Property({ type: 'string', length: 300 })
  description!: string;

  /** Exact decimal text for the whole order line (not per unit). */
  @Property({ type: 'string', length: 40 })
  quantity!: string;

  @Property({ type: 'string', length: 16 })
  unit!: string;

  @Property({ type: 'string', length: 16 })
  kind!: string;

  @Property({ type: new BigIntType('number') })
  unitCostMinor!: number;
}
