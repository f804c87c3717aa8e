import type { As, GraphQLResponse, TestServer } from '../test-support/api-server.js';

/** What the tests read of a quote, as anyone may: no cost, margin, internal note or events. */
export const CUSTOMER_FIELDS = `id number revision reference status currency validUntil terms noteToCustomer
  headerDiscountPercent allowedActions acceptedOnBehalf shipDateWording
  account { id name }
  priceList { code basis taxRatePercent }
  recipient { name email }
  lines { id key position productCode productName modelVersion quantity discountPercent
    unitPrice { amount currency } gross { amount } discount { amount } net { amount }
    netAfterHeaderDiscount { amount }
    price { currency lines { code label amount { amount } } total { amount } }
    options { feature value } }
  totals { gross { amount } subtotal { amount } headerDiscount { amount } total { amount currency }
    tax { amount } totalWithTax { amount } }
  changes { kind lineKey text }
  order { number status }`;

/** Everything sales staff read of a quote. */
export const STAFF_FIELDS = `${CUSTOMER_FIELDS} contentRevision approvedRevision internalNote createdBy
  cost { amount currency } margin { amount } marginPercent
  lines { id cost { amount } margin { amount } marginPercent unitCost { amount currency } }
  approval { needed approvedForThisContent triggers { ruleId kind lineKey message } unchecked { message } }
  events { kind actor fromStatus toStatus message comment onBehalf }
  approvals { contentRevision manager decision comment triggeredRules }
  revisions { reference status }`;

export interface QuoteView {
  id: number;
  number: string;
  revision: number;
  reference: string;
  status: string;
  currency: string;
  validUntil: string;
  terms: string | null;
  allowedActions: string[];
  acceptedOnBehalf: boolean;
  account: { id: number; name: string };
  priceList: { code: string; basis: string; taxRatePercent: string | null };
  recipient: { name: string | null; email: string | null };
  lines: {
    id: number;
    key: string;
    position: number;
    productCode: string;
    modelVersion: number;
    quantity: number;
    discountPercent: string;
    unitPrice: { amount: string; currency: string };
    gross: { amount: string };
    discount: { amount: string };
    netAfterHeaderDiscount: { amount: string };
    price: {
      currency: string;
      lines: { code: string; label: string; amount: { amount: string } }[];
      total: { amount: string };
    };
    options: { feature: string; value: string }[];
    cost?: { amount: string } | null;
    margin?: { amount: string } | null;
    marginPercent?: string | null;
    unitCost?: { amount: string; currency: string } | null;
  }[];
  totals: {
    gross: { amount: string };
    subtotal: { amount: string };
    headerDiscount: { amount: string };
    total: { amount: string; currency: string };
    tax: { amount: string };
    totalWithTax: { amount: string };
  };
  changes: { kind: string; lineKey: string | null; text: string }[];
  order: { number: string; status: string } | null;
  contentRevision?: number;
  approvedRevision?: number | null;
  internalNote?: string | null;
  cost?: { amount: string; currency: string } | null;
  margin?: { amount: string } | null;
  marginPercent?: string | null;
  approval?: {
    needed: boolean;
    approvedForThisContent: boolean;
    triggers: { ruleId: number; kind: string; lineKey: string | null; message: string }[];
    unchecked: { message: string }[];
  };
  events?: {
    kind: string;
    actor: string;
    fromStatus: string | null;
    toStatus: string | null;
    message: string;
    comment: string | null;
    onBehalf: boolean;
  }[];
  approvals?: {
    contentRevision: number;
    manager: string;
    decision: string;
    comment: string | null;
    triggeredRules: string[];
  }[];
  revisions?: { reference: string; status: string }[];
  customerToken?: string | null;
  customerLink?: string | null;
}

export interface Acceptance {
  orderCreated: boolean;
  quote: QuoteView;
  order: {
    number: string;
    status: string;
    quoteReference: string | null;
    trackingToken: string | null;
    total: { amount: string; currency: string };
    lines: {
      modelVersion: number;
      quantity: number;
      price: {
        currency: string;
        lines: { code: string; amount: { amount: string } }[];
        total: { amount: string };
      };
    }[];
  };
}

const ACCEPTANCE = `orderCreated quote { ${CUSTOMER_FIELDS} } order { number status quoteReference trackingToken
  total { amount currency } lines { modelVersion quantity price { currency lines { code amount { amount } } total { amount } } } }`;

export const E_BIKE = { productCode: 'e-bike', selections: [] };
export const DESK = { productCode: 'standing-desk', selections: [] };

/** An error's code and field, or the data: what a refusal test compares. */
export function refusal(
  response: GraphQLResponse,
): { code: unknown; field: unknown; message: string } | null {
  const error = response.errors?.[0];
  return error
    ? { code: error.extensions?.code, field: error.extensions?.field, message: error.message }
    : null;
}

/** The quote operations over HTTP, as a rep, a manager, an admin or a customer would call them. */
export class QuoteApi {
  constructor(private readonly server: TestServer) {}

  /** A call whose answer must have no errors: its one root field's value. */
  async ok<T>(query: string, variables: Record<string, unknown>, as: As): Promise<T> {
    const response = await this.server.graphql<Record<string, T>>(query, variables, { as });
    if (response.errors || !response.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data)[0]!;
  }

