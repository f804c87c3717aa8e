/**
 * The checkout's figures, computed from the checkout data: the build's shipping weight (its tailored BOM), the
 * shipping charge by zone and weight, the tax by destination, price mode and reverse charge, and the deposit.
 * Money is integer minor units of the price list's currency; every charge line is rounded once, half-up.
 */

import { Decimal } from '../common/decimal.js';
import type { ProductModel } from '../model/product-model.js';
import type { CheckoutData, CountryTax, PaymentTerms, ShippingRates, ShippingZone } from './checkout-data.js';

/** What a build weighs: its purchased parts (weight per unit of measure x BOM quantity) and its packaging. */
export interface ShippingWeight {
  weightKg: Decimal;
  /** Parts of the BOM without a weight (counted as 0): a gap in the model's data. */
  unweighed: string[];
}

/** A BOM line as the weight needs it (the explosion's, or an order's snapshot). */
export interface WeighedBomLine {
  partNumber: string;
  quantity: Decimal;
  subAssembly: boolean;
}

/**
 * The shipping weight of an order line: every BOM line that is not a sub-assembly (whose own lines are
 * weighed) at its part's weight per unit of measure times its quantity for the whole line, plus the model's
 * packaging per unit times the line's quantity. Exact: no rounding.
 */
export function shippingWeight(
  model: ProductModel,
  bom: readonly WeighedBomLine[],
  quantity: number,
): ShippingWeight {
  let weight = model.packagingKg.times(quantity);
  const unweighed: string[] = [];
  for (const line of bom) {
    if (line.subAssembly) continue;
    const part = model.parts.get(line.partNumber);
    if (part?.weightKg === undefined) {
      if (!unweighed.includes(line.partNumber)) unweighed.push(line.partNumber);
      continue;
    }
    weight = weight.plus(part.weightKg.times(line.quantity));
  }
  return { weightKg: weight, unweighed };
}

/** The charge of one rate table for a weight: the first band it fits in, else the last plus each started extra step. */
export function shippingRate(rates: ShippingRates, weightKg: Decimal): number {
  for (const band of rates.bands) if (weightKg.lessThanOrEqualTo(band.upToKg)) return band.amountMinor;
  const last = rates.bands.at(-1)!;
  const steps = weightKg
    .minus(last.upToKg)
    .dividedBy(rates.perExtra.kg)
    .toDecimalPlaces(0, Decimal.ROUND_CEIL);
  return new Decimal(last.amountMinor).plus(steps.times(rates.perExtra.amountMinor)).toNumber();
}

export type ChargeKind = 'SHIPPING' | 'TAX';

/** One line of the checkout's charges (shipping, then tax). */
export interface CheckoutCharge {
  code: string;
  kind: ChargeKind;
  label: string;
  amountMinor: number;
  /** Percent, exact text ("19", "8.1"), for a tax line; null for shipping. */
  rate: string | null;
  /** A tax contained in gross prices: shown, not added to the total. */
  included: boolean;
}

export interface CheckoutInput {
  currency: string;
  /** Digits of the currency's minor unit. */
  digits: number;
  /** The price list's mode: gross prices contain the tax, net prices have it added. */
  pricesIncludeTax: boolean;
  /** The sum of the lines' totals. */
  goodsMinor: number;
  weightKg: Decimal;
  country: string;
  /** State or province code, where the country is taxed by region. */
  region: string | null;
  /** The buyer's VAT id, normalised (country prefix and digits, no spaces); null for a consumer. */
  vatId: string | null;
  paymentTermsCode: string | null;
}

export interface CheckoutTotals {
  currency: string;
  pricesIncludeTax: boolean;
  goodsMinor: number;
  charges: CheckoutCharge[];
  shippingMinor: number;
  /** Every tax line's amount, contained or added. */
  taxMinor: number;
  /** What the customer pays: goods + shipping + the tax not contained in them. */
  totalMinor: number;
  /** Net of a gross total: total minus the tax contained (gross lists), else goods + shipping. */
  netMinor: number;
  taxNote: string | null;
  zone: { code: string; label: string };
  weightKg: Decimal;
  depositMinor: number | null;
  paymentTerms: PaymentTerms;
}

