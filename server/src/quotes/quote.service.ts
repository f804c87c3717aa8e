import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EntityManager,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { newToken, tokenHash } from '../accounts/session.service.js';
import { User } from '../accounts/user.entity.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import type { QuoteSettings } from '../config.js';
import type { ConfigurationService } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import { claimWriter, forUpdate } from '../db/locking.js';
import {
  type ApprovalRule,
  costOf,
  currencyMinorUnits,
  Decimal,
  defaultValidUntil,
  type QuoteAction as EngineQuoteAction,
  isIsoDate,
  type PriceList,
  type QuoteActor,
  quoteTransition,
  type SelectionValue,
} from '../engine/index.js';
import { badInput, InputError, notFound, refused } from '../errors.js';
import { recordQuoteEvent } from '../events/record.js';
import { hasRole, Role, type Viewer } from '../graphql/authorization.js';
import type { ConfigurationInput } from '../graphql/selection.types.js';
import type { Logger } from '../logger.js';
import type { Order } from '../orders/order.entity.js';
import type { OrderService } from '../orders/order.service.js';
import type { PriceListService } from '../price-lists/price-list.service.js';
import type { ApprovalRuleService } from './approval-rules.service.js';
import {
  Quote,
  QuoteApproval,
  QuoteEvent,
  QuoteLine,
  type QuoteLineOption,
  type QuoteLinePriceSnapshot,
  type QuoteLineSelection,
} from './quote.entity.js';
import type { QuoteEventKind, QuoteStatus } from './quote-enums.js';
import { factsOf, figuresOf, optionsInWords, type QuoteFigures } from './quote-figures.js';
import { quotedOrderOf } from './quote-order.js';

/** At most this many lines on one quote (as on an order). */
export const MAX_QUOTE_LINES = 100;
/** How the customer appears in a quote's events when they act on its link. */
export const CUSTOMER_ACTOR = 'customer (quote link)';
/** Attempts at a quote's transaction when SQLite is busy with another process or a new number is taken. */
const WRITE_ATTEMPTS = 5;

/** A revision just sent: the link's token is in `token`, here and in the answer only. */
export interface SentQuote {
  quote: Quote;
  lines: QuoteLine[];
  figures: QuoteFigures;
  /** The customer's link, relative to the site: /quotes/<token>. */
  link: string;
  token: string;
}

/**
 * What else happens when a quote is sent, in the send's own transaction (an e-mail to the customer with the
 * link and the document, written to the outbox): given by whoever owns that work, so that sending a quote
 * and telling the customer commit together or not at all.
 */
export interface QuoteNotifier {
  quoteSent(em: EntityManager, sent: SentQuote): Promise<void>;
}

/** Tells nobody (tests of the quote alone, and until mail is wired in). */
export const SILENT_NOTIFIER: QuoteNotifier = { quoteSent: async () => {} };

/** The fields of a quote a rep sets (updateQuote; createQuote's options). Undefined: unchanged; null: cleared. */
export interface QuoteDetails {
  validUntil?: string | null;
  terms?: string | null;
  noteToCustomer?: string | null;
  internalNote?: string | null;
  headerDiscountPercent?: string | null;
  taxRatePercent?: string | null;
  recipientName?: string | null;
  recipientEmail?: string | null;
}

/** A change to a line (updateQuoteLine): a new configuration, quantity or discount. */
export interface QuoteLineChange {
  configuration?: ConfigurationInput | null;
  quantity?: number | null;
  discountPercent?: string | null;
}

export interface Acceptance {
  quote: Quote;
  order: Order;
  /** False when the quote was accepted before: the same order again. */
  created: boolean;
}

/** What prices a quote's lines: its list (by code) and currency. */
type PricingOf = Pick<Quote, 'currency' | 'priceListCode' | 'priceListName'>;

/** A line priced by the quote's price list, ready to be written. */
interface PricedLine {
  productCode: string;
  productName: string;
  versionId: number;
  selections: QuoteLineSelection[];
  values: Record<string, unknown>;
  quantity: number;
  price: QuoteLinePriceSnapshot;
  unitPriceMinor: number;
  unitCostMinor: string | null;
  costCurrency: string | null;
  options: QuoteLineOption[];
}

/** Who acts on a quote in the lifecycle's words: a sales manager, a rep, or (anyone else) the customer. */
export function quoteActorOf(viewer: Viewer): QuoteActor {
  if (hasRole(viewer, Role.SALES_MANAGER)) return 'manager';
  if (hasRole(viewer, Role.SALES)) return 'rep';
  return 'customer';
}

