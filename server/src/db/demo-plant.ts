import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { parse } from 'yaml';
import { Holiday } from '../fulfilment/holiday.entity.js';
import { Part } from '../parts/part.entity.js';
import { StockMovement } from '../parts/stock-movement.entity.js';

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
export async function seedDemoPlant(orm: MikroORM): Promise<boolean> {
  const plant = parse(readFileSync(DEMO_PLANT_FILE, 'utf8')) as DemoPlant;
  try {
    return await seed(orm, plant);
  } catch (error) {
    // Another process seeding the same fresh database at the same moment got there first.
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}

function seed(orm: MikroORM, plant: DemoPlant): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    if ((await em.count(Holiday, {})) > 0 || (await em.count(StockMovement, {})) > 0) return false;
    for (const holiday of plant.holidays) em.create(Holiday, holiday);
    const now = new Date();
    const parts = await em.find(Part, { kind: 'purchased' }, { orderBy: { partNumber: 'asc' } });
    for (const part of parts) {
      const quantity =
        plant.stock[part.partNumber] ??
        (part.unit === 'pcs' ? plant.defaultStock.pcs : plant.defaultStock.other);
      part.stockOnHand = quantity;
      if (Number(quantity) === 0) continue;
      em.create(StockMovement, {
        partNumber: part.partNumber,
        at: now,
        kind: 'ADJUSTMENT',
        quantity,
        onHandAfter: quantity,
        reason: 'Demo plant: starting stock',
        actor: 'system',
        orderNumber: null,
      });
    }
    return true;
  });
}
