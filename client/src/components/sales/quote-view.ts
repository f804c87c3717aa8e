/**
 * The shapes the sales components read: each names only the fields it shows, so the generated types of
 * the quote operations (schema/operations/quote*.graphql) fit them as they are.
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
  /** everything off the gross, line and header discounts together, in percent */
  discountPercent: string;
  /** sales staff only: null for anyone else, or when a line has no cost */
  cost?: MoneyView | null;
  margin?: MoneyView | null;
  marginPercent?: string | null;
}

export interface ApprovalView {
  needed: boolean;
  triggers: readonly { ruleId: string; message: string }[];
  unchecked: readonly { ruleId: string; message: string }[];
}

export interface QuoteEventView {
  at: string;
  /** who: a person's name, "customer via the quote link", or "system" */
  actor: string | null;
  kind: string;
  fromStatus?: string | null;
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
  product: { code: string; name: string };
  modelVersion: number;
  quantity: number;
  /** The configuration's selections by code (to open it again in the configurator). */
  selections: readonly { feature: string; value?: string | null; values?: readonly string[] | null }[];
  /** The chosen options in words: feature label, option label. */
  options: readonly { feature: string; value: string }[];
  unitPrice: MoneyView;
  discountPercent: string;
  /** after the line's discount */
  total: MoneyView;
  cost?: MoneyView | null;
  margin?: MoneyView | null;
  marginPercent?: string | null;
  promise?: { shipDate: string; bottleneck: string | null } | null;
}

/** What a rep changes on a line in the editor. */
export interface LineEdit {
  quantity: number;
  discountPercent: string;
}
