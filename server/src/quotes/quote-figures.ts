import { optionsInWords as wordsOf } from '../catalog/options-in-words.js';
import {
  type ApprovalCheck,
  type ApprovalRule,
  approvalsNeeded,
  type ProductModel,
  type QuoteActor,
  type QuoteFacts,
  type QuoteInput,
  type QuoteRevision,
  type QuoteTotals,
  quoteTax,
  type SelectionValue,
} from '../engine/index.js';
import type { ApprovalRuleRecord } from './approval-rule.entity.js';
import type { Quote, QuoteLine, QuoteLineOption } from './quote.entity.js';

// A quote's figures as the engine computes them from what the revision stores: totals, approval, tax.
// Nothing here reads a model or a price list: a quote's prices are the ones it was given.

/** What the engine's quote functions read of a revision: its lines by key, prices, quantities, discounts, costs. */
export function quoteInputOf(quote: Quote, lines: readonly QuoteLine[]): QuoteInput {
  return {
    currency: quote.currency,
    currencyDigits: quote.currencyDigits,
    headerDiscountPercent: quote.headerDiscountPercent,
    lines: lines.map((line) => ({
      id: line.lineKey,
      label: line.productName,
      unitPriceMinor: line.unitPriceMinor,
      quantity: line.quantity,
      discountPercent: line.discountPercent,
      // A cost in another currency than the quote's is not compared with its prices (no conversion): the
      // line then has no margin, and a margin rule reports it as not checked.
      ...(line.unitCostMinor != null && line.costCurrency === quote.currency
        ? { unitCostMinor: line.unitCostMinor }
        : {}),
    })),
  };
}

/** The rule as the engine reads it; its id is `rule-<id>`, which triggers carry back. */
export function engineRule(record: ApprovalRuleRecord): ApprovalRule {
  const id = `rule-${record.id}`;
  const scope = record.scope === 'LINE' ? 'line' : 'quote';
  switch (record.kind) {
    case 'DISCOUNT_ABOVE':
      return { id, name: record.name, kind: 'discountAbove', scope, percent: record.percent ?? '0' };
    case 'MARGIN_BELOW':
      return { id, name: record.name, kind: 'marginBelow', scope, percent: record.percent ?? '0' };
    case 'TOTAL_ABOVE':
      return {
        id,
        name: record.name,
        kind: 'totalAbove',
        amount: { currency: record.currency ?? '', minor: record.amountMinor ?? 0 },
      };
  }
}

/** The rule's database id from the engine's `rule-<id>`. */
export function ruleIdOf(engineId: string): number {
  return Number(engineId.slice('rule-'.length));
}

export interface QuoteFigures {
  totals: QuoteTotals;
  approval: Pick<ApprovalCheck, 'needed' | 'triggers' | 'unchecked'>;
  /** Net prices: the tax on the total at the quote's rate; 0 for gross prices (tax included). */
  taxMinor: number;
  totalWithTaxMinor: number;
}

/**
 * Totals, the approval rules it triggers, and the tax. The figures come from the quote's own rows, checked
 * when they were written: the engine refusing them is a fault in the server, not the caller's.
 */
export function figuresOf(
  quote: Quote,
  lines: readonly QuoteLine[],
  rules: readonly ApprovalRule[],
): QuoteFigures {
  const result = approvalsNeeded(quoteInputOf(quote, lines), rules);
  if (!result.ok)
    throw new Error(
      `quote ${quote.reference} cannot be totalled: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  const { totals, needed, triggers, unchecked } = result;
  if (quote.priceBasis !== 'NET' || quote.taxRatePercent == null)
    return {
      totals,
      approval: { needed, triggers, unchecked },
      taxMinor: 0,
      totalWithTaxMinor: totals.totalMinor,
    };
  const tax = quoteTax(totals.totalMinor, quote.taxRatePercent);
  if (!tax.ok) throw new Error(`quote ${quote.reference}: ${tax.field}: ${tax.message}`);
  return {
    totals,
    approval: { needed, triggers, unchecked },
    taxMinor: tax.taxMinor,
    totalWithTaxMinor: tax.totalWithTaxMinor,
  };
}

/** What the lifecycle's guards read, for one person acting now. */
export function factsOf(
  quote: Quote,
  lineCount: number,
  approvalNeeded: boolean,
  actor: QuoteActor,
  today: string,
  comment?: string,
): QuoteFacts {
  return {
    actor,
    today,
    validUntil: quote.validUntil,
    lineCount,
    approvalNeeded,
    revision: quote.contentRevision,
    approvedRevision: quote.approvedRevision ?? null,
    comment,
  };
}

/** What the customer reads of a revision, to say what changed between two of them. */
export function revisionOf(quote: Quote, lines: readonly QuoteLine[]): QuoteRevision {
  return {
    currency: quote.currency,
    currencyDigits: quote.currencyDigits,
    lines: lines.map((line) => ({
      id: line.lineKey,
      product: line.productName,
      quantity: line.quantity,
      options: line.options,
      unitPriceMinor: line.unitPriceMinor,
      discountPercent: line.discountPercent,
    })),
    headerDiscountPercent: quote.headerDiscountPercent,
    validUntil: quote.validUntil,
    terms: quote.terms ?? undefined,
  };
}

/**
 * The values in force in words, as the customer reads them: each feature's label with the option's label
 * (a multiple choice gives one entry per option), yes or no, or the number with its unit. Open choices are
 * left out. The words are the catalogue's (catalog/options-in-words.ts), shared with the order pages.
 */
export function optionsInWords(
  model: ProductModel,
  values: Readonly<Record<string, SelectionValue | null>>,
): QuoteLineOption[] {
  return wordsOf(model, values).map(({ featureLabel, valueLabel }) => ({
    feature: featureLabel,
    value: valueLabel,
  }));
}
