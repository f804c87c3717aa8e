import { Decimal, type QuoteLineTotals, type RevisionChange } from '../engine/index.js';
import { Money, Price } from '../graphql/common.types.js';
import { Selection } from '../graphql/selection.types.js';
import { PageInfo } from '../orders/order.types.js';
import type { ApprovalRuleRecord } from './approval-rule.entity.js';
import type {
  QuoteApproval,
  Quote as QuoteEntity,
  QuoteEvent as QuoteEventEntity,
  QuoteLine as QuoteLineEntity,
} from './quote.entity.js';
import {
  ApprovalRule,
  ApprovalTrigger,
  ApprovalUnchecked,
  Quote,
  QuoteAccount,
  QuoteApprovalCheck,
  QuoteApprovalRecord,
  QuoteChange,
  QuoteConnection,
  QuoteEdge,
  QuoteEvent,
  QuoteLine,
  QuoteLineOption,
  QuotePipelineEntry,
  QuotePriceList,
  QuoteRecipient,
  QuoteRevisionRef,
  QuoteTotals,
  SHIP_DATE_WORDING,
} from './quote.types.js';
import type { ApprovalRuleKind } from './quote-enums.js';
import { ruleIdOf } from './quote-figures.js';
import { encodeQuoteCursor, type QuotePage, type QuoteWithFigures } from './quote-reads.service.js';

const iso = (date: Date | null | undefined): string | null => (date ? new Date(date).toISOString() : null);

/** A percentage to 2 decimals, half-up ("23.40"); null stays null. */
const percent2 = (value: Decimal | null): string | null =>
  value === null ? null : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

const KINDS: Record<string, ApprovalRuleKind> = {
  discountAbove: 'DISCOUNT_ABOVE',
  marginBelow: 'MARGIN_BELOW',
  totalAbove: 'TOTAL_ABOVE',
};

/** A revision as the schema shows it, from its row, its lines and its figures: no query here. */
export function toQuote({ quote, lines, figures }: QuoteWithFigures): Quote {
  const money = (minor: number) => Money.of(minor, quote.currency, quote.currencyDigits);
  const { totals, approval } = figures;
  return Object.assign(new Quote(), {
    id: quote.id,
    number: quote.number,
    revision: quote.revision,
    reference: quote.reference,
    status: quote.status,
    account: Object.assign(new QuoteAccount(), {
      id: quote.account.id,
      name: quote.account.name,
      currency: quote.account.currency,
    }),
    currency: quote.currency,
    priceList: Object.assign(new QuotePriceList(), {
      code: quote.priceListCode,
      name: quote.priceListName,
      basis: quote.priceBasis,
      taxRatePercent: quote.taxRatePercent ?? null,
    }),
    validUntil: quote.validUntil,
    terms: quote.terms ?? null,
    noteToCustomer: quote.noteToCustomer ?? null,
    internalNote: quote.internalNote ?? null,
    headerDiscountPercent: quote.headerDiscountPercent,
    recipient: Object.assign(new QuoteRecipient(), {
      name: quote.recipientName ?? null,
      email: quote.recipientEmail ?? null,
    }),
    createdBy: quote.createdBy,
    createdAt: iso(quote.createdAt)!,
    sentAt: iso(quote.sentAt),
    acceptedAt: iso(quote.acceptedAt),
    acceptedOnBehalf: quote.acceptedOnBehalf,
    contentRevision: quote.contentRevision,
    approvedRevision: quote.approvedRevision ?? null,
    lines: lines.map((line, index) => toQuoteLine(quote, line, totals.lines[index]!)),
    totals: Object.assign(new QuoteTotals(), {
      gross: money(totals.grossMinor),
      lineDiscounts: money(totals.lineDiscountsMinor),
      subtotal: money(totals.subtotalMinor),
      headerDiscountPercent: quote.headerDiscountPercent,
      headerDiscount: money(totals.headerDiscountMinor),
      total: money(totals.totalMinor),
      tax: money(figures.taxMinor),
      totalWithTax: money(figures.totalWithTaxMinor),
      discountPercent: percent2(totals.discountPercent)!,
    }),
    cost: totals.costMinor === null ? null : money(totals.costMinor),
    margin: totals.marginMinor === null ? null : money(totals.marginMinor),
    marginPercent: percent2(totals.marginPercent),
    approval: Object.assign(new QuoteApprovalCheck(), {
      needed: approval.needed,
      approvedForThisContent:
        quote.approvedRevision != null && quote.approvedRevision === quote.contentRevision,
      triggers: approval.triggers.map((trigger) =>
        Object.assign(new ApprovalTrigger(), {
          ruleId: ruleIdOf(trigger.ruleId),
          kind: KINDS[trigger.kind],
          lineKey: trigger.lineId ?? null,
          actual: trigger.actual,
          limit: trigger.limit,
          message: trigger.message,
        }),
      ),
      unchecked: approval.unchecked.map((item) =>
        Object.assign(new ApprovalUnchecked(), {
          ruleId: ruleIdOf(item.ruleId),
          lineKey: item.lineId ?? null,
          message: item.message,
        }),
      ),
    }),
    customerToken: quote.customerToken ?? null,
    customerLink: quote.customerToken ? `/quotes/${quote.customerToken}` : null,
    shipDateWording: SHIP_DATE_WORDING,
    entity: quote,
    figures,
  });
}

