import { createUnionType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { Product } from '../catalog/catalog.types.js';
import { Address, AddressInput, CheckoutCharge, PaymentTermsOption } from '../checkout/checkout.types.js';
import { Money, Price, Violation } from '../graphql/common.types.js';
import { DateTime, DateTimeRangeInput } from '../graphql/date-time.js';
import { FeatureKind, PartKind } from '../graphql/model-enums.js';
import { ConfigurationInput, Selection } from '../graphql/selection.types.js';
import type { OrderData, OrderLineData } from './order-rows.js';
import { OrderStatus } from './order-status.js';
import { PlaceOrderErrorCode } from './place-order-error-code.js';

@InputType({
  description: 'Who orders. A customer is found by e-mail (case does not matter); the name is updated.',
})
export class CustomerInput {
  @Field(() => String, {
    description: 'Trimmed, runs of spaces made one; then not empty and at most 200 characters.',
  })
  name!: string;

  @Field(() => String, { description: 'An e-mail address (name@domain.tld), at most 320 characters.' })
  email!: string;
}

@InputType({ description: 'An order: one or more configured products, and who orders them.' })
export class PlaceOrderInput {
  @Field(() => [ConfigurationInput], {
    description:
      'The lines, 1 to 100. Each is re-validated and re-priced on the server; all must share one currency.',
  })
  lines!: ConfigurationInput[];

  @Field(() => CustomerInput)
  customer!: CustomerInput;

  @Field(() => String, {
    nullable: true,
    description:
      'Makes a retry safe (1 to 200 characters, chosen by the client, e.g. a UUID). Placing the same request ' +
      'with the same key again returns the order it placed, and places no other. The same key with a ' +
      'DIFFERENT request (other customer, lines, choices or quantities) places nothing and answers ' +
      'InvalidOrderInput with code IDEMPOTENCY_KEY_REUSED: an order is never returned for a request that ' +
      'did not place it. Requests are compared as sent (choices in any order, values as written).',
  })
  idempotencyKey?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Sales staff: the customer account the order is placed for (its contacts and keys then see it). Left out, ' +
      'a customer’s or a key’s order is their own account’s and anyone else’s is a guest order.',
  })
  accountId?: number | null;

  @Field(() => AddressInput, {
    nullable: true,
    description:
      'Where it goes (a country we ship to). Required of guests and customers (else DELIVERY_ADDRESS_REQUIRED); staff and API keys may leave it out: then no shipping or tax is charged, to be agreed.',
  })
  deliveryAddress?: AddressInput | null;

  @Field(() => AddressInput, {
    nullable: true,
    description: 'Where the invoice goes; null: the delivery address.',
  })
  billingAddress?: AddressInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'A business buyer’s EU VAT id, as in CheckoutInput.vatId.',
  })
  vatId?: string | null;

  @Field(() => String, { nullable: true, description: 'A PaymentTermsOption code; null: the default.' })
  paymentTermsCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The terms of sale version the customer accepted: required of guests and customers, and it must be the current one (termsOfSale.version), else TERMS_NOT_ACCEPTED.',
  })
  acceptedTermsVersion?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The total the customer saw, in minor units (CheckoutSummary.total.minorUnits). When the server’s total differs, nothing is placed: InvalidOrderInput PRICE_CHANGED naming the new total.',
  })
  expectedTotal?: string | null;
}

// simpleResolvers: types whose fields have no middleware are read by graphql-js directly, not through
// type-graphql's wrapper (a board or a page of orders answers tens of thousands of fields).
@ObjectType({
  simpleResolvers: true,
  description: 'Who ordered.',
})
export class Customer {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'As stored: trimmed and in lower case.' })
  email!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One line of an order line’s tailored BOM, for the whole line (all its units).',
})
export class BomLine {
  @Field(() => String)
  partNumber!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'Exact decimal text ("0.768", "16"), for all units of the line.' })
  quantity!: string;

  @Field(() => String, { description: 'Unit of measure: pcs, m, m2, kg...' })
  unit!: string;

  @Field(() => PartKind, { description: 'A made part with lines beneath it is a sub-assembly.' })
  kind!: PartKind;

  @Field(() => Int, {
    description: '1 for the product’s own lines, 2 for a sub-assembly’s lines, and so on.',
  })
  level!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The sub-assembly this line belongs to; null at level 1.',
  })
  parentPartNumber!: string | null;

  @Field(() => Money, { description: 'Cost of one unit of the part when the order was placed.' })
  unitCost!: Money;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One routing operation of an order line, for all its units.',
})
export class Operation {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  workCentre!: string;

