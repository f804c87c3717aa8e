import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../db/clock.js';
import type { StockService } from '../parts/stock.service.js';
import { FulfilmentReads } from './fulfilment-reads.service.js';
import { LifecycleService } from './lifecycle.service.js';
import { OrderActions } from './order-actions.js';
import { PlacementService } from './placement.service.js';
import { PlantService } from './plant.service.js';
import { ProductionService } from './production.service.js';
import { ReviewService } from './review.service.js';

/** The fulfilment module's services, working on one entity manager. */
export interface Fulfilment {
  /** The promise while configuring; reservations, requisitions, work orders and the promise at placement. */
  placement: PlacementService;
  /** Confirm, cancel, receive materials, supplier dates, ship, deliver. */
  lifecycle: LifecycleService;
  /** Accepting an order that waits for review (too large for the plant): then placed for real. */
  review: ReviewService;
  /** Work orders and the quality check. */
  production: ProductionService;
  /** Each order's fulfilment, the board, backorders, routings. */
  reads: FulfilmentReads;
  /** Work centres and holidays. */
  plant: PlantService;
}

export function createFulfilment(
  em: EntityManager,
  catalog: CatalogService,
  stock: StockService,
  clock: Clock,
): Fulfilment {
  const actions = new OrderActions(em, catalog, clock);
  const placement = new PlacementService(em, catalog, clock, stock, actions);
  return {
    placement,
    lifecycle: new LifecycleService(actions, stock),
    review: new ReviewService(actions, placement, catalog),
    production: new ProductionService(actions, stock),
    reads: new FulfilmentReads(em, catalog, clock, stock),
    plant: new PlantService(),
  };
}
