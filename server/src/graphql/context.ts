import type { EntityManager, MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { CatalogService } from '../catalog/catalog.service.js';
import type { ModelCache } from '../catalog/model-cache.js';
import { ConfigurationService } from '../configurations/configuration.service.js';
import type { Clock } from '../db/clock.js';
import { FulfilmentService, type OrderFulfilmentView } from '../fulfilment/fulfilment.service.js';
import type { Order as OrderEntity } from '../orders/order.entity.js';
import { OrderService } from '../orders/order.service.js';
import { StockService } from '../parts/stock.service.js';

/** What every resolver gets: this request's own entity manager and the services working on it. */
export interface RequestContext {
  em: EntityManager;
  catalog: CatalogService;
  configurations: ConfigurationService;
  orders: OrderService;
  fulfilment: FulfilmentService;
  stock: StockService;
  /** Each order's fulfilment, loaded for all the orders of a request at once. */
  fulfilmentViews: DataLoader<OrderEntity, OrderFulfilmentView>;
}

export function createRequestContext(orm: MikroORM, cache: ModelCache, clock: Clock): RequestContext {
  const em = orm.em.fork();
  const catalog = new CatalogService(em, cache);
  const configurations = new ConfigurationService(em, catalog);
  const fulfilment = new FulfilmentService(em, catalog, clock);
  return {
    em,
    catalog,
    configurations,
    orders: new OrderService(em, catalog, configurations, fulfilment),
    fulfilment,
    stock: new StockService(em, clock),
    fulfilmentViews: new DataLoader(
      async (orders: readonly OrderEntity[]) => {
        const views = await fulfilment.views([...orders]);
        return orders.map((order) => views.get(order.id)!);
      },
      { cacheKeyFn: (order) => order.id },
    ),
  };
}
