/**
 * The quote document as a PDF, laid out by pdfmake on the server (pure JavaScript, no browser). It prints
 * the figures of its {@link QuoteDocumentData} as they are and computes none: see quote-document.ts.
 *
 * Fonts: Roboto as pdfmake ships it (its TrueType files, read from the package: nothing is fetched), so
 * names and addresses beyond Latin-1 (Łódź, Ørsted) print, and the text extracts with its real characters.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake, { type Content, type TableCell } from 'pdfmake';
import { formatDate, formatMoney, formatPercent } from './format.js';
import { linesTable, PAGE } from './lines-table.js';
import { type QuoteDocumentData, quoteDocumentProblems } from './quote-document.js';

type DocumentDefinition = Parameters<typeof pdfmake.createPdf>[0];

const robotoDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(robotoDir, 'Roboto-Regular.ttf'),
    bold: join(robotoDir, 'Roboto-Medium.ttf'),
    italics: join(robotoDir, 'Roboto-Italic.ttf'),
    bolditalics: join(robotoDir, 'Roboto-MediumItalic.ttf'),
  },
});
// The document names no images or URLs: refuse every download, and every local file but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(`${robotoDir}/`));

/** A quote's data that cannot make a sound document: the problems name the fields. */
export class QuoteDocumentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the quote document cannot be made: ${problems.join('; ')}`);
    this.name = 'QuoteDocumentError';
  }
}

const MUTED = PAGE.muted;
const PAGE_MARGINS = PAGE.margins;

/** The quote as a PDF file; throws {@link QuoteDocumentError} for data that does not add up. */
export async function renderQuotePdf(data: QuoteDocumentData): Promise<Buffer> {
  const problems = quoteDocumentProblems(data);
  if (problems.length > 0) throw new QuoteDocumentError(problems);
  return pdfmake.createPdf(documentDefinition(data)).getBuffer();
}

function documentDefinition(data: QuoteDocumentData): DocumentDefinition {
  return {
    pageSize: { width: PAGE.width, height: PAGE.height },
    pageMargins: [...PAGE_MARGINS],
    info: { title: `Quote ${data.quoteNumber}`, author: data.seller.name, subject: data.account.name },
    defaultStyle: { font: 'Roboto', fontSize: PAGE.fontSize, lineHeight: PAGE.lineHeight },
    styles: {
      seller: { fontSize: 18, bold: true, color: data.seller.brandColour },
      title: { fontSize: 16, bold: true, alignment: 'right' },
      heading: { fontSize: 10, bold: true, color: data.seller.brandColour, margin: [0, 12, 0, 4] },
      label: { fontSize: PAGE.labelFontSize, color: MUTED },
      muted: { color: MUTED },
    },
    header: (currentPage, _pageCount, pageSize) => [
      { canvas: [{ type: 'rect', x: 0, y: 0, w: pageSize.width, h: 10, color: data.seller.brandColour }] },
      currentPage > 1
        ? {
            text: `${data.seller.name} · Quote ${data.quoteNumber} (continued)`,
            style: 'muted',
            margin: [PAGE_MARGINS[0], 16, PAGE_MARGINS[2], 0],
          }
        : '',
    ],
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `${data.seller.name} · Quote ${data.quoteNumber}`, style: 'muted' },
        { text: `Page ${currentPage} of ${pageCount}`, style: 'muted', alignment: 'right' },
      ],
      margin: [PAGE_MARGINS[0], 20, PAGE_MARGINS[2], 0],
    }),
    content: [
      letterhead(data),
      addresses(data),
      data.noteToCustomer ? { text: data.noteToCustomer, margin: [0, 12, 0, 0] } : '',
      {
        text: `Prices in ${data.currency}, ${data.pricesAreNet ? 'net of tax' : 'including tax'}.`,
        style: 'label',
        margin: [0, 14, 0, 4],
      },
      linesTable(data),
      closing(data),
      { text: 'Terms', style: 'heading' },
      { text: data.terms },
    ],
  };
}

/** The seller's name and address beside the quote's number and dates. */
function letterhead(data: QuoteDocumentData): Content {
  const fact = (label: string, value: string): TableCell[] => [
    { text: label, style: 'label' },
    { text: value, alignment: 'right' },
  ];
  return {
    columns: [
      {
        width: '*',
        stack: [{ text: data.seller.name, style: 'seller' }, ...data.seller.addressLines],
      },
      {
        width: 'auto',
        stack: [
          { text: 'Quote', style: 'title' },
          {
            layout: 'noBorders',
            table: {
              body: [
                fact('Number', data.quoteNumber),
                fact('Issued', formatDate(data.issueDate)),
                fact('Valid until', formatDate(data.validUntil)),
              ],
            },
          },
        ],
      },
    ],
  };
}

function addresses(data: QuoteDocumentData): Content {
  const block = (label: string, lines: readonly string[]) => ({
    width: '*' as const,
    stack: [{ text: label, style: 'label' }, ...lines],
  });
  const { account } = data;
  return {
    columns: [
      block('Customer', [account.name]),
      block('Billing address', account.billingAddressLines),
      block(
        'Delivery address',
        account.deliveryAddressLines.length > 0 ? account.deliveryAddressLines : ['As billing address'],
      ),
    ],
    columnGap: 16,
    margin: [0, 20, 0, 0],
  };
}

/** A rule above the total only. */
const totalsTableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length - 1 ? 1 : 0),
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** Validity and the totals, kept together on one page. */
function closing(data: QuoteDocumentData): Content {
  const money = (minor: number) => formatMoney(minor, data.currency);
  const row = (label: string, value: string, bold = false): TableCell[] => [
    { text: label, bold },
    { text: value, alignment: 'right', bold },
  ];
  const rows: TableCell[][] = [row('Subtotal', money(data.subtotalMinor))];
  if (data.headerDiscount)
    rows.push(
      row(
        `Discount (${formatPercent(data.headerDiscount.percent)})`,
        money(-data.headerDiscount.amountMinor),
      ),
    );
  if (data.pricesAreNet) {
    rows.push(row('Total before tax', money(data.totalMinor - data.taxMinor)));
    rows.push(row(`Tax (${formatPercent(data.taxRatePercent ?? '0')})`, money(data.taxMinor)));
  }
  rows.push(row(`Total ${data.currency}`, money(data.totalMinor), true));
  return {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    columns: [
      {
        width: '*',
        stack: [
          { text: `This quote is valid until ${formatDate(data.validUntil)}.`, bold: true },
          {
            text: `Ship dates are estimated for an acceptance on ${formatDate(data.issueDate)}; on acceptance they are promised anew.`,
            style: 'muted',
            margin: [0, 4, 16, 0],
          },
        ],
      },
      { width: 'auto', layout: totalsTableLayout, table: { widths: [110, 80], body: rows } },
    ],
  };
}
