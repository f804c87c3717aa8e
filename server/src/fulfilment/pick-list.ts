import { Decimal } from '../engine/index.js';
import type { BomRow } from '../orders/bom-rows.js';
import type { OrderData } from '../orders/order-rows.js';
import type { Reservation } from '../parts/reservation.entity.js';
import type { PurchaseRequisition } from './purchase-requisition.entity.js';

/** One purchased part to pick for an order, over all its lines: exact decimal text. */
export interface PickLine {
  partNumber: string;
  description: string;
  unit: string;
  /** What the order's tailored BOMs need of it. */
  quantity: string;
  /** Held in stock for the order, not taken yet. */
  reserved: string;
  /** Taken out of stock for production already. */
  issued: string;
  /** Still missing: the open requisitions' shortages. */
  short: string;
}

const sum = (values: Iterable<string>): Decimal =>
  [...values].reduce((total, value) => total.plus(value), new Decimal(0));

/**
 * The pick list of an order: every purchased part its tailored BOMs need (a sub-assembly is made from
 * the lines beneath it, so only those are picked), merged per part in BOM order, with what stock holds
 * for it, what production took and what is still short. Needs the order's lines loaded; their BOM lines
 * loaded with them or given in `bomRows`.
 */
export function pickListOf(
  order: Pick<OrderData, 'lines'>,
  /** BOM lines read apart, by line id, for the lines loaded without theirs. */
  bomRows: ReadonlyMap<number, readonly BomRow[]>,
  reservations: readonly Pick<Reservation, 'partNumber' | 'quantity' | 'status'>[],
  requisitions: readonly Pick<PurchaseRequisition, 'partNumber' | 'shortage' | 'status'>[],
): PickLine[] {
  if (!order.lines.isInitialized()) return [];
  const needs = new Map<string, { description: string; unit: string; quantity: Decimal }>();
  for (const line of order.lines.getItems()) {
    const bom: readonly Pick<
      BomRow,
      'partNumber' | 'parentPartNumber' | 'kind' | 'description' | 'unit' | 'quantity'
    >[] = line.bomLines.isInitialized() ? line.bomLines.getItems() : (bomRows.get(line.id) ?? []);
    const parents = new Set(bom.map((bomLine) => bomLine.parentPartNumber).filter(Boolean));
    for (const bomLine of bom) {
      if (bomLine.kind !== 'purchased' || parents.has(bomLine.partNumber)) continue;
      const need = needs.get(bomLine.partNumber);
      if (need) need.quantity = need.quantity.plus(bomLine.quantity);
      else
        needs.set(bomLine.partNumber, {
          description: bomLine.description,
          unit: bomLine.unit,
          quantity: new Decimal(bomLine.quantity),
        });
    }
  }
  const of = <T extends { partNumber: string }>(rows: readonly T[], partNumber: string) =>
    rows.filter((row) => row.partNumber === partNumber);
  return [...needs.entries()].map(([partNumber, need]) => {
    const held = of(reservations, partNumber);
    return {
      partNumber,
      description: need.description,
      unit: need.unit,
      quantity: need.quantity.toFixed(),
      reserved: sum(held.filter((r) => r.status === 'RESERVED').map((r) => r.quantity)).toFixed(),
      issued: sum(held.filter((r) => r.status === 'ISSUED').map((r) => r.quantity)).toFixed(),
      short: sum(
        of(requisitions, partNumber)
          .filter((requisition) => requisition.status === 'OPEN')
          .map((requisition) => requisition.shortage),
      ).toFixed(),
    };
  });
}
