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
import type { PriceLineKind, PriceListReference, RoundingMode } from '../engine/index.js';
import { Order } from '../orders/order.entity.js';
import { ApprovalDecision, PriceBasis, QuoteEventKind, QuoteStatus } from './quote-enums.js';

// Quote, QuoteLine, QuoteEvent and QuoteApproval are one aggregate with relations both ways: one file, so
// that their files do not import each other (docs/stack.md, trap 3).

/**
 * One revision of a quote. Revisions of one quote share its `number` (Q-2026-000123) and count up from 1;
 * each is its own row with its own lines, so a sent revision stays exactly as the customer saw it and the
 * next one is written beside it (`reference` Q-2026-000123-R2). Money is integer minor units of
 * `currency`; percentages are exact decimal text.
 */
@Entity({ tableName: 'quote' })
@Unique({ properties: ['number', 'revision'] })
@Index({ properties: ['status', 'validUntil'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
export class Quote {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Shared by every revision: Q-<year>-<6 digits>. */
  @Property({ type: 'string', length: 32 })
  number!: string;

  /** 1 for the first revision. */
  @Property({ type: 'integer' })
  revision!: number;

  /** The number and revision, always with the revision: Q-2026-000123-R1. */
  @Unique()
  @Property({ type: 'string', length: 40 })
  reference!: string;

  @ManyToOne(() => CustomerAccount, { deleteRule: 'restrict' })
  account!: Rel<CustomerAccount>;

  @Enum({ items: () => QuoteStatus, length: 32 })
  status!: QuoteStatus;

  /** ISO 4217: the price list's currency. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Digits of the currency's minor unit (ISO 4217), to write amounts in major units. */
  @Property({ type: 'integer' })
  currencyDigits!: number;

  /** The price list the lines were priced by, as it was then (a list can be republished). */
  @Property({ type: 'string', length: 64 })
  priceListCode!: string;

  @Property({ type: 'string', length: 200 })
  priceListName!: string;

  @Enum({ items: () => PriceBasis, length: 8 })
  priceBasis!: PriceBasis;

  /** Net prices: the tax rate added on top, exact decimal text ("19"); null for gross prices. */
  @Property({ type: 'string', length: 20, nullable: true })
  taxRatePercent?: string | null;

  /** YYYY-MM-DD, inclusive: the last day the customer may accept. */
  @Property({ type: 'string', length: 10 })
  validUntil!: string;

  @Property({ type: 'text', nullable: true })
  terms?: string | null;

  /** For staff only: never shown to the customer. */
  @Property({ type: 'text', nullable: true })
  internalNote?: string | null;

  @Property({ type: 'text', nullable: true })
  noteToCustomer?: string | null;

  /** Off the subtotal, exact decimal text from 0 to 100. */
  @Property({ type: 'string', length: 20 })
  headerDiscountPercent!: string;

  /** Who the quote goes to (the order placed from it is theirs). */
  @Property({ type: 'string', length: 200, nullable: true })
  recipientName?: string | null;

  @Property({ type: 'string', length: 320, nullable: true })
  recipientEmail?: string | null;

  /** The actor's audit name (actorOf) of the rep who made the first revision. */
  @Property({ type: 'string', length: 400 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** When the revision last changed (content, status, recipient...): set on every flush that changes it. */
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  /**
   * Counts the changes to this revision's content (lines, discounts, validity, terms): an approval holds
   * for exactly the content it was given for (`approvedRevision`).
   */
  @Property({ type: 'integer' })
  contentRevision!: number;

  /** The contentRevision a sales manager approved; null when none was. */
  @Property({ type: 'integer', nullable: true })
  approvedRevision?: number | null;

  /**
   * SHA-256 (hex) of the customer's link token, made when this revision was sent: the link is shown once,
   * the table keeps only its hash. The link opens the latest revision of the quote's number.
   */
  @Unique()
  @Property({ type: 'string', length: 64, nullable: true })
  customerTokenHash?: string | null;

  /** The link token itself, only in the answer to sendQuote (never stored). */
  @Property({ persist: false })
  customerToken?: string;

  /** The next revision, once this one is revised. */
  @ManyToOne(() => Quote, { nullable: true, deleteRule: 'set null' })
  supersededBy?: Rel<Quote> | null;

  /** The order placed when the quote was accepted. */
  @ManyToOne(() => Order, { nullable: true, deleteRule: 'restrict' })
  order?: Rel<Order> | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt?: Date | null;

  /** Who accepted: the customer (`customer via the quote link`) or the rep's audit name. */
  @Property({ type: 'string', length: 400, nullable: true })
  acceptedBy?: string | null;

  /** Accepted by a rep on the customer's behalf (with a reason, in the event). */
  @Property({ type: 'boolean' })
  acceptedOnBehalf: boolean = false;

  @OneToMany(
    () => QuoteLine,
    (line) => line.quote,
    { orderBy: { position: 'asc' } },
  )
  lines = new Collection<QuoteLine>(this);
}

/** The price lines of a quote line as they were priced (the price list's prices then). */
export interface QuoteLinePriceSnapshot {
  currency: string;
  currencyDigits: number;
  quantity: number;
  rounding: RoundingMode;
  priceList: PriceListReference | null;
  lines: { code: string; label: string; kind: PriceLineKind; unitAmountMinor: number; amountMinor: number }[];
  unitPriceMinor: number;
  totalMinor: number;
}

/** A chosen value in the customer's words: the feature's label and the option's label (or the value). */
export interface QuoteLineOption {
  feature: string;
  value: string;
}

/** One choice as a ConfigurationInput's selections hold it. */
export interface QuoteLineSelection {
  feature: string;
  value?: string | null;
  values?: string[] | null;
  source?: 'CHOSEN' | 'DEFAULT' | null;
}

/**
 * One configured product of a quote revision, on a pinned model version, with the price it was quoted at.
 * Nothing here is recomputed from a model or a list published later.
 */
@Entity({ tableName: 'quote_line' })
export class QuoteLine {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Quote, { deleteRule: 'cascade' })
  quote!: Rel<Quote>;

  @Property({ type: 'integer' })
  position!: number;

  /** Kept by the line across revisions (a copy in the next revision has the same key): what changed is matched by it. */
  @Property({ type: 'string', length: 32 })
  lineKey!: string;

  @Property({ type: 'string', length: 100 })
  productCode!: string;

  @Property({ type: 'string', length: 200 })
  productName!: string;

  @ManyToOne(() => ProductModelVersion, { deleteRule: 'restrict' })
  modelVersion!: Rel<ProductModelVersion>;

  /** The choices as sent (ConfigurationInput.selections): what configure reads again on the pinned version. */
  @Property({ type: 'json' })
  selections!: QuoteLineSelection[];

  /** Every feature's value in force when it was priced, in selection form. */
  @Property({ type: 'json' })
  values!: Record<string, unknown>;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'json' })
  price!: QuoteLinePriceSnapshot;

  @Property({ type: new BigIntType('number') })
  unitPriceMinor!: number;

  /**
   * The unit cost (tailored BOM at standard costs plus routing at work-centre rates), exact decimal text in
   * minor units of `costCurrency` (the model's currency, which may not be the quote's); staff only. Null
   * when some part or work centre has no cost.
   */
  @Property({ type: 'string', length: 60, nullable: true })
  unitCostMinor?: string | null;

  @Property({ type: 'string', length: 3, nullable: true })
  costCurrency?: string | null;

  /** Exact decimal text from 0 to 100. */
  @Property({ type: 'string', length: 20 })
  discountPercent!: string;

  /** The values in force in words, for the customer and the document: one entry per chosen option. */
  @Property({ type: 'json' })
  options!: QuoteLineOption[];
}

/** One step of a quote revision's life, with who, when and why. */
@Entity({ tableName: 'quote_event' })
@Index({ properties: ['quote', 'at'] })
export class QuoteEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Quote, { deleteRule: 'cascade' })
  quote!: Rel<Quote>;

  @Property({ type: 'datetime' })
  at!: Date;

  /** Who: the actor's audit name (actorOf), `customer via the quote link`, or `system`. */
  @Property({ type: 'string', length: 400 })
  actor!: string;

  @Enum({ items: () => QuoteEventKind, length: 32 })
  kind!: QuoteEventKind;

  @Enum({ items: () => QuoteStatus, length: 32, nullable: true })
  fromStatus?: QuoteStatus | null;

  @Enum({ items: () => QuoteStatus, length: 32, nullable: true })
  toStatus?: QuoteStatus | null;

  /** What happened, in words. */
  @Property({ type: 'string', length: 2000 })
  message!: string;

  /** The reason or comment the person gave, if any. */
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  /** Done by a rep on the customer's behalf (accepting for them). */
  @Property({ type: 'boolean' })
  onBehalf: boolean = false;
}

/** A sales manager's decision on one content revision of a quote, and the rules that asked for it. */
@Entity({ tableName: 'quote_approval' })
@Index({ properties: ['quote', 'at'] })
export class QuoteApproval {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Quote, { deleteRule: 'cascade' })
  quote!: Rel<Quote>;

  /** The contentRevision decided on: an approval holds for it only. */
  @Property({ type: 'integer' })
  contentRevision!: number;

  /** The manager's audit name. */
  @Property({ type: 'string', length: 400 })
  manager!: string;

  @Enum({ items: () => ApprovalDecision, length: 16 })
  decision!: ApprovalDecision;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'datetime' })
  at!: Date;

  /** The rules that triggered, one sentence each (a line each). */
  @Property({ type: 'text' })
  triggeredRules!: string;
}
