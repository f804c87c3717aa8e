import { setTimeout as sleep } from 'node:timers/promises';
import {
  Collection,
  type EntityManager,
  type FilterQuery,
  LoadStrategy,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { newToken, tokenHash } from '../accounts/session.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import {
  type CheckoutFigures,
  type CheckoutService,
  type CheckoutTerms,
  checkoutFigures,
} from '../checkout/checkout.service.js';
import {
  ConfigurationService,
  type ConfiguredProduct,
  type PricingContext,
} from '../configurations/configuration.service.js';
import { claimWriter } from '../db/locking.js';
import { explode, formatMinorUnits, type OrderExplosion, type Violation } from '../engine/index.js';
import { badInput, ContendedError, InputError, NotFoundError, refused } from '../errors.js';
import { isStaff, Role, type Viewer } from '../graphql/authorization.js';
import type { ConfigurationInput } from '../graphql/selection.types.js';
import type { Logger } from '../logger.js';
import { roundedSteps, stepClock, stepTimings, workCounts } from '../step-timings.js';
import type { BomRow } from './bom-rows.js';
import { Customer } from './customer.entity.js';
import {
  OrderBomLine,
  Order as OrderEntity,
  OrderLine as OrderLineEntity,
  type OrderLinePriceSnapshot,
} from './order.entity.js';
import { DEFAULT_PAGE_SIZE } from './order.inputs.js';
import type { PlaceOrderInput } from './order.types.js';
import { type OrderPlacer, visibleOrders } from './order-access.js';
import { decodeCursor, hashRequest } from './order-keys.js';
import { generateOrderNumber, normaliseOrderNumber } from './order-number.js';
import { type OrderData, orderRowsOf } from './order-rows.js';
import type { OrderStatus } from './order-status.js';
import type { InvalidOrderInputCode } from './place-order-error-code.js';

/** Attempts at writing an order when a unique constraint refuses it (a drawn number already taken, or a
 * customer created by a concurrent order) or SQLite is busy with another process's write; an
 * idempotency key already used ends the attempts at once. */
const WRITE_ATTEMPTS = 5;

/**
 * What a list of orders is loaded with (a page of orders, the operations board): all but the BOM lines,
 * which a list asks seldom and which are ~33 entities an e-bike; when asked they are read for the whole
 * list at once (OrderLineBomResolver, bomRowsOf).
 */
export const ORDER_LIST_POPULATE = ['customer', 'account', 'lines.modelVersion'] as const;
/** Everything an order is loaded with: what the Order type shows, in a handful of queries whatever the size. */
export const ORDER_POPULATE = [...ORDER_LIST_POPULATE, 'lines.bomLines'] as const;

/** Fields of Order (and of a refusal beside it in a union) that the order's own row answers. */
const ORDER_ROW_FIELDS = new Set([
  '__typename',
  'number',
  'status',
  'placedAt',
  'updatedAt',
  'deliveryAddress',
  'billingAddress',
  'vatId',
  'taxNote',
  'paymentTerms',
  'acceptedTermsVersion',
  'acceptedTermsAt',
  'trackingToken',
  'quoteReference',
  'code',
  'message',
  'field',
]);

/**
 * What to load with an order for an answer asking `asked` of it (requestedFields): its row alone when that
 * answers them, the customer or the account when asked, else everything (lines, BOM: money is counted in
 * the lines' currency digits, and the fulfilment's checklist reads the lines).
 */
export function orderPopulateFor(asked: Set<string>): (typeof ORDER_POPULATE)[number][] {
  const populate: (typeof ORDER_POPULATE)[number][] = [];
  for (const field of asked) {
    if (field === 'customer' || field === 'account') populate.push(field);
    else if (!ORDER_ROW_FIELDS.has(field)) return [...ORDER_POPULATE];
  }
  return populate;
}

export type PlaceOrderOutcome =
  | {
      kind: 'placed';
      order: OrderEntity;
      created: boolean;
      /** The BOM just written, by line id (not loaded with the lines: the answer is given it, not read). */
      bom?: Map<number, BomRow[]>;
    }
  | { kind: 'rejected'; line: number; field: string; message: string; violations: Violation[] }
  | { kind: 'invalid'; code: InvalidOrderInputCode; field: string; message: string };

