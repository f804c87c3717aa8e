import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { parse } from 'yaml';
import { Decimal } from '../engine/index.js';
import { PlantService } from '../fulfilment/plant.service.js';
import { PartService } from '../parts/part.service.js';
import { StockService } from '../parts/stock.service.js';
import type { Clock } from './clock.js';

/** The demo plant file (holidays and starting stock), two levels up from src/db and from dist/db. */
export const DEMO_PLANT_FILE = fileURLToPath(new URL('../../demo-data/plant.yaml', import.meta.url));

interface DemoPlant {
  holidays: { day: string; name: string }[];
  defaultStock: { pcs: string; other: string };
  stock: Record<string, string>;
}

/**
 * Gives a fresh database the demo plant: its holidays, and every purchased part its starting stock (an
 * audited adjustment). Done once: a database that has holidays or stock movements is left alone.
 */
export async function seedDemoPlant(orm: MikroORM, clock: Clock): Promise<boolean> {
  const plant = parse(readFileSync(DEMO_PLANT_FILE, 'utf8')) as DemoPlant;
  try {
    return await seed(orm, plant, clock);
  } catch (error) {
    // Another process seeding the same fresh database at the same moment got there first.
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}

function seed(orm: MikroORM, plant: DemoPlant, clock: Clock): Promise<boolean> {
  const em = orm.em.fork();
  const plantService = new PlantService();
  const stock = new StockService(em, clock);
  return em.transactional(async (em) => {
    if ((await plantService.hasHolidays(em)) || (await stock.hasMovements(em))) return false;
    plantService.addHolidays(em, plant.holidays);
    const parts = await new PartService().purchasedParts(em);
    // Starting stock: on hand becomes the plant's quantity, an audited adjustment.
    const changes = parts.map((part) => {
      const quantity = new Decimal(
        plant.stock[part.partNumber] ??
          (part.unit === 'pcs' ? plant.defaultStock.pcs : plant.defaultStock.other),
      );
      return {
        partNumber: part.partNumber,
        onHand: quantity.minus(new Decimal(String(part.stockOnHand))),
        movement: {
          kind: 'ADJUSTMENT' as const,
          reason: 'Demo plant: starting stock',
          actor: 'system',
          orderNumber: null,
        },
      };
    });
    await stock.changeStock(em, changes);
    return true;
  });
}
