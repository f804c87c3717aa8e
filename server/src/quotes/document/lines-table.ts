/**
 * The quote's lines as a table: one row per line (product, pinned version, options in words, ship date,
 * quantity and prices); the header row repeats on every page and no row breaks across pages. A line too long
 * for a page continues in further rows (line-chunks.ts), so a row never has to.
 */

import type { Content, TableCell } from 'pdfmake';
import { formatDate, formatDecimal, formatMoney, formatPercent } from './format.js';
import { type CellGeometry, chunkBlocks, maxHeightOf, type TextBlock } from './line-chunks.js';
import type { QuoteDocumentData, QuoteDocumentLine } from './quote-document.js';
import { SHIP_DATE_WORDING } from './quote-document.js';

/** The page's geometry, which the renderer uses and the chunking must agree with. */
export const PAGE = {
  /** A4, in points. */
  width: 595.28,
  height: 841.89,
  margins: [40, 56, 40, 48] as [number, number, number, number],
  lineHeight: 1.15,
  fontSize: 9,
  labelFontSize: 8,
  muted: '#5f6368',
} as const;

const RULE = '#d0d4d9';
const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 5;
const NUMBER_WIDTHS = { index: 14, quantity: 44, unitPrice: 64, discount: 58, lineTotal: 70 };
const COLUMNS = 6;

/** What is left of the content width for the description, after the other columns and the cells' paddings. */
const DESCRIPTION_WIDTH =
  PAGE.width -
  PAGE.margins[0] -
  PAGE.margins[2] -
  Object.values(NUMBER_WIDTHS).reduce((sum, width) => sum + width, 0) -
  (COLUMNS - 1) * 2 * CELL_PADDING_X;

const DESCRIPTION: CellGeometry = { width: DESCRIPTION_WIDTH, lineHeight: PAGE.lineHeight };

/**
 * The most a row's description may take: half of what a page has for it (its content height less the
 * repeated header row, the row's paddings and a few points for rules and rounding). A row must fit on a page;
 * half a page lets a long line's first row begin below the letterhead or the line before, instead of leaving
 * that page blank, and costs nothing to lines up to half a page, which stay one row.
 */
const ROW_MAX_HEIGHT =
  (PAGE.height -
    PAGE.margins[1] -
    PAGE.margins[3] -
    (PAGE.labelFontSize * 1.2 * PAGE.lineHeight + 2 * CELL_PADDING_Y) -
    2 * CELL_PADDING_Y -
    12) /
  2;

interface DescriptionBlock extends TextBlock {
  bold?: boolean;
}

/** A line's description as blocks: name, version, one block per feature (its options together), ship date. */
function descriptionBlocks(line: QuoteDocumentLine, wording: string): DescriptionBlock[] {
  const features = new Map<string, string[]>();
  for (const option of line.options) {
    const labels = features.get(option.featureLabel) ?? [];
    labels.push(option.optionLabel);
    features.set(option.featureLabel, labels);
  }
  const shipDate = line.estimatedShipDate
    ? `${wording}: ${formatDate(line.estimatedShipDate)}${line.shipDateBottleneck ? ` (${line.shipDateBottleneck})` : ''}`
    : `${wording}: on request`;
  return [
    { text: line.productName, fontSize: PAGE.fontSize, bold: true },
    { text: `Model version ${line.modelVersion}`, fontSize: PAGE.labelFontSize },
    ...[...features].map(([feature, labels]) => ({
      text: `${feature}: ${labels.join(', ')}`,
      lead: `${feature}: `,
      fontSize: PAGE.fontSize,
    })),
    { text: shipDate, fontSize: PAGE.labelFontSize, marginTop: 2 },
  ];
}

function blockContent(block: DescriptionBlock): Content {
  const style = {
    fontSize: block.fontSize,
    bold: block.bold ?? false,
    margin: [0, block.marginTop ?? 0, 0, 0] as [number, number, number, number],
    ...(block.fontSize === PAGE.labelFontSize ? { color: PAGE.muted } : {}),
  };
  if (block.lead && block.text.startsWith(block.lead))
    return { text: [{ text: block.lead, color: PAGE.muted }, block.text.slice(block.lead.length)], ...style };
  return { text: block.text, ...style };
}

/** The rows of one line: the first with its number and prices, any others continuing its description. */
function lineRows(line: QuoteDocumentLine, index: number, data: QuoteDocumentData): TableCell[][] {
  const right = (text: string): TableCell => ({ text, alignment: 'right' });
  const continuedLabel: DescriptionBlock = {
    text: `${line.productName} (continued)`,
    fontSize: PAGE.labelFontSize,
    marginTop: 2,
  };
  // Every chunk leaves room for the label a continuation row starts with.
  const chunks = chunkBlocks(
    descriptionBlocks(line, data.shipDateWording ?? SHIP_DATE_WORDING),
    DESCRIPTION,
    ROW_MAX_HEIGHT - maxHeightOf(continuedLabel, DESCRIPTION),
  );
  const continued = (chunk: DescriptionBlock[]): TableCell[] => [
    '',
    { stack: [continuedLabel, ...chunk].map(blockContent) },
    '',
    '',
    '',
    '',
  ];
  const [first = [], ...rest] = chunks;
  return [
    [
      { text: String(index + 1), color: PAGE.muted },
      { stack: first.map(blockContent) },
      right(formatDecimal(line.quantity)),
      right(formatMoney(line.unitPriceMinor, data.currency)),
      right(
        line.discount
          ? `${formatPercent(line.discount.percent)}\n${formatMoney(-line.discount.amountMinor, data.currency)}`
          : '',
      ),
      { text: formatMoney(line.lineTotalMinor, data.currency), alignment: 'right', bold: true },
    ],
    ...rest.map(continued),
  ];
}

export function linesTable(data: QuoteDocumentData): Content {
  const header: TableCell[] = ['#', 'Product', 'Quantity', 'Unit price', 'Discount', 'Line total'].map(
    (text, index) => ({
      text,
      bold: true,
      fontSize: PAGE.labelFontSize,
      color: PAGE.muted,
      alignment: index < 2 ? 'left' : 'right',
    }),
  );
  // Rows that begin a line get a rule above them; a line's continuation rows do not.
  const startsLine: boolean[] = [true];
  const rows: TableCell[][] = [];
  data.lines.forEach((line, index) => {
    lineRows(line, index, data).forEach((row, part) => {
      rows.push(row);
      startsLine.push(part === 0);
    });
  });
  return {
    layout: {
      hLineWidth: (i) => (i === 0 ? 0 : i === startsLine.length || startsLine[i] ? 0.5 : 0),
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingLeft: (i) => (i === 0 ? 0 : CELL_PADDING_X),
      paddingRight: (i) => (i === COLUMNS - 1 ? 0 : CELL_PADDING_X),
      // A line's rows read as one: no space between them.
      paddingTop: (i) => (startsLine[i] !== false ? CELL_PADDING_Y : 0),
      paddingBottom: (i) => (startsLine[i + 1] !== false ? CELL_PADDING_Y : 0),
    },
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [
        NUMBER_WIDTHS.index,
        DESCRIPTION_WIDTH,
        NUMBER_WIDTHS.quantity,
        NUMBER_WIDTHS.unitPrice,
        NUMBER_WIDTHS.discount,
        NUMBER_WIDTHS.lineTotal,
      ],
      body: [header, ...rows],
    },
  };
}
