import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ConfiguredProduct } from '../configurations/configuration.service.js';
import { Money } from '../graphql/common.types.js';
import { ConfigurationInput } from '../graphql/selection.types.js';

@InputType({
  description:
    'A postal address in a country we ship to (see shippingCountries). Each field is checked for its country: the postal code’s format, the state or province (US, CA: required, a code), the phone (stored in E.164).',
})
export class AddressInput {
  @Field(() => String, { description: 'Who receives it; 1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  company?: string | null;

  @Field(() => String, { description: 'Street and number.' })
  line1!: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String, { description: 'In the country’s format (ShippingCountry.postalCodeExample).' })
  postalCode!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String, {
    nullable: true,
    description: 'State or province code (US: CA, NY…; CA: ON, QC…): required there; elsewhere free text.',
  })
  region?: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. DE; one we ship to.' })
  country!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Read as a number of the country unless it starts with + and a country code.',
  })
  phone?: string | null;
}

@ObjectType({ description: 'A postal address as stored with an order.' })
export class Address {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  company!: string | null;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  country!: string;

  @Field(() => String, { description: 'The country’s English name.' })
  countryName!: string;

  @Field(() => String, { nullable: true, description: 'E.164, e.g. +4930123456.' })
  phone!: string | null;
}

@InputType({ description: 'What the checkout page shows before an order: the lines and where they go.' })
export class CheckoutInput {
  @Field(() => [ConfigurationInput], {
    description: 'The order’s lines, 1 to 100, priced as placeOrder prices them.',
  })
  lines!: ConfigurationInput[];

  @Field(() => AddressInput)
  deliveryAddress!: AddressInput;

  @Field(() => AddressInput, { nullable: true, description: 'Null: the delivery address.' })
  billingAddress?: AddressInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A business buyer’s EU VAT id (checked for its country’s format, not looked up online). Of another EU country than the seller’s, with delivery to one: reverse charge, 0 % VAT.',
  })
  vatId?: string | null;

  @Field(() => String, { nullable: true, description: 'A PaymentTermsOption code; null: the default.' })
  paymentTermsCode?: string | null;
}

export const ChargeKind = { SHIPPING: 'SHIPPING', TAX: 'TAX' } as const;
export type ChargeKind = (typeof ChargeKind)[keyof typeof ChargeKind];
registerEnumType(ChargeKind, { name: 'ChargeKind', description: 'What a checkout charge is for.' });

@ObjectType({ description: 'A charge besides the goods: shipping, or a tax line.' })
export class CheckoutCharge {
  @Field(() => String, {
    description:
      'shipping; tax; seller-vat-removed (negative: the German VAT gross prices contain, taken out where none is due: reverse charge, an export without destination tax).',
  })
  code!: string;

  @Field(() => ChargeKind)
  kind!: ChargeKind;

  @Field(() => String, { description: 'As a person reads it: "Shipping to Germany (41.2 kg)", "VAT 19 %".' })
  label!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => String, {
    nullable: true,
    description: 'A tax line’s rate in percent, exact ("19", "8.1"); null for shipping.',
  })
  rate!: string | null;

  @Field(() => Boolean, {
    description: 'A tax contained in gross prices: shown, not added to the total.',
  })
  included!: boolean;
}

@ObjectType({ description: 'A way to pay.' })
export class PaymentTermsOption {
  @Field(() => String, { description: 'invoice-14, deposit-30.' })
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Percent of the total paid as a deposit; null: none.' })
  depositPercent!: number | null;

  @Field(() => Boolean, { description: 'What applies when the order names none.' })
  default!: boolean;
}

@ObjectType({ description: 'The terms of sale a customer accepts at checkout.' })
export class TermsOfSale {
  @Field(() => String, { description: 'What PlaceOrderInput.acceptedTermsVersion must be, e.g. 2026-12.' })
  version!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Plain text, paragraphs separated by newlines.' })
  text!: string;
}

@ObjectType({ description: 'A state or province.' })
export class Region {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'A country we ship to, with what its addresses need.' })
export class ShippingCountry {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  code!: string;

  @Field(() => String, { description: 'In the locale asked for (default en).' })
  name!: string;

  @Field(() => Boolean, { description: 'Whether an address needs a region (a state or province code).' })
  regionRequired!: boolean;

  @Field(() => [Region], { description: 'The regions to choose from; empty where none is asked for.' })
  regions!: Region[];

  @Field(() => String, { nullable: true, description: 'A postal code of the country’s form, e.g. 10115.' })
  postalCodeExample!: string | null;

  @Field(() => String, { description: 'The shipping zone’s label, e.g. "European Union".' })
  zone!: string;
}

@ObjectType({
  description:
    'What the customer would pay for these lines delivered there, computed by the server as placeOrder charges it. Nothing is written.',
})
export class CheckoutSummary {
  @Field(() => String)
  currency!: string;

  @Field(() => Boolean, {
    description: 'Gross prices (tax contained) or net (tax added), as the price list says.',
  })
  pricesIncludeTax!: boolean;

  @Field(() => Money, { description: 'The sum of the lines’ totals.' })
  goods!: Money;

  @Field(() => [CheckoutCharge], { description: 'Shipping, then tax lines.' })
  charges!: CheckoutCharge[];

  @Field(() => Money)
  shipping!: Money;

  @Field(() => Money, {
    description: 'The tax at the destination’s rate (the `tax` charge), contained or added.',
  })
  tax!: Money;

  @Field(() => Money, {
    description:
      'What the customer pays: the goods and every charge not contained in them (included: false).',
  })
  total!: Money;

  @Field(() => String, {
    nullable: true,
    description: 'Reverse charge, export, or "Prices include 19 % VAT".',
  })
  taxNote!: string | null;

  @Field(() => String, { description: 'The shipping zone’s label, e.g. Germany.' })
  shippingZone!: string;

  @Field(() => String, { description: 'Exact decimal kg: the lines’ BOM weights and packaging.' })
  shippingWeightKg!: string;

  @Field(() => Money, { nullable: true, description: 'Due before production; null without a deposit.' })
  deposit!: Money | null;

  @Field(() => PaymentTermsOption)
  paymentTerms!: PaymentTermsOption;

  /** In the schema as `promise`, resolved by fulfilment from the lines. */

  @Field(() => String, {
    description: 'The terms of sale in force: what placeOrder must be told was accepted.',
  })
  termsVersion!: string;

  /** Not in the schema: the configured lines (the promise is resolved from them). */
  lines!: ConfiguredProduct[];
}
