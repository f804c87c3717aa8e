import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { AllowField, Role } from '../graphql/authorization.js';
import { Money, Price } from '../graphql/common.types.js';
import { DateTime, DateTimeRangeInput } from '../graphql/date-time.js';
import { ConfigurationInput, Selection } from '../graphql/selection.types.js';
import { Order, PageInfo } from '../orders/order.types.js';
import { OrderStatus } from '../orders/order-status.js';
import type { Quote as QuoteEntity, QuoteLine as QuoteLineEntity } from './quote.entity.js';
import {
  ApprovalDecision,
  ApprovalRuleKind,
  ApprovalRuleScope,
  PriceBasis,
  QuoteEventKind,
  QuoteStatus,
} from './quote-enums.js';
import type { QuoteFigures } from './quote-figures.js';

/** Who sees a quote's cost, margin, internal note, approvals and who did what: sales staff and admins. */
export const SALES_ROLES = [Role.SALES, Role.SALES_MANAGER, Role.ADMIN];
/** Internal quote data: sales staff only, never a customer or an API key (null with FORBIDDEN for them). */
const SALES_ONLY = { users: SALES_ROLES, scope: null } as const;
const INTERNAL =
  ' Sales staff only: anyone else gets null and a FORBIDDEN (or UNAUTHENTICATED) error for this field.';

/** What the quote document and the customer's page say above each line's ship date. */
export const SHIP_DATE_WORDING = 'Estimated ship date if accepted today';

@ObjectType({ description: 'The customer account a quote is for.' })
export class QuoteAccount {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The currency the account buys in (ISO 4217).' })
  currency!: string;
}

@ObjectType({ description: 'The price list a quote’s lines were priced by, as it was then.' })
export class QuotePriceList {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PriceBasis, { description: 'NET: tax is added at taxRatePercent; GROSS: prices include tax.' })
  basis!: PriceBasis;

  @Field(() => String, {
    nullable: true,
    description: 'Net prices: the tax rate, exact decimal text ("19").',
  })
  taxRatePercent!: string | null;
}

@ObjectType({ description: 'Who the quote goes to; the order placed from it is theirs.' })
export class QuoteRecipient {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;
}

@ObjectType({ description: 'A chosen value in the customer’s words: the feature’s label and the option’s.' })
export class QuoteLineOption {
  @Field(() => String)
  feature!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({
  description:
    'A configured product on a quote, on a pinned model version, at the price it was quoted (never recomputed from a model or price list published later). Money in the quote’s currency.',
})
export class QuoteLine {
  @Field(() => Int, {
    description: 'This revision’s line (updateQuoteLine, duplicateQuoteLine, removeQuoteLine).',
  })
  id!: number;

  @Field(() => String, { description: 'Kept by the line across revisions: what changed is matched by it.' })
  key!: string;

  @Field(() => Int, { description: '0 for the first line.' })
  position!: number;

  @Field(() => String)
  productCode!: string;

  @Field(() => String)
  productName!: string;

  @Field(() => Int, { description: 'The model version the line is configured, priced and built on.' })
  modelVersion!: number;

  @Field(() => [Selection], {
    description: 'The choices as sent (ConfigurationInput.selections), with their source.',
  })
  selections!: Selection[];

  @Field(() => [QuoteLineOption], { description: 'Every value in force in words (labels, not codes).' })
  options!: QuoteLineOption[];

  @Field(() => Int)
  quantity!: number;

  @Field(() => Price, {
    description: 'The price lines as priced by the quote’s price list, before discounts.',
  })
  price!: Price;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => String, { description: 'The line’s discount, exact decimal text from 0 to 100.' })
  discountPercent!: string;

  @Field(() => Money, { description: 'Unit price × quantity.' })
  gross!: Money;

  @Field(() => Money, { description: 'The line’s discount: gross × discountPercent / 100, rounded half-up.' })
  discount!: Money;

  @Field(() => Money, { description: 'Gross − discount.' })
  net!: Money;

  @Field(() => Money, { description: 'This line’s share of the discount on the whole quote.' })
  headerDiscountShare!: Money;

  @Field(() => Money, {
    description: 'What the customer pays for the line: net − its share of the quote discount.',
  })
  netAfterHeaderDiscount!: Money;

