/**
 * A quote line's description cut into pieces that each surely fit on one page.
 *
 * The lines table never breaks a row across pages (pdfmake's `dontBreakRows`): a line's product, options and
 * prices are read together. But pdfmake silently DROPS a row taller than a page (it does not split an
 * unbreakable block), and a configured product can have a hundred features. So a line whose description
 * might not fit on a page is cut, between its options, into rows of at most a page each: a long line then
 * continues on the next page (under the repeated table header, its name marked "continued"), and nothing is
 * lost. A line that fits, as every line of the demo products does, stays one row.
 *
 * Whether it fits is decided by an upper bound on the height, never a guess: each character as wide as the
 * font's widest glyph (Roboto's advanceWidthMax: 1.18 em), and word wrapping wasting at most the longest word
 * on each line (or half of every line). The bound is loose (a line of options is often a third of it), so
 * only very long lines are cut, and a cut one is cut where it must be at the latest.
 */

/** Roboto's widest glyph (hhea.advanceWidthMax / unitsPerEm: Regular 2378, Medium 2414 of 2048). */
const WIDEST_GLYPH_EM = 1.18;
/** Roboto's ascent + descent (1900 + 500 of 2048), the height of a line of text before `lineHeight`. */
const FONT_LINE_EM = 2400 / 2048;

/** A piece of text in the description cell, in points. */
export interface TextBlock {
  /** All its text, as measured. */
  text: string;
  /** The start of `text` printed muted (a feature's label); a piece cut off after it has none. */
  lead?: string;
  fontSize: number;
  /** Space above it, in points. */
  marginTop?: number;
}

export interface CellGeometry {
  /** The description cell's width for text, in points. */
  width: number;
  /** The document's `lineHeight` factor. */
  lineHeight: number;
}

/** The most lines `text` can take in a cell of `width` points at `fontSize`. */
export function maxLinesOf(text: string, fontSize: number, width: number): number {
  const em = fontSize * WIDEST_GLYPH_EM;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    const textWidth = paragraph.length * em;
    if (textWidth <= width) {
      lines += 1;
      continue;
    }
    // Two lines in a row hold more than a line's width (what ends the first begins the second): at most
    // 2 × width / line + 1 lines; and each line but the last is full but for at most the longest word.
    const longestWord = paragraph
      .split(/\s+/)
      .reduce((most, word) => Math.max(most, (word.length + 1) * em), 0);
    const byPairs = Math.floor((2 * textWidth) / width) + 1;
    const byWords = longestWord < width ? Math.ceil(textWidth / (width - longestWord)) : byPairs;
    lines += Math.min(byPairs, byWords);
  }
  return lines;
}

/** The most height a block can take, in points. */
export function maxHeightOf(block: TextBlock, cell: CellGeometry): number {
  const lineHeight = block.fontSize * FONT_LINE_EM * cell.lineHeight;
  return (block.marginTop ?? 0) + maxLinesOf(block.text, block.fontSize, cell.width) * lineHeight;
}

/**
 * The blocks in order, grouped so that each group's height stays within `maxHeight` points, greedily (a
 * group takes blocks while they fit). A single block taller than that is cut into pieces of text that fit.
 */
export function chunkBlocks<T extends TextBlock>(
  blocks: readonly T[],
  cell: CellGeometry,
  maxHeight: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let height = 0;
  for (const whole of blocks) {
    for (const block of cutToFit(whole, cell, maxHeight)) {
      const blockHeight = maxHeightOf(block, cell);
      if (current.length > 0 && height + blockHeight > maxHeight) {
        chunks.push(current);
        current = [];
        height = 0;
      }
      current.push(block);
      height += blockHeight;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A block that fits as it is, or its text cut into the longest pieces that fit: at a space where there is one. */
function cutToFit<T extends TextBlock>(block: T, cell: CellGeometry, maxHeight: number): T[] {
  if (maxHeightOf(block, cell) <= maxHeight) return [block];
  const fits = (text: string) => maxHeightOf({ ...block, text }, cell) <= maxHeight;
  const pieces: T[] = [];
  let rest = block.text;
  while (rest.length > 0) {
    // The most characters that fit (a character always does): the bound grows with the text.
    let [low, high] = [1, rest.length];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(rest.slice(0, middle))) low = middle;
      else high = middle - 1;
    }
    let piece = rest.slice(0, low);
    const space = piece.lastIndexOf(' ');
    if (piece.length < rest.length && space > 0) piece = piece.slice(0, space);
    pieces.push({ ...block, text: piece.trimEnd() });
    rest = rest.slice(piece.length).trimStart();
  }
  return pieces;
}
