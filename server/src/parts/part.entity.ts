import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A purchased or made item: what a BOM line names. Created or updated when a model that lists it is published. */
@Entity({ tableName: 'part' })
export class Part {
  @PrimaryKey({ type: 'string', length: 64 })
  partNumber!: string;

  @Property({ type: 'string', length: 300 })
  description!: string;

  /** Unit of measure: pcs, m, m2, kg... */
  @Property({ type: 'string', length: 16 })
  unit!: string;

  /** purchased or made */
  @Property({ type: 'string', length: 16 })
  kind!: string;

  /** Cost per unit in minor units of `currency`. */
  @Property({ type: new BigIntType('number') })
  costMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  supplier?: string | null;

  /** Supplier lead time in working days. */
  @Property({ type: 'integer' })
  leadTimeDays!: number;

  /** Exact decimal text: quantities can be fractional (m2 of board). */
  @Property({ type: 'decimal', precision: 18, scale: 6 })
  stockOnHand: string = '0';
}
