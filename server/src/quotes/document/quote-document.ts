/**
 * What the quote document shows, as plain data: the service that sends a quote fills it from the quote's
 * revision (its entities, totals and promises), and the renderer only lays it out. So the document needs no
 * ORM and no engine, and the figures it prints are exactly the ones the quote holds: it computes no money.
 *
 * Money is integer minor units of `currency` (12345 USD is $123.45; JPY has no minor unit: 12345 is ¥12,345).
 * Percentages and quantities are exact decimal strings ("12.5", "1.5"). Dates are ISO calendar dates
 * (YYYY-MM-DD), printed in words.
 */

/** The wording above each line's ship date unless the data says otherwise. */
export const SHIP_DATE_WORDING = 'Estimated ship date if accepted today';

export interface QuoteDocumentSeller {
  name: string;
  /** The seller's postal address, one line each. */
  addressLines: readonly string[];
  /** The brand colour of the header bar and headings, `#rrggbb`. */
  brandColour: string;
}

export interface QuoteDocumentAccount {
  name: string;
  billingAddressLines: readonly string[];
  /** Empty when the goods go to the billing address. */
  deliveryAddressLines: readonly string[];
}

/** A chosen option in the customer's words: its feature's label and the option's label, never codes. */
export interface QuoteDocumentOption {
  featureLabel: string;
  optionLabel: string;
}

export interface QuoteDocumentLine {
  productName: string;
  /** The pinned model version the line is built to (a version number or name). */
  modelVersion: string;
  /** The chosen options; a multiple choice gives one entry per option. */
  options: readonly QuoteDocumentOption[];
  /** A positive exact decimal. */
  quantity: string;
  unitPriceMinor: number;
  /** The line discount; null for none. */
  discount: { percent: string; amountMinor: number } | null;
  /** What the customer pays for the line before the header discount: unit price × quantity − line discount. */
  lineTotalMinor: number;
  /** The live promise when the document was made; null when the line has none. */
  estimatedShipDate: string | null;
  /** What sets that date (the part or work centre that is the bottleneck), in words; null for none. */
  shipDateBottleneck: string | null;
}

export interface QuoteDocumentData {
  seller: QuoteDocumentSeller;
  /** The quote's number with its revision, e.g. `Q-2026-000123-R2`. */
  quoteNumber: string;
  issueDate: string;
  validUntil: string;
  account: QuoteDocumentAccount;
  /** ISO 4217 code. */
  currency: string;
  /** Net prices (tax added on top, at `taxRatePercent`); gross prices include tax and show no tax line. */
  pricesAreNet: boolean;
  /** The tax rate in percent when the prices are net, an exact decimal ("19"); null otherwise. */
  taxRatePercent: string | null;
  lines: readonly QuoteDocumentLine[];
  /** The header discount off the subtotal; null for none. */
  headerDiscount: { percent: string; amountMinor: number } | null;
  /** The sum of the line totals. */
  subtotalMinor: number;
  /** The tax on (subtotal − header discount) when the prices are net; 0 otherwise. */
  taxMinor: number;
  /** subtotal − header discount + tax. */
  totalMinor: number;
  terms: string;
  /** Shown under the addresses; null for none. */
  noteToCustomer: string | null;
  /** The wording above each line's ship date; {@link SHIP_DATE_WORDING} when not given. */
  shipDateWording?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isCalendarDay = (value: string): boolean => {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
};
const DECIMAL = /^\d+(\.\d+)?$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * The problems that would make the document wrong or unprintable, each naming the field: a document that
 * does not add up must not reach a customer. Empty when the data is sound.
 */
export function quoteDocumentProblems(data: QuoteDocumentData): string[] {
  const problems: string[] = [];
  const money = (field: string, value: number) => {
    if (!Number.isSafeInteger(value))
      problems.push(`${field}: ${value} is not a whole number of minor units`);
  };
  const date = (field: string, value: string) => {
    // A calendar day that exists: 2026-02-30 does not (Date would roll it over to March).
    if (!ISO_DATE.test(value) || !isCalendarDay(value))
      problems.push(`${field}: '${value}' is not a date (YYYY-MM-DD)`);
  };
  const decimal = (field: string, value: string) => {
    if (!DECIMAL.test(value)) problems.push(`${field}: '${value}' is not a decimal number`);
  };
  if (!COLOUR.test(data.seller.brandColour))
    problems.push(`seller.brandColour: '${data.seller.brandColour}' is not a colour (#rrggbb)`);
  if (!knownCurrency(data.currency)) problems.push(`currency: '${data.currency}' is not an ISO 4217 code`);
  date('issueDate', data.issueDate);
  date('validUntil', data.validUntil);
  if (data.pricesAreNet && data.taxRatePercent === null)
    problems.push('taxRatePercent: net prices need a tax rate');
  if (data.taxRatePercent !== null) decimal('taxRatePercent', data.taxRatePercent);
  if (!data.pricesAreNet && data.taxMinor !== 0) problems.push('taxMinor: gross prices have no tax line');
  data.lines.forEach((line, index) => {
    const at = `lines[${index}]`;
    decimal(`${at}.quantity`, line.quantity);
    money(`${at}.unitPriceMinor`, line.unitPriceMinor);
    money(`${at}.lineTotalMinor`, line.lineTotalMinor);
    if (line.discount) {
      decimal(`${at}.discount.percent`, line.discount.percent);
      money(`${at}.discount.amountMinor`, line.discount.amountMinor);
    }
    if (line.estimatedShipDate !== null) date(`${at}.estimatedShipDate`, line.estimatedShipDate);
  });
  if (data.headerDiscount) {
    decimal('headerDiscount.percent', data.headerDiscount.percent);
    money('headerDiscount.amountMinor', data.headerDiscount.amountMinor);
  }
  money('subtotalMinor', data.subtotalMinor);
  money('taxMinor', data.taxMinor);
  money('totalMinor', data.totalMinor);
  if (problems.length > 0) return problems;
  // Whole numbers: these sums are exact.
  const linesSum = data.lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  if (linesSum !== data.subtotalMinor)
    problems.push(`subtotalMinor: ${data.subtotalMinor} is not the sum of the line totals (${linesSum})`);
  const total = data.subtotalMinor - (data.headerDiscount?.amountMinor ?? 0) + data.taxMinor;
  if (total !== data.totalMinor)
    problems.push(`totalMinor: ${data.totalMinor} is not subtotal − header discount + tax (${total})`);
  return problems;
}

// Intl formats any three letters as a currency; the document prints only the ones it knows the minor unit of.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const knownCurrency = (code: string): boolean => CURRENCIES.has(code);
