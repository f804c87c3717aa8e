import type { EntityManager } from '@mikro-orm/core';
import { Address } from '../accounts/customer-account.entity.js';
import type { ConfigurationService } from '../configurations/configuration.service.js';
import { decimalText, isoDate, parseDecimal } from '../engine/index.js';
import type { PlacementService } from '../fulfilment/placement.service.js';
import type { QuoteDocumentData, QuoteDocumentLine } from './document/quote-document.js';
import { renderQuotePdf } from './document/render-quote-pdf.js';
import type { QuoteLine } from './quote.entity.js';
import { SHIP_DATE_WORDING } from './quote.types.js';
import type { QuoteReads, QuoteWithFigures } from './quote-reads.service.js';

/** Who sends the quotes: the letterhead of every quote document. */
export const QUOTE_SELLER = {
  name: 'MTO Works GmbH',
  addressLines: ['Werkstraße 12', '70565 Stuttgart', 'Germany'],
  brandColour: '#1f5f8b',
} as const;

/** A quote revision's document as a file. */
export interface QuoteDocumentFile {
  reference: string;
  filename: string;
  content: Buffer;
}

/** An address as the document prints it, a line each. */
function addressLines(address: Address | undefined, accountName: string): string[] {
  if (!address) return [accountName];
  return [
    accountName,
    address.recipient,
    address.line1,
    ...(address.line2 ? [address.line2] : []),
    `${address.postalCode} ${address.city}`,
    address.country,
  ];
}

/**
 * The quote document: a revision's figures (as the quote holds them: nothing is recomputed) with each
 * line's live ship-date promise ("estimated ship date if accepted today"), rendered as a PDF
 * (document/render-quote-pdf.ts). For the customer's link, sales staff and the mail sending the quote.
 */
export class QuoteDocuments {
  constructor(
    private readonly em: EntityManager,
    private readonly reads: QuoteReads,
    private readonly configurations: ConfigurationService,
    private readonly placement: PlacementService,
  ) {}

  /** The document of the revision with this reference (Q-2026-000123-R2); null when there is none. */
  async byReference(reference: string): Promise<QuoteDocumentFile | null> {
    const found = await this.reads.byReference(reference);
    return found ? this.render(found) : null;
  }

  /** The document of the revision a customer's link shows now (the latest sent); null for a token that opens nothing. */
  async byToken(token: string): Promise<QuoteDocumentFile | null> {
    const found = await this.reads.forToken(token);
    return found ? this.render(found.latest) : null;
  }

  async byId(id: number): Promise<QuoteDocumentFile | null> {
    const found = await this.reads.byId(id);
    return found ? this.render(found) : null;
  }

  async render(quote: QuoteWithFigures): Promise<QuoteDocumentFile> {
    const content = await renderQuotePdf(await this.data(quote));
    return { reference: quote.quote.reference, filename: `${quote.quote.reference}.pdf`, content };
  }

  /** What the document prints: the revision's own figures, the account's addresses, the lines' promises now. */
  async data({ quote, lines, figures }: QuoteWithFigures): Promise<QuoteDocumentData> {
    const { totals } = figures;
    const addresses = await this.em.find(Address, { account: quote.account.id }, { orderBy: { id: 'asc' } });
    const billing = addresses.find((address) => address.kind === 'BILLING') ?? addresses[0];
    const delivery = addresses.find((address) => address.kind === 'DELIVERY');
    const header = parseDecimal(quote.headerDiscountPercent);
    const documentLines: QuoteDocumentLine[] = [];
    for (const [index, line] of lines.entries()) {
      const lineTotals = totals.lines[index]!;
      const promise = await this.promiseOf(line);
      const discount = parseDecimal(line.discountPercent);
      documentLines.push({
        productName: line.productName,
        modelVersion: String(line.modelVersion.version),
        options: line.options.map((option) => ({ featureLabel: option.feature, optionLabel: option.value })),
        quantity: String(line.quantity),
        unitPriceMinor: line.unitPriceMinor,
        discount:
          discount && !discount.isZero()
            ? { percent: decimalText(discount), amountMinor: lineTotals.discountMinor }
            : null,
        lineTotalMinor: lineTotals.netMinor,
        estimatedShipDate: promise?.shipDate ?? null,
        shipDateBottleneck: promise?.bottleneck.message ?? null,
      });
    }
    const net = quote.priceBasis === 'NET';
    return {
      seller: { ...QUOTE_SELLER, addressLines: [...QUOTE_SELLER.addressLines] },
      quoteNumber: quote.reference,
      issueDate: isoDate(quote.sentAt ?? quote.createdAt),
      validUntil: quote.validUntil,
      account: {
        name: quote.account.name,
        billingAddressLines: addressLines(billing, quote.account.name),
        deliveryAddressLines:
          delivery && delivery !== billing ? addressLines(delivery, quote.account.name) : [],
      },
      currency: quote.currency,
      pricesAreNet: net,
      taxRatePercent: net ? (quote.taxRatePercent ?? '0') : null,
      lines: documentLines,
      headerDiscount:
        header && !header.isZero()
          ? { percent: decimalText(header), amountMinor: totals.headerDiscountMinor }
          : null,
      subtotalMinor: totals.subtotalMinor,
      taxMinor: figures.taxMinor,
      totalMinor: figures.totalWithTaxMinor,
      terms: quote.terms ?? '',
      noteToCustomer: quote.noteToCustomer ?? null,
      shipDateWording: SHIP_DATE_WORDING,
    };
  }

  /** The line's promise if accepted today, on its pinned version; null when none can be made. */
  private async promiseOf(line: QuoteLine) {
    const configured = await this.configurations.configure(
      {
        productCode: line.productCode,
        selections: line.selections,
        quantity: line.quantity,
        modelVersion: line.modelVersion.version,
      },
      'line',
    );
    return (await this.placement.estimate(configured))?.promise ?? null;
  }
}