/** Why no figures: `field` names the input at fault (`country`, `currency`, `paymentTermsCode`). */
export interface CheckoutProblem {
  field: 'country' | 'currency' | 'paymentTermsCode' | 'total';
  message: string;
}

export type CheckoutResult = ({ ok: true } & CheckoutTotals) | { ok: false; problem: CheckoutProblem };

/** The checkout's charges and totals for goods of `goodsMinor` weighing `weightKg`, sent to `country`. */
export function checkoutTotals(data: CheckoutData, input: CheckoutInput): CheckoutResult {
  const zone = data.zoneByCountry.get(input.country);
  if (!zone) {
    const where = data.zones.flatMap((z) => z.countries).join(', ');
    return {
      ok: false,
      problem: { field: 'country', message: `We do not ship to ${input.country}; we ship to ${where}` },
    };
  }
  const rates = zone.rates.get(input.currency);
  if (!rates)
    return {
      ok: false,
      problem: { field: 'currency', message: `Shipping to ${zone.label} is not priced in ${input.currency}` },
    };
  const terms = paymentTermsOf(data, input.paymentTermsCode);
  if (!terms) {
    const codes = data.paymentTerms.map((t) => t.code).join(', ');
    return {
      ok: false,
      problem: {
        field: 'paymentTermsCode',
        message: `'${input.paymentTermsCode}' is not a payment term (${codes})`,
      },
    };
  }
  const shippingMinor = shippingRate(rates, input.weightKg);
  const shipping: CheckoutCharge = {
    code: 'shipping',
    kind: 'SHIPPING',
    label: `Shipping to ${zone.label} (${input.weightKg.toFixed()} kg)`,
    amountMinor: shippingMinor,
    rate: null,
    included: false,
  };
  const baseMinor = input.goodsMinor + shippingMinor;
  const removed = sellerVatRemoved(data, input, baseMinor);
  const taxBase = baseMinor - (removed ? -removed.amountMinor : 0);
  const tax = taxLine(data, input, taxBase);
  const charges = [shipping, ...(removed ? [removed] : []), tax.charge];
  // What the customer pays: the goods and every charge not contained in them.
  const totalMinor = input.goodsMinor + charges.reduce((sum, c) => sum + (c.included ? 0 : c.amountMinor), 0);
  if (!Number.isSafeInteger(totalMinor))
    return {
      ok: false,
      problem: { field: 'total', message: 'The total is too large to count: split the order' },
    };
  return {
    ok: true,
    currency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax,
    goodsMinor: input.goodsMinor,
    charges,
    shippingMinor,
    taxMinor: tax.charge.amountMinor,
    totalMinor,
    netMinor: tax.charge.included ? taxBase - tax.charge.amountMinor : taxBase,
    taxNote: tax.note,
    zone: zoneOf(zone),
    weightKg: input.weightKg,
    depositMinor: depositOf(totalMinor, terms),
    paymentTerms: terms,
  };
}

/** The payment terms by code, the default one when none is given; undefined for an unknown code. */
export function paymentTermsOf(
  data: CheckoutData,
  code: string | null | undefined,
): PaymentTerms | undefined {
  if (code === null || code === undefined) return data.paymentTerms.find((terms) => terms.default);
  return data.paymentTerms.find((terms) => terms.code === code);
}