/** Which orders to list (OrderFilterInput, read by orderFilterArgument). */
export interface OrderFilter {
  status?: readonly OrderStatus[] | null;
  accountId?: number | null;
  /** Changed at or after this instant (Order.updatedAt). */
  updatedSince?: Date | null;
  /** Placed at or after `from`, before `to`. */
  placedBetween?: { from?: Date | null; to?: Date | null } | null;
}

/** The filter as conditions on the order's columns (all of them must hold). */
function orderFilterQuery(filter: OrderFilter): FilterQuery<OrderEntity>[] {
  const and: FilterQuery<OrderEntity>[] = [];
  if (filter.status) and.push({ status: { $in: [...filter.status] } });
  if (filter.accountId !== null && filter.accountId !== undefined) and.push({ account: filter.accountId });
  if (filter.updatedSince) and.push({ updatedAt: { $gte: filter.updatedSince } });
  if (filter.placedBetween?.from) and.push({ placedAt: { $gte: filter.placedBetween.from } });
  if (filter.placedBetween?.to) and.push({ placedAt: { $lt: filter.placedBetween.to } });
  return and;
}

export interface OrderPage {
  orders: OrderData[];
  hasNextPage: boolean;
  totalCount: number;
}

/** One line of an order being placed: the entity written, and how it was configured and exploded. */
export interface PlacedLine {
  entity: OrderLineEntity;
  configured: ConfiguredProduct;
  explosion: OrderExplosion;
}

/**
 * What placing an order does besides writing it, in its own transaction before it commits (fulfilment:
 * reserve, requisition, schedule its work orders, commit the promise). Given by whoever owns that work,
 * so that orders do not depend on it.
 */
export type CommitPlacedOrder = (
  em: EntityManager,
  order: OrderEntity,
  lines: PlacedLine[],
  actor: string,
) => Promise<unknown>;

/**
 * Tells the customer an order was placed (order-acknowledgement.ts), in the transaction that placed it,
 * once its status and promise are settled; the tracking token exists only now.
 */
export type AcknowledgeOrder = (em: EntityManager, order: OrderEntity, trackingToken: string) => void;

/**
 * How a line of an order is priced: by the list that priced what the person saw (their account's, or the
 * default list of the currency they chose). Refusals are InputErrors naming the line's field.
 */
export type LinePricing = (line: ConfigurationInput, field: string) => Promise<PricingContext | undefined>;

/** One line, configured and exploded by the server, ready to be stored. */
interface PlannedLine {
  configured: ConfiguredProduct;
  explosion: OrderExplosion;
  /** The price it is sold at when not the configuration's own: a quote's, discounts included. */
  quotedPrice?: OrderLinePriceSnapshot;
}

interface OrderPlan {
  customer: { name: string; email: string };
  idempotencyKey: string | null;
  requestHash: string;
  lines: PlannedLine[];
  currency: string;
  totalMinor: number;
  placer: OrderPlacer;
  /** The quote revision the order is placed from. */
  quoteReference?: string | null;
  /** What the checkout charged: addresses, shipping, tax, terms (none for a quote's order). */
  checkout?: { terms: CheckoutTerms; figures: CheckoutFigures; acceptedTermsVersion: string | null };
}

/** One line of an accepted quote: its configuration on the pinned model version, and the price quoted. */
export interface QuotedOrderLine {
  configuration: ConfigurationInput & { modelVersion: number };
  price: OrderLinePriceSnapshot;
}

/** An accepted quote as an order: who it is for, its lines at the quoted prices, and the quote's reference. */
export interface QuotedOrder {
  quoteReference: string;
  accountId: number;
  customer: { name: string; email: string };
  currency: string;
  totalMinor: number;
  lines: QuotedOrderLine[];
  actor: string;
}

/** A quoted order checked and exploded, to be written in the caller's transaction (placeQuotedIn). */
export type QuotedOrderPlan =
  | { kind: 'planned'; plan: OrderPlan }
  | Extract<PlaceOrderOutcome, { kind: 'rejected' | 'invalid' }>;

