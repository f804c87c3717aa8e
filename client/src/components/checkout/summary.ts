/**
 * The checkout summary as the server computes it (CheckoutSummary of schema/operations/checkout-summary.graphql)
 * and what the page says about it: the tax line's name, the tax note in the reader's language, the
 * feature values chosen.
 */
import type { MoneyText } from '../../i18n/format';

export interface MoneyWithMinor extends MoneyText {
  minorUnits: string;
}

export interface ChargeView {
  code: string;
  kind: 'SHIPPING' | 'TAX';
  label: string;
  amount: MoneyText;
  rate?: string | null;
  included: boolean;
}

export interface CheckoutSummaryView {
  currency: string;
  pricesIncludeTax: boolean;
  goods: MoneyText;
  charges: readonly ChargeView[];
  shipping: MoneyText;
  tax: MoneyText;
  total: MoneyWithMinor;
  taxNote?: string | null;
  shippingZone: string;
  shippingWeightKg: string;
  deposit?: MoneyText | null;
  paymentTerms: { code: string; label: string; depositPercent?: number | null };
  promise?: { shipDate: string } | null;
  termsVersion: string;
}

/**
 * The code of the tax line that takes the seller's VAT out of gross prices where none is due (reverse charge,
 * export): negative, so the customer pays the net.
 */
export const SELLER_VAT_REMOVED = 'seller-vat-removed';

/** Countries whose tax is a sales tax by state or province, not a VAT. */
const SALES_TAX_COUNTRIES = new Set(['US', 'CA']);

/** The message key of a tax line's name for a destination: "VAT 19 %" or "Sales tax 8.875 %". */
export function taxLabelKey(country: string): 'checkout.summary.vat' | 'checkout.summary.salesTax' {
  return SALES_TAX_COUNTRIES.has(country) ? 'checkout.summary.salesTax' : 'checkout.summary.vat';
}

export type TaxNoteKind = 'reverseCharge' | 'export' | 'pricesInclude';

/**
 * Which of the known notes the server's tax note is (then said in the reader's language), or null: the
 * server's words as they are.
 */
export function taxNoteKind(note: string | null | undefined): TaxNoteKind | null {
  if (!note) return null;
  if (/reverse charge/i.test(note)) return 'reverseCharge';
  if (/^export/i.test(note)) return 'export';
  if (/include/i.test(note)) return 'pricesInclude';
  return null;
}

/** The rate of the first tax line contained in the prices ("19"), for "Prices include 19 % VAT". */
export function includedRate(charges: readonly ChargeView[]): string | null {
  return charges.find((c) => c.kind === 'TAX' && c.included && c.rate)?.rate ?? null;
}

/** What the page sends as `expectedTotal`: the total shown, in minor units. */
export function expectedTotalOf(summary: CheckoutSummaryView | null): string | null {
  return summary ? summary.total.minorUnits : null;
}
