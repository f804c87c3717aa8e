import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { demoModelFiles } from '../catalog/demo-models.js';
import type { ModelCache } from '../catalog/model-cache.js';
import { demoPriceListFiles, PriceListService } from '../price-lists/price-list.service.js';
import { createCatalogService } from '../services.js';

export interface SeedReport {
  product: string;
  version: number;
  created: boolean;
}

/**
 * Publishes the demo models: a fresh database gets version 1 of each; a changed demo file becomes a new
 * version; an unchanged one is left alone. Safe when two processes start at once on one database.
 */
export async function seedDemoModels(orm: MikroORM, cache: ModelCache): Promise<SeedReport[]> {
  const report: SeedReport[] = [];
  for (const file of demoModelFiles()) {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await createCatalogService(orm.em.fork(), cache).publish(file.text);
        if (!result.ok) {
          throw new Error(
            `demo model ${file.code} does not load: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          );
        }
        report.push({
          product: result.version.productCode,
          version: result.version.version,
          created: result.created,
        });
        break;
      } catch (error) {
        // Another process published the same version first: read again.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
      }
    }
  }
  return report;
}

/**
 * Publishes the demo price lists (server/demo-models/price-lists/): new lists are added, changed ones
 * replaced; unchanged ones left alone. Returns the codes written.
 */
export async function seedDemoPriceLists(orm: MikroORM, now: Date): Promise<string[]> {
  const written: string[] = [];
  for (const text of demoPriceListFiles()) {
    for (let attempt = 1; ; attempt++) {
      try {
        const report = await new PriceListService(orm.em.fork()).publish(text, now);
        written.push(...report.created, ...report.updated);
        break;
      } catch (error) {
        // Another process published the same list first: read again.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
      }
    }
  }
  return written;
}
