import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A published price list: its source as checked by the engine (`loadPriceList`), kept whole so that every
 * process prices from the same text, and the columns people filter on. Quotes and orders copy the
 * prices they were made with, so changing a list never changes them.
 */
@Entity({ tableName: 'price_list' })
export class PriceListRecord {
  /** The list's code, e.g. `usd-list` or `nordwerk-2026`. */
  @PrimaryKey({ type: 'string', length: 64 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** ISO 4217. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** The list visitors without an account get in its currency. */
  @Property({ type: 'boolean' })
  isDefault!: boolean;

  /** YYYY-MM-DD, included. */
  @Property({ type: 'string', length: 10 })
  effectiveFrom!: string;

  /** YYYY-MM-DD, included; none: until further notice. */
  @Property({ type: 'string', length: 10, nullable: true })
  effectiveTo?: string | null;

  /** The list as JSON (the engine's price list format). */
  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'datetime' })
  publishedAt!: Date;
}