  @Field(() => Money, {
    nullable: true,
    description: `Unit cost (tailored BOM at standard costs + routing at work-centre rates), in the model’s currency; null when a part or work centre has no cost.${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  unitCost!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: `Cost of the line’s units; null when unknown or in another currency than the quote’s (never converted).${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  cost!: Money | null;

  @Field(() => Money, { nullable: true, description: `netAfterHeaderDiscount − cost.${INTERNAL}` })
  @AllowField(SALES_ONLY)
  margin!: Money | null;

  @Field(() => String, {
    nullable: true,
    description: `margin / netAfterHeaderDiscount × 100, to 2 decimals; null without cost or for a net of 0.${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  marginPercent!: string | null;

  /** In the schema as `promise` (fulfilment's live estimate). */

  /** Not in the schema. */
  entity!: QuoteLineEntity;
}

@ObjectType({ description: 'A quote’s totals (money in its currency).' })
export class QuoteTotals {
  @Field(() => Money, { description: 'The lines’ gross amounts, before any discount.' })
  gross!: Money;

  @Field(() => Money)
  lineDiscounts!: Money;

  @Field(() => Money, { description: 'The lines’ nets: gross − line discounts.' })
  subtotal!: Money;

  @Field(() => String)
  headerDiscountPercent!: string;

  @Field(() => Money, { description: 'subtotal × headerDiscountPercent / 100, rounded half-up.' })
  headerDiscount!: Money;

  @Field(() => Money, { description: 'subtotal − header discount: the quote’s price, before tax when net.' })
  total!: Money;

  @Field(() => Money, {
    description: 'Net prices: total × tax rate, rounded half-up once; 0 for gross prices.',
  })
  tax!: Money;

  @Field(() => Money, { description: 'total + tax: what the customer pays.' })
  totalWithTax!: Money;

  @Field(() => String, {
    description:
      'Everything off the gross (line and quote discounts together) as a percentage, to 2 decimals.',
  })
  discountPercent!: string;
}

@ObjectType({ description: 'An approval rule the quote triggers, with the figures, in a sentence.' })
export class ApprovalTrigger {
  @Field(() => Int)
  ruleId!: number;

  @Field(() => ApprovalRuleKind)
  kind!: ApprovalRuleKind;

  @Field(() => String, {
    nullable: true,
    description: 'The line (its key) that triggered it; null for the quote.',
  })
  lineKey!: string | null;

  @Field(() => String, { description: 'The quote’s figure: a percent, or minor units for a total.' })
  actual!: string;

  @Field(() => String)
  limit!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({
  description:
    'A rule that could not be checked (a cost missing or in another currency, a total in another currency).',
})
export class ApprovalUnchecked {
  @Field(() => Int)
  ruleId!: number;

  @Field(() => String, { nullable: true })
  lineKey!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({
  description: 'Whether the quote as it is now needs a sales manager’s approval before it is sent, and why.',
})
export class QuoteApprovalCheck {
  @Field(() => Boolean)
  needed!: boolean;

  @Field(() => Boolean, {
    description: 'A manager approved exactly this content (an approval holds for the content approved only).',
  })
  approvedForThisContent!: boolean;

  @Field(() => [ApprovalTrigger])
  triggers!: ApprovalTrigger[];

  @Field(() => [ApprovalUnchecked], {
    description: 'Rules that do not apply or could not be checked; they do not ask for approval.',
  })
  unchecked!: ApprovalUnchecked[];
}

@ObjectType({ description: 'A sales manager’s decision on one content revision of a quote.' })
export class QuoteApprovalRecord {
  @Field(() => Int)
  contentRevision!: number;

  @Field(() => String)
  manager!: string;

  @Field(() => ApprovalDecision)
  decision!: ApprovalDecision;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { description: 'ISO 8601 date and time in UTC.' })
  at!: string;

  @Field(() => [String], { description: 'The rules that asked for it, a sentence each.' })
  triggeredRules!: string[];
}

@ObjectType({ description: 'One step of a quote revision’s life, with who, when and why.' })
export class QuoteEvent {
  @Field(() => String, { description: 'ISO 8601 date and time in UTC.' })
  at!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => QuoteEventKind)
  kind!: QuoteEventKind;

  @Field(() => QuoteStatus, { nullable: true })
  fromStatus!: QuoteStatus | null;

  @Field(() => QuoteStatus, { nullable: true })
  toStatus!: QuoteStatus | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: 'The reason or comment given.' })
  comment!: string | null;

  @Field(() => Boolean, { description: 'Done by a rep on the customer’s behalf.' })
  onBehalf!: boolean;
}

@ObjectType({ description: 'One change between two revisions, in words for the customer.' })
export class QuoteChange {
  @Field(() => String, {
    description:
      'lineAdded, lineRemoved, quantity, options, unitPrice, lineDiscount, headerDiscount, currency, validity or terms.',
  })
  kind!: string;

  @Field(() => String, { nullable: true })
  lineKey!: string | null;

  @Field(() => String)
  text!: string;
}

@ObjectType({ description: 'A revision of a quote, named.' })
export class QuoteRevisionRef {
  @Field(() => Int)
  id!: number;

  @Field(() => Int)
  revision!: number;

  @Field(() => String)
  reference!: string;

  @Field(() => QuoteStatus)
  status!: QuoteStatus;
}

@ObjectType({ description: 'The order placed when the quote was accepted.' })
export class QuoteOrderRef {
  @Field(() => String)
  number!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;
}

@ObjectType({
  description:
    'One revision of a quote. Revisions share the quote’s number and count up; a sent revision is immutable and changes only by a new revision (reviseQuote).',
})
export class Quote {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'Shared by every revision: Q-2026-000123.' })
  number!: string;

  @Field(() => Int, { description: '1 for the first revision.' })
  revision!: number;

  @Field(() => String, { description: 'The number with its revision, always: Q-2026-000123-R2.' })
  reference!: string;

  @Field(() => QuoteStatus)
  status!: QuoteStatus;

  @Field(() => QuoteAccount)
  account!: QuoteAccount;

  @Field(() => String, {
    description: 'ISO 4217: the price list’s currency; every amount of the quote is in it.',
  })
  currency!: string;

  @Field(() => QuotePriceList)
  priceList!: QuotePriceList;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive: the last day it may be accepted.' })
  validUntil!: string;

  @Field(() => String, { nullable: true })
  terms!: string | null;

  @Field(() => String, { nullable: true })
  noteToCustomer!: string | null;

  @Field(() => String, { nullable: true, description: `Never shown to the customer.${INTERNAL}` })
  @AllowField(SALES_ONLY)
  internalNote!: string | null;

  @Field(() => String, { description: 'Off the subtotal, exact decimal text from 0 to 100.' })
  headerDiscountPercent!: string;

  @Field(() => QuoteRecipient)
  recipient!: QuoteRecipient;

  @Field(() => String, {
    nullable: true,
    description: `The rep who made the quote (their e-mail).${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  createdBy!: string;

  @Field(() => String, { description: 'When this revision was made; ISO 8601 in UTC.' })
  createdAt!: string;

  @Field(() => String, { nullable: true })
  sentAt!: string | null;

  @Field(() => String, { nullable: true })
  acceptedAt!: string | null;

  @Field(() => Boolean, { description: 'Accepted by a rep on the customer’s behalf.' })
  acceptedOnBehalf!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: `Counts the changes to this revision’s content; an approval holds for the one approved.${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  contentRevision!: number;

  @Field(() => Int, { nullable: true, description: `The content revision a manager approved.${INTERNAL}` })
  @AllowField(SALES_ONLY)
  approvedRevision!: number | null;

  @Field(() => [QuoteLine])
  lines!: QuoteLine[];

  @Field(() => QuoteTotals)
  totals!: QuoteTotals;

  @Field(() => Money, {
    nullable: true,
    description: `Every line’s cost; null unless each is known in the quote’s currency.${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  cost!: Money | null;

  @Field(() => Money, { nullable: true, description: `total − cost.${INTERNAL}` })
  @AllowField(SALES_ONLY)
  margin!: Money | null;

  @Field(() => String, { nullable: true, description: `margin / total × 100, to 2 decimals.${INTERNAL}` })
  @AllowField(SALES_ONLY)
  marginPercent!: string | null;

  @Field(() => QuoteApprovalCheck, {
    nullable: true,
    description: `The approval rules as the quote is now.${INTERNAL}`,
  })
  @AllowField(SALES_ONLY)
  approval!: QuoteApprovalCheck;

  @Field(() => String, {
    nullable: true,
    description:
      'The secret of the customer’s link (/quotes/<token>): given only in the answer to sendQuote, never again.',
  })
  customerToken!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The customer’s link, /quotes/<token>: only in the answer to sendQuote.',
  })
  customerLink!: string | null;

  @Field(() => String, { description: `What the lines’ promise means: "${SHIP_DATE_WORDING}".` })
  shipDateWording!: string;

  /** Not in the schema. */
  entity!: QuoteEntity;
  figures!: QuoteFigures;
}

@ObjectType()
export class QuoteEdge {
  @Field(() => String, { description: 'Opaque: pass it as `after` to get the quotes after this one.' })
  cursor!: string;

  @Field(() => Quote)
  node!: Quote;
}

@ObjectType({
  description: 'Count and value of the quotes in one status and currency (never summed across currencies).',
})
export class QuotePipelineEntry {
  @Field(() => QuoteStatus)
  status!: QuoteStatus;

  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Money, { description: 'The sum of their totals (after discounts, before tax).' })
  total!: Money;
}

@ObjectType({
  description: 'Quote revisions, newest first, and the pipeline of all those the filter matches.',
})
export class QuoteConnection {
  @Field(() => [QuoteEdge])
  edges!: QuoteEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => [QuotePipelineEntry], { description: 'By status then currency, over every page.' })
  pipeline!: QuotePipelineEntry[];
}

@ObjectType({ description: 'An accepted quote and the order placed from it.' })
export class QuoteAcceptance {
  @Field(() => Quote)
  quote!: Quote;

  @Field(() => Order, {
    description:
      'Placed at the quoted prices and model versions. Its trackingToken is given when it was placed by this call only.',
  })
  order!: Order;

  @Field(() => Boolean, { description: 'False when the quote was accepted before: the same order again.' })
  orderCreated!: boolean;
}

@ObjectType({
  description:
    'What a customer’s quote link shows: the latest sent revision and what changed since the link’s.',
})
export class CustomerQuoteView {
  @Field(() => Quote, { description: 'The latest revision sent of the quote.' })
  quote!: Quote;

  @Field(() => String, { description: 'The revision the link was made for (Q-2026-000123-R1).' })
  linkReference!: string;

  @Field(() => [QuoteChange], {
    description: 'What changed since the link’s revision; empty when it is the latest.',
  })
  changesSinceLink!: QuoteChange[];
}

@ObjectType({ description: 'A rule for when a quote needs a sales manager’s approval before it is sent.' })
export class ApprovalRule {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => ApprovalRuleKind)
  kind!: ApprovalRuleKind;

  @Field(() => ApprovalRuleScope, {
    nullable: true,
    description: 'Discount and margin rules: each line or the quote.',
  })
  scope!: ApprovalRuleScope | null;

  @Field(() => String, { nullable: true, description: 'Discount and margin rules: the limit in percent.' })
  percent!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Total rules: the limit (quotes in other currencies are not checked).',
  })
  amount!: Money | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => String)
  createdBy!: string;

  @Field(() => String)
  createdAt!: string;
}