function toQuoteLine(quote: QuoteEntity, line: QuoteLineEntity, totals: QuoteLineTotals): QuoteLine {
  const money = (minor: number) => Money.of(minor, quote.currency, quote.currencyDigits);
  const unitCost =
    line.unitCostMinor != null && line.costCurrency
      ? Money.of(
          new Decimal(line.unitCostMinor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
          line.costCurrency,
          line.costCurrency === quote.currency ? quote.currencyDigits : 2,
        )
      : null;
  return Object.assign(new QuoteLine(), {
    id: line.id,
    key: line.lineKey,
    position: line.position,
    productCode: line.productCode,
    productName: line.productName,
    modelVersion: line.modelVersion.version,
    selections: line.selections.map((selection) =>
      Object.assign(new Selection(), {
        feature: selection.feature,
        value: selection.value ?? null,
        values: selection.values ?? null,
        source: selection.source ?? 'CHOSEN',
      }),
    ),
    options: line.options.map((option) => Object.assign(new QuoteLineOption(), option)),
    quantity: line.quantity,
    price: Price.of(line.price),
    unitPrice: money(line.unitPriceMinor),
    discountPercent: line.discountPercent,
    gross: money(totals.grossMinor),
    discount: money(totals.discountMinor),
    net: money(totals.netMinor),
    headerDiscountShare: money(totals.headerDiscountShareMinor),
    netAfterHeaderDiscount: money(totals.netAfterHeaderMinor),
    unitCost,
    cost: totals.costMinor === null ? null : money(totals.costMinor),
    margin: totals.marginMinor === null ? null : money(totals.marginMinor),
    marginPercent: percent2(totals.marginPercent),
    entity: line,
  });
}

export function toQuoteConnection(page: QuotePage): QuoteConnection {
  const edges = page.quotes.map((item) =>
    Object.assign(new QuoteEdge(), { cursor: encodeQuoteCursor(item.quote), node: toQuote(item) }),
  );
  return Object.assign(new QuoteConnection(), {
    edges,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: page.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    totalCount: page.totalCount,
    pipeline: page.pipeline.map((entry) =>
      Object.assign(new QuotePipelineEntry(), {
        status: entry.status,
        currency: entry.currency,
        count: entry.count,
        total: Money.of(entry.totalMinor, entry.currency, entry.currencyDigits),
      }),
    ),
  });
}

export function toQuoteEvent(event: QuoteEventEntity): QuoteEvent {
  return Object.assign(new QuoteEvent(), {
    at: iso(event.at)!,
    actor: event.actor,
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    message: event.message,
    comment: event.comment ?? null,
    onBehalf: event.onBehalf,
  });
}

export function toApprovalRecord(approval: QuoteApproval): QuoteApprovalRecord {
  return Object.assign(new QuoteApprovalRecord(), {
    contentRevision: approval.contentRevision,
    manager: approval.manager,
    decision: approval.decision,
    comment: approval.comment ?? null,
    at: iso(approval.at)!,
    triggeredRules: approval.triggeredRules ? approval.triggeredRules.split('\n') : [],
  });
}

export function toQuoteChange(change: RevisionChange): QuoteChange {
  return Object.assign(new QuoteChange(), {
    kind: change.kind,
    lineKey: change.lineId ?? null,
    text: change.text,
  });
}

export function toRevisionRef(quote: QuoteEntity): QuoteRevisionRef {
  return Object.assign(new QuoteRevisionRef(), {
    id: quote.id,
    revision: quote.revision,
    reference: quote.reference,
    status: quote.status,
  });
}

export function toApprovalRule(
  rule: ApprovalRuleRecord,
  digitsOf: (currency: string) => number,
): ApprovalRule {
  return Object.assign(new ApprovalRule(), {
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    scope: rule.scope ?? null,
    percent: rule.percent ?? null,
    amount:
      rule.amountMinor != null && rule.currency
        ? Money.of(rule.amountMinor, rule.currency, digitsOf(rule.currency))
        : null,
    active: rule.active,
    createdBy: rule.createdBy,
    createdAt: iso(rule.createdAt)!,
  });
}