/** A line's key, kept across revisions: 12 random base64url characters. */
function newLineKey(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Quotes: a rep writes a revision (lines priced by the account's price list, discounts, validity), a manager
 * approves what the rules ask approval for, the rep sends it (immutable from then on) and revises it; the
 * customer accepts it into an order at the quoted prices. Every step goes through the engine's lifecycle
 * (`quoteTransition`) and is recorded as an event with who, when and why.
 */
export class QuoteService {
  constructor(
    readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly configurations: ConfigurationService,
    private readonly priceLists: PriceListService,
    private readonly orders: OrderService,
    readonly rules: ApprovalRuleService,
    private readonly clock: Clock,
    private readonly settings: QuoteSettings,
    private readonly notifier: QuoteNotifier,
    private readonly log: Logger,
  ) {}

  /** A new first revision for an account, priced by the account's price list in effect today; a DRAFT. */
  async create(accountId: number, details: QuoteDetails, viewer: Viewer, actor: string): Promise<Quote> {
    this.staffActor(viewer);
    const account = await this.em.findOne(CustomerAccount, { id: accountId });
    if (!account) throw notFound('accountId', `There is no customer account ${accountId}`);
    const today = this.clock.today();
    const list = await this.listOfAccount(account, today);
    const contact = await this.contactOf(account);
    return this.inTransaction(async (em) => {
      const quote = await this.newQuote(em, account, list, actor, {
        recipientName: contact?.name ?? null,
        recipientEmail: contact?.email ?? null,
      });
      applyDetails(quote, details, today, 'input');
      this.event(
        em,
        quote,
        'CREATED',
        actor,
        `Quote ${quote.reference} created for ${account.name}, priced by ${list.name} (${list.currency})`,
        {
          to: 'DRAFT',
        },
      );
      return quote;
    });
  }

  /**
   * A new quote (a DRAFT, revision 1 of a new number) from a revision in any status (a superseded, expired or
   * declined quote can start the next deal): for the same account or the one given, its lines (configurations
   * on their pinned model versions, quantities, line discounts), header discount, terms and note to the
   * customer, priced again today by the target account's price list. Not copied: the internal note,
   * approvals, events and the customer's link. A line the list no longer prices is refused naming
   * `lines[i]`, before anything is written. Sales managers and admins may start one too.
   */
  async duplicate(id: number, accountId: number | null, viewer: Viewer, actor: string): Promise<Quote> {
    if (![Role.SALES, Role.SALES_MANAGER, Role.ADMIN].some((role) => hasRole(viewer, role)))
      throw refused('NOT_ALLOWED_FOR_ACTOR', 'Only sales staff duplicate quotes.');
    const source = await this.em.findOne(Quote, { id }, { populate: ['account'] });
    if (!source) throw notFound('id', `There is no quote ${id}`);
    const account =
      accountId === null ? source.account : await this.em.findOne(CustomerAccount, { id: accountId });
    if (!account) throw notFound('accountId', `There is no customer account ${accountId}`);
    const today = this.clock.today();
    const list = await this.listOfAccount(account, today);
    const target = { currency: list.currency, priceListCode: list.code, priceListName: list.name };
    const sourceLines = await this.linesOf(this.em, source);
    const priced: PricedLine[] = [];
    for (const [index, line] of sourceLines.entries())
      priced.push(await this.repriced(target, line, `lines[${index}]`));
    const sameAccount = account.id === source.account.id;
    const contact = sameAccount ? null : await this.contactOf(account);
    return this.inTransaction(async (em) => {
      const quote = await this.newQuote(em, account, list, actor, {
        recipientName: sameAccount ? (source.recipientName ?? null) : (contact?.name ?? null),
        recipientEmail: sameAccount ? (source.recipientEmail ?? null) : (contact?.email ?? null),
        headerDiscountPercent: source.headerDiscountPercent,
        terms: source.terms ?? null,
        noteToCustomer: source.noteToCustomer ?? null,
      });
      // A net list keeps the rate the rep set on the source (when it had one); else the setting's.
      if (quote.priceBasis === 'NET' && source.priceBasis === 'NET' && source.taxRatePercent)
        quote.taxRatePercent = source.taxRatePercent;
      priced.forEach((line, position) => {
        this.writeLine(em, quote, line, {
          position,
          lineKey: newLineKey(),
          discountPercent: sourceLines[position]!.discountPercent,
        });
      });
      this.event(
        em,
        quote,
        'CREATED',
        actor,
        `Quote ${quote.reference} created for ${account.name} as a duplicate of ${source.reference} (${source.status}), ${priced.length} line(s) priced again by ${list.name} (${list.currency}) on ${today}`,
        { to: 'DRAFT' },
      );
      return quote;
    });
  }

  /** A line of another quote priced again by `target`'s list today on its pinned model version, refused naming `field`. */
  private async repriced(target: PricingOf, line: QuoteLine, field: string): Promise<PricedLine> {
    try {
      return await this.priceLine(
        target,
        {
          productCode: line.productCode,
          selections: line.selections,
          quantity: line.quantity,
          modelVersion: line.modelVersion.version,
        },
        field,
      );
    } catch (error) {
      // The list's own refusal names `priceList`: the caller gave lines, so name the line.
      if (error instanceof InputError && !error.field.startsWith(field))
        throw badInput(field, `${line.productName} cannot be quoted again: ${error.message}`);
      throw error;
    }
  }

  /** The list an account buys by today, or a refusal naming accountId. */
  private async listOfAccount(account: CustomerAccount, today: string): Promise<PriceList> {
    const list = await this.priceLists.forAccount(account, today);
    if (!list)
      throw badInput(
        'accountId',
        `No price list in ${account.currency} is in effect on ${today} for ${account.name}: give the account a price list first`,
      );
    return list;
  }

  /** The account's first active user: who a new quote goes to unless the rep says otherwise. */
  private contactOf(account: CustomerAccount): Promise<User | null> {
    return this.em.findOne(User, { account: account.id, disabledAt: null }, { orderBy: { id: 'asc' } });
  }

  /** A first revision of a new number, a DRAFT priced by `list`, valid QUOTE_VALIDITY_DAYS from today. */
  private async newQuote(
    em: EntityManager,
    account: CustomerAccount,
    list: PriceList,
    actor: string,
    fields: Partial<
      Pick<Quote, 'recipientName' | 'recipientEmail' | 'headerDiscountPercent' | 'terms' | 'noteToCustomer'>
    >,
  ): Promise<Quote> {
    const today = this.clock.today();
    const net = list.prices === 'net';
    const number = await nextNumber(em, today);
    return em.create(Quote, {
      account,
      status: 'DRAFT',
      currency: list.currency,
      currencyDigits: list.currencyDigits,
      priceListCode: list.code,
      priceListName: list.name,
      priceBasis: net ? 'NET' : 'GROSS',
      taxRatePercent: net ? this.settings.taxRatePercent : null,
      validUntil: defaultValidUntil(today, this.settings.validityDays),
      headerDiscountPercent: '0',
      createdBy: actor,
      contentRevision: 1,
      acceptedOnBehalf: false,
      ...fields,
      number,
      revision: 1,
      reference: referenceOf(number, 1),
      createdAt: this.clock.now(),
    });
  }

  /** Changes the quote's details (a draft, or an approved or rejected quote, which becomes a draft again). */
  async update(id: number, details: QuoteDetails, viewer: Viewer, actor: string): Promise<Quote> {
    return this.edit(id, viewer, actor, async (_em, quote) => {
      const changed = applyDetails(quote, details, this.clock.today(), 'input');
      return changed.length > 0 ? `Changed: ${changed.join(', ')}` : 'Saved without changes';
    });
  }

  /**
   * Adds a configured product, priced by the quote's price list today. Refused, naming the field, unless the
   * configuration is valid and complete.
   */
  async addLine(
    quoteId: number,
    configuration: ConfigurationInput,
    discountPercent: string | null | undefined,
    viewer: Viewer,
    actor: string,
  ): Promise<Quote> {
    const current = await this.staffQuote(quoteId, 'quoteId');
    this.assertEditable(current, viewer);
    const priced = await this.priceLine(current, configuration, 'configuration');
    return this.edit(quoteId, viewer, actor, async (em, quote, lines) => {
      if (lines.length >= MAX_QUOTE_LINES)
        throw badInput('quoteId', `A quote has at most ${MAX_QUOTE_LINES} lines: a line can have a quantity`);
      const line = this.writeLine(em, quote, priced, {
        position: nextPosition(lines),
        lineKey: newLineKey(),
        discountPercent: discountPercent ?? '0',
      });
      lines.push(line);
      return `Line ${lines.length} added: ${line.quantity} × ${line.productName}`;
    });
  }

  /** Changes a line: its configuration (priced again by the quote's list), quantity or discount. */
  async updateLine(lineId: number, change: QuoteLineChange, viewer: Viewer, actor: string): Promise<Quote> {
    const current = await this.staffLine(lineId);
    this.assertEditable(current.quote, viewer);
    let priced: PricedLine | null = null;
    if (change.configuration || (change.quantity != null && change.quantity !== current.quantity)) {
      const configuration: ConfigurationInput = change.configuration
        ? { ...change.configuration, quantity: change.quantity ?? change.configuration.quantity }
        : {
            productCode: current.productCode,
            selections: current.selections,
            quantity: change.quantity,
            modelVersion: current.modelVersion.version,
          };
      priced = await this.priceLine(
        current.quote,
        configuration,
        change.configuration ? 'change.configuration' : 'change',
      );
    }
    return this.edit(current.quote.id, viewer, actor, async (em, _quote, lines) => {
      const line = lines.find((candidate) => candidate.id === lineId);
      if (!line) throw notFound('lineId', `There is no line ${lineId} on this quote`);
      const said: string[] = [];
      if (priced) {
        Object.assign(line, this.lineFields(em, priced));
        said.push(`configuration and price (${line.quantity} × ${line.productName})`);
      }
      if (change.discountPercent != null && change.discountPercent !== line.discountPercent) {
        line.discountPercent = change.discountPercent;
        said.push(`discount ${change.discountPercent}%`);
      }
      return `Line ${line.position + 1} changed: ${said.join(', ') || 'nothing'}`;
    });
  }

  /** A copy of a line at the end of the quote, with a key of its own (to change it from there). */
  async duplicateLine(lineId: number, viewer: Viewer, actor: string): Promise<Quote> {
    const current = await this.staffLine(lineId);
    return this.edit(current.quote.id, viewer, actor, async (em, quote, lines) => {
      const line = lines.find((candidate) => candidate.id === lineId);
      if (!line) throw notFound('lineId', `There is no line ${lineId} on this quote`);
      if (lines.length >= MAX_QUOTE_LINES)
        throw badInput('lineId', `A quote has at most ${MAX_QUOTE_LINES} lines: a line can have a quantity`);
      const copy = em.create(QuoteLine, {
        ...copiedLine(line),
        quote,
        position: nextPosition(lines),
        lineKey: newLineKey(),
      });
      lines.push(copy);
      return `Line ${line.position + 1} (${line.productName}) duplicated as line ${lines.length}`;
    });
  }

  async removeLine(lineId: number, viewer: Viewer, actor: string): Promise<Quote> {
    const current = await this.staffLine(lineId);
    return this.edit(current.quote.id, viewer, actor, async (em, _quote, lines) => {
      const index = lines.findIndex((candidate) => candidate.id === lineId);
      if (index < 0) throw notFound('lineId', `There is no line ${lineId} on this quote`);
      const [line] = lines.splice(index, 1);
      em.remove(line!);
      lines.forEach((other, position) => {
        other.position = position;
      });
      return `Line ${index + 1} (${line!.productName}) removed`;
    });
  }

  /** DRAFT -> PENDING_APPROVAL, naming the rules that ask for it. */
  async submitForApproval(id: number, viewer: Viewer, actor: string): Promise<Quote> {
    return this.act(id, viewer, actor, 'submitForApproval', 'SUBMITTED_FOR_APPROVAL', {
      describe: (figures) =>
        `Submitted for approval: ${figures.approval.triggers.map((trigger) => trigger.message).join(' ')}`,
    });
  }

  async withdrawApproval(id: number, viewer: Viewer, actor: string): Promise<Quote> {
    return this.act(id, viewer, actor, 'withdraw', 'WITHDRAWN', {
      describe: () => 'Withdrawn from approval, to be changed',
    });
  }

  /** A sales manager approves exactly this content revision. */
  async approve(id: number, comment: string | null, viewer: Viewer, actor: string): Promise<Quote> {
    return this.act(id, viewer, actor, 'approve', 'APPROVED', {
      comment: comment ?? undefined,
      describe: (_figures, quote) => `Approved (content revision ${quote.contentRevision})`,
      apply: async (em, quote, _lines, figures) => {
        quote.approvedRevision = quote.contentRevision;
        this.approval(em, quote, 'APPROVED', actor, comment, figures);
      },
    });
  }

  async reject(id: number, comment: string, viewer: Viewer, actor: string): Promise<Quote> {
    return this.act(id, viewer, actor, 'reject', 'REJECTED', {
      comment,
      describe: () => 'Rejected',
      apply: async (em, quote, _lines, figures) => {
        this.approval(em, quote, 'REJECTED', actor, comment, figures);
      },
    });
  }

  /**
   * Sends the revision: SENT and immutable from now on, with a new customer link whose token is in the
   * answer only (`Quote.customerToken`); the notifier tells the customer in the same transaction.
   */
  async send(id: number, viewer: Viewer, actor: string): Promise<Quote> {
    return this.act(id, viewer, actor, 'send', 'SENT', {
      describe: (_figures, quote) => `Sent to ${quote.recipientEmail}, valid until ${quote.validUntil}`,
      apply: async (em, quote, lines, figures) => {
        if (!quote.recipientEmail)
          throw refused(
            'RECIPIENT_REQUIRED',
            'The quote has no recipient: give it a recipientEmail (updateQuote) before sending it.',
            'recipientEmail',
          );
        // The mail names the account.
        await em.populate(quote, ['account']);
        const token = newToken();
        quote.customerTokenHash = tokenHash(token);
        quote.customerToken = token;
        quote.sentAt = this.clock.now();
        await this.notifier.quoteSent(em, { quote, lines, figures, token, link: `/quotes/${token}` });
      },
    });
  }

  /**
   * A sent, expired or declined revision is superseded by the next one, a DRAFT with the same lines (same
   * keys, same quoted prices) to change from there. A validity date already past starts again from today.
   */
  async revise(id: number, viewer: Viewer, actor: string): Promise<Quote> {
    let next: Quote | null = null;
    await this.act(id, viewer, actor, 'revise', 'REVISED', {
      describe: (_figures, quote) => `Revised: ${referenceOf(quote.number, quote.revision + 1)} replaces it`,
      apply: async (em, quote, lines) => {
        next = await this.nextRevision(em, quote, lines, actor);
        quote.supersededBy = next;
      },
    });
    return next!;
  }

  /** The customer accepts the latest sent revision of the quote their link opens. */
  async acceptByToken(token: string): Promise<Acceptance> {
    const quote = await this.revisionForToken(token);
    return this.accept(quote.id, { actor: 'customer', name: CUSTOMER_ACTOR, onBehalf: false, reason: null });
  }

  /** A rep accepts for the customer (who said yes by phone or mail), recorded as such with the reason. */
  async acceptOnBehalf(id: number, reason: string, viewer: Viewer, actor: string): Promise<Acceptance> {
    await this.staffQuote(id, 'id');
    return this.accept(id, { actor: this.staffActor(viewer), name: actor, onBehalf: true, reason });
  }

  async declineByToken(token: string, reason: string | null): Promise<Quote> {
    const quote = await this.revisionForToken(token);
    return this.act(quote.id, null, CUSTOMER_ACTOR, 'decline', 'DECLINED', {
      comment: reason ?? undefined,
      describe: () => 'Declined by the customer',
    });
  }

  /**
   * Accepting, in one transaction: the order at the quoted prices and pinned versions (its stock,
   * requisitions, work orders and promise), the quote ACCEPTED and linked to it, and the event. Accepting
   * an accepted quote again answers the same order.
   */
  private async accept(
    id: number,
    who: { actor: QuoteActor; name: string; onBehalf: boolean; reason: string | null },
  ): Promise<Acceptance> {
    const rules = await this.rules.activeRules();
    const before = await this.em.fork().findOneOrFail(Quote, { id }, { populate: ['account'] });
    const beforeLines = await this.linesOf(this.em.fork(), before);
    // Lines are immutable once sent: the order is planned (configured again, exploded) before the
    // transaction, which then only writes.
    const planned = await this.orders.planQuoted(
      quotedOrderOf(before, beforeLines, figuresOf(before, beforeLines, rules), who.name),
    );
    if (planned.kind !== 'planned') throw refused('CONFIGURATION_REJECTED', planned.message, planned.field);
    return this.inTransaction(async (em) => {
      const { quote, lines } = await this.lock(em, id, 'id');
      if (quote.status === 'ACCEPTED') {
        const order = await this.orders.orderFromQuote(em, quote.reference);
        if (order) return { quote, order, created: false };
      }
      const { to } = this.step(quote, lines, rules, 'accept', who.actor);
      const { order, created } = await this.orders.placeQuotedIn(em, planned.plan);
      const from = quote.status;
      Object.assign(quote, {
        status: to,
        order,
        acceptedAt: this.clock.now(),
        acceptedBy: who.name,
        acceptedOnBehalf: who.onBehalf,
      });
      this.event(
        em,
        quote,
        'ACCEPTED',
        who.name,
        `${who.onBehalf ? 'Accepted on the customer’s behalf' : 'Accepted by the customer'}: order ${order.number} placed at the quoted prices`,
        { from, to, comment: who.reason, onBehalf: who.onBehalf },
      );
      return { quote, order, created };
    });
  }

  /** The next revision: a copy of the quote's content as a DRAFT, its lines with the same keys. */
  private async nextRevision(
    em: EntityManager,
    quote: Quote,
    lines: QuoteLine[],
    actor: string,
  ): Promise<Quote> {
    const today = this.clock.today();
    const next = em.create(Quote, {
      number: quote.number,
      revision: quote.revision + 1,
      reference: referenceOf(quote.number, quote.revision + 1),
      account: quote.account,
      status: 'DRAFT',
      currency: quote.currency,
      currencyDigits: quote.currencyDigits,
      priceListCode: quote.priceListCode,
      priceListName: quote.priceListName,
      priceBasis: quote.priceBasis,
      taxRatePercent: quote.taxRatePercent ?? null,
      validUntil:
        quote.validUntil < today ? defaultValidUntil(today, this.settings.validityDays) : quote.validUntil,
      terms: quote.terms ?? null,
      internalNote: quote.internalNote ?? null,
      noteToCustomer: quote.noteToCustomer ?? null,
      headerDiscountPercent: quote.headerDiscountPercent,
      recipientName: quote.recipientName ?? null,
      recipientEmail: quote.recipientEmail ?? null,
      createdBy: quote.createdBy,
      createdAt: this.clock.now(),
      contentRevision: 1,
      approvedRevision: null,
      acceptedOnBehalf: false,
    });
    for (const line of lines)
      em.create(QuoteLine, {
        ...copiedLine(line),
        quote: next,
        lineKey: line.lineKey,
        position: line.position,
      });
    this.event(
      em,
      next,
      'REVISION_CREATED',
      actor,
      `Revision ${next.revision} of ${quote.number}, from ${quote.reference}`,
      {
        to: 'DRAFT',
      },
    );
    return next;
  }

  /**
   * A change of a quote's content: allowed by the lifecycle's `edit` (a draft, or an approved or rejected
   * quote, which becomes a draft: an approval holds for the content it was given for only), counted in
   * contentRevision, recorded as an event saying what changed.
   */
  private async edit(
    id: number,
    viewer: Viewer,
    actor: string,
    change: (em: EntityManager, quote: Quote, lines: QuoteLine[]) => Promise<string>,
  ): Promise<Quote> {
    const who = this.staffActor(viewer);
    const rules = await this.rules.activeRules();
    return this.inTransaction(async (em) => {
      const { quote, lines } = await this.lock(em, id, 'id');
      const { to } = this.step(quote, lines, rules, 'edit', who);
      const from = quote.status;
      const message = await change(em, quote, lines);
      quote.contentRevision += 1;
      quote.status = to;
      this.event(em, quote, 'EDITED', actor, message, { from, to });
      return quote;
    });
  }

  /** One lifecycle step taken by the viewer (null: the customer on the link), with its event. */
  private async act(
    id: number,
    viewer: Viewer | null,
    actor: string,
    action: EngineQuoteAction,
    kind: QuoteEventKind,
    how: {
      comment?: string;
      describe: (figures: QuoteFigures, quote: Quote) => string;
      apply?: (em: EntityManager, quote: Quote, lines: QuoteLine[], figures: QuoteFigures) => Promise<void>;
    },
  ): Promise<Quote> {
    const who: QuoteActor = viewer ? this.staffActor(viewer) : 'customer';
    const rules = await this.rules.activeRules();
    return this.inTransaction(async (em) => {
      const { quote, lines } = await this.lock(em, id, 'id');
      const { to, figures } = this.step(quote, lines, rules, action, who, how.comment);
      const from = quote.status;
      await how.apply?.(em, quote, lines, figures);
      quote.status = to;
      this.event(em, quote, kind, actor, how.describe(figures, quote), {
        from,
        to,
        comment: how.comment ?? null,
      });
      return quote;
    });
  }

  /** The engine's guard for the step: the status it leads to, or a refusal with the engine's code. */
  private step(
    quote: Quote,
    lines: readonly QuoteLine[],
    rules: readonly ApprovalRule[],
    action: EngineQuoteAction,
    actor: QuoteActor,
    comment?: string,
  ): { to: QuoteStatus; figures: QuoteFigures } {
    const figures = figuresOf(quote, lines, rules);
    const facts = factsOf(quote, lines.length, figures.approval.needed, actor, this.clock.today(), comment);
    const result = quoteTransition(quote.status, action, facts);
    if (!result.ok) throw refused(result.code, result.message, result.field ?? null);
    return { to: result.to, figures };
  }

  /**
   * Refuses a change to a quote that cannot change now (sent, pending approval...) before its line is priced,
   * so that the refusal says what matters; the transaction checks again on the locked row.
   */
  private assertEditable(quote: Quote, viewer: Viewer): void {
    const facts = factsOf(quote, 0, false, this.staffActor(viewer), this.clock.today());
    const result = quoteTransition(quote.status, 'edit', facts);
    if (!result.ok) throw refused(result.code, result.message, result.field ?? null);
  }

  /** A staff viewer's part in the lifecycle; anyone else may not write quotes (their rule let them through only to read). */
  private staffActor(viewer: Viewer): QuoteActor {
    const actor = quoteActorOf(viewer);
    if (actor === 'customer') throw refused('NOT_ALLOWED_FOR_ACTOR', 'Only sales staff change quotes.');
    return actor;
  }

  /** The quote row locked for this transaction (PostgreSQL: FOR UPDATE), and its lines in order. */
  private async lock(
    em: EntityManager,
    id: number,
    field: string,
  ): Promise<{ quote: Quote; lines: QuoteLine[] }> {
    const quote = await em.findOne(Quote, { id }, forUpdate(em));
    if (!quote) throw notFound(field, `There is no quote ${id}`);
    return { quote, lines: await this.linesOf(em, quote) };
  }

  private async linesOf(em: EntityManager, quote: Quote): Promise<QuoteLine[]> {
    return em.find(
      QuoteLine,
      { quote: quote.id },
      { orderBy: { position: 'asc' }, populate: ['modelVersion'] },
    );
  }

  private async staffQuote(id: number, field: string): Promise<Quote> {
    const quote = await this.em.findOne(Quote, { id });
    if (!quote) throw notFound(field, `There is no quote ${id}`);
    return quote;
  }

  private async staffLine(lineId: number): Promise<QuoteLine> {
    const line = await this.em.findOne(QuoteLine, { id: lineId }, { populate: ['quote', 'modelVersion'] });
    if (!line) throw notFound('lineId', `There is no quote line ${lineId}`);
    return line;
  }

  /**
   * The revision a customer's link shows: the latest sent revision of the quote the token was made for
   * (a newer draft is not the customer's to see yet). NOT_FOUND for any other text.
   */
  async revisionForToken(token: string): Promise<Quote> {
    const linked = await this.em.findOne(Quote, { customerTokenHash: tokenHash(token) });
    if (!linked) throw notFound('token', 'This quote link opens nothing: ask for a new one');
    const latest = await this.em.findOne(
      Quote,
      { number: linked.number, sentAt: { $ne: null } },
      { orderBy: { revision: 'desc' } },
    );
    return latest ?? linked;
  }

  /**
   * Prices a configuration by the quote's price list today: valid and complete, or refused naming the field;
   * its cost from the model's own parts and work centres (the model's currency), and its options in words.
   */
  private async priceLine(quote: PricingOf, input: ConfigurationInput, field: string): Promise<PricedLine> {
    const today = this.clock.today();
    // A quote's lines are all priced by the quote's own list, in its currency.
    if (input.currency && input.currency !== quote.currency)
      throw badInput(`${field}.currency`, `The quote is in ${quote.currency}: leave the currency out`);
    if (input.priceListCode && input.priceListCode !== quote.priceListCode)
      throw badInput(
        `${field}.priceListCode`,
        `The quote is priced by ${quote.priceListName} (${quote.priceListCode}): leave the price list out`,
      );
    const list = await this.priceLists.byCode(quote.priceListCode);
    if (!list) throw badInput(field, `The quote's price list ${quote.priceListCode} is no longer published`);
    const configured = await this.configurations.configure(input, field, { priceList: list, onDate: today });
    const { check, model, price } = configured;
    if (!check.valid || !check.complete) {
      const problems = [
        ...check.violations
          .filter((violation) => violation.severity === 'error')
          .map((violation) => violation.message),
        ...check.undecided.map((code) => `${model.featureByCode.get(code)?.label ?? code} is not chosen yet`),
      ];
      throw badInput(
        `${field}.selections`,
        `${model.name} cannot be built as configured, so it cannot be quoted: ${problems.join('; ')}`,
      );
    }
    const own = this.catalog.loaded(configured.version).model;
    const cost = costOf(own, configured.values, configured.quantity);
    const unitCostMinor =
      cost.ok && cost.complete
        ? cost.unitCost
            .times(new Decimal(10).pow(currencyMinorUnits(cost.currency) ?? cost.currencyDigits))
            .toFixed()
        : null;
    return {
      productCode: model.code,
      productName: model.name,
      versionId: configured.version.id,
      selections: input.selections.map((selection) => ({
        feature: selection.feature,
        value: selection.value ?? null,
        values: selection.values ?? null,
        source: selection.source ?? null,
      })),
      values: { ...configured.values },
      quantity: configured.quantity,
      price: {
        currency: price.currency,
        currencyDigits: price.currencyDigits,
        quantity: price.quantity,
        rounding: price.rounding,
        priceList: price.priceList,
        lines: price.lines.map(({ code, label, kind, unitAmountMinor, amountMinor }) => ({
          code,
          label,
          kind,
          unitAmountMinor,
          amountMinor,
        })),
        unitPriceMinor: price.unitPriceMinor,
        totalMinor: price.totalMinor,
      },
      unitPriceMinor: price.unitPriceMinor,
      unitCostMinor,
      costCurrency: cost.ok ? cost.currency : null,
      options: optionsInWords(own, configured.values as Record<string, SelectionValue | null>),
    };
  }

  private lineFields(em: EntityManager, priced: PricedLine) {
    const { versionId, ...fields } = priced;
    return { ...fields, modelVersion: em.getReference(ProductModelVersion, versionId) };
  }

  private writeLine(
    em: EntityManager,
    quote: Quote,
    priced: PricedLine,
    place: { position: number; lineKey: string; discountPercent: string },
  ): QuoteLine {
    return em.create(QuoteLine, { ...this.lineFields(em, priced), ...place, quote });
  }

  private approval(
    em: EntityManager,
    quote: Quote,
    decision: 'APPROVED' | 'REJECTED',
    manager: string,
    comment: string | null,
    figures: QuoteFigures,
  ): void {
    em.create(QuoteApproval, {
      quote,
      contentRevision: quote.contentRevision,
      manager,
      decision,
      comment,
      at: this.clock.now(),
      triggeredRules: figures.approval.triggers.map((trigger) => trigger.message).join('\n'),
    });
  }

  private event(
    em: EntityManager,
    quote: Quote,
    kind: QuoteEventKind,
    actor: string,
    message: string,
    extra: { from?: QuoteStatus; to?: QuoteStatus; comment?: string | null; onBehalf?: boolean },
  ): void {
    const at = this.clock.now();
    recordQuoteEvent(em, quote, { kind, fromStatus: extra.from, toStatus: extra.to }, at);
    em.create(QuoteEvent, {
      quote,
      at,
      actor,
      kind,
      fromStatus: extra.from ?? null,
      toStatus: extra.to ?? null,
      message: message.slice(0, 2000),
      comment: extra.comment ?? null,
      onBehalf: extra.onBehalf ?? false,
    });
  }

  /**
   * Runs a quote's write in one transaction, a writer at once on SQLite; tried again when SQLite is busy
   * with another process or a unique key refuses it (a quote number or an order number drawn by another).
   */
  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.transactional(async (em) => {
          await claimWriter(em);
          return work(em);
        });
      } catch (error) {
        const retry =
          error instanceof UniqueConstraintViolationException || error instanceof LockWaitTimeoutException;
        if (!retry || attempt >= WRITE_ATTEMPTS) throw error;
        this.log.debug({ attempt }, 'quote write tried again');
        await sleep(10 + Math.random() * 40 * attempt);
      }
    }
  }
}

