import type { EntityManager, MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
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
import { createServices } from '../services.js';

/** What every resolver gets: this request's own entity manager and the services working on it. */
export interface RequestContext {
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

export function createRequestContext(
  orm: MikroORM,
  cache: ModelCache,
  clock: Clock,
  log: Logger,
): RequestContext {
  const em = orm.em.fork();
  const services = createServices(em, cache, clock, log);
  const { reads } = services.fulfilment;
  return {
    log,
    em,
    ...services,
    fulfilmentViews: new DataLoader(
      async (orders: readonly OrderEntity[]) => {
        const views = await reads.views([...orders]);
        return orders.map((order) => views.get(order.id)!);
      },
      { cacheKeyFn: (order) => order.id },
    ),
    routings: new DataLoader(async (lineIds: readonly number[]) => {
      const routings = await reads.routings([...lineIds]);
      return lineIds.map((id) => routings.get(id)!);
    }),
  };
}
