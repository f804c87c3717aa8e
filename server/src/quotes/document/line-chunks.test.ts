import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CellGeometry, chunkBlocks, maxHeightOf, maxLinesOf, type TextBlock } from './line-chunks.js';

const cell: CellGeometry = { width: 200, lineHeight: 1.15 };
const withoutSpaces = (text: string): string => text.replace(/\s+/g, '');

describe('maxLinesOf', () => {
  it('counts a line for text that fits even in the widest glyphs, more when it may wrap', () => {
    // 9 pt × 1.18 em = 10.62 pt a character: 18 fit in 200 pt.
    expect(maxLinesOf('W'.repeat(18), 9, 200)).toBe(1);
    expect(maxLinesOf('W'.repeat(19), 9, 200)).toBeGreaterThanOrEqual(2);
    expect(maxLinesOf('one\ntwo\nthree', 9, 200)).toBe(3);
    // No more than twice the lines the text's width needs, plus one, whatever its words.
    const text = 'a '.repeat(200);
    expect(maxLinesOf(text, 9, 200)).toBeLessThanOrEqual(Math.floor((2 * text.length * 9 * 1.18) / 200) + 1);
  });
});

describe('chunkBlocks', () => {
  it('keeps a description that fits as one chunk', () => {
    const blocks: TextBlock[] = [
      { text: 'Standing desk', fontSize: 9 },
      { text: 'Width: 1600 mm', lead: 'Width: ', fontSize: 9 },
    ];
    expect(chunkBlocks(blocks, cell, 300)).toEqual([blocks]);
  });

  it('cuts blocks into chunks that each fit, in order, losing no text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.string({
              minLength: 1,
              maxLength: 400,
              unit: fc.constantFrom('a', 'W', ' ', 'é', 'ł', '-'),
            }),
            fontSize: fc.constantFrom(8, 9),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 40, max: 400 }),
        (blocks, maxHeight) => {
          const chunks = chunkBlocks(blocks, cell, maxHeight);
          for (const chunk of chunks) {
            const height = chunk.reduce((sum, block) => sum + maxHeightOf(block, cell), 0);
            expect(height).toBeLessThanOrEqual(maxHeight);
          }
          expect(
            withoutSpaces(
              chunks
                .flat()
                .map((block) => block.text)
                .join(''),
            ),
          ).toBe(withoutSpaces(blocks.map((block) => block.text).join('')));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("cuts one block too tall at spaces, the first piece keeping its feature's label", () => {
    const labels = Array.from({ length: 120 }, (_, k) => `Option ${k}`).join(', ');
    const block: TextBlock = { text: `Accessories: ${labels}`, lead: 'Accessories: ', fontSize: 9 };
    const chunks = chunkBlocks([block], cell, 120);
    expect(chunks.length).toBeGreaterThan(1);
    const pieces = chunks.flat();
    expect(pieces[0]!.text.startsWith('Accessories: Option 0,')).toBe(true);
    expect(pieces.every((piece) => !piece.text.startsWith(' ') && !piece.text.endsWith(' '))).toBe(true);
    expect(pieces.map((piece) => piece.text).join(' ')).toBe(block.text);
  });
});
