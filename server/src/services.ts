import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { CatalogService } from './catalog/catalog.service.js';
import type { ModelCache } from './catalog/model-cache.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { checkoutData } from './checkout/checkout-data.js';
import type { QuoteSettings } from './config.js';
import { ConfigurationService } from './configurations/configuration.service.js';
import { ViewerPricing } from './configurations/pricing.js';
import type { Clock } from './db/clock.js';
import { createFulfilment, type Fulfilment } from './fulfilment/fulfilment.js';
import { PlantService } from './fulfilment/plant.service.js';
import type { Logger } from './logger.js';
import type { MailService } from './mail/mail.service.js';
import { OrderService } from './orders/order.service.js';
import { OrderAcknowledgement } from './orders/order-acknowledgement.js';
import { PartService } from './parts/part.service.js';
import { StockService } from './parts/stock.service.js';
import { type PriceListCache, PriceListService } from './price-lists/price-list.service.js';
import { ApprovalRuleService } from './quotes/approval-rules.service.js';
import { QuoteService } from './quotes/quote.service.js';
import { QuoteDocuments } from './quotes/quote-documents.service.js';
import { MailQuoteNotifier, QUOTE_PDF_ATTACHMENT } from './quotes/quote-mail.js';
import { QuoteReads } from './quotes/quote-reads.service.js';

/**
 * Where the modules are put together. Each module depends only on the ones below it (catalog <-
 * configurations <- orders <- parts <- fulfilment); where a lower one's fact needs a higher one's work
 * (a model published: its parts and work centres; an order placed: its reservations, work orders and
 * promise), it is given here as a callback.
 */
export interface Services {
  catalog: CatalogService;
  configurations: ConfigurationService;
  /** The published price lists. */
  priceLists: PriceListService;
  /** Which price list prices what a caller sees. */
  pricing: ViewerPricing;
  /** The checkout's figures and data. */
  checkout: CheckoutService;
  orders: OrderService;
  stock: StockService;
  fulfilment: Fulfilment;
  /** Outgoing mail (the process's one MailService): `enqueue` in the transaction of the change it tells about. */
  mail: MailService;
}

/** The catalogue, publishing a model's parts (parts) and work centres (fulfilment) in its transaction. */
export function createCatalogService(em: EntityManager, cache: ModelCache): CatalogService {
  const parts = new PartService();
  const plant = new PlantService();
  return new CatalogService(em, cache, async (transaction, model) => {
    await parts.recordParts(transaction, model.parts.values(), model.currency);
    await plant.recordWorkCentres(transaction, model.fulfilment.workCentres);
  });
}

export function createServices(
  em: EntityManager,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
  mail: MailService,
  /** The price lists this process remembers (one per running server); none: read on every question. */
  priceListCache: PriceListCache | undefined,
  /** The site's address as customers reach it (PUBLIC_URL): the link in an order's acknowledgement. */
  publicUrl: string,
): Services {
  // What is on order is fulfilment's (its requisitions), read when stock is shown.
  const stock = new StockService(em, clock, (partNumbers) => fulfilment.reads.onOrder(partNumbers));
  const catalog = createCatalogService(em, cache);
  const fulfilment = createFulfilment(em, catalog, stock, clock);
  const configurations = new ConfigurationService(em, catalog);
  const priceLists = new PriceListService(em, priceListCache);
  const pricing = new ViewerPricing(em, priceLists, clock);
  const { placement } = fulfilment;
  const acknowledgement = new OrderAcknowledgement(mail, catalog, publicUrl);
  const checkout = new CheckoutService(catalog, configurations, checkoutData);
  const orders = new OrderService(
    em,
    catalog,
    configurations,
    checkout,
    (transaction, order, lines, actor) => placement.commitOrder(transaction, order, lines, actor),
    log,
    (transaction, order, token) => acknowledgement.orderPlaced(transaction, order, token),
  );
  return { catalog, configurations, priceLists, pricing, checkout, orders, stock, fulfilment, mail };
}

/** The quotes module: writing and reading quotes, their documents, and the approval rules. */
export interface Quotes {
  quotes: QuoteService;
  quoteReads: QuoteReads;
  quoteDocuments: QuoteDocuments;
  approvalRules: ApprovalRuleService;
}

/**
 * Quotes on the request's services: priced by the price lists, accepted into orders, promised by
 * fulfilment; a sent quote's mail written to the outbox (mail) in the send's transaction.
 */
export function createQuotes(
  em: EntityManager,
  services: Services,
  clock: Clock,
  log: Logger,
  settings: QuoteSettings,
): Quotes {
  const approvalRules = new ApprovalRuleService(em, clock);
  const quoteReads = new QuoteReads(em, clock, approvalRules);
  const notifier = new MailQuoteNotifier(services.mail, settings.publicUrl);
  const quotes = new QuoteService(
    em,
    services.catalog,
    services.configurations,
    services.priceLists,
    services.orders,
    approvalRules,
    clock,
    settings,
    notifier,
    log,
  );
  const quoteDocuments = new QuoteDocuments(
    em,
    quoteReads,
    services.configurations,
    services.fulfilment.placement,
  );
  return { quotes, quoteReads, quoteDocuments, approvalRules };
}

/** The quotes module on a unit of work of its own, outside any request (a mail's attachment, a document's route). */
export function quotesOn(
  em: EntityManager,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
  mail: MailService,
  settings: QuoteSettings,
): Quotes {
  return createQuotes(
    em,
    createServices(em, cache, clock, log, mail, undefined, settings.publicUrl),
    clock,
    log,
    settings,
  );
}

/** Lets mails attach a quote revision's document by its reference (`quote-pdf:Q-2026-000123-R2`). */
export function registerQuoteDocuments(
  mail: MailService,
  orm: MikroORM,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
  settings: QuoteSettings,
): void {
  mail.registerAttachmentProvider(QUOTE_PDF_ATTACHMENT, async (reference) => {
    const quotes = quotesOn(orm.em.fork(), cache, clock, log, mail, settings);
    const file = await quotes.quoteDocuments.byReference(reference);
    if (!file) throw new Error(`There is no quote ${reference} to attach`);
    return { filename: file.filename, contentType: 'application/pdf', content: file.content };
  });
}
