import { ApiKeyService } from '../accounts/api-key.service.js';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { User } from '../accounts/user.entity.js';
import { systemClock } from '../db/clock.js';
import { operation, type TestServer } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { ApiScope, Role } from './authorization.js';

/**
 * One sample request per query and mutation, for the authorization matrix test
 * (authorization-matrix.api.test.ts, the table in authorization-matrix.md). Each call is one a caller allowed
 * by the table would make for real, on an object of customer account A (so that `hidden` cells ask about an
 * object that exists). Calls that change state get their object from `context.fresh`, which makes a new one
 * whenever the previous cell's call went through.
 */

export interface SampleCall {
  query: string;
  variables?: Record<string, unknown>;
}

export interface MatrixContext {
  server: TestServer;
  /**
   * The object `make` makes, under `name`: the same one for this operation's cells until a cell's call is
   * not refused (UNAUTHENTICATED, FORBIDDEN), then a new one (a refused call changed nothing; any other
   * may have).
   */
  fresh<T>(name: string, make: () => Promise<T>): Promise<T>;
  objects: MatrixObjects;
}

export interface CallDefinition {
  call(context: MatrixContext): Promise<SampleCall>;
  /** Written before the operation exists (from its intended name and arguments): check it when it lands. */
  /** A null answer is this operation's answer (`me` to nobody), not an object hidden from the caller. */
  nullIsAnswer?: true;
  /** The call may end the caller's sessions: the seeded callers get new ones after it. */
  endsSessions?: true;
  /** An internal field's sample call: the root field it is read through (`configure` for Configuration.cost). */
  root?: string;
}

const ORDER_RESULT = `{ __typename ... on Order { number status } ... on ActionRefused { code message field } }`;

/** A document calling one order action with the given arguments (name: GraphQL type). */
function action(field: string, args: Record<string, string>): string {
  const declared = Object.entries(args)
    .map(([name, type]) => `$${name}: ${type}`)
    .join(', ');
  const passed = Object.keys(args)
    .map((name) => `${name}: $${name}`)
    .join(', ');
  return `mutation(${declared}) { ${field}(${passed}) ${ORDER_RESULT} }`;
}

