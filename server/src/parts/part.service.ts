import type { EntityManager } from '@mikro-orm/core';
import type { Part as ModelPart } from '../engine/index.js';
import { Part } from './part.entity.js';

/** The parts on record: created or updated from the models that list them. Their stock is StockService's. */
export class PartService {
  /**
   * Creates or updates the parts a published model lists (stock is left as it is), in the publishing
   * transaction.
   */
  async recordParts(em: EntityManager, parts: Iterable<ModelPart>, currency: string): Promise<void> {
    const listed = [...parts];
    const existing = await em.find(Part, { partNumber: { $in: listed.map((part) => part.partNumber) } });
    const byNumber = new Map(existing.map((part) => [part.partNumber, part]));
    for (const part of listed) {
      const record =
        byNumber.get(part.partNumber) ??
        em.create(Part, { partNumber: part.partNumber, stockOnHand: '0' } as Part);
      Object.assign(record, {
        description: part.description,
        unit: part.unit,
        kind: part.kind,
        costMinor: part.costMinor,
        currency,
        supplier: part.supplier,
        leadTimeDays: part.leadTimeDays,
        minimumOrderQuantity: part.minimumOrderQuantity.toFixed(),
        quantityScale: part.quantityScale,
      });
    }
  }

  /** The purchased parts, in part number order. */
  purchasedParts(em: EntityManager): Promise<Part[]> {
    return em.find(Part, { kind: 'purchased' }, { orderBy: { partNumber: 'asc' } });
  }
}
