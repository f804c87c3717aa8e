import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatMoney, formatPercent } from './format.js';
import { pdfPageTexts, pdfText } from './pdf-text.js';
import type { QuoteDocumentData, QuoteDocumentLine } from './quote-document.js';
import { QuoteDocumentError, renderQuotePdf } from './render-quote-pdf.js';
import { sampleLine, sampleQuote } from './test-support/sample-quote.js';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A line's cells as they read left to right: quantity, unit price, discount (if any), line total. */
function lineFigures(line: QuoteDocumentLine, currency: string): string {
  const discount = line.discount
    ? `${formatPercent(line.discount.percent)} ${formatMoney(-line.discount.amountMinor, currency)} `
    : '';
  return squash(
    `${formatDecimal(line.quantity)} ${formatMoney(line.unitPriceMinor, currency)} ${discount}${formatMoney(line.lineTotalMinor, currency)}`,
  );
}

/** Everything the customer must read about the quote and each line, on any page. */
function expectQuoteText(text: string, quote: QuoteDocumentData): void {
  expect(text).toContain(quote.quoteNumber);
  expect(text).toContain(quote.seller.name);
  expect(text).toContain(quote.account.name);
  for (const addressLine of [...quote.account.billingAddressLines, ...quote.account.deliveryAddressLines])
    expect(text).toContain(addressLine);
  for (const line of quote.lines) {
    expect(text).toContain(line.productName);
    expect(text).toContain(`Model version ${line.modelVersion}`);
    for (const option of line.options) expect(text).toContain(option.optionLabel);
    expect(text).toContain(lineFigures(line, quote.currency));
    expect(text).toContain(
      `Estimated ship date if accepted today: ${formatDate(line.estimatedShipDate!)} (${line.shipDateBottleneck})`,
    );
  }
  expect(text).toContain(`Subtotal ${formatMoney(quote.subtotalMinor, quote.currency)}`);
  expect(text).toContain(squash(`Total ${quote.currency} ${formatMoney(quote.totalMinor, quote.currency)}`));
  expect(text).toContain(`This quote is valid until ${formatDate(quote.validUntil)}.`);
  expect(text).toContain(`Valid until ${formatDate(quote.validUntil)}`);
  expect(text).toContain(quote.terms);
  if (quote.noteToCustomer) expect(text).toContain(quote.noteToCustomer);
}

