import type { OrderLinePriceSnapshot } from '../orders/order.entity.js';
import type { QuotedOrder } from '../orders/order.service.js';
import type { Quote, QuoteLine } from './quote.entity.js';
import type { QuoteFigures } from './quote-figures.js';

/**
 * An accepted revision as an order: each line on its pinned model version with its choices, at the price
 * quoted. A line's price keeps the price lines it was quoted with and adds its discounts as lines of their
 * own (the line's discount, and its share of the discount on the whole quote), so that its lines add up to
 * what the customer pays for it and the lines add up to the quote's total (before tax: an order has none).
 * A discount line's amount is exact; its amount per unit is that divided by the quantity, rounded half-up.
 */
export function quotedOrderOf(
  quote: Quote,
  lines: readonly QuoteLine[],
  figures: QuoteFigures,
  actor: string,
): QuotedOrder {
  return {
    quoteReference: quote.reference,
    accountId: quote.account.id,
    customer: {
      name: quote.recipientName ?? quote.account.name,
      email: quote.recipientEmail ?? '',
    },
    currency: quote.currency,
    totalMinor: figures.totals.totalMinor,
    actor,
    lines: lines.map((line, index) => {
      const totals = figures.totals.lines[index]!;
      return {
        configuration: {
          productCode: line.productCode,
          selections: line.selections,
          quantity: line.quantity,
          modelVersion: line.modelVersion.version,
        },
        price: quotedPrice(quote, line, {
          lineDiscountMinor: totals.discountMinor,
          headerShareMinor: totals.headerDiscountShareMinor,
          totalMinor: totals.netAfterHeaderMinor,
        }),
      };
    }),
  };
}

function quotedPrice(
  quote: Quote,
  line: QuoteLine,
  amounts: { lineDiscountMinor: number; headerShareMinor: number; totalMinor: number },
): OrderLinePriceSnapshot {
  const perUnit = (minor: number) => Math.round(minor / line.quantity);
  const priceLines = [...line.price.lines];
  if (amounts.lineDiscountMinor > 0)
    priceLines.push({
      code: 'quote:line-discount',
      label: `Discount ${line.discountPercent}% (quote ${quote.reference})`,
      kind: 'discount',
      unitAmountMinor: -perUnit(amounts.lineDiscountMinor),
      amountMinor: -amounts.lineDiscountMinor,
    });
  if (amounts.headerShareMinor > 0)
    priceLines.push({
      code: 'quote:quote-discount',
      label: `Discount ${quote.headerDiscountPercent}% on the whole quote ${quote.reference}, this line's share`,
      kind: 'discount',
      unitAmountMinor: -perUnit(amounts.headerShareMinor),
      amountMinor: -amounts.headerShareMinor,
    });
  return {
    currency: line.price.currency,
    currencyDigits: line.price.currencyDigits,
    quantity: line.quantity,
    rounding: line.price.rounding,
    priceList: line.price.priceList,
    lines: priceLines,
    unitPriceMinor: priceLines.reduce((sum, priceLine) => sum + priceLine.unitAmountMinor, 0),
    totalMinor: amounts.totalMinor,
  };
}