/** Reads every order: what a staff action (attaching an order to an account) finds orders as. */
const STAFF_VIEWER: Viewer = {
  kind: 'user',
  userId: 0,
  email: 'system',
  name: 'system',
  roles: [Role.SALES],
  accountId: null,
  sessionId: '',
};

/** Orders: placing one (re-validated and re-priced, in one transaction), finding and listing them. */
export class OrderService {
  private readonly configurations: ConfigurationService;

  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    configurations: ConfigurationService | undefined,
    /** The checkout's figures and data: shipping, tax, terms. */
    private readonly checkout: CheckoutService,
    /** Reserves, requisitions, schedules and commits the promise in the order's own transaction. */
    private readonly commitPlaced: CommitPlacedOrder,
    /** The request's logger (its lines carry the request id). */
    private readonly log: Logger,
    /** Writes the order acknowledgement mail in the placing transaction; none: no mail (unit tests, tools). */
    private readonly acknowledge?: AcknowledgeOrder,
  ) {
    this.configurations = configurations ?? new ConfigurationService(em, catalog);
  }

  /**
   * Places an order. Every line is configured again on the server (the values in force, validity,
   * completeness, the price) and exploded into its tailored BOM and routing; the customer, the order,
   * every snapshot, the stock reserved, the purchase requisitions for what is short, the work orders
   * with their capacity and the promise are then written in one transaction. Expected failures are outcomes, and write
   * nothing: input that cannot make an order (`invalid`, naming the field) and a line that cannot be
   * built (`rejected`, with its violations).
   */
  async placeOrder(
    input: PlaceOrderInput,
    placer: OrderPlacer,
    pricing: LinePricing = async () => undefined,
  ): Promise<PlaceOrderOutcome> {
    // The input's shape (lines, customer, key) was read by placeOrderInput (order.inputs.ts) already.
    const steps: Record<string, number> = {};
    const step = stepClock(steps);
    const customer = { name: input.customer.name, email: input.customer.email };
    const idempotencyKey = input.idempotencyKey ?? null;
    // Who places it is part of the request: another caller's retry with the same key gets no order.
    const requestHash = hashRequest(input, customer, placer);
    if (placer.accountId !== null && !(await this.em.findOne(CustomerAccount, { id: placer.accountId }))) {
      return {
        kind: 'invalid',
        code: 'ACCOUNT_NOT_FOUND',
        field: 'input.accountId',
        message: `There is no customer account ${placer.accountId}`,
      };
    }

    const refused = this.checkoutRefusal(input, placer);
    if (refused) return refused;

    if (idempotencyKey !== null) {
      const earlier = await this.replay(idempotencyKey, requestHash);
      if (earlier) return earlier;
    }

    const lines: PlannedLine[] = [];
    for (const [index, line] of input.lines.entries()) {
      const field = `input.lines[${index}]`;
      let configured: ConfiguredProduct;
      try {
        configured = await this.configurations.configure(line, field, await pricing(line, field));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return { kind: 'invalid', code: 'INVALID_LINE', field: error.field, message: error.message };
      }
      const rejected = rejection(configured, index, field);
      if (rejected) return rejected;
      const tooMany = quantityRefusal(configured, field);
      if (tooMany) return tooMany;
      // The model's own: its parts are costed in its currency, whatever list priced the line.
      const { model } = this.catalog.loaded(configured.version);
      const explosion = explode(model, configured.values, configured.quantity);
      if (!explosion.ok) {
        // A valid, complete configuration that cannot be exploded is a fault in the published model.
        throw new Error(
          `${configured.model.code} v${configured.version.version} cannot be exploded: ${explosion.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      }
      lines.push({ configured, explosion });
    }

    const currency = lines[0]!.configured.price.currency;
    const other = lines.findIndex((line) => line.configured.price.currency !== currency);
    if (other >= 0) {
      return {
        kind: 'invalid',
        code: 'MIXED_CURRENCIES',
        field: `input.lines[${other}].productCode`,
        message: `Line ${other + 1} (${lines[other]!.configured.model.name}) is priced in ${lines[other]!.configured.price.currency}, the order in ${currency}: order it separately`,
      };
    }
    const totalMinor = lines.reduce((sum, line) => sum + line.configured.price.totalMinor, 0);
    if (!Number.isSafeInteger(totalMinor)) {
      return {
        kind: 'invalid',
        code: 'TOTAL_TOO_LARGE',
        field: 'input.lines',
        message: 'The order’s total is too large to count: split it into several orders',
      };
    }

    const charged = this.charge(input, lines);
    if (charged.kind === 'invalid') return charged;
    step('configure and price');
    return this.write(steps, {
      customer,
      idempotencyKey,
      requestHash,
      lines,
      currency,
      totalMinor: charged.checkout.figures.totalMinor,
      placer,
      checkout: charged.checkout,
    });
  }

  /** A guest's or a customer's order without a delivery address or the current terms accepted: why it is refused. */
  private checkoutRefusal(input: PlaceOrderInput, placer: OrderPlacer): PlaceOrderOutcome | null {
    if (!placer.customerCheckout) return null;
    if (!input.deliveryAddress)
      return {
        kind: 'invalid',
        code: 'DELIVERY_ADDRESS_REQUIRED',
        field: 'input.deliveryAddress',
        message: 'Where should it go? An order needs a delivery address',
      };
    const current = this.checkout.data().termsOfSale.version;
    if (input.acceptedTermsVersion !== current)
      return {
        kind: 'invalid',
        code: 'TERMS_NOT_ACCEPTED',
        field: 'input.acceptedTermsVersion',
        message: input.acceptedTermsVersion
          ? `The terms of sale are now version ${current}, not ${input.acceptedTermsVersion}: read and accept them again`
          : `An order needs the terms of sale accepted (version ${current})`,
      };
    return null;
  }

  /**
   * The checkout's figures for the planned lines (shipping, tax, deposit), and the total the customer expected
   * checked against them: a different total places nothing (PRICE_CHANGED, naming the new total).
   */
  private charge(
    input: PlaceOrderInput,
    lines: PlannedLine[],
  ):
    | { kind: 'charged'; checkout: NonNullable<OrderPlan['checkout']> }
    | Extract<PlaceOrderOutcome, { kind: 'invalid' }> {
    // The input was read by placeOrderInput: addresses checked and normalised, the VAT id in its stored form.
    const terms = {
      deliveryAddress: input.deliveryAddress ?? null,
      billingAddress: input.billingAddress ?? null,
      vatId: input.vatId ?? null,
      paymentTermsCode: input.paymentTermsCode ?? null,
    } as CheckoutTerms;
    let figures: CheckoutFigures;
    try {
      figures = checkoutFigures(
        this.checkout.data(),
        lines.map((line) => ({ configured: line.configured, bom: line.explosion.bom })),
        terms,
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { kind: 'invalid', code: checkoutCode(error.field), field: error.field, message: error.message };
    }
    const expected = input.expectedTotal;
    if (expected !== null && expected !== undefined && Number(expected) !== figures.totalMinor) {
      const total = `${formatMinorUnits(figures.totalMinor, figures.digits)} ${figures.currency}`;
      const seen = `${formatMinorUnits(Number(expected), figures.digits)} ${figures.currency}`;
      return {
        kind: 'invalid',
        code: 'PRICE_CHANGED',
        field: 'input.expectedTotal',
        message: `The total is now ${total}, not ${seen}: check the order again before placing it`,
      };
    }
    return {
      kind: 'charged',
      checkout: { terms, figures, acceptedTermsVersion: input.acceptedTermsVersion ?? null },
    };
  }

  /**
   * Checks an accepted quote's lines for an order: each is configured again on its pinned model version
   * and must still be valid and complete (a published version never changes, so a quoted line passes
   * unless the database was edited), then exploded into its BOM and routing. The price is the quote's,
   * not the model's now. No limit of units per line: that limit sends large orders to a quote, and this is
   * one (an order too large for the plant still waits for review). Writes nothing.
   */
  async planQuoted(quoted: QuotedOrder): Promise<QuotedOrderPlan> {
    const lines: PlannedLine[] = [];
    for (const [index, line] of quoted.lines.entries()) {
      const field = `lines[${index}]`;
      const configured = await this.configurations.configure(line.configuration, field);
      const rejected = rejection(configured, index, field);
      if (rejected) return rejected as Extract<PlaceOrderOutcome, { kind: 'rejected' }>;
      const explosion = explode(configured.model, configured.values, configured.quantity);
      if (!explosion.ok)
        throw new Error(
          `${configured.model.code} v${configured.version.version} cannot be exploded: ${explosion.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      lines.push({ configured, explosion, quotedPrice: line.price });
    }
    const idempotencyKey = quoteIdempotencyKey(quoted.quoteReference);
    return {
      kind: 'planned',
      plan: {
        customer: quoted.customer,
        idempotencyKey,
        // What identifies the request is the quote revision itself.
        requestHash: tokenHash(idempotencyKey),
        lines,
        currency: quoted.currency,
        totalMinor: quoted.totalMinor,
        placer: { accountId: quoted.accountId, actor: quoted.actor },
        quoteReference: quoted.quoteReference,
      },
    };
  }

  /**
   * Writes a planned quoted order inside the caller's transaction (accepting the quote is one transaction:
   * the order, its reservations, work orders and promise, and the quote's new status). The order placed
   * from a quote revision before is returned instead: a revision gives one order.
   */
  async placeQuotedIn(em: EntityManager, plan: OrderPlan): Promise<{ order: OrderEntity; created: boolean }> {
    const existing = await this.orderFromQuote(em, plan.quoteReference ?? '');
    if (existing) return { order: existing, created: false };
    const { order } = await this.build(em, plan);
    this.log.info({ order: order.number, quote: plan.quoteReference }, `placed order ${order.number}`);
    return { order, created: true };
  }

  /** The order placed from a quote revision, by its reference; null when none was. */
  async orderFromQuote(em: EntityManager, quoteReference: string): Promise<OrderEntity | null> {
    return em.findOne(
      OrderEntity,
      { idempotencyKey: quoteIdempotencyKey(quoteReference) },
      { populate: ORDER_POPULATE, strategy: LoadStrategy.SELECT_IN },
    );
  }

  /**
   * The order with this number (case, dashes and look-alike letters do not matter), or null: also when
   * the viewer may not see it (order-access.ts), so a number alone reveals nothing.
   */
  async findByNumber(number: string, viewer: Viewer): Promise<OrderEntity | null> {
    const normalised = normaliseOrderNumber(number);
    const visible = visibleOrders(viewer);
    if (!normalised || visible === null) return null;
    return this.em.findOne(
      OrderEntity,
      { $and: [{ number: normalised }, visible] },
      { populate: ORDER_POPULATE, strategy: LoadStrategy.SELECT_IN },
    );
  }

  /** The order a tracking token opens (a guest's link), or null. */
  async findByTrackingToken(token: string): Promise<OrderEntity | null> {
    return this.em.findOne(
      OrderEntity,
      { trackingTokenHash: tokenHash(token) },
      { populate: ORDER_POPULATE, strategy: LoadStrategy.SELECT_IN },
    );
  }

  /**
   * Attaches a guest's order to a customer account (a sales rep's action): from then on the account's
   * contacts and keys see it. An order that already belongs to an account is not moved.
   */
  async attachToAccount(number: string, accountId: number, actor: string): Promise<OrderEntity> {
    const order = await this.findByNumber(number, STAFF_VIEWER);
    if (!order) throw new NotFoundError('number', `There is no order ${number}`);
    const account = await this.em.findOne(CustomerAccount, { id: accountId });
    if (!account) throw new NotFoundError('accountId', `There is no customer account ${accountId}`);
    if (order.account) {
      if (order.account.id === accountId) return order;
      throw new InputError('number', `Order ${order.number} already belongs to another customer account`);
    }
    order.account = account;
    order.accountAttachedBy = actor;
    order.accountAttachedAt = new Date();
    await this.em.flush();
    return order;
  }

  /**
   * Orders newest first (placedAt, then id, descending) that the filter matches, `first` of them after the
   * cursor `after` (a keyset: the cursor holds the last order's placedAt and id, so orders placed or changed
   * meanwhile never make a page repeat or skip one). A customer's contact or a key names only its own account.
   * A bounded number of queries whatever the number of orders, lines and BOM lines: the orders, then each
   * relation for all of them at once, and the count.
   */
  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    viewer: Viewer,
    filter: OrderFilter = {},
  ): Promise<OrderPage> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    const visible = visibleOrders(viewer);
    const own = viewer.kind === 'anonymous' ? null : viewer.accountId;
    if (
      filter.accountId !== null &&
      filter.accountId !== undefined &&
      !isStaff(viewer) &&
      filter.accountId !== own
    ) {
      throw refused(
        'FORBIDDEN',
        own === null
          ? `You see no customer account's orders: leave filter.accountId out`
          : `You see only the orders of customer account ${own}: leave filter.accountId out or give ${own}`,
        'filter.accountId',
      );
    }
    if (visible === null) return { orders: [], hasNextPage: false, totalCount: 0 };
    const matching: FilterQuery<OrderEntity>[] = [visible, ...orderFilterQuery(filter)];
    let where: FilterQuery<OrderEntity> = {};
    if (after !== null && after !== undefined) {
      const from = decodeCursor(after);
      if (!from) throw badInput('after', `'after' is not a cursor of this list: '${after}'`);
      where = {
        $or: [{ placedAt: { $lt: from.placedAt } }, { placedAt: from.placedAt, id: { $lt: from.id } }],
      };
    }
    // The page's ids by the filter, then its orders as rows (orderRowsOf): a page of 100 orders built and
    // tracked ~500 entities, most of its CPU.
    const page = await this.em.find(
      OrderEntity,
      { $and: [where, ...matching] },
      {
        fields: ['id'],
        orderBy: { placedAt: 'desc', id: 'desc' },
        limit: size + 1,
        disableIdentityMap: true,
      },
    );
    const ids = page.slice(0, size).map((order) => order.id);
    const [rows, totalCount] = await Promise.all([
      orderRowsOf(this.em, this.catalog, ids),
      this.em.count(OrderEntity, { $and: matching }),
    ]);
    const byId = new Map(rows.map((order) => [order.id, order]));
    const orders = ids.flatMap((id) => byId.get(id) ?? []);
    return { orders, hasNextPage: page.length > size, totalCount };
  }

  /** The order an idempotency key placed: itself for the same request, else an error naming the key. */
  private async replay(key: string, requestHash: string): Promise<PlaceOrderOutcome | null> {
    const order = await this.em
      .fork()
      .findOne(
        OrderEntity,
        { idempotencyKey: key },
        { populate: ORDER_POPULATE, strategy: LoadStrategy.SELECT_IN },
      );
    if (!order) return null;
    if (order.requestHash !== requestHash) {
      return {
        kind: 'invalid',
        code: 'IDEMPOTENCY_KEY_REUSED',
        field: 'input.idempotencyKey',
        message:
          'This idempotency key already placed an order for a different request: use a new key for a new order',
      };
    }
    // The tracking token is kept only as its hash: a retry whose first answer was lost gets a new one
    // (the earlier link stops working; the only caller who could have it is this one).
    order.trackingToken = newToken();
    await this.em.nativeUpdate(
      OrderEntity,
      { id: order.id },
      // A new tracking link is a change of the order (the earlier link stops working).
      { trackingTokenHash: tokenHash(order.trackingToken), updatedAt: new Date() },
    );
    return { kind: 'placed', order, created: false };
  }

  /**
   * Writes the customer, the order and its snapshots in one transaction (one flush). `steps` holds the
   * timings so far; the transaction's are added and logged with the placed order.
   */
  private async write(steps: Record<string, number>, plan: OrderPlan): Promise<PlaceOrderOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const step = stepClock(steps);
        const built = await this.em.transactional(async (em) => {
          await claimWriter(em);
          // Checked again inside the transaction: a retry that arrives while the first is being written
          // (SQLite serialises the two) finds it here; on PostgreSQL the unique key decides.
          if (plan.idempotencyKey !== null) {
            const existing = await em.findOne(OrderEntity, { idempotencyKey: plan.idempotencyKey });
            if (existing) return null;
          }
          const written = await this.build(em, plan);
          step('build');
          return written;
        });
        if (built) {
          const { order } = built;
          step('write and commit');
          const { build = 0, ...rest } = steps;
          // The steps inside build were timed on their own: 'build' keeps only what they leave out.
          const inside = Object.entries(stepTimings(order));
          const timed = { ...rest, ...Object.fromEntries(inside) };
          const left = build - inside.reduce((sum, [, ms]) => sum + ms, 0);
          if (left > 0.05) timed['build, other'] = left;
          timed.total = Object.values(timed).reduce((sum, ms) => sum + ms, 0);
          this.log.info(
            {
              order: order.number,
              lines: plan.lines.length,
              attempt,
              ...workCounts(order),
              steps: roundedSteps(timed),
            },
            `placed order ${order.number}`,
          );
          return { kind: 'placed', order, created: true, bom: built.bom };
        }
      } catch (error) {
        const retry =
          error instanceof UniqueConstraintViolationException ||
          // Placement found the stock or capacity it planned with taken meanwhile: nothing was written.
          error instanceof ContendedError ||
          // SQLite shared by two processes: a transaction that read first cannot become a writer while
          // the other process writes (busy_timeout does not cover it); it was rolled back whole: try again.
          error instanceof LockWaitTimeoutException;
        if (!retry || attempt >= WRITE_ATTEMPTS) throw error;
        if (error instanceof LockWaitTimeoutException) await sleep(20 + Math.random() * 80 * attempt);
      }
      if (plan.idempotencyKey !== null) {
        const earlier = await this.replay(plan.idempotencyKey, plan.requestHash);
        if (earlier) return earlier;
      }
    }
  }

  private async build(
    em: EntityManager,
    plan: OrderPlan,
  ): Promise<{ order: OrderEntity; bom: Map<number, BomRow[]> }> {
    const now = new Date();
    let customer = await em.findOne(Customer, { email: plan.customer.email });
    if (customer) customer.name = plan.customer.name;
    else customer = em.create(Customer, { ...plan.customer, createdAt: now });
    const placed: PlacedLine[] = [];
    const bomOf = new Map<OrderLineEntity, OrderExplosion['bom']>();
    const trackingToken = newToken();
    const order = em.create(OrderEntity, {
      number: generateOrderNumber(),
      status: 'PLACED',
      placedAt: now,
      customer,
      account:
        plan.placer.accountId === null ? null : em.getReference(CustomerAccount, plan.placer.accountId),
      trackingTokenHash: tokenHash(trackingToken),
      idempotencyKey: plan.idempotencyKey,
      requestHash: plan.requestHash,
      currency: plan.currency,
      totalMinor: plan.totalMinor,
      quoteReference: plan.quoteReference ?? null,
      ...checkoutColumns(plan, now),
    });
    for (const [position, { configured, explosion, quotedPrice }] of plan.lines.entries()) {
      const price = quotedPrice ?? priceSnapshot(configured);
      const line = em.create(OrderLineEntity, {
        order,
        position,
        // The version was read by another request; this unit of work gets its own managed copy.
        modelVersion: em.merge(ProductModelVersion, { ...configured.version }),
        quantity: configured.quantity,
        selection: { ...configured.values },
        chosenFeatures: Object.keys(configured.chosen),
        price,
        totalMinor: price.totalMinor,
      });
      order.lines.add(line);
      placed.push({ entity: line, configured, explosion });
      bomOf.set(line, explosion.bom);
      // Written below as rows, not entities (~33 an e-bike, which every later flush would diff); the
      // collection is left unread, so that the answer reads the BOM as stored (OrderLineBomResolver).
      line.bomLines = new Collection<OrderBomLine>(line, undefined, false);
    }
    // The order and its snapshots are written before any stock or capacity row is locked: the locks are
    // then held only for the reservations, requisitions and bookings, not for the order's own rows. The
    // routing is written as the order's work orders.
    const step = stepClock(stepTimings(order));
    await em.flush();
    const bomRows = [...bomOf].flatMap(([line, bom]) =>
      bom.map((bomLine, position) => ({
        lineId: line.id,
        position,
        level: bomLine.level,
        partNumber: bomLine.partNumber,
        parentPartNumber: bomLine.parentPartNumber,
        description: bomLine.description,
        quantity: bomLine.quantityText,
        unit: bomLine.unit,
        kind: bomLine.kind,
        unitCostMinor: bomLine.costMinor,
      })),
    );
    if (bomRows.length > 0)
      await em.insertMany(
        OrderBomLine,
        bomRows.map(({ lineId, ...row }) => ({ ...row, line: lineId })) as unknown as OrderBomLine[],
      );
    step('order rows');
    await this.commitPlaced(em, order, placed, plan.placer.actor);
    order.trackingToken = trackingToken;
    this.acknowledge?.(em, order, trackingToken);
    const bom = new Map<number, BomRow[]>(order.lines.getItems().map((line) => [line.id, []]));
    for (const row of bomRows) bom.get(row.lineId)!.push(row);
    return { order, bom };
  }
}