const BIKE = { productCode: 'e-bike', selections: [] };
/** 5 lines of 20 cargo e-bikes: more of the assembly's capacity than one order may book (review.api.test.ts). */
const CARGO_BIKES = {
  productCode: 'e-bike',
  selections: [
    { feature: 'cargo_box', value: 'true' },
    { feature: 'accessories', values: ['kickstand_dual', 'rack', 'lights'] },
  ],
  quantity: 20,
};
export const BATTERY = 'EB-BAT-625';
const CUSTOMER_A = { name: 'Anna A', email: 'anna@customer-a.test' };

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
  __typename ... on Order { number status } ... on ConfigurationRejected { code message }
  ... on InvalidOrderInput { code message } } }`;
const STAFF_VIEW = `query($number: String!) { order(number: $number) { number status fulfilment {
  workOrders { id status } requisitions { id status } checklist { code } } } }`;

interface StaffView {
  number: string;
  status: string;
  fulfilment: {
    workOrders: { id: number; status: string }[];
    requisitions: { id: number; status: string }[];
    checklist: { code: string }[];
  };
}

/** What the sample calls act on, made through the API as customer A and the plant's staff would. */
export class MatrixObjects {
  constructor(private readonly server: TestServer) {}

  /** A new order of account A (placed by customer A), as staff read it. */
  async orderOfA(lines: unknown[] = [BIKE]): Promise<StaffView> {
    const { placeOrder } = await this.server.data<{ placeOrder: { __typename: string; number?: string } }>(
      PLACE,
      { input: { lines, ...DEMO_CHECKOUT, customer: CUSTOMER_A } },
      { as: 'customerA' },
    );
    if (!placeOrder.number) throw new Error(`customer A placed no order: ${JSON.stringify(placeOrder)}`);
    return this.staffView(placeOrder.number);
  }

  async staffView(number: string): Promise<StaffView> {
    return (await this.server.data<{ order: StaffView }>(STAFF_VIEW, { number })).order;
  }

  /** An order of A waiting for review (too large for the plant). */
  async orderAwaitingReview(): Promise<string> {
    const order = await this.orderOfA(Array(5).fill(CARGO_BIKES));
    if (order.status !== 'AWAITING_REVIEW') throw new Error(`not awaiting review: ${order.status}`);
    return order.number;
  }

  /** An open purchase requisition for an order of A: the battery is made short first. */
  async openRequisition(): Promise<number> {
    const { materials } = await this.server.data<{ materials: { parts: { available: string }[] } }>(
      'query($search: String) { materials(search: $search) { parts { available } } }',
      { search: BATTERY },
    );
    const available = Number(materials.parts[0]!.available);
    if (available > 0) await this.adjustStock(String(-available));
    const order = await this.orderOfA();
    const open = order.fulfilment.requisitions.find((requisition) => requisition.status === 'OPEN');
    if (!open) throw new Error(`no open requisition: ${JSON.stringify(order)}`);
    return open.id;
  }

  async adjustStock(quantity: string): Promise<void> {
    await this.server.data(
      'mutation($p: String!, $q: String!) { adjustStock(partNumber: $p, quantity: $q, reason: "matrix set-up") { part { onHand } } }',
      { p: BATTERY, q: quantity },
    );
  }

  /** Runs an order action as staff; throws unless the order moved on. */
  async act(field: string, args: Record<string, string>, variables: Record<string, unknown>): Promise<void> {
    const answer = await this.server.data<Record<string, { __typename: string }>>(
      action(field, args),
      variables,
    );
    if (answer[field]!.__typename !== 'Order') throw new Error(`${field}: ${JSON.stringify(answer)}`);
  }

  /** An order of A in production: confirmed, every requisition received. */
  async orderInProduction(): Promise<StaffView> {
    const { number } = await this.orderOfA();
    await this.act('confirmOrder', { number: 'String!' }, { number });
    for (const requisition of (await this.staffView(number)).fulfilment.requisitions) {
      if (requisition.status === 'OPEN')
        await this.act('receivePurchaseRequisition', { id: 'Int!' }, { id: requisition.id });
    }
    const order = await this.staffView(number);
    if (order.status !== 'IN_PRODUCTION') throw new Error(`not in production: ${JSON.stringify(order)}`);
    return order;
  }

  /** A started work order of an order of A. */
  async startedWorkOrder(): Promise<number> {
    const { fulfilment } = await this.orderInProduction();
    const id = fulfilment.workOrders[0]!.id;
    await this.act('startWorkOrder', { id: 'Int!' }, { id });
    return id;
  }

  /** An order of A whose every work order is done: it waits for its quality check. */
  async orderInQualityCheck(): Promise<StaffView> {
    const { number, fulfilment } = await this.orderInProduction();
    for (const { id } of fulfilment.workOrders) {
      await this.act('startWorkOrder', { id: 'Int!' }, { id });
      await this.act('completeWorkOrder', { id: 'Int!' }, { id });
    }
    return this.staffView(number);
  }

  /** A passing quality check of the order (every checklist item passed). */
  passingCheck(order: StaffView): Record<string, unknown> {
    const items = order.fulfilment.checklist.map(({ code }) => ({ code, passed: true }));
    return { orderNumber: order.number, passed: true, items };
  }

  async orderReadyToShip(): Promise<string> {
    const order = await this.orderInQualityCheck();
    await this.act(
      'recordQualityCheck',
      { input: 'QualityCheckInput!' },
      { input: this.passingCheck(order) },
    );
    return order.number;
  }

  async orderShipped(): Promise<string> {
    const number = await this.orderReadyToShip();
    await this.act('shipOrder', SHIP_ARGS, { number, carrier: 'DHL', trackingNumber: 'MATRIX-1' });
    return number;
  }

  /** A saved configuration's code (saved by a visitor, to share). */
  async savedConfigurationCode(): Promise<string> {
    const { saveConfiguration } = await this.server.data<{ saveConfiguration: { code: string } }>(
      operation('save-configuration'),
      { input: BIKE },
      { as: 'anonymous' },
    );
    return saveConfiguration.code;
  }

  /** A new user with no role (made in the database: the admin's mutations on users are what is checked). */
  async userId(): Promise<number> {
    const em = this.server.running.orm.em.fork();
    const user = em.create(User, {
      email: `someone-${Math.random().toString(36).slice(2, 10)}@matrix.test`,
      name: 'Someone',
      roles: [Role.CUSTOMER],
      account: em.getReference(CustomerAccount, this.server.callers.accountIds.A),
      createdAt: new Date(),
    });
    await em.flush();
    return user.id;
  }

  /** A new draft quote of account A with one e-bike line (a line discount of `discount`%), as staff make it. */
  async draftQuoteOfA(discount = '0'): Promise<{ id: number; lineId: number }> {
    const { createQuote } = await this.server.data<{ createQuote: { id: number } }>(
      'mutation($a: Int!) { createQuote(accountId: $a) { id } }',
      { a: this.server.callers.accountIds.A },
    );
    const { addQuoteLine } = await this.server.data<{ addQuoteLine: { lines: { id: number }[] } }>(
      'mutation($q: Int!, $d: String) { addQuoteLine(quoteId: $q, configuration: { productCode: "e-bike", selections: [] }, discountPercent: $d) { lines { id } } }',
      { q: createQuote.id, d: discount },
    );
    return { id: createQuote.id, lineId: addQuoteLine.lines[0]!.id };
  }

  /** A quote of A waiting for a manager's approval (its discount is over the matrix's rule). */
  async pendingQuoteOfA(): Promise<number> {
    const { id } = await this.draftQuoteOfA('15');
    await this.server.data('mutation($id: Int!) { submitQuoteForApproval(id: $id) { status } }', { id });
    return id;
  }

  /** A quote of A sent to the customer: its id and its link's token. */
  async sentQuoteOfA(): Promise<{ id: number; token: string }> {
    const { id } = await this.draftQuoteOfA();
    const { sendQuote } = await this.server.data<{ sendQuote: { customerToken: string } }>(
      'mutation($id: Int!) { sendQuote(id: $id) { customerToken } }',
      { id },
    );
    return { id, token: sendQuote.customerToken };
  }

  /** A new approval rule, by id (made by the admin). */
  async approvalRuleId(): Promise<number> {
    const { createApprovalRule } = await this.server.data<{ createApprovalRule: { id: number } }>(
      'mutation { createApprovalRule(input: { name: "Matrix", kind: TOTAL_ABOVE, amount: "900000", currency: "EUR" }) { id } }',
      {},
      { as: 'admin' },
    );
    return createApprovalRule.id;
  }

  /** A new API key of account A (made in the database), by id. */
  async apiKeyId(): Promise<number> {
    const em = this.server.running.orm.em.fork();
    const { key } = await new ApiKeyService(em, systemClock(null)).create({
      name: 'Matrix key',
      scopes: [ApiScope.CATALOG_READ],
      account: em.getReference(CustomerAccount, this.server.callers.accountIds.A),
    });
    return key.id;
  }

  /** A webhook endpoint an admin registered (not any key's own). */
  async webhookEndpointId(): Promise<number> {
    const { createWebhookEndpoint } = await this.server.data<{
      createWebhookEndpoint: { endpoint: { id: number } };
    }>(
      'mutation { createWebhookEndpoint(input: { url: "https://partner.example/matrix", eventTypes: [ORDER_SHIPPED] }) { endpoint { id } } }',
      {},
      { as: 'admin' },
    );
    return createWebhookEndpoint.endpoint.id;
  }

  /** A delivery (a test ping) of an admin's endpoint. */
  async webhookDeliveryId(): Promise<number> {
    const { sendTestWebhook } = await this.server.data<{ sendTestWebhook: { id: number } }>(
      'mutation($id: Int!) { sendTestWebhook(id: $id) { id } }',
      { id: await this.webhookEndpointId() },
      { as: 'admin' },
    );
    return sendTestWebhook.id;
  }
}

const SHIP_ARGS = { number: 'String!', carrier: 'String!', trackingNumber: 'String!' };

/** The approval rules the matrix's quotes are checked against: a line discount over 10% needs approval. */
const MATRIX_RULES = [
  { name: 'Line discount over 10%', kind: 'DISCOUNT_ABOVE', scope: 'LINE', percent: '10' },
];

const QUOTE_RESULT = '{ id status }';

const shared = (name: string, variables?: Record<string, unknown>): CallDefinition => ({
  call: async () => ({ query: operation(name), variables }),
});

/** The same query for every cell. */
const fixed = (query: string, variables?: Record<string, unknown>): CallDefinition => ({
  call: async () => ({ query, variables }),
});

/** Builders of the quote operations' sample calls: on a quote by id, on a line, on a customer's link. */
const onQuote = (
  field: string,
  make: (objects: MatrixObjects) => Promise<number>,
  extra: Record<string, [string, unknown]> = {},
): CallDefinition => ({
  call: async ({ fresh, objects }) => {
    const declared = Object.entries(extra)
      .map(([name, [type]]) => `, $${name}: ${type}`)
      .join('');
    const passed = Object.keys(extra)
      .map((name) => `, ${name}: $${name}`)
      .join('');
    return {
      query: `mutation($id: Int!${declared}) { ${field}(id: $id${passed}) ${QUOTE_RESULT} }`,
      variables: {
        id: await fresh(field, () => make(objects)),
        ...Object.fromEntries(Object.entries(extra).map(([name, [, value]]) => [name, value])),
      },
    };
  },
});
const onLine = (field: string, extra = ''): CallDefinition => ({
  call: async ({ fresh, objects }) => ({
    query: `mutation($lineId: Int!) { ${field}(lineId: $lineId${extra}) ${QUOTE_RESULT} }`,
    variables: { lineId: (await fresh('draft', () => objects.draftQuoteOfA())).lineId },
  }),
});
const onToken = (query: string, extra: Record<string, unknown> = {}): CallDefinition => ({
  call: async ({ fresh, objects }) => ({
    query,
    variables: { token: (await fresh('sent', () => objects.sentQuoteOfA())).token, ...extra },
  }),
});
const draft = async (objects: MatrixObjects) => (await objects.draftQuoteOfA()).id;
const sent = async (objects: MatrixObjects) => (await objects.sentQuoteOfA()).id;

export const SAMPLE_CALLS: Record<string, CallDefinition> = {
  'Query.products': shared('products'),
  'Query.product': fixed('query($code: String!) { product(code: $code) { code name } }', { code: 'e-bike' }),
  'Query.configure': shared('configure', { input: BIKE }),
  'Query.checkout': fixed(
    'query($input: CheckoutInput!) { checkout(input: $input) { total { amount } shippingZone termsVersion } }',
    { input: { lines: [BIKE], deliveryAddress: DEMO_CHECKOUT.deliveryAddress } },
  ),
  'Query.shippingCountries': fixed('query { shippingCountries { code name } }'),
  'Query.paymentTermsOptions': fixed('query { paymentTermsOptions { code label } }'),
  'Query.termsOfSale': fixed('query { termsOfSale { version } }'),
  'Query.resolveConflict': shared('resolve-conflict', {
    input: {
      productCode: 'e-bike',
      selections: [
        { feature: 'cargo_box', value: 'true' },
        { feature: 'colour', value: 'sage' },
      ],
    },
    feature: 'frame_size',
    value: 's',
  }),
  'Query.autocomplete': shared('autocomplete', { input: BIKE }),
  'Query.savedConfiguration': {
    call: async ({ fresh, objects }) => ({
      query: operation('saved-configuration'),
      variables: { code: await fresh('saved', () => objects.savedConfigurationCode()) },
    }),
  },
  'Mutation.saveConfiguration': shared('save-configuration', { input: BIKE }),
  'Mutation.placeOrder': fixed(PLACE, { input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: CUSTOMER_A } }),
  'Query.order': {
    call: async ({ fresh, objects }) => ({
      query: 'query($number: String!) { order(number: $number) { number status total { amount } } }',
      variables: { number: (await fresh('order', () => objects.orderOfA())).number },
    }),
  },
  'OrderFulfilment.pickList': {
    root: 'order',
    call: async ({ fresh, objects }) => ({
      query:
        'query($number: String!) { order(number: $number) { number fulfilment { pickList { partNumber } } } }',
      variables: { number: (await fresh('order', () => objects.orderOfA())).number },
    }),
  },
  'Query.orders': fixed('query { orders(first: 5) { totalCount edges { node { number status } } } }'),
  'Query.events': fixed('query { events(first: 5) { nodes { id type subject } endCursor hasMore } }'),
  'Query.operationsBoard': shared('operations-board'),
  'Subscription.orderUpdated': {
    call: async ({ fresh, objects }) => ({
      query: operation('order-updated'),
      variables: { number: (await fresh('order', () => objects.orderOfA())).number },
    }),
  },
  'Subscription.trackedOrderUpdated': {
    call: async ({ fresh, server }) => ({
      query: operation('tracked-order-updated'),
      variables: { token: await fresh('token', () => trackingTokenOfA(server)) },
    }),
  },
  'Subscription.ordersChanged': shared('orders-changed', { filter: { status: ['CONFIRMED'] } }),
  'Subscription.operationsBoardChanged': shared('operations-board-changed'),
  'Query.backorders': shared('backorders'),
  'Query.materials': shared('materials', { search: BATTERY }),
  'Query.stockMovements': shared('stock-movements', { partNumber: BATTERY }),
  ...plantCalls(),
  ...identityCalls(),
  ...pricingCalls(),
  ...quoteFieldCalls(),
  ...quoteReadCalls(),
  ...quoteEditCalls(),
  ...quoteStepCalls(),
};

/** The quote reads and approval rules' reads: sales staff's list and quotes, managers' queue, the link's page, a customer's quotes. */
function quoteReadCalls(): Record<string, CallDefinition> {
  return {
    'Query.quotes': fixed(
      'query { quotes(first: 5) { totalCount pipeline { status count } edges { node { reference } } } }',
    ),
    'Query.quote': {
      call: async ({ fresh, objects }) => ({
        query: 'query($id: Int!) { quote(id: $id) { reference status } }',
        variables: { id: await fresh('draft', () => draft(objects)) },
      }),
    },
    'Query.approvalQueue': fixed('query { approvalQueue { reference } }'),
    'Query.approvalRules': fixed('query { approvalRules { id name } }'),
    'Query.customerQuote': onToken(
      'query($token: String!) { customerQuote(token: $token) { linkReference quote { reference status } } }',
    ),
    'Query.myQuotes': fixed('query { myQuotes { reference status } }'),
  };
}

/** Writing a quote: sales staff create and change drafts. */
function quoteEditCalls(): Record<string, CallDefinition> {
  return {
    'Mutation.createQuote': {
      call: async ({ server }) => ({
        query: 'mutation($a: Int!) { createQuote(accountId: $a) { id } }',
        variables: { a: server.callers.accountIds.A },
      }),
    },
    'Mutation.updateQuote': onQuote('updateQuote', draft, {
      input: ['QuoteDetailsInput!', { terms: 'Net 30' }],
    }),
    'Mutation.addQuoteLine': {
      call: async ({ fresh, objects }) => ({
        query:
          'mutation($q: Int!) { addQuoteLine(quoteId: $q, configuration: { productCode: "standing-desk", selections: [] }) { id } }',
        variables: { q: await fresh('draft', () => draft(objects)) },
      }),
    },
    'Mutation.updateQuoteLine': onLine('updateQuoteLine', ', change: { discountPercent: "5" }'),
    'Mutation.duplicateQuoteLine': onLine('duplicateQuoteLine'),
    'Mutation.removeQuoteLine': onLine('removeQuoteLine'),
  };
}

/** The quote lifecycle's steps (reps, managers, the customer's link) and the approval rules (admins). */
function quoteStepCalls(): Record<string, CallDefinition> {
  return {
    'Mutation.submitQuoteForApproval': onQuote(
      'submitQuoteForApproval',
      async (objects) => (await objects.draftQuoteOfA('15')).id,
    ),
    'Mutation.withdrawQuoteApproval': onQuote('withdrawQuoteApproval', (objects) =>
      objects.pendingQuoteOfA(),
    ),
    'Mutation.approveQuote': onQuote('approveQuote', (objects) => objects.pendingQuoteOfA()),
    'Mutation.rejectQuote': onQuote('rejectQuote', (objects) => objects.pendingQuoteOfA(), {
      comment: ['String!', 'At most 10%'],
    }),
    'Mutation.sendQuote': onQuote('sendQuote', draft),
    'Mutation.reviseQuote': onQuote('reviseQuote', sent),
    'Mutation.duplicateQuote': onQuote('duplicateQuote', draft),
    'Mutation.acceptQuoteOnBehalf': {
      call: async ({ fresh, objects }) => ({
        query: 'mutation($id: Int!) { acceptQuoteOnBehalf(id: $id, reason: "By phone") { orderCreated } }',
        variables: { id: (await fresh('sent', () => objects.sentQuoteOfA())).id },
      }),
    },
    'Mutation.acceptQuote': onToken(
      'mutation($token: String!) { acceptQuote(token: $token) { orderCreated } }',
    ),
    'Mutation.declineQuote': onToken(
      'mutation($token: String!, $reason: String) { declineQuote(token: $token, reason: $reason) { status } }',
      { reason: 'Too dear' },
    ),
    'Mutation.setApprovalRules': fixed(
      'mutation($rules: [ApprovalRuleInput!]!) { setApprovalRules(rules: $rules) { id } }',
      { rules: MATRIX_RULES },
    ),
    'Mutation.createApprovalRule': fixed(
      'mutation { createApprovalRule(input: { name: "Big orders", kind: TOTAL_ABOVE, amount: "500000", currency: "EUR" }) { id } }',
    ),
    'Mutation.deleteApprovalRule': {
      call: async ({ fresh, objects }) => ({
        query: 'mutation($id: Int!) { deleteApprovalRule(id: $id) { id } }',
        variables: { id: await fresh('rule', () => objects.approvalRuleId()) },
      }),
    },
  };
}

/**
 * A quote's internal fields, read through the customer's link (`customerQuote`, which anyone with the link may
 * call): sales staff read them, anyone else gets them refused.
 */
function quoteFieldCalls(): Record<string, CallDefinition> {
  const through = (selection: string): CallDefinition => ({
    root: 'customerQuote',
    call: async ({ fresh, objects }) => ({
      query: `query($token: String!) { customerQuote(token: $token) { quote { reference ${selection} } } }`,
      variables: { token: (await fresh('sent', () => objects.sentQuoteOfA())).token },
    }),
  });
  return {
    'Quote.cost': through('cost { amount }'),
    'Quote.margin': through('margin { amount }'),
    'Quote.marginPercent': through('marginPercent'),
    'Quote.internalNote': through('internalNote'),
    'Quote.approval': through('approval { needed }'),
    'Quote.events': through('events { kind }'),
    'QuoteLine.unitCost': through('lines { unitCost { amount } }'),
    'QuoteLine.cost': through('lines { cost { amount } }'),
    'QuoteLine.margin': through('lines { margin { amount } }'),
    'QuoteLine.marginPercent': through('lines { marginPercent }'),
  };
}

/** Price lists and currencies, and the internal fields sales staff read: a configuration's cost, an account's list. */
function pricingCalls(): Record<string, CallDefinition> {
  return {
    'Query.currencies': fixed('query { currencies }'),
    'Query.priceLists': fixed('query { priceLists { code currency } }'),
    'Mutation.setAccountPriceList': {
      // Account A's own currency's default list: the other sample calls' prices stay as they were.
      call: async ({ server }) => ({
        query:
          'mutation($id: Int!) { setAccountPriceList(accountId: $id, priceListCode: "eur-list") { id } }',
        variables: { id: server.callers.accountIds.A },
      }),
    },
    'Configuration.cost': {
      root: 'configure',
      ...fixed(
        'query($input: ConfigurationInput!) { configure(input: $input) { valid cost { unitCost { amount } } } }',
        { input: BIKE },
      ),
    },
    'CustomerAccount.priceList': {
      root: 'customerAccount',
      call: async ({ server }) => ({
        query: 'query($id: Int!) { customerAccount(id: $id) { id priceList { code } } }',
        variables: { id: server.callers.accountIds.A },
      }),
    },
    'CustomerAccount.ownPriceList': {
      root: 'customerAccount',
      call: async ({ server }) => ({
        query: 'query($id: Int!) { customerAccount(id: $id) { id ownPriceList { code } } }',
        variables: { id: server.callers.accountIds.A },
      }),
    },
  };
}

function plantCalls(): Record<string, CallDefinition> {
  const byNumber = (field: string, make: (objects: MatrixObjects) => Promise<string>): CallDefinition => ({
    call: async ({ fresh, objects }) => ({
      query: action(field, { number: 'String!' }),
      variables: { number: await fresh(field, () => make(objects)) },
    }),
  });
  const byId = (field: string, make: (objects: MatrixObjects) => Promise<number>): CallDefinition => ({
    call: async ({ fresh, objects }) => ({
      query: action(field, { id: 'Int!' }),
      variables: { id: await fresh(field, () => make(objects)) },
    }),
  });
  return {
    'Mutation.adjustStock': fixed(
      'mutation($p: String!) { adjustStock(partNumber: $p, quantity: "1", reason: "matrix") { part { onHand } } }',
      { p: BATTERY },
    ),
    'Mutation.confirmOrder': byNumber('confirmOrder', async (objects) => (await objects.orderOfA()).number),
    'Mutation.acceptOrderReview': byNumber('acceptOrderReview', (objects) => objects.orderAwaitingReview()),
    'Mutation.cancelOrder': {
      call: async ({ fresh, objects }) => ({
        query: action('cancelOrder', { number: 'String!', reason: 'String!' }),
        variables: {
          number: (await fresh('order', () => objects.orderOfA())).number,
          reason: 'Ordered twice',
        },
      }),
    },
    'Mutation.receivePurchaseRequisition': byId('receivePurchaseRequisition', (objects) =>
      objects.openRequisition(),
    ),
    'Mutation.updatePurchaseRequisition': {
      call: async ({ fresh, objects }) => ({
        query: action('updatePurchaseRequisition', { id: 'Int!', expectedDate: 'String!' }),
        variables: {
          id: await fresh('requisition', () => objects.openRequisition()),
          expectedDate: '2027-02-01',
        },
      }),
    },
    'Mutation.startWorkOrder': byId(
      'startWorkOrder',
      async (objects) => (await objects.orderInProduction()).fulfilment.workOrders[0]!.id,
    ),
    'Mutation.completeWorkOrder': byId('completeWorkOrder', (objects) => objects.startedWorkOrder()),
    'Mutation.startOrderWorkOrders': byNumber(
      'startOrderWorkOrders',
      async (objects) => (await objects.orderInProduction()).number,
    ),
    'Mutation.completeOrderWorkOrders': byNumber('completeOrderWorkOrders', async (objects) => {
      const order = await objects.orderInProduction();
      await objects.act('startOrderWorkOrders', { number: 'String!' }, { number: order.number });
      return order.number;
    }),
    'Mutation.recordQualityCheck': {
      call: async ({ fresh, objects }) => ({
        query: action('recordQualityCheck', { input: 'QualityCheckInput!' }),
        variables: {
          input: objects.passingCheck(await fresh('order', () => objects.orderInQualityCheck())),
        },
      }),
    },
    'Mutation.shipOrder': {
      call: async ({ fresh, objects }) => ({
        query: action('shipOrder', SHIP_ARGS),
        variables: {
          number: await fresh('order', () => objects.orderReadyToShip()),
          carrier: 'DHL',
          trackingNumber: 'MATRIX-2',
        },
      }),
    },
    'Mutation.deliverOrder': byNumber('deliverOrder', (objects) => objects.orderShipped()),
  };
}

/** The tracking token of a new order of account A (given only in placeOrder's answer). */
async function trackingTokenOfA(server: TestServer): Promise<string> {
  const { placeOrder } = await server.data<{ placeOrder: { trackingToken: string } }>(
    'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on Order { trackingToken } } }',
    { input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: CUSTOMER_A } },
    { as: 'customerA' },
  );
  return placeOrder.trackingToken;
}

/** The identity operations: tracking, accounts, sessions, users and keys. */
function identityCalls(): Record<string, CallDefinition> {
  const accountA = (context: MatrixContext) => context.server.callers.accountIds.A;
  return {
    'Query.trackedOrder': {
      call: async ({ fresh, server }) => ({
        query: 'query($token: String!) { trackedOrder(token: $token) { number status } }',
        variables: { token: await fresh('token', () => trackingTokenOfA(server)) },
      }),
    },
    'Mutation.attachOrderToAccount': {
      call: async (context) => {
        const number = await context.fresh('guestOrder', async () => {
          const { placeOrder } = await context.server.data<{ placeOrder: { number: string } }>(
            PLACE,
            { input: { lines: [BIKE], ...DEMO_CHECKOUT, customer: CUSTOMER_A } },
            { as: 'anonymous' },
          );
          return placeOrder.number;
        });
        return {
          query:
            'mutation($number: String!, $accountId: Int!) { attachOrderToAccount(number: $number, accountId: $accountId) { number } }',
          variables: { number, accountId: accountA(context) },
        };
      },
    },
    'Query.mySavedConfigurations': fixed('query { mySavedConfigurations { code } }'),
    'Query.me': { ...fixed('query { me { __typename } }'), nullIsAnswer: true },
    'Mutation.signIn': {
      ...fixed(
        'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename } }',
        // The demo customer (demo data is on in test servers): a right password, so that an answer other
        // than the rule's is a sign-in, not a wrong password.
        { email: 'customer@demo.example', password: 'demo-customer-2026' },
      ),
      // Signing in ends the session the request came with (rotation): the callers get new ones after.
      endsSessions: true,
    },
    'Mutation.acceptInvitation': {
      // Accepting signs the new user in, ending the session the request came with.
      endsSessions: true,
      ...{
        call: async ({ fresh, server }) => {
          const token = await fresh('invitation', async () => {
            const email = `invited-${Math.random().toString(36).slice(2, 10)}@matrix.test`;
            const { inviteUser } = await server.data<{ inviteUser: { token: string } }>(
              'mutation($email: String!) { inviteUser(input: { email: $email, name: "Invited", roles: [SALES] }) { token } }',
              { email },
              { as: 'admin' },
            );
            return inviteUser.token;
          });
          return {
            query:
              'mutation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { __typename } }',
            variables: { token, password: 'a long enough password 42' },
          };
        },
      },
    },
    'Mutation.signOut': { ...fixed('mutation { signOut }'), endsSessions: true },
    'Mutation.signOutEverywhere': { ...fixed('mutation { signOutEverywhere }'), endsSessions: true },
    'Mutation.changePassword': {
      ...fixed(
        'mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }',
        { current: 'not the password', new: 'a long enough password 42' },
      ),
      endsSessions: true,
    },
    ...adminCalls(),
    'Query.customerAccounts': fixed('query { customerAccounts { id name } }'),
    'Mutation.createCustomerAccount': fixed(
      'mutation { createCustomerAccount(input: { name: "Matrix Ltd", kind: COMPANY, currency: "EUR" }) { id } }',
    ),
    'Query.customerAccount': {
      call: async (context) => ({
        query: 'query($id: Int!) { customerAccount(id: $id) { id name } }',
        variables: { id: accountA(context) },
      }),
    },
    'Mutation.addAccountAddress': {
      call: async (context) => ({
        query:
          'mutation($id: Int!, $input: AccountAddressInput!) { addAccountAddress(accountId: $id, input: $input) { __typename } }',
        variables: {
          id: accountA(context),
          input: {
            kind: 'DELIVERY',
            recipient: 'Goods in',
            line1: '1 Matrix Street',
            city: 'Utrecht',
            postalCode: '3511 AA',
            country: 'NL',
          },
        },
      }),
    },
  };
}

function adminCalls(): Record<string, CallDefinition> {
  const onUser = (field: string, extra = ''): CallDefinition => ({
    call: async ({ fresh, objects }) => ({
      query: `mutation($id: Int!) { ${field}(userId: $id${extra}) { __typename } }`,
      variables: { id: await fresh('user', () => objects.userId()) },
    }),
  });
  const onKey = (field: string, extra = ''): CallDefinition => ({
    call: async ({ fresh, objects }) => ({
      query: `mutation($id: Int!) { ${field}(id: $id${extra}) { __typename } }`,
      variables: { id: await fresh('key', () => objects.apiKeyId()) },
    }),
  });
  return {
    'Query.users': fixed('query { users { id email } }'),
    'Mutation.inviteUser': {
      call: async ({ fresh }) => ({
        query:
          'mutation($email: String!) { inviteUser(input: { email: $email, name: "Invited", roles: [SALES] }) { __typename } }',
        variables: {
          email: await fresh(
            'email',
            async () => `invited-${Math.random().toString(36).slice(2, 10)}@matrix.test`,
          ),
        },
      }),
    },
    'Mutation.setUserRoles': onUser('setUserRoles', ', roles: [SALES]'),
    'Mutation.disableUser': onUser('disableUser'),
    'Mutation.enableUser': onUser('enableUser'),
    'Query.apiKeys': fixed('query { apiKeys { id prefix } }'),
    'Query.accessAudit': fixed('query { accessAudit(first: 5) { action actor subject } }'),
    'Mutation.createApiKey': fixed(
      'mutation { createApiKey(input: { name: "Matrix", scopes: [CATALOG_READ] }) { __typename } }',
    ),
    'Mutation.revokeApiKey': onKey('revokeApiKey'),
    'Mutation.updateApiKey': onKey('updateApiKey', ', input: { name: "Renamed" }'),
    ...webhookCalls(),
  };
}

function webhookCalls(): Record<string, CallDefinition> {
  const onEndpoint = (document: string): CallDefinition => ({
    call: async ({ fresh, objects }) => ({
      query: document,
      variables: { id: await fresh('webhook endpoint', () => objects.webhookEndpointId()) },
    }),
  });
  return {
    'Query.webhookEndpoints': fixed('query { webhookEndpoints { id url } }'),
    'Query.webhookEndpoint': onEndpoint('query($id: Int!) { webhookEndpoint(id: $id) { id url } }'),
    'Mutation.createWebhookEndpoint': fixed(
      'mutation { createWebhookEndpoint(input: { url: "https://partner.example/matrix", eventTypes: [ORDER_PLACED] }) { endpoint { id } } }',
    ),
    'Mutation.updateWebhookEndpoint': onEndpoint(
      'mutation($id: Int!) { updateWebhookEndpoint(id: $id, input: { description: "Renamed" }) { id } }',
    ),
    'Mutation.deleteWebhookEndpoint': onEndpoint('mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }'),
    'Mutation.enableWebhookEndpoint': onEndpoint(
      'mutation($id: Int!) { enableWebhookEndpoint(id: $id) { id } }',
    ),
    'Mutation.rotateWebhookSecret': onEndpoint(
      'mutation($id: Int!) { rotateWebhookSecret(id: $id) { secret } }',
    ),
    'Mutation.sendTestWebhook': onEndpoint('mutation($id: Int!) { sendTestWebhook(id: $id) { id } }'),
    'Mutation.redeliverWebhook': {
      call: async ({ fresh, objects }) => ({
        query: 'mutation($id: Int!) { redeliverWebhook(deliveryId: $id) { id } }',
        variables: { id: await fresh('webhook delivery', () => objects.webhookDeliveryId()) },
      }),
    },
  };
}