@InputType({ description: 'A quote’s details; a field left out is unchanged, null clears it.' })
export class QuoteDetailsInput {
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, today or later (default: QUOTE_VALIDITY_DAYS from today).',
  })
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 5,000 characters.' })
  terms?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  noteToCustomer?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters; staff only.' })
  internalNote?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Off the subtotal: a decimal from 0 to 100, at most 4 decimals.',
  })
  headerDiscountPercent?: string | null;

  @Field(() => String, { nullable: true, description: 'Net price lists only: a decimal from 0 to 100.' })
  taxRatePercent?: string | null;

  @Field(() => String, { nullable: true })
  recipientName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the quote is sent (default: the account’s first contact).',
  })
  recipientEmail?: string | null;
}

@InputType({ description: 'A change to a quote line; what is left out stays.' })
export class QuoteLineChangeInput {
  @Field(() => ConfigurationInput, {
    nullable: true,
    description:
      'A new configuration, priced again by the quote’s price list (modelVersion left out: the latest).',
  })
  configuration?: ConfigurationInput | null;

  @Field(() => Int, { nullable: true, description: 'A new quantity (priced again on the pinned version).' })
  quantity?: number | null;

  @Field(() => String, { nullable: true, description: 'The line’s discount, 0 to 100.' })
  discountPercent?: string | null;
}