  async setRules(rules: Record<string, unknown>[]): Promise<{ id: number; name: string }[]> {
    return this.ok(
      'mutation($rules: [ApprovalRuleInput!]!) { setApprovalRules(rules: $rules) { id name } }',
      { rules },
      'admin',
    );
  }

  create(accountId: number, input: Record<string, unknown> = {}, as: As = 'sales'): Promise<QuoteView> {
    return this.ok(
      `mutation($a: Int!, $input: QuoteDetailsInput) { createQuote(accountId: $a, input: $input) { ${STAFF_FIELDS} } }`,
      { a: accountId, input },
      as,
    );
  }

  addLineCall(quoteId: number, configuration: Record<string, unknown>, discountPercent?: string) {
    return {
      query: `mutation($q: Int!, $c: ConfigurationInput!, $d: String) { addQuoteLine(quoteId: $q, configuration: $c, discountPercent: $d) { ${STAFF_FIELDS} } }`,
      variables: { q: quoteId, c: configuration, d: discountPercent ?? null },
    };
  }

  addLine(
    quoteId: number,
    configuration: Record<string, unknown>,
    discountPercent?: string,
    as: As = 'sales',
  ) {
    const { query, variables } = this.addLineCall(quoteId, configuration, discountPercent);
    return this.ok<QuoteView>(query, variables, as);
  }

  /** A mutation taking the quote's id (and more arguments, by GraphQL type), answering the quote. */
  actionCall(field: string, id: number, args: Record<string, [string, unknown]> = {}) {
    const declared = Object.entries(args)
      .map(([name, [type]]) => `, $${name}: ${type}`)
      .join('');
    const passed = Object.keys(args)
      .map((name) => `, ${name}: $${name}`)
      .join('');
    return {
      query: `mutation($id: Int!${declared}) { ${field}(id: $id${passed}) { ${STAFF_FIELDS} customerToken customerLink } }`,
      variables: {
        id,
        ...Object.fromEntries(Object.entries(args).map(([name, [, value]]) => [name, value])),
      },
    };
  }

  act(field: string, id: number, as: As = 'sales', args: Record<string, [string, unknown]> = {}) {
    const { query, variables } = this.actionCall(field, id, args);
    return this.ok<QuoteView>(query, variables, as);
  }

  /** The same, answering the whole response (to look at a refusal). */
  attempt(field: string, id: number, as: As = 'sales', args: Record<string, [string, unknown]> = {}) {
    const { query, variables } = this.actionCall(field, id, args);
    return this.server.graphql(query, variables, { as });
  }

  update(id: number, input: Record<string, unknown>, as: As = 'sales') {
    return this.act('updateQuote', id, as, { input: ['QuoteDetailsInput!', input] });
  }

  updateLine(lineId: number, change: Record<string, unknown>, as: As = 'sales') {
    return this.ok<QuoteView>(
      `mutation($l: Int!, $c: QuoteLineChangeInput!) { updateQuoteLine(lineId: $l, change: $c) { ${STAFF_FIELDS} } }`,
      { l: lineId, c: change },
      as,
    );
  }

  quote(id: number, as: As = 'sales'): Promise<QuoteView | null> {
    return this.ok(`query($id: Int!) { quote(id: $id) { ${STAFF_FIELDS} } }`, { id }, as);
  }

  customerQuote(token: string, as: As = 'anonymous') {
    return this.ok<{
      linkReference: string;
      changesSinceLink: { kind: string; text: string }[];
      quote: QuoteView;
    } | null>(
      `query($t: String!) { customerQuote(token: $t) { linkReference changesSinceLink { kind lineKey text } quote { ${CUSTOMER_FIELDS} } } }`,
      { t: token },
      as,
    );
  }

  accept(token: string, as: As = 'anonymous'): Promise<Acceptance> {
    return this.ok(`mutation($t: String!) { acceptQuote(token: $t) { ${ACCEPTANCE} } }`, { t: token }, as);
  }

  acceptAttempt(token: string, as: As = 'anonymous') {
    return this.server.graphql(
      `mutation($t: String!) { acceptQuote(token: $t) { ${ACCEPTANCE} } }`,
      { t: token },
      { as },
    );
  }

  acceptOnBehalf(id: number, reason: string, as: As = 'sales'): Promise<Acceptance> {
    return this.ok(
      `mutation($id: Int!, $r: String!) { acceptQuoteOnBehalf(id: $id, reason: $r) { ${ACCEPTANCE} } }`,
      { id, r: reason },
      as,
    );
  }

  /** A new quote of the account with the lines given, sent (no approval needed unless rules say so): its view and token. */
  async sent(
    accountId: number,
    lines: { configuration: Record<string, unknown>; discountPercent?: string }[] = [
      { configuration: E_BIKE },
    ],
    input: Record<string, unknown> = {},
  ): Promise<{ quote: QuoteView; token: string }> {
    const quote = await this.create(accountId, input);
    for (const line of lines) await this.addLine(quote.id, line.configuration, line.discountPercent);
    const sent = await this.act('sendQuote', quote.id);
    return { quote: sent, token: sent.customerToken! };
  }
}
