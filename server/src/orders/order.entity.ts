import {
  BigIntType,
  Collection,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { Customer } from './customer.entity.js';
import type { OrderLine } from './order-line.entity.js';

/**
 * An order and, per line, the snapshots taken when it was placed: the selection, the price lines, the
 * tailored BOM and the routing. They are never recomputed from a model that changed later.
 */
@Entity({ tableName: 'customer_order' })
@Index({ properties: ['placedAt', 'id'] })
export class Order {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Readable but not guessable (it is what lets a customer see the order). */
  @Unique()
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Property({ type: 'string', length: 32 })
  status!: string;

  @Property({ type: 'datetime' })
  placedAt!: Date;

  @ManyToOne(() => Customer, { deleteRule: 'restrict' })
  customer!: Rel<Customer>;

  /** A retry with the same key returns this order instead of placing another. */
  @Unique()
  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey?: string | null;

  /**
   * SHA-256 of the request that placed the order (customer and lines as sent, in a canonical form):
   * a retry with the same idempotency key but a different request is told so instead of being
   * answered with an order it did not ask for.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  requestHash?: string | null;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: new BigIntType('number') })
  totalMinor!: number;

  /** The delivery promise committed when the order was placed; never changed afterwards. */
  @Property({ type: 'json', nullable: true })
  promise?: OrderPromiseSnapshot | null;

  /** YYYY-MM-DD: when it is now expected to ship; later than the promise when something slipped. */
  @Property({ type: 'string', length: 10, nullable: true })
  expectedShipDate?: string | null;

  /** Why the expected date is later than the promise (null while it holds). */
  @Property({ type: 'string', length: 500, nullable: true })
  slipCause?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  carrier?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  trackingNumber?: string | null;

  @Property({ type: 'datetime', nullable: true })
  shippedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @OneToMany('OrderLine', (line: OrderLine) => line.order, { orderBy: { position: 'asc' } })
  lines = new Collection<OrderLine>(this);
}

/** The promise as committed: its dates (YYYY-MM-DD) and what limits it. */
export interface OrderPromiseSnapshot {
  shipDate: string;
  materialsReadyDate: string;
  productionStartDate: string;
  productionEndDate: string;
  qualityControlDate: string;
  bottleneck: { kind: string; subject: string; message: string; days: number };
}
