import {
  BigIntType,
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  type Opt,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import type { Bottleneck, PriceLineKind, RoundingMode } from '../engine/index.js';
import { PartKind } from '../graphql/model-enums.js';
import { Customer } from './customer.entity.js';
import { OrderStatus } from './order-status.js';

// Order, OrderLine and OrderBomLine are one aggregate with relations both ways: one file, so that their
// files do not import each other.

/**
 * An order and, per line, the snapshots taken when it was placed: the selection, the price lines, the
 * tailored BOM and the routing. They are never recomputed from a model that changed later.
 */
@Entity({ tableName: 'customer_order' })
@Index({ properties: ['placedAt', 'id'] })
// The filters of `orders` (OrderFilterInput): an account's orders and one status's, in the list's order
// (newest placed first); and "changed since" for a partner catching up.
@Index({ properties: ['account', 'placedAt', 'id'] })
@Index({ properties: ['status', 'placedAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
export class Order {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Readable but not guessable (it is what lets a customer see the order). */
  @Unique()
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Enum({ items: () => OrderStatus, length: 32 })
  status!: OrderStatus;

  @Property({ type: 'datetime' })
  placedAt!: Date;

  /**
   * When anything about the order last changed (status, dates, shipment, account...): set on every flush
   * that changes the row, and by every order event (fulfilment/order-actions.ts) and native update.
   */
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @ManyToOne(() => Customer, { deleteRule: 'restrict' })
  customer!: Rel<Customer>;

  /**
   * The customer account the order belongs to: its contacts, its API keys and staff see it. Null for a
   * guest's order, which only its tracking link opens (until a sales rep attaches it to an account).
   */
  @ManyToOne(() => CustomerAccount, { nullable: true, deleteRule: 'restrict' })
  account?: Rel<CustomerAccount> | null;

  /** SHA-256 (hex) of the order's tracking token: the link is shown once, the table keeps only its hash. */
  @Unique()
  @Property({ type: 'string', length: 64, nullable: true })
  trackingTokenHash?: string | null;

  /** The tracking token itself, only in the answer to the request that placed the order (never stored). */
  @Property({ persist: false })
  trackingToken?: string;

  /** Who attached a guest's order to its account, and when (attachOrderToAccount). */
  @Property({ type: 'string', length: 400, nullable: true })
  accountAttachedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  accountAttachedAt?: Date | null;

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

  /** What the customer pays: the goods and every charge not contained in them (shipping, tax added) (the goods alone without a delivery address). */
  @Property({ type: new BigIntType('number') })
  totalMinor!: number;

  /** The sum of the lines' totals; null for orders placed before checkout (their total is the goods). */
  @Property({ type: new BigIntType('number'), nullable: true })
  goodsMinor?: number | null;

  /** Where it goes, as checked at checkout (phone in E.164); null when staff left it to be agreed. */
  @Property({ type: 'json', nullable: true })
  deliveryAddress?: OrderAddressSnapshot | null;

  /** Where the invoice goes; null: the delivery address. */
  @Property({ type: 'json', nullable: true })
  billingAddress?: OrderAddressSnapshot | null;

  /** The business buyer's VAT id as given (normalised: no spaces, capitals). */
  @Property({ type: 'string', length: 20, nullable: true })
  vatId?: string | null;

  /** Shipping and tax lines as charged, in the order's currency. */
  @Property({ type: 'json', nullable: true })
  charges?: OrderChargeSnapshot[] | null;

  /** Reverse charge, export, prices including VAT, or shipping and tax to be agreed. */
  @Property({ type: 'string', length: 300, nullable: true })
  taxNote?: string | null;

  /** Exact decimal kg the shipping was charged for. */
  @Property({ type: 'string', length: 40, nullable: true })
  shippingWeightKg?: string | null;

  @Property({ type: 'json', nullable: true })
  paymentTerms?: OrderPaymentTermsSnapshot | null;

  /** Due before production (deposit terms); null without a deposit. */
  @Property({ type: new BigIntType('number'), nullable: true })
  depositMinor?: number | null;

  /** The terms of sale version the customer accepted, and when. */
  @Property({ type: 'string', length: 40, nullable: true })
  acceptedTermsVersion?: string | null;

  @Property({ type: 'datetime', nullable: true })
  acceptedTermsAt?: Date | null;

  /** The quote revision the order was placed from (Q-2026-000123-R2), when it was accepted from one. */
  @Index()
  @Property({ type: 'string', length: 40, nullable: true })
  quoteReference?: string | null;

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

  @OneToMany(
    () => OrderLine,
    (line) => line.order,
    { orderBy: { position: 'asc' } },
  )
  lines = new Collection<OrderLine>(this);
}

/** An address as checked at checkout. */
export interface OrderAddressSnapshot {
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
  phone: string | null;
}

/** A shipping or tax line as charged. */
export interface OrderChargeSnapshot {
  code: string;
  kind: 'SHIPPING' | 'TAX';
  label: string;
  amountMinor: number;
  rate: string | null;
  included: boolean;
}

export interface OrderPaymentTermsSnapshot {
  code: string;
  label: string;
  depositPercent: number | null;
  default: boolean;
}

/** The promise as committed: its dates (YYYY-MM-DD) and what limits it. */
export interface OrderPromiseSnapshot {
  shipDate: string;
  materialsReadyDate: string;
  productionStartDate: string;
  productionEndDate: string;
  qualityControlDate: string;
  bottleneck: { kind: Bottleneck['kind']; subject: string; message: string; days: number };
}

/** One product of an order, as configured and priced when the order was placed. */
@Entity({ tableName: 'order_line' })
export class OrderLine {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
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

  @OneToMany(
    () => OrderBomLine,
    (bomLine) => bomLine.line,
    { orderBy: { position: 'asc' } },
  )
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
  /** The price list that priced it; null or absent (orders placed before price lists): the model's own prices. */
  priceList?: { code: string; name: string; prices: 'net' | 'gross' } | null;
}

/** One line of the order's tailored BOM, with its place in the tree. */
@Entity({ tableName: 'order_bom_line' })
@Index({ properties: ['partNumber'] })
export class OrderBomLine {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // Each order's rows are read by their order (the staff's reads: fulfilment, lines, BOM).
  @Index()
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

  @Enum({ items: () => PartKind, length: 16 })
  kind!: PartKind;

  @Property({ type: new BigIntType('number') })
  unitCostMinor!: number;
}