  @Field(() => String, { description: 'Exact decimal text: set-up plus time per unit times the quantity.' })
  minutes!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One value in force on an order line, in words: the feature and the value by their labels (a multiple ' +
    'choice gives one per option chosen), for a reader to show instead of codes.',
})
export class LineOption {
  @Field(() => String, { description: 'The feature’s code (width_mm).' })
  feature!: string;

  @Field(() => String, { description: 'The feature’s label (Width).' })
  featureLabel!: string;

  @Field(() => FeatureKind)
  kind!: FeatureKind;

  @Field(() => String, {
    description:
      'The value as stored: an option’s code, "true"/"false", or the number as exact decimal text.',
  })
  value!: string;

  @Field(() => String, {
    description: 'The value in English words: the option’s label, "Yes"/"No", or the number with its unit.',
  })
  valueLabel!: string;

  @Field(() => String, { nullable: true, description: 'A number’s unit (mm, kg...); null otherwise.' })
  unit!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A configured product as ordered: a snapshot of the choices, price, BOM and routing when the order was ' +
    'placed, never recomputed from a model published later.',
})
export class OrderLine {
  @Field(() => Product, { description: 'The product as described by the model version it was ordered in.' })
  product!: Product;

  @Field(() => Int, {
    description: 'The product model version the line was configured, priced and exploded with.',
  })
  modelVersion!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => [Selection], {
    description:
      'Every feature’s value as ordered (the choices and the values they kept), in configurator order.',
  })
  selections!: Selection[];

  @Field(() => [String], {
    description: 'The features the customer chose; the rest came from defaults or the rules.',
  })
  chosenFeatures!: string[];

  @Field(() => [LineOption], {
    description:
      'Every value in force in words, in configurator order (open choices left out): what a customer reads.',
  })
  options!: LineOption[];

  @Field(() => Price)
  price!: Price;

  /**
   * In the schema as `bom` (OrderLineBomResolver): mapped with the line when its BOM was loaded with it,
   * else undefined and read when asked, for every line of the request at once.
   */
  bom?: BomLine[];

  /** In the schema as `operations`, resolved from the line's work orders (fulfilment). */

  /** Not in the schema: the entity it was mapped from. */
  entity!: OrderLineData;
}

@ObjectType({ description: 'The customer account an order belongs to.' })
export class OrderAccount {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A placed order. Staff see every order; a customer account’s contacts and keys see its own; a guest’s order opens only with its tracking token (trackedOrder).',
})
export class Order {
  @Field(() => String, {
    description: 'Readable, not guessable: "MTO-" and 2 x 4 Crockford base32 characters.',
  })
  number!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => String, { description: 'ISO 8601 date and time in UTC.' })
  placedAt!: string;

  @Field(() => DateTime, {
    description:
      'When anything about the order last changed (status, a step of its work, dates, shipment, account); `orders(filter: { updatedSince })` reads it.',
  })
  updatedAt!: Date;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => [OrderLine])
  lines!: OrderLine[];

  @Field(() => Money, {
    description:
      'What the customer pays: the goods and every charge not contained in them (shipping, tax added) (the goods alone for an order without a delivery address, and for orders placed before checkout).',
  })
  total!: Money;

  @Field(() => Money, { description: 'The sum of the lines’ totals.' })
  goods!: Money;

  @Field(() => [CheckoutCharge], { description: 'Shipping and tax as charged; empty when to be agreed.' })
  charges!: CheckoutCharge[];

  @Field(() => Address, {
    nullable: true,
    description: 'Null: staff left shipping to be agreed (or placed before checkout).',
  })
  deliveryAddress!: Address | null;

  @Field(() => Address, { nullable: true, description: 'Null: the delivery address.' })
  billingAddress!: Address | null;

  @Field(() => String, { nullable: true })
  vatId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Reverse charge, export, prices including VAT, or shipping and tax to be agreed.',
  })
  taxNote!: string | null;

  @Field(() => PaymentTermsOption, { nullable: true })
  paymentTerms!: PaymentTermsOption | null;

  @Field(() => Money, { nullable: true, description: 'Due before production; null without a deposit.' })
  deposit!: Money | null;

  @Field(() => String, { nullable: true, description: 'The terms of sale version accepted.' })
  acceptedTermsVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'When they were accepted: ISO 8601 in UTC.' })
  acceptedTermsAt!: string | null;

  @Field(() => OrderAccount, {
    nullable: true,
    description: 'The customer account it belongs to; null for a guest’s order.',
  })
  account!: OrderAccount | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The quote revision the order was placed from when its quote was accepted (Q-2026-000123-R2), at the prices and model versions quoted; null otherwise.',
  })
  quoteReference!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The secret that opens this order in trackedOrder (a guest’s link: /track/<token>). Given only in the answer to placeOrder, never again: keep it.',
  })
  trackingToken!: string | null;

  /** Not in the schema: the entity it was mapped from (its fulfilment is resolved from it on demand). */
  entity!: OrderData;
}