/** Q-2026-000123 and revision 2 -> Q-2026-000123-R2 (every revision, the first too, says its number). */
export function referenceOf(number: string, revision: number): string {
  return `${number}-R${revision}`;
}

/** The next quote number of the year: Q-<year>-<6 digits>, one more than the highest. */
async function nextNumber(em: EntityManager, today: string): Promise<string> {
  const prefix = `Q-${today.slice(0, 4)}-`;
  const last = await em.findOne(
    Quote,
    { number: { $like: `${prefix}%` }, revision: 1 },
    { orderBy: { number: 'desc' }, fields: ['number'] },
  );
  const next = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}

function nextPosition(lines: readonly QuoteLine[]): number {
  return lines.reduce((max, line) => Math.max(max, line.position + 1), 0);
}

/** A line's content, to be written again (a duplicate, or the next revision's copy). */
function copiedLine(line: QuoteLine) {
  return {
    productCode: line.productCode,
    productName: line.productName,
    modelVersion: line.modelVersion,
    selections: line.selections.map((selection) => ({ ...selection })),
    values: { ...line.values },
    quantity: line.quantity,
    price: structuredClone(line.price),
    unitPriceMinor: line.unitPriceMinor,
    unitCostMinor: line.unitCostMinor ?? null,
    costCurrency: line.costCurrency ?? null,
    discountPercent: line.discountPercent,
    options: line.options.map((option) => ({ ...option })),
  };
}

