import { describe, expect, it } from 'vitest';
import { PartKind } from '../../graphql/graphql';
import { type BomLine, buildBomTree, quantityWithUnit } from './bom-tree';

const line = (
  partNumber: string,
  level: number,
  parentPartNumber: string | null,
  kind: PartKind = PartKind.Purchased,
): BomLine => ({
  partNumber,
  description: `${partNumber} part`,
  quantity: '2',
  unit: 'pcs',
  kind,
  level,
  parentPartNumber,
});

describe('the BOM as a tree', () => {
  it('puts each part under the sub-assembly listed before it, keeping the order', () => {
    const tree = buildBomTree([
      line('FRAME', 1, null, PartKind.Made),
      line('LEG', 2, 'FRAME', PartKind.Made),
      line('FOOT', 3, 'LEG'),
      line('SCREW', 2, 'FRAME'),
      line('TOP', 1, null),
    ]);
    expect(tree.map((n) => n.line.partNumber)).toEqual(['FRAME', 'TOP']);
    expect(tree[0]!.children.map((n) => n.line.partNumber)).toEqual(['LEG', 'SCREW']);
    expect(tree[0]!.children[0]!.children.map((n) => n.line.partNumber)).toEqual(['FOOT']);
    expect(tree[1]!.children).toEqual([]);
  });

  it('keeps the same part under two parents as two nodes with distinct ids', () => {
    const tree = buildBomTree([
      line('A', 1, null, PartKind.Made),
      line('S', 2, 'A'),
      line('B', 1, null, PartKind.Made),
      line('S', 2, 'B'),
    ]);
    expect(tree[0]!.children[0]!.line.partNumber).toBe('S');
    expect(tree[1]!.children[0]!.line.partNumber).toBe('S');
    expect(tree[0]!.children[0]!.id).not.toBe(tree[1]!.children[0]!.id);
  });

  it('never loses a line whose parent is not on the path: it goes to the top', () => {
    const tree = buildBomTree([line('A', 1, null), line('ORPHAN', 2, 'MISSING')]);
    expect(tree.map((n) => n.line.partNumber)).toEqual(['A', 'ORPHAN']);
  });

  it('writes a quantity with its unit', () => {
    expect(quantityWithUnit({ quantity: '2.56', unit: 'm' })).toBe('2.56 m');
  });
});