@ObjectType({
  description:
    'An order line whose configuration cannot be built: a rule is broken or a required feature is not decided. ' +
    'Nothing was written.',
})
export class ConfigurationRejected {
  @Field(() => PlaceOrderErrorCode, { description: 'INVALID_CONFIGURATION.' })
  code!: PlaceOrderErrorCode;

  @Field(() => String, { description: 'Names the line and what is wrong with it.' })
  message!: string;

  @Field(() => [Violation], {
    description:
      'The errors of the line (rules broken, values refused; ruleId "required" for a required feature not decided).',
  })
  violations!: Violation[];

  @Field(() => Int, {
    description: 'The index of the line in input.lines (0 for the first); the first rejected line.',
  })
  line!: number;

  @Field(() => String, { description: 'The line as a field: input.lines[<line>].' })
  field!: string;
}

@ObjectType({
  description: 'Input that cannot make an order, named by its field. Nothing was written.',
})
export class InvalidOrderInput {
  @Field(() => PlaceOrderErrorCode, {
    description: 'Any PlaceOrderErrorCode but INVALID_CONFIGURATION; each says which field it names.',
  })
  code!: PlaceOrderErrorCode;

  @Field(() => String, { description: 'What a person reads.' })
  message!: string;

  @Field(() => String, { description: 'The input field at fault, e.g. input.customer.email.' })
  field!: string;
}

export const PlaceOrderResult = createUnionType({
  name: 'PlaceOrderResult',
  description: 'The placed order, or why none was placed (then nothing was written).',
  types: () => [Order, ConfigurationRejected, InvalidOrderInput] as const,
});

@ObjectType({ simpleResolvers: true })
export class OrderEdge {
  @Field(() => String, { description: 'Opaque: pass it as `after` to get the orders after this one.' })
  cursor!: string;

  @Field(() => Order)
  node!: Order;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The last edge’s cursor; null when the page is empty.',
  })
  endCursor!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Orders, newest placed first.',
})
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges!: OrderEdge[];

  @Field(() => [Order], { description: 'The edges’ orders, for a caller that needs no cursor per order.' })
  nodes!: Order[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All orders, on every page.' })
  totalCount!: number;
}

@InputType({ description: 'Which orders to list: every condition given must hold.' })
export class OrderFilterInput {
  @Field(() => [OrderStatus], {
    nullable: true,
    description: 'Any of these statuses; left out: every status.',
  })
  status?: OrderStatus[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'One customer account’s orders. Staff may name any; a customer or a key only its own (another is FORBIDDEN).',
  })
  accountId?: number | null;

  @Field(() => DateTime, {
    nullable: true,
    description:
      'Orders changed at or after this instant (Order.updatedAt): what changed since a partner last looked.',
  })
  updatedSince?: Date | null;

  @Field(() => DateTimeRangeInput, {
    nullable: true,
    description: 'Orders placed in this span (from inclusive, to exclusive).',
  })
  placedBetween?: DateTimeRangeInput | null;
}
