import type { EntityManager, MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { ApiKeyService } from '../accounts/api-key.service.js';
import type { Address, CustomerAccount } from '../accounts/customer-account.entity.js';
import { CustomerAccountService } from '../accounts/customer-account.service.js';
import type { LoginLimits } from '../accounts/login-limits.js';
import { SessionService } from '../accounts/session.service.js';
import type { User } from '../accounts/user.entity.js';
import { UserService } from '../accounts/user.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ModelCache } from '../catalog/model-cache.js';
import type { CheckoutService } from '../checkout/checkout.service.js';
import type { QuoteSettings } from '../config.js';
import type { ConfigurationService } from '../configurations/configuration.service.js';
import type { ViewerPricing } from '../configurations/pricing.js';
import type { Clock } from '../db/clock.js';
import type { Fulfilment } from '../fulfilment/fulfilment.js';
import type { OrderFulfilmentView } from '../fulfilment/fulfilment-reads.service.js';
import type { WorkOrderRow } from '../fulfilment/fulfilment-rows.js';
import type { Logger } from '../logger.js';
import type { MailService } from '../mail/mail.service.js';
import { type BomRow, bomRowsOf } from '../orders/bom-rows.js';
import type { OrderService } from '../orders/order.service.js';
import type { OrderData } from '../orders/order-rows.js';
import type { StockService } from '../parts/stock.service.js';
import type { PriceListCache, PriceListService } from '../price-lists/price-list.service.js';
import type { ApprovalRuleService } from '../quotes/approval-rules.service.js';
import type { QuoteService } from '../quotes/quote.service.js';
import type { QuoteDocuments } from '../quotes/quote-documents.service.js';
import type { QuoteReads } from '../quotes/quote-reads.service.js';
import { checkDeadline } from '../request-deadline.js';
import { createQuotes, createServices } from '../services.js';
import { WebhookService } from '../webhooks/webhook.service.js';
import type { WebhookWorker } from '../webhooks/webhook-worker.js';
import { actorOf, type Viewer } from './authorization.js';

/** What every resolver gets: this request's own entity manager and the services working on it. */
export interface RequestContext {
  /** Who is calling (anonymous, a signed-in person or an API key): what @Allow rules and services check. */
  viewer: Viewer;
  /** The audit trail's name for the caller (actorOf): never text from the request. */
  actor: string;
  /** The session cookie of this request's answer (sign-in sets it, sign-out clears it). */
  sessionCookie: SessionCookieControl;
  /** The caller's address, as the HTTP layer sees it (login limits count per address). */
  clientIp: string;
  sessions: SessionService;
  /** Sign-in limits, shared by every request of the app (their counters outlive requests). */
  loginLimits: LoginLimits;
  users: UserService;
  customerAccounts: CustomerAccountService;
  /** Accounts, their addresses and contacts, loaded for all the accounts of a request at once. */
  accountReads: AccountReads;
  clock: Clock;
  /** Partners' API keys (admins manage them). */
  apiKeys: ApiKeyService;
  /** This request's logger: every line it writes carries the request's id (`requestId`). */
  log: Logger;
  em: EntityManager;
  catalog: CatalogService;
  configurations: ConfigurationService;
  /** The published price lists (remembered briefly by the process). */
  priceLists: PriceListService;
  /** Which price list prices what this caller sees (ConfigurationInput.currency and priceListCode). */
  pricing: ViewerPricing;
  /** The checkout's figures (shipping, tax, deposit) and its data (countries, terms). */
  checkout: CheckoutService;
  orders: OrderService;
  fulfilment: Fulfilment;
  stock: StockService;
  /** Outgoing mail: `enqueue(em, mail)` in the transaction of the change it tells about. */
  mail: MailService;
  /** Each order's fulfilment, loaded for every order of a request at once, with what the request asks of it. */
  fulfilmentViews: DataLoader<FulfilmentViewKey, OrderFulfilmentView, string>;
  /** Each order line's routing (its work orders), by line id, loaded for all the lines of a request at once. */
  routings: DataLoader<number, WorkOrderRow[]>;
  /** Each order line's tailored BOM, by line id, read for all the lines of a request at once (when not loaded with them). */
  bomRows: DataLoader<number, BomRow[]>;
  quotes: QuoteService;
  quoteReads: QuoteReads;
  quoteDocuments: QuoteDocuments;
  approvalRules: ApprovalRuleService;
  /** Webhook endpoints and their delivery logs, as the caller manages them. */
  webhooks: WebhookService;
}

/** Sets and clears the session cookie (http/viewer.ts); tests and scripts without HTTP pass a no-op. */
export interface SessionCookieControl {
  set(token: string, expiresAt: Date): void;
  clear(): void;
  readonly token: string | null;
}

/** What the HTTP layer knows of the request, and what the app shares between requests. */
export interface RequestCaller {
  viewer: Viewer;
  sessionCookie: SessionCookieControl;
  clientIp: string;
  /** Made once per app (http/app.ts), not per request. */
  loginLimits: LoginLimits;
  /** The process's one MailService (server.ts). */
  mail: MailService;
  /** How quotes are made (validity, tax rate): settings of the app. */
  quoteSettings: QuoteSettings;
  /** The price lists the process remembers briefly (made once per running server); none: read each time. */
  priceLists?: PriceListCache;
  /** The process's webhook worker (its settings, and waking it when an endpoint changes). */
  webhooks: WebhookWorker;
}

export interface AccountReads {
  accounts: DataLoader<number, CustomerAccount | null>;
  addresses: DataLoader<number, Address[]>;
  contacts: DataLoader<number, User[]>;
}

function accountReads(users: UserService, accounts: CustomerAccountService): AccountReads {
  return {
    accounts: new DataLoader(async (ids: readonly number[]) => {
      const byId = await accounts.byIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    addresses: new DataLoader(async (ids: readonly number[]) => {
      const byAccount = await accounts.addressesOf(ids);
      return ids.map((id) => byAccount.get(id) ?? []);
    }),
    contacts: new DataLoader(async (ids: readonly number[]) => {
      const byAccount = await users.contactsOf(ids);
      return ids.map((id) => byAccount.get(id) ?? []);
    }),
  };
}

/** An order and the fields of its fulfilment a request asks for (requestedFields). */
export interface FulfilmentViewKey {
  order: OrderData;
  asked: ReadonlySet<string>;
}

export function createRequestContext(
  orm: MikroORM,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
  caller: RequestCaller,
): RequestContext {
  const em = orm.em.fork();
  const services = createServices(
    em,
    cache,
    clock,
    log,
    caller.mail,
    caller.priceLists,
    caller.quoteSettings.publicUrl,
  );
  const { reads } = services.fulfilment;
  const users = new UserService(em, clock);
  const customerAccounts = new CustomerAccountService(em, clock);
  // One read of the BOM per request for the lines loaded without it, shared by the BOM field and the pick list.
  const bomRows = new DataLoader(async (lineIds: readonly number[]) => {
    checkDeadline('OrderLine.bom');
    const rows = await bomRowsOf(em, lineIds);
    return lineIds.map((id) => rows.get(id)!);
  });
  return {
    ...createQuotes(em, services, clock, log, caller.quoteSettings),
    log,
    em,
    viewer: caller.viewer,
    actor: actorOf(caller.viewer),
    sessionCookie: caller.sessionCookie,
    clientIp: caller.clientIp,
    sessions: new SessionService(em, clock),
    loginLimits: caller.loginLimits,
    users,
    customerAccounts,
    accountReads: accountReads(users, customerAccounts),
    clock,
    apiKeys: new ApiKeyService(em, clock),
    webhooks: new WebhookService(em, clock, caller.webhooks),
    ...services,
    fulfilmentViews: new DataLoader(
      async (keys: readonly FulfilmentViewKey[]) => {
        checkDeadline('Order.fulfilment');
        // The orders of one batch are read once, for every field any of them was asked.
        const asked = new Set(keys.flatMap((key) => [...key.asked]));
        const views = await reads.views(
          [...new Set(keys.map((key) => key.order))],
          asked,
          async (lineIds) =>
            new Map(await Promise.all(lineIds.map(async (id) => [id, await bomRows.load(id)] as const))),
        );
        return keys.map((key) => views.get(key.order.id)!);
      },
      { cacheKeyFn: (key) => `${key.order.id}:${[...key.asked].sort().join(',')}` },
    ),
    routings: new DataLoader(async (lineIds: readonly number[]) => {
      checkDeadline('OrderLine.operations');
      const routings = await reads.routings([...lineIds]);
      return lineIds.map((id) => routings.get(id)!);
    }),
    bomRows,
  };
}
