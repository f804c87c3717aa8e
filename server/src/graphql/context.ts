import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { CatalogService } from '../catalog/catalog.service.js';
import type { ModelCache } from '../catalog/model-cache.js';
import { ConfigurationService } from '../configurations/configuration.service.js';
import { OrderService } from '../orders/order.service.js';

/** What every resolver gets: this request's own entity manager and the services working on it. */
export interface RequestContext {
  em: EntityManager;
  catalog: CatalogService;
  configurations: ConfigurationService;
  orders: OrderService;
}

export function createRequestContext(orm: MikroORM, cache: ModelCache): RequestContext {
  const em = orm.em.fork();
  const catalog = new CatalogService(em, cache);
  return {
    em,
    catalog,
    configurations: new ConfigurationService(em, catalog),
    orders: new OrderService(em, catalog),
  };
}
