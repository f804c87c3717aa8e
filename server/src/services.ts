import type { EntityManager } from '@mikro-orm/core';
import { CatalogService } from './catalog/catalog.service.js';
import type { ModelCache } from './catalog/model-cache.js';
import type { QuoteSettings } from './config.js';
import { ConfigurationService } from './configurations/configuration.service.js';
import type { Clock } from './db/clock.js';
import { createFulfilment, type Fulfilment } from './fulfilment/fulfilment.js';
import { PlantService } from './fulfilment/plant.service.js';
import type { Logger } from './logger.js';
import type { MailService } from './mail/mail.service.js';
import { OrderService } from './orders/order.service.js';
import { PartService } from './parts/part.service.js';
import { StockService } from './parts/stock.service.js';
import { PriceListService } from './price-lists/price-list.service.js';
import { ApprovalRuleService } from './quotes/approval-rules.service.js';
import { type QuoteNotifier, QuoteService } from './quotes/quote.service.js';
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
): Services {
  // What is on order is fulfilment's (its requisitions), read when stock is shown.
  const stock = new StockService(em, clock, (partNumbers) => fulfilment.reads.onOrder(partNumbers));
  const catalog = createCatalogService(em, cache);
  const fulfilment = createFulfilment(em, catalog, stock, clock);
  const configurations = new ConfigurationService(em, catalog);
  const { placement } = fulfilment;
  const orders = new OrderService(
    em,
    catalog,
    configurations,
    (transaction, order, lines, actor) => placement.commitOrder(transaction, order, lines, actor),
    log,
  );
  return { catalog, configurations, orders, stock, fulfilment, mail };
}

/** The quotes module: writing and reading quotes, and the approval rules. */
export interface Quotes {
  quotes: QuoteService;
  quoteReads: QuoteReads;
  approvalRules: ApprovalRuleService;
}

/** Quotes on the request's services: priced by the price lists, accepted into orders, promised by fulfilment. */
export function createQuotes(
  em: EntityManager,
  services: Services,
  clock: Clock,
  log: Logger,
  settings: QuoteSettings,
  notifier: QuoteNotifier,
): Quotes {
  const approvalRules = new ApprovalRuleService(em, clock);
  const quotes = new QuoteService(
    em,
    services.catalog,
    services.configurations,
    new PriceListService(em),
    services.orders,
    approvalRules,
    clock,
    settings,
    notifier,
    log,
  );
  return { quotes, quoteReads: new QuoteReads(em, clock, approvalRules), approvalRules };
}