/** The deposit the terms ask for: their percentage of the total, rounded half-up; null without a deposit. */
export function depositOf(totalMinor: number, terms: PaymentTerms): number | null {
  if (terms.depositPercent === null) return null;
  return new Decimal(totalMinor)
    .times(terms.depositPercent)
    .dividedBy(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}

function zoneOf(zone: ShippingZone): { code: string; label: string } {
  return { code: zone.code, label: zone.label };
}

/** The country a VAT id is of: its two-letter prefix (Greece writes EL). */
export function vatIdCountry(vatId: string): string {
  const prefix = vatId.slice(0, 2).toUpperCase();
  return prefix === 'EL' ? 'GR' : prefix;
}

interface TaxRule {
  rate: Decimal;
  label: string;
  note: string | null;
  /** Whether the seller's own VAT is not due (reverse charge, or an export): gross prices then lose it. */
  sellerVatExempt: boolean;
}

/**
 * Gross prices contain the seller's VAT (the shop's own prices); where no VAT is due at all (reverse charge, or an
 * export whose destination we collect no tax for) it is taken out: a TAX line of the seller's VAT contained in the
 * goods and shipping, negative, so that the customer pays the net. Null where the prices stand (net lists, a
 * destination rate above 0: contained in them).
 */
function sellerVatRemoved(
  data: CheckoutData,
  input: CheckoutInput,
  baseMinor: number,
): CheckoutCharge | null {
  if (!input.pricesIncludeTax) return null;
  const rule = taxRule(data, input.country, input.region, input.vatId);
  if (!rule.sellerVatExempt || !rule.rate.isZero()) return null;
  const seller = data.taxByCountry.get(data.seller.country)!;
  const base = new Decimal(baseMinor);
  const net = base.times(100).dividedBy(seller.rate.plus(100)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const why = rule.label.includes('reverse charge') ? 'reverse charge' : 'export';
  return {
    code: 'seller-vat-removed',
    kind: 'TAX',
    label: `${seller.name} ${seller.rate.toFixed()} % contained in the prices, not charged (${why})`,
    amountMinor: net.minus(base).toNumber(),
    rate: seller.rate.toFixed(),
    included: false,
  };
}

/** Which rate applies: reverse charge between EU businesses, the destination's within the EU, export outside it. */
export function taxRule(
  data: CheckoutData,
  country: string,
  region: string | null,
  vatId: string | null,
): TaxRule {
  const seller = data.seller.country;
  const destination = data.taxByCountry.get(country)!;
  if (destination.eu) {
    const buyer = vatId === null ? undefined : data.taxByCountry.get(vatIdCountry(vatId));
    if (buyer?.eu && buyer.country !== seller && country !== seller)
      return {
        rate: new Decimal(0),
        label: 'VAT 0 % (reverse charge)',
        note: data.reverseChargeNote,
        sellerVatExempt: true,
      };
    return {
      rate: destination.rate,
      label: `${destination.name} ${destination.rate.toFixed()} %`,
      note: null,
      sellerVatExempt: false,
    };
  }
  const rate = regionRate(destination, region);
  const label = `${destination.name} ${rate.toFixed()} %`;
  const zeroNote = rate.isZero() && destination.zeroNote ? ` ${destination.zeroNote}` : '';
  return { rate, label, note: `${data.exportNote}${zeroNote}`, sellerVatExempt: true };
}

function regionRate(tax: CountryTax, region: string | null): Decimal {
  if (region !== null) {
    const rate = tax.regions.get(region);
    if (rate) return rate;
  }
  return tax.rate;
}

/**
 * The tax line on `baseMinor` (goods and shipping, in the list's mode): added to net prices, rounded half-up;
 * contained in gross prices: the gross less its net at the rate, rounded half-up, so net + tax = gross exactly.
 */
function taxLine(
  data: CheckoutData,
  input: CheckoutInput,
  baseMinor: number,
): { charge: CheckoutCharge; note: string | null } {
  const rule = taxRule(data, input.country, input.region, input.vatId);
  const base = new Decimal(baseMinor);
  let amountMinor: number;
  let note = rule.note;
  if (input.pricesIncludeTax) {
    const net = base.times(100).dividedBy(rule.rate.plus(100)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    amountMinor = base.minus(net).toNumber();
    if (!rule.rate.isZero()) note = note ?? `Prices include ${rule.rate.toFixed()} % ${nameOf(rule.label)}`;
  } else {
    amountMinor = base.times(rule.rate).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  }
  return {
    charge: {
      code: 'tax',
      kind: 'TAX',
      label: rule.label,
      amountMinor,
      rate: rule.rate.toFixed(),
      included: input.pricesIncludeTax,
    },
    note,
  };
}

function nameOf(label: string): string {
  return label.replace(/\s+[\d.]+ %.*$/, '');
}