/** Applies the details given (undefined: unchanged); returns the names of what changed. */
function applyDetails(quote: Quote, details: QuoteDetails, today: string, field: string): string[] {
  const changed: string[] = [];
  if (
    details.validUntil !== undefined &&
    details.validUntil !== null &&
    details.validUntil !== quote.validUntil
  ) {
    if (!isIsoDate(details.validUntil) || details.validUntil < today)
      throw badInput(
        `${field}.validUntil`,
        `The validity date must be a date written YYYY-MM-DD, today (${today}) or later, not '${details.validUntil}'`,
      );
    quote.validUntil = details.validUntil;
    changed.push(`valid until ${details.validUntil}`);
  }
  if (details.taxRatePercent !== undefined && details.taxRatePercent !== quote.taxRatePercent) {
    if (quote.priceBasis !== 'NET')
      throw badInput(
        `${field}.taxRatePercent`,
        `${quote.priceListName} has prices with tax included: a quote priced by it has no tax rate`,
      );
    if (details.taxRatePercent === null)
      throw badInput(`${field}.taxRatePercent`, 'A quote with net prices needs a tax rate (0 for none)');
    quote.taxRatePercent = details.taxRatePercent;
    changed.push(`tax rate ${details.taxRatePercent}%`);
  }
  if (
    details.headerDiscountPercent !== undefined &&
    (details.headerDiscountPercent ?? '0') !== quote.headerDiscountPercent
  ) {
    quote.headerDiscountPercent = details.headerDiscountPercent ?? '0';
    changed.push(`discount on the quote ${quote.headerDiscountPercent}%`);
  }
  for (const [key, label] of [
    ['terms', 'terms'],
    ['noteToCustomer', 'note to the customer'],
    ['internalNote', 'internal note'],
    ['recipientName', 'recipient'],
    ['recipientEmail', 'recipient’s e-mail'],
  ] as const) {
    const value = details[key];
    if (value === undefined || (value ?? null) === (quote[key] ?? null)) continue;
    quote[key] = value === '' ? null : value;
    changed.push(label);
  }
  return changed;
}
