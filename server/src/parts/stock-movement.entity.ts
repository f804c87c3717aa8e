import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { StockMovementKind } from './part-enums.js';

/** The audit of stock: every change of a part's on-hand quantity, with who, when and why. */
@Entity({ tableName: 'stock_movement' })
@Index({ properties: ['partNumber', 'at'] })
export class StockMovement {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  partNumber!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  /** ADJUSTMENT (counted by a person), RECEIPT (a requisition received), ISSUE (taken by production). */
  @Enum({ items: () => StockMovementKind, length: 16 })
  kind!: StockMovementKind;

  /** Exact decimal text, signed: what the on-hand quantity changed by. */
  @Property({ type: 'string', length: 40 })
  quantity!: string;

  /** Exact decimal text: the on-hand quantity after the change. */
  @Property({ type: 'string', length: 40 })
  onHandAfter!: string;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'string', length: 100 })
  actor!: string;

  /** The order it was for, when there is one. */
  @Property({ type: 'string', length: 32, nullable: true })
  orderNumber?: string | null;
}