describe('renderQuotePdf', () => {
  it('prints a 2-line USD quote with gross prices: lines, options, prices, discounts, total, validity, terms; no tax line', async () => {
    const quote = sampleQuote({ lines: 2, currency: 'USD', headerDiscountPercent: 5 });
    const pdf = await renderQuotePdf(quote);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expectQuoteText(text, quote);
    // The money as a reader in the US expects it, from the sample's own figures.
    const [first] = quote.lines;
    expect(first!.unitPriceMinor).toBe(49_900);
    expect(text).toContain('1 $499.00 10% -$49.90 $449.10');
    expect(text).toContain('Colour: Graphite 01');
    expect(text).toContain('Accessories: Cable tray L01, Monitor arm L01');
    expect(text).toContain(`Discount (5%) ${formatMoney(-quote.headerDiscount!.amountMinor, 'USD')}`);
    expect(text).toContain('Prices in USD, including tax.');
    expect(text).not.toMatch(/Tax \(/);
    expect(text).not.toContain('Total before tax');
    expect(text).toContain('Issued 20 November 2026');
    expect(text).toContain('Page 1 of 1');
  });

  it('prints a 10-line EUR quote with net prices and its tax line', async () => {
    const quote = sampleQuote({ lines: 10, currency: 'EUR', taxRatePercent: 19, headerDiscountPercent: 3 });
    const pdf = await renderQuotePdf(quote);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expectQuoteText(text, quote);
    expect(text).toContain('Prices in EUR, net of tax.');
    const beforeTax = quote.subtotalMinor - quote.headerDiscount!.amountMinor;
    expect(text).toContain(`Total before tax ${formatMoney(beforeTax, 'EUR')}`);
    expect(text).toContain(`Tax (19%) ${formatMoney(quote.taxMinor, 'EUR')}`);
    expect(quote.taxMinor).toBe(Math.round((beforeTax * 19) / 100));
    // Line 4 is 4.5 units, line 3 has 12.5% off: decimals as decimals.
    expect(text).toContain(lineFigures(quote.lines[3]!, 'EUR'));
    expect(quote.lines[3]!.quantity).toBe('4.5');
    expect(text).toContain('12.5%');
    expect(text).toMatch(/€\d{1,3}(,\d{3})*\.\d{2}/);
  });

  it('prints JPY without minor digits and CHF with its code', async () => {
    const yen = await pdfText(await renderQuotePdf(sampleQuote({ lines: 1, currency: 'JPY' })));
    // 49900 minor units of a currency without minor units are 49,900 yen.
    expect(yen).toContain('1 ¥49,900 10% -¥4,990 ¥44,910');
    expect(yen).not.toMatch(/¥[\d,]+\.\d/);

    const francs = await pdfText(await renderQuotePdf(sampleQuote({ lines: 1, currency: 'CHF' })));
    expect(francs).toContain('1 CHF 499.00 10% -CHF 49.90 CHF 449.10');
  });

  it('spreads 40 lines over several pages, each numbered "Page N of M", no line split between pages', async () => {
    const quote = sampleQuote({ lines: 40, currency: 'GBP', taxRatePercent: 20 });
    const pages = await pdfPageTexts(await renderQuotePdf(quote));

    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    // The table's header row repeats on every page with lines, and each line is read whole on one page.
    for (const line of quote.lines) {
      const onPages = pages.filter((page) => page.includes(line.productName));
      expect(onPages).toHaveLength(1);
      const page = onPages[0]!;
      expect(page).toContain('# Product Quantity Unit price Discount Line total');
      for (const option of line.options) expect(page).toContain(option.optionLabel);
      expect(page).toContain(line.shipDateBottleneck!);
      expect(page).toContain(lineFigures(line, 'GBP'));
    }
    // The totals and the validity stay together, on the last page.
    const last = pages.at(-1)!;
    expect(last).toContain(`Tax (20%) ${formatMoney(quote.taxMinor, 'GBP')}`);
    expect(last).toContain(squash(`Total GBP ${formatMoney(quote.totalMinor, 'GBP')}`));
    expect(last).toContain('This quote is valid until 20 December 2026.');
  });

  it('prints every option of a line too long for a page, continuing it on the next pages', async () => {
    // 150 options: more than a page can hold in one row, which pdfmake would drop without a word.
    const quote = sampleQuote({ lines: 3, currency: 'EUR', optionsPerLine: 150 });
    const pages = await pdfPageTexts(await renderQuotePdf(quote));
    const text = pages.join(' ');

    expect(pages.length).toBeGreaterThan(3);
    for (const line of quote.lines) {
      for (const option of line.options) expect(text).toContain(option.optionLabel);
      expect(text).toContain(line.shipDateBottleneck!);
      expect(text).toContain(lineFigures(line, 'EUR'));
    }
    expect(text).toContain(`${quote.lines[0]!.productName} (continued)`);
    expect(text).toContain(squash(`Total EUR ${formatMoney(quote.totalMinor, 'EUR')}`));
  });

  it('prints a label of the widest letters longer than a page, whole', async () => {
    const wide = 'WM'.repeat(2500);
    const words = 'WWWWWWWW MMMMMMMMMM '.repeat(150).trim();
    const line: QuoteDocumentLine = {
      ...sampleLine(0),
      options: [
        { featureLabel: 'Engraving', optionLabel: wide },
        { featureLabel: 'Dedication', optionLabel: words },
      ],
    };
    const quote = { ...sampleQuote({ lines: 0 }), lines: [line], subtotalMinor: line.lineTotalMinor };
    quote.totalMinor = quote.subtotalMinor;
    const pages = await pdfPageTexts(await renderQuotePdf(quote));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toContain(lineFigures(line, quote.currency));
    // The labels read across the pages, without what stands beside them (the line's figures) and what each
    // page repeats (its header and footer, the line's name).
    const repeated = [
      lineFigures(line, quote.currency),
      `${line.productName} (continued)`,
      '# Product Quantity Unit price Discount Line total',
      `${quote.seller.name} · Quote ${quote.quoteNumber} (continued)`,
      /Nordwerk Möbel GmbH · Quote Q-2026-000123-R2 Page \d+ of \d+/g,
    ];
    const text = pages
      .map((page) => repeated.reduce<string>((rest, part) => rest.replaceAll(part, ''), page))
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain(`Engraving:${wide}`);
    expect(text).toContain(`Dedication:${words.replace(/\s+/g, '')}`);
  });

  it('renders documents side by side without mixing them (one pdfmake for the whole server)', async () => {
    const quotes = ['USD', 'EUR', 'JPY'].map((currency, index) =>
      sampleQuote({ lines: 2 + index * 4, currency, ...(index === 1 ? { taxRatePercent: 19 } : {}) }),
    );
    const texts = await Promise.all(quotes.map(async (quote) => pdfText(await renderQuotePdf(quote))));
    texts.forEach((text, index) => {
      const quote = quotes[index]!;
      expect(text).toContain(
        squash(`Total ${quote.currency} ${formatMoney(quote.totalMinor, quote.currency)}`),
      );
      // Lines are numbered "No. 01"...: each document ends at its own last line.
      expect(text).toContain(quote.lines.at(-1)!.productName);
      expect(text).not.toContain(`No. ${String(quote.lines.length + 1).padStart(2, '0')}`);
    });
  });

  it('says when a line has no ship date, and a line with no options is just its product', async () => {
    const line: QuoteDocumentLine = {
      ...sampleLine(0),
      options: [],
      estimatedShipDate: null,
      shipDateBottleneck: null,
    };
    const quote = { ...sampleQuote({ lines: 0 }), lines: [line], subtotalMinor: line.lineTotalMinor };
    quote.totalMinor = quote.subtotalMinor;
    const text = await pdfText(
      await renderQuotePdf({ ...quote, shipDateWording: 'Ships, if accepted today' }),
    );
    expect(text).toContain('Ships, if accepted today: on request');
    expect(text).toContain(line.productName);
  });

  it('refuses data that would print a wrong document, naming each field', async () => {
    const quote = sampleQuote({ lines: 2, currency: 'USD', taxRatePercent: 8 });
    const wrong: QuoteDocumentData = {
      ...quote,
      currency: 'XYZ',
      validUntil: '2026-02-30x',
      totalMinor: quote.totalMinor + 1,
      lines: [{ ...quote.lines[0]!, unitPriceMinor: 12.5 }, quote.lines[1]!],
    };
    const error = await renderQuotePdf(wrong).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QuoteDocumentError);
    expect((error as QuoteDocumentError).problems).toEqual([
      "currency: 'XYZ' is not an ISO 4217 code",
      "validUntil: '2026-02-30x' is not a date (YYYY-MM-DD)",
      'lines[0].unitPriceMinor: 12.5 is not a whole number of minor units',
    ]);

    const notAddingUp = await renderQuotePdf({ ...quote, totalMinor: quote.totalMinor + 1 }).catch(
      (caught: unknown) => caught,
    );
    expect((notAddingUp as QuoteDocumentError).problems).toEqual([
      `totalMinor: ${quote.totalMinor + 1} is not subtotal − header discount + tax (${quote.totalMinor})`,
    ]);

    const netWithoutRate = await renderQuotePdf({ ...quote, taxRatePercent: null }).catch(
      (caught: unknown) => caught,
    );
    expect((netWithoutRate as QuoteDocumentError).problems).toEqual([
      'taxRatePercent: net prices need a tax rate',
    ]);
  });
});