/** The checkout's snapshot as the order's columns: what was charged, never recomputed. */
function checkoutColumns(plan: OrderPlan, now: Date) {
  const checkout = plan.checkout;
  if (!checkout) return { goodsMinor: plan.totalMinor, charges: [] };
  const { figures, terms } = checkout;
  return {
    goodsMinor: figures.goodsMinor,
    deliveryAddress: terms.deliveryAddress,
    billingAddress: terms.billingAddress,
    vatId: terms.vatId,
    charges: figures.charges,
    taxNote: figures.taxNote,
    shippingWeightKg: terms.deliveryAddress ? figures.weightKg : null,
    paymentTerms: figures.paymentTerms,
    depositMinor: figures.depositMinor,
    acceptedTermsVersion: checkout.acceptedTermsVersion,
    acceptedTermsAt: checkout.acceptedTermsVersion ? now : null,
  };
}

/** The InvalidOrderInput code of a field the checkout's figures refused. */
function checkoutCode(field: string): InvalidOrderInputCode {
  if (field.startsWith('input.deliveryAddress')) return 'INVALID_ADDRESS';
  if (field === 'input.paymentTermsCode') return 'UNKNOWN_PAYMENT_TERMS';
  if (field === 'input.lines') return 'TOTAL_TOO_LARGE';
  return 'INVALID_LINE';
}

