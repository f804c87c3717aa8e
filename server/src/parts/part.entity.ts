import { BigIntType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { STOCK_QUANTITY } from '../db/decimal-column.js';
import { PartKind } from '../graphql/model-enums.js';

/**
 * A purchased or made item: what a BOM line names. Created or updated when a model that lists it is
 * published (stock is left as it is). Stock quantities are exact decimal text: parts can be fractional
 * (m2 of board, kg of powder). Reserved is what placed orders hold of the on-hand quantity; it never
 * exceeds it, so available = on hand - reserved is never negative.
 */
@Entity({ tableName: 'part' })
export class Part {
  @PrimaryKey({ type: 'string', length: 64 })
  partNumber!: string;

  @Property({ type: 'string', length: 300 })
  description!: string;

  /** Unit of measure: pcs, m, m2, kg... */
  @Property({ type: 'string', length: 16 })
  unit!: string;

  @Enum({ items: () => PartKind, length: 16 })
  kind!: PartKind;

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

  /** Exact decimal text. */
  @Property({ type: 'decimal', ...STOCK_QUANTITY })
  stockOnHand: string = '0';

  /** Exact decimal text: held for placed orders, at most stockOnHand. */
  @Property({ type: 'decimal', ...STOCK_QUANTITY, default: '0' })
  stockReserved: string = '0';

  /** The smallest quantity the supplier sells (0: any); a requisition is rounded up to it. */
  @Property({ type: 'decimal', ...STOCK_QUANTITY, default: '0' })
  minimumOrderQuantity: string = '0';

  /** Decimal places a quantity of this part keeps (0 for pcs). */
  @Property({ type: 'integer', default: 0 })
  quantityScale: number = 0;
}
