import type { CatalogService } from '../catalog/catalog.service.js';
import type {
  ConfigurationService,
  ConfiguredProduct,
  PricingContext,
} from '../configurations/configuration.service.js';
import {
  type CheckoutCharge,
  type CheckoutData,
  checkoutTotals,
  Decimal,
  depositOf,
  explode,
  type PaymentTerms,
  paymentTermsOf,
  shippingWeight,
  type WeighedBomLine,
} from '../engine/index.js';
import { InputError } from '../errors.js';
import type { ConfigurationInput } from '../graphql/selection.types.js';
import type { CheckoutAddress } from './address.js';

/** The note of an order placed by staff without a delivery address: nothing charged for shipping or tax yet. */
export const TO_BE_AGREED_NOTE = 'Shipping and tax to be agreed';

/** One line of the goods: configured and priced by the server, with its tailored BOM to weigh. */
export interface CheckoutLine {
  configured: ConfiguredProduct;
  bom: readonly WeighedBomLine[];
}

/** Where and how the customer buys: the checked addresses, VAT id and payment terms. */
export interface CheckoutTerms {
  /** Null only for staff and API keys (then no shipping or tax is charged: to be agreed). */
  deliveryAddress: CheckoutAddress | null;
  /** Null: the delivery address. */
  billingAddress: CheckoutAddress | null;
  vatId: string | null;
  paymentTermsCode: string | null;
}

/** What the customer pays, line by line: the snapshot an order keeps, and what `checkout` shows. */
export interface CheckoutFigures {
  currency: string;
  digits: number;
  pricesIncludeTax: boolean;
  goodsMinor: number;
  charges: CheckoutCharge[];
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxNote: string | null;
  /** Null without a delivery address. */
  zone: { code: string; label: string } | null;
  /** Exact decimal text. */
  weightKg: string;
  depositMinor: number | null;
  paymentTerms: PaymentTerms;
  termsVersion: string;
}

/** How a line is priced: by the list that prices what the person sees. Refusals are InputErrors naming the field. */
export type LinePricing = (line: ConfigurationInput, field: string) => Promise<PricingContext | undefined>;

/**
 * The checkout's figures for lines already configured (one currency): their weight, the shipping, tax and
 * deposit by the checkout data. A problem is an InputError naming the field (`input.deliveryAddress.country`).
 */
export function checkoutFigures(
  data: CheckoutData,
  lines: CheckoutLine[],
  terms: CheckoutTerms,
): CheckoutFigures {
  const first = lines[0]!.configured.price;
  const goodsMinor = lines.reduce((sum, line) => sum + line.configured.price.totalMinor, 0);
  const weight = lines.reduce(
    (sum, line) =>
      sum.plus(shippingWeight(line.configured.model, line.bom, line.configured.quantity).weightKg),
    new Decimal(0),
  );
  // Gross unless a list says net: a model's own prices are the shop's gross prices (as the default EUR list).
  const pricesIncludeTax = (first.priceList?.prices ?? 'gross') === 'gross';
  const common = { currency: first.currency, digits: first.currencyDigits, pricesIncludeTax, goodsMinor };
  const termsVersion = data.termsOfSale.version;
  if (terms.deliveryAddress === null) {
    const paymentTerms = paymentTermsOf(data, terms.paymentTermsCode);
    if (!paymentTerms) throw unknownTerms(data, terms.paymentTermsCode);
    return {
      ...common,
      charges: [],
      shippingMinor: 0,
      taxMinor: 0,
      totalMinor: goodsMinor,
      taxNote: TO_BE_AGREED_NOTE,
      zone: null,
      weightKg: weight.toFixed(),
      depositMinor: depositOf(goodsMinor, paymentTerms),
      paymentTerms,
      termsVersion,
    };
  }
  const result = checkoutTotals(data, {
    ...common,
    weightKg: weight,
    country: terms.deliveryAddress.country,
    region: terms.deliveryAddress.region,
    vatId: terms.vatId,
    paymentTermsCode: terms.paymentTermsCode,
  });
  if (!result.ok) {
    const field = {
      country: 'input.deliveryAddress.country',
      currency: 'input.lines[0].currency',
      paymentTermsCode: 'input.paymentTermsCode',
      total: 'input.lines',
    }[result.problem.field];
    throw new InputError(field, result.problem.message);
  }
  return {
    ...common,
    charges: result.charges,
    shippingMinor: result.shippingMinor,
    taxMinor: result.taxMinor,
    totalMinor: result.totalMinor,
    taxNote: result.taxNote,
    zone: result.zone,
    weightKg: result.weightKg.toFixed(),
    depositMinor: result.depositMinor,
    paymentTerms: result.paymentTerms,
    termsVersion,
  };
}

function unknownTerms(data: CheckoutData, code: string | null): InputError {
  const codes = data.paymentTerms.map((terms) => terms.code).join(', ');
  return new InputError('input.paymentTermsCode', `'${code}' is not a payment term (${codes})`);
}

/** A checkout shown: its figures and the lines (the promise is fulfilment's, resolved from them). */
export interface CheckoutSummaryResult {
  figures: CheckoutFigures;
  lines: ConfiguredProduct[];
}

/** The checkout before an order: the same figures placeOrder will charge, computed without writing anything. */
export class CheckoutService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly configurations: ConfigurationService,
    readonly data: () => CheckoutData,
  ) {}

  /**
   * Configures and prices every line as placeOrder would (each must be valid and complete, one currency), weighs
   * its BOM, and computes shipping, tax, total and deposit. Bad input is an InputError naming the field.
   */
  async summarize(
    lines: ConfigurationInput[],
    terms: CheckoutTerms,
    pricing: LinePricing,
  ): Promise<CheckoutSummaryResult> {
    const checked: CheckoutLine[] = [];
    for (const [index, line] of lines.entries()) {
      const field = `input.lines[${index}]`;
      const configured = await this.configurations.configure(line, field, await pricing(line, field));
      const { check, model, quantity } = configured;
      if (!check.valid || !check.complete)
        throw new InputError(
          field,
          `Line ${index + 1} (${model.name}) cannot be built as configured: configure it first`,
        );
      if (quantity > model.maxQuantityPerLine)
        throw new InputError(
          `${field}.quantity`,
          `At most ${model.maxQuantityPerLine} × ${model.name} on one order line, not ${quantity}: for more, ask for a quote`,
        );
      const explosion = explode(this.catalog.loaded(configured.version).model, configured.values, quantity);
      if (!explosion.ok) throw new Error(`${model.code} v${configured.version.version} cannot be exploded`);
      const currency = checked[0]?.configured.price.currency;
      if (currency !== undefined && configured.price.currency !== currency)
        throw new InputError(
          `${field}.productCode`,
          `Line ${index + 1} (${model.name}) is priced in ${configured.price.currency}, the order in ${currency}: order it separately`,
        );
      checked.push({ configured, bom: explosion.bom });
    }
    return {
      figures: checkoutFigures(this.data(), checked, terms),
      lines: checked.map((line) => line.configured),
    };
  }
}
