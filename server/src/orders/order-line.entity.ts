import {
  BigIntType,
  Collection,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import type { PriceLineKind, RoundingMode } from '../engine/index.js';
import { Order } from './order.entity.js';
import type { OrderBomLine } from './order-bom-line.entity.js';

/** One product of an order, as configured and priced when the order was placed. */
@Entity({ tableName: 'order_line' })
export class OrderLine {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @Property({ type: 'integer' })
  position!: number;

  @ManyToOne(() => ProductModelVersion, { deleteRule: 'restrict' })
  modelVersion!: Rel<ProductModelVersion>;

  @Property({ type: 'integer' })
  quantity!: number;

  /** Every feature's value as ordered (choices and the defaults they kept), in selection form. */
  @Property({ type: 'json' })
  selection!: Record<string, unknown>;

  /** The features the customer chose (the rest came from defaults or the rules). */
  @Property({ type: 'json' })
  chosenFeatures!: string[];

  /** The price as it was quoted: lines, rounding, unit price and total, in minor units. */
  @Property({ type: 'json' })
  price!: OrderLinePriceSnapshot;

  @Property({ type: new BigIntType('number') })
  totalMinor!: number;

  @OneToMany('OrderBomLine', (bomLine: OrderBomLine) => bomLine.line, { orderBy: { position: 'asc' } })
  bomLines = new Collection<OrderBomLine>(this);
}

export interface OrderLinePriceSnapshot {
  currency: string;
  currencyDigits: number;
  quantity: number;
  rounding: RoundingMode;
  lines: { code: string; label: string; kind: PriceLineKind; unitAmountMinor: number; amountMinor: number }[];
  unitPriceMinor: number;
  totalMinor: number;
}
