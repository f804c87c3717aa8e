import type { EntityManager } from '@mikro-orm/core';
import { rowsOf } from '../db/rows.js';
import type { PartKind } from '../graphql/model-enums.js';

/** One line of an order line's tailored BOM, as stored: plain data, no entity. */
export interface BomRow {
  lineId: number;
  position: number;
  level: number;
  partNumber: string;
  parentPartNumber?: string | null;
  description: string;
  /** Exact decimal text. */
  quantity: string;
  unit: string;
  kind: PartKind;
  unitCostMinor: number;
}

/**
 * The BOM lines of the given order lines, in BOM order, with one query and no entities: a page of orders
 * or the operations board would otherwise build and track one entity per BOM line (~33 an e-bike).
 */
export async function bomRowsOf(
  em: EntityManager,
  lineIds: readonly number[],
): Promise<Map<number, BomRow[]>> {
  const result = new Map<number, BomRow[]>(lineIds.map((id) => [id, []]));
  if (lineIds.length === 0) return result;
  const rows = await rowsOf<Record<string, unknown>>(
    em,
    `select line_id, position, level, part_number, parent_part_number, description, quantity, unit, kind, unit_cost_minor from order_bom_line where line_id in (${lineIds.map(() => '?').join(', ')}) order by line_id, position`,
    lineIds,
  );
  for (const row of rows) {
    result.get(Number(row.line_id))?.push({
      lineId: Number(row.line_id),
      position: Number(row.position),
      level: Number(row.level),
      partNumber: String(row.part_number),
      parentPartNumber: row.parent_part_number === null ? null : String(row.parent_part_number),
      description: String(row.description),
      quantity: String(row.quantity),
      unit: String(row.unit),
      kind: String(row.kind) as PartKind,
      unitCostMinor: Number(row.unit_cost_minor),
    });
  }
  return result;
}
