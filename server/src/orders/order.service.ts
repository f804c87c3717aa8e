import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';

/** Orders: placing one (re-validated and re-priced, in one transaction), finding and listing them. */
export class OrderService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
  ) {}
}