/** The idempotency key of the order placed from a quote revision: one order per revision. */
export function quoteIdempotencyKey(quoteReference: string): string {
  return `quote:${quoteReference}`;
}

/** The configuration's own price as an order line keeps it. */
function priceSnapshot(configured: ConfiguredProduct): OrderLinePriceSnapshot {
  const { price } = configured;
  return {
    currency: price.currency,
    currencyDigits: price.currencyDigits,
    quantity: price.quantity,
    rounding: price.rounding,
    lines: price.lines.map(({ code, label, kind, unitAmountMinor, amountMinor }) => ({
      code,
      label,
      kind,
      unitAmountMinor,
      amountMinor,
    })),
    unitPriceMinor: price.unitPriceMinor,
    totalMinor: price.totalMinor,
    priceList: price.priceList,
  };
}

/**
 * A line asking for more units than its product allows on one order line (the model's maxQuantityPerLine): such an
 * order would book the plant's capacity for everyone after it, so it is refused here and quoted by a person instead.
 */
function quantityRefusal(configured: ConfiguredProduct, field: string): PlaceOrderOutcome | null {
  const { model, quantity } = configured;
  if (quantity <= model.maxQuantityPerLine) return null;
  return {
    kind: 'invalid',
    code: 'QUANTITY_TOO_LARGE',
    field: `${field}.quantity`,
    message: `At most ${model.maxQuantityPerLine} × ${model.name} on one order line, not ${quantity}: for more, ask for a quote`,
  };
}

/** Why a configured line cannot be ordered, or null when it is valid and complete. */
function rejection(configured: ConfiguredProduct, index: number, field: string): PlaceOrderOutcome | null {
  const { check, model } = configured;
  if (check.valid && check.complete) return null;
  const violations: Violation[] = check.violations.filter((violation) => violation.severity === 'error');
  for (const code of check.undecided) {
    const feature = model.featureByCode.get(code);
    violations.push({
      ruleId: 'required',
      message: `${feature?.label ?? code} is not chosen yet`,
      severity: 'error',
      features: [code],
    });
  }
  return {
    kind: 'rejected',
    line: index,
    field,
    message: `Line ${index + 1} (${model.name}) cannot be built as configured: ${violations.map((v) => v.message).join('; ')}`,
    violations,
  };
}
