import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';

/** Configure a product (validity, option states with reasons, the values in force, the price) and saved configurations. */
export class ConfigurationService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
  ) {}
}
