/**
 * The shapes the sales components read: each names only the fields it shows, so the generated types of
 * the quote operations (schema/operations, fragments-quotes.graphql) fit them as they are.
 */

/** Money as the server writes it: exact decimal text in major units and its currency. */
export interface MoneyView {
  amount: string;
  currency: string;
}

export interface QuoteTotalsView {
  gross: MoneyView;
  lineDiscounts: MoneyView;
  subtotal: MoneyView;
  headerDiscountPercent: string;
  headerDiscount: MoneyView;
  total: MoneyView;
  /** net prices: the tax on the total (0 for gross prices) and the total with it */
  tax?: MoneyView | null;
  totalWithTax?: MoneyView | null;
  /** everything off the gross, line and header discounts together, in percent */
  discountPercent: string;
}

/** Sales staff only: the quote's cost and margin (null when a line's cost is unknown or in another currency). */
export interface QuoteMarginView {
  cost?: MoneyView | null;
  margin?: MoneyView | null;
  marginPercent?: string | null;
}

export interface ApprovalView {
  needed: boolean;
  triggers: readonly { ruleId: number | string; message: string }[];
  unchecked: readonly { ruleId: number | string; message: string }[];
}

export interface QuoteEventView {
  at: string;
  /** who: a person's name, "customer (quote link)", or "system" */
  actor: string | null;
  kind: string;
  toStatus?: string | null;
  /** what happened, in words */
  message: string;
  /** the reason or comment given */
  comment?: string | null;
  onBehalf?: boolean | null;
}

/** One quote line as the editor shows it (sales staff: with cost and margin). */
export interface QuoteLineView {
  id: number;
  productCode: string;
  productName: string;
  modelVersion: number;
  quantity: number;
  /** The configuration's selections by code (to open it again in the configurator). */
  selections: readonly { feature: string; value?: string | null; values?: readonly string[] | null }[];
  /** The chosen options in words: feature label, option label. */
  options: readonly { feature: string; value: string }[];
  unitPrice: MoneyView;
  discountPercent: string;
  /** after the line's discount */
  net: MoneyView;
  /** in the model's currency, which may not be the quote's (then no cost or margin in the quote's: never converted) */
  unitCost?: MoneyView | null;
  cost?: MoneyView | null;
  margin?: MoneyView | null;
  marginPercent?: string | null;
  promise?: { shipDate: string; bottleneck: { message: string } } | null;
}

/** What a rep changes on a line in the editor. */
export interface LineEdit {
  quantity: number;
  discountPercent: string;
}