@InputType({ description: 'Which quotes to list.' })
export class QuoteFilterInput {
  @Field(() => QuoteStatus, { nullable: true, description: 'Left out: every status but SUPERSEDED.' })
  status?: QuoteStatus | null;

  @Field(() => Int, { nullable: true })
  accountId?: number | null;

  @Field(() => String, { nullable: true, description: 'The rep who made it, by e-mail.' })
  createdBy?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'SENT quotes whose validity ends within this many days (0 to 3650) from today.',
  })
  expiringWithinDays?: number | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Revisions changed at or after this instant (content, status, recipient).',
  })
  updatedSince?: Date | null;

  @Field(() => DateTimeRangeInput, {
    nullable: true,
    description: 'Revisions created in this span (from inclusive, to exclusive).',
  })
  createdBetween?: DateTimeRangeInput | null;
}

@InputType({ description: 'An approval rule as an admin writes it.' })
export class ApprovalRuleInput {
  @Field(() => String, { description: '1 to 200 characters: named in the approval request.' })
  name!: string;

  @Field(() => ApprovalRuleKind)
  kind!: ApprovalRuleKind;

  @Field(() => ApprovalRuleScope, {
    nullable: true,
    description: 'DISCOUNT_ABOVE and MARGIN_BELOW: required.',
  })
  scope?: ApprovalRuleScope | null;

  @Field(() => String, { nullable: true, description: 'DISCOUNT_ABOVE and MARGIN_BELOW: 0 to 100.' })
  percent?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TOTAL_ABOVE: decimal text in major units ("20000.00").',
  })
  amount?: string | null;

  @Field(() => String, { nullable: true, description: 'TOTAL_ABOVE: the amount’s ISO 4217 currency.' })
  currency?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  active?: boolean | null;
}
