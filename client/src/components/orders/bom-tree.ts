import type { OrderViewFragment } from '../../graphql/graphql';

/** A bill of materials line as the Order and PlaceOrder operations answer it (a flat list, parents first). */
export type BomLine = NonNullable<OrderViewFragment['lines'][number]['bom']>[number];

/** One node of the tailored BOM tree: a line and the lines one level below it. */
export interface BomNode {
  /** Unique within the tree (a part can appear under several parents). */
  id: string;
  line: BomLine;
  children: BomNode[];
}

/**
 * The flat BOM as a tree. The server lists each sub-assembly's parts right after it, one level deeper,
 * with parentPartNumber naming it; a line whose parent is not open on the path (or has no parent) is
 * placed at the top so that no line is ever lost.
 */
export function buildBomTree(lines: readonly BomLine[]): BomNode[] {
  const roots: BomNode[] = [];
  const path: BomNode[] = [];
  lines.forEach((line, index) => {
    const node: BomNode = { id: `bom-${index}-${line.partNumber}`, line, children: [] };
    while (path.length > 0 && path[path.length - 1]!.line.level >= line.level) path.pop();
    const parent = path[path.length - 1];
    if (parent && line.parentPartNumber !== null && parent.line.partNumber === line.parentPartNumber) {
      parent.children.push(node);
    } else {
      // Find the named parent further up the path, else the top.
      const named =
        line.parentPartNumber === null
          ? undefined
          : [...path].reverse().find((p) => p.line.partNumber === line.parentPartNumber);
      if (named) named.children.push(node);
      else roots.push(node);
    }
    path.push(node);
  });
  return roots;
}

/** "2.56 m", "4 pcs". */
export function quantityWithUnit(line: Pick<BomLine, 'quantity' | 'unit'>): string {
  return `${line.quantity} ${line.unit}`;
}
