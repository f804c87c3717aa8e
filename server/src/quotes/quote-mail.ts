import type { EntityManager } from '@mikro-orm/core';
import { formatMinorUnits } from '../engine/index.js';
import type { MailService } from '../mail/mail.service.js';
import type { QuoteNotifier, SentQuote } from './quote.service.js';
import { QUOTE_SELLER } from './quote-documents.service.js';

/** The prefix of a quote document's attachment reference: `quote-pdf:Q-2026-000123-R2`. */
export const QUOTE_PDF_ATTACHMENT = 'quote-pdf';

/**
 * Tells the customer a quote was sent: a mail with the link to their quote page and the document
 * attached, written to the outbox in the send's own transaction (mail/mail.service.ts), so the mail
 * exists exactly when the quote was sent. The PDF is made again from its reference when the mail goes out.
 */
export class MailQuoteNotifier implements QuoteNotifier {
  constructor(
    private readonly mail: MailService,
    /** The site's address as customers reach it (PUBLIC_URL), for the link. */
    private readonly publicUrl: string,
  ) {}

  async quoteSent(em: EntityManager, sent: SentQuote): Promise<void> {
    const { quote, figures } = sent;
    const link = `${this.publicUrl.replace(/\/+$/, '')}${sent.link}`;
    const total = `${formatMinorUnits(figures.totalWithTaxMinor, quote.currencyDigits)} ${quote.currency}`;
    const greeting = quote.recipientName ? `Dear ${quote.recipientName},` : 'Hello,';
    const text = [
      greeting,
      '',
      `here is our quote ${quote.reference} for ${quote.account.name}: ${total}${
        quote.priceBasis === 'NET' ? ' including tax' : ''
      }, valid until ${quote.validUntil}.`,
      '',
      `See it, and accept it, on its page: ${link}`,
      'The quote is attached as a PDF.',
      ...(quote.noteToCustomer ? ['', quote.noteToCustomer] : []),
      '',
      `${QUOTE_SELLER.name}`,
    ].join('\n');
    this.mail.enqueue(em, {
      to: quote.recipientEmail!,
      subject: `Quote ${quote.reference} from ${QUOTE_SELLER.name}`,
      text,
      kind: 'QUOTE_SENT',
      relatedRef: quote.reference,
      attachmentRefs: [`${QUOTE_PDF_ATTACHMENT}:${quote.reference}`],
    });
  }
}
