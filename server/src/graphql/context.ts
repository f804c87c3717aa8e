import type { EntityManager, MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { SessionService } from '../accounts/session.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ModelCache } from '../catalog/model-cache.js';
import type { ConfigurationService } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import type { Fulfilment } from '../fulfilment/fulfilment.js';
import type { OrderFulfilmentView } from '../fulfilment/fulfilment-reads.service.js';
import type { WorkOrder } from '../fulfilment/work-order.entity.js';
import type { Logger } from '../logger.js';
import type { Order as OrderEntity } from '../orders/order.entity.js';
import type { OrderService } from '../orders/order.service.js';
import type { StockService } from '../parts/stock.service.js';
import { checkDeadline } from '../request-deadline.js';
import { createServices } from '../services.js';
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
  /** This request's logger: every line it writes carries the request's id (`requestId`). */
  log: Logger;
  em: EntityManager;
  catalog: CatalogService;
  configurations: ConfigurationService;
  orders: OrderService;
  fulfilment: Fulfilment;
  stock: StockService;
  /** Each order's fulfilment, loaded for all the orders of a request at once. */
  fulfilmentViews: DataLoader<OrderEntity, OrderFulfilmentView>;
  /** Each order line's routing (its work orders), by line id, loaded for all the lines of a request at once. */
  routings: DataLoader<number, WorkOrder[]>;
}

/** Sets and clears the session cookie (http/viewer.ts); tests and scripts without HTTP pass a no-op. */
export interface SessionCookieControl {
  set(token: string, expiresAt: Date): void;
  clear(): void;
  readonly token: string | null;
}

/** What the HTTP layer knows of the request. */
export interface RequestCaller {
  viewer: Viewer;
  sessionCookie: SessionCookieControl;
  clientIp: string;
}

export function createRequestContext(
  orm: MikroORM,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
  caller: RequestCaller,
): RequestContext {
  const em = orm.em.fork();
  const services = createServices(em, cache, clock, log);
  const { reads } = services.fulfilment;
  return {
    log,
    em,
    viewer: caller.viewer,
    actor: actorOf(caller.viewer),
    sessionCookie: caller.sessionCookie,
    clientIp: caller.clientIp,
    sessions: new SessionService(em, clock),
    ...services,
    fulfilmentViews: new DataLoader(
      async (orders: readonly OrderEntity[]) => {
        checkDeadline('Order.fulfilment');
        const views = await reads.views([...orders]);
        return orders.map((order) => views.get(order.id)!);
      },
      { cacheKeyFn: (order) => order.id },
    ),
    routings: new DataLoader(async (lineIds: readonly number[]) => {
      checkDeadline('OrderLine.operations');
      const routings = await reads.routings([...lineIds]);
      return lineIds.map((id) => routings.get(id)!);
    }),
  };
}
