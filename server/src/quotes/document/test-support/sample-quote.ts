/**
 * Sample quote documents for the renderer's tests and benchmark: n lines, each with its own product name,
 * options and ship date, and totals that add up as the quote engine adds them (whole minor units, discounts
 * rounded half-up). Quantities and percentages are whole or halves, so plain integer arithmetic is exact.
 */

import type { QuoteDocumentData, QuoteDocumentLine } from '../quote-document.js';

export interface SampleQuoteOptions {
  lines: number;
  currency?: string;
  /** Net prices with this tax rate (whole percent); gross prices when not given. */
  taxRatePercent?: number;
  /** Whole percent off the subtotal. */
  headerDiscountPercent?: number;
  /** Options per line (at least 3: model-specific ones are added). */
  optionsPerLine?: number;
}

const PRODUCTS = ['Standing desk', 'Custom e-bike', 'Workstation PC', 'Meeting table', 'Cargo e-bike'];
const COLOURS = ['Graphite', 'Sage', 'Sand', 'Signal white', 'Ocean blue'];

/** Half-up rounding of a non-negative a / b, exactly, for integers. */
const divideHalfUp = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b));

/** The line's number as two digits, so that "line 1" is never found inside "line 10". */
const tag = (index: number): string => String(index + 1).padStart(2, '0');

export function sampleLine(index: number, optionsPerLine = 4): QuoteDocumentLine {
  // Quantities 1, 2, 3... and every fourth line half a unit more: decimals print as decimals.
  const quantityHalves = 2 * (index + 1) + (index % 4 === 3 ? 1 : 0);
  const unitPriceMinor = 49_900 + index * 12_345;
  const grossMinor = divideHalfUp(unitPriceMinor * quantityHalves, 2);
  const discountPercent = index % 3 === 0 ? 10 : index % 3 === 1 ? 0 : 12.5;
  const discountMinor = divideHalfUp(grossMinor * discountPercent * 2, 200);
  const options = [
    { featureLabel: 'Colour', optionLabel: `${COLOURS[index % COLOURS.length]} ${tag(index)}` },
    { featureLabel: 'Accessories', optionLabel: `Cable tray L${tag(index)}` },
    { featureLabel: 'Accessories', optionLabel: `Monitor arm L${tag(index)}` },
    ...Array.from({ length: Math.max(0, optionsPerLine - 3) }, (_, k) => ({
      featureLabel: `Feature ${k + 1}`,
      optionLabel: `Choice ${k + 1} of line ${tag(index)}`,
    })),
  ];
  return {
    productName: `${PRODUCTS[index % PRODUCTS.length]} No. ${tag(index)}`,
    modelVersion: String(3 + (index % 2)),
    options,
    quantity: quantityHalves % 2 === 0 ? String(quantityHalves / 2) : `${(quantityHalves - 1) / 2}.5`,
    unitPriceMinor,
    discount: discountPercent === 0 ? null : { percent: String(discountPercent), amountMinor: discountMinor },
    lineTotalMinor: grossMinor - discountMinor,
    estimatedShipDate: `2026-12-${String(1 + (index % 28)).padStart(2, '0')}`,
    shipDateBottleneck: `bottleneck of line ${tag(index)}: oak top, supplier lead time 15 days`,
  };
}

export function sampleQuote(options: SampleQuoteOptions): QuoteDocumentData {
  const lines = Array.from({ length: options.lines }, (_, index) =>
    sampleLine(index, options.optionsPerLine),
  );
  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const headerPercent = options.headerDiscountPercent ?? 0;
  const headerDiscountMinor = divideHalfUp(subtotalMinor * headerPercent, 100);
  const net = options.taxRatePercent !== undefined;
  const taxMinor = net
    ? divideHalfUp((subtotalMinor - headerDiscountMinor) * (options.taxRatePercent ?? 0), 100)
    : 0;
  return {
    seller: {
      name: 'Nordwerk Möbel GmbH',
      addressLines: ['Industriestraße 4', '80331 München', 'Germany'],
      brandColour: '#1f6feb',
    },
    quoteNumber: 'Q-2026-000123-R2',
    issueDate: '2026-11-20',
    validUntil: '2026-12-20',
    account: {
      name: 'Łódź Offices Sp. z o.o.',
      billingAddressLines: ['ul. Piotrkowska 1', '90-001 Łódź', 'Poland'],
      deliveryAddressLines: ['Warehouse 7', 'ul. Fabryczna 12', '90-002 Łódź', 'Poland'],
    },
    currency: options.currency ?? 'USD',
    pricesAreNet: net,
    taxRatePercent: net ? String(options.taxRatePercent) : null,
    lines,
    headerDiscount:
      headerPercent > 0 ? { percent: String(headerPercent), amountMinor: headerDiscountMinor } : null,
    subtotalMinor,
    taxMinor,
    totalMinor: subtotalMinor - headerDiscountMinor + taxMinor,
    terms: 'Payment within 30 days of invoice, net. Delivery ex works München; installation on request.',
    noteToCustomer: 'Thank you for your enquiry: the desks are quoted with the oak tops you asked for.',
  };
}
