import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { badInput } from '../errors.js';
import { OutgoingMail, OutgoingMailStatus } from './outgoing-mail.entity.js';

/** A mail to send, as the module that sends it says it. */
export interface MailToSend {
  /** One recipient's address. */
  to: string;
  subject: string;
  /** The plain-text body (every mail has one). */
  text: string;
  /** An HTML body besides the text, when the sender has one. */
  html?: string | null;
  /** What the mail is for, in capitals: QUOTE_SENT, ORDER_ACKNOWLEDGED... */
  kind: string;
  /** What it is about (a quote or order number): the mails of one quote are found by it. */
  relatedRef?: string | null;
  /**
   * Attachments by reference, `<provider prefix>:<key>` (`quote-pdf:Q-2026-000123-R2`): the registered provider
   * makes the file again when the mail is sent, so the outbox never holds the bytes.
   */
  attachmentRefs?: readonly string[];
}

/** A file to attach, as an attachment provider makes it. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Makes an attachment again from its reference: `key` is what follows the prefix (`Q-2026-000123-R2`),
 * `ref` the whole reference. It must give the same file each time (a quote revision's PDF does not change).
 */
export type AttachmentProvider = (key: string, ref: string) => Promise<MailAttachment>;

const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@.<>(),;:"\\]+(\.[^\s@.<>(),;:"\\]+)+$/;
const KIND = /^[A-Z][A-Z0-9_]{0,39}$/;
const PREFIX = /^[a-z][a-z0-9-]{0,39}$/;
// Control characters (a line break would end the Subject header).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Outgoing mail: `enqueue` writes a mail into the outbox in the caller's transaction, so it exists exactly
 * when the change it tells about committed; a MailDispatcher (mail-dispatcher.ts) sends it afterwards. One
 * per process (server.ts): it also holds the attachment providers other modules register at start.
 */
export class MailService {
  private readonly providers = new Map<string, AttachmentProvider>();
  /** The transactions (their root) that wrote a mail: their commit wakes the dispatcher. */
  private readonly transactionsWithMail = new WeakSet<object>();

  constructor(private readonly clock: Clock) {}

  /**
   * Lets mails attach files by references `<prefix>:<key>`; each prefix has one provider (a second
   * registration of a prefix is a mistake in the wiring, and throws).
   */
  registerAttachmentProvider(prefix: string, provider: AttachmentProvider): void {
    if (!PREFIX.test(prefix)) {
      throw new Error(`An attachment prefix is lower-case letters, digits and dashes, got "${prefix}"`);
    }
    if (this.providers.has(prefix))
      throw new Error(`The attachment prefix "${prefix}" is registered already`);
    this.providers.set(prefix, provider);
  }

  /**
   * Writes the mail into the outbox within `em`'s transaction (or its next flush, which then runs as one
   * transaction with the caller's other changes); it is sent after that commits, never if it rolls back.
   * Bad values (an address that is not one, an unknown attachment prefix) throw InputError naming the field.
   */
  enqueue(em: EntityManager, mail: MailToSend): OutgoingMail {
    const attachmentRefs = this.checked(mail);
    const row = em.create(OutgoingMail, {
      to: mail.to.trim(),
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      attachments: attachmentRefs.map((attachmentRef) => ({
        attachmentRef,
        filename: null,
        contentType: null,
        size: null,
      })),
      kind: mail.kind,
      relatedRef: mail.relatedRef ?? null,
      status: OutgoingMailStatus.PENDING,
      attempts: 0,
      createdAt: this.clock.now(),
    });
    em.persist(row);
    const transaction = em.getTransactionContext<object>();
    if (transaction) this.transactionsWithMail.add(rootTransaction(transaction));
    return row;
  }

  /** Whether the transaction (a root one, as its commit event gives it) wrote a mail through `enqueue`. */
  wroteMailIn(transaction: unknown): boolean {
    // knex's transactions are functions (a query builder bound to the transaction).
    const isObject =
      (typeof transaction === 'object' && transaction !== null) || typeof transaction === 'function';
    return isObject && this.transactionsWithMail.has(transaction as object);
  }

  /** Makes an attachment from its reference, by its prefix's provider. */
  async attachment(ref: string): Promise<MailAttachment> {
    const colon = ref.indexOf(':');
    const provider = colon > 0 ? this.providers.get(ref.slice(0, colon)) : undefined;
    if (!provider) throw new Error(`No attachment provider is registered for "${ref}"`);
    const made = await provider(ref.slice(colon + 1), ref);
    if (!Buffer.isBuffer(made.content) || !made.filename || !made.contentType) {
      throw new Error(`The attachment provider of "${ref}" gave no filename, content type or content`);
    }
    return made;
  }

  private checked(mail: MailToSend): string[] {
    const to = mail.to.trim();
    if (to.length > 320 || !EMAIL.test(to)) throw badInput('mail.to', `"${to}" is not one e-mail address`);
    if (mail.subject.trim() === '' || mail.subject.length > 500 || CONTROL.test(mail.subject)) {
      throw badInput('mail.subject', 'The subject must be 1 to 500 characters on one line');
    }
    if (mail.text.trim() === '') throw badInput('mail.text', 'A mail needs a plain-text body');
    if (!KIND.test(mail.kind)) {
      throw badInput(
        'mail.kind',
        `The kind is capitals, digits and underscores (QUOTE_SENT), got "${mail.kind}"`,
      );
    }
    if (mail.relatedRef != null && (mail.relatedRef.length > 100 || mail.relatedRef.trim() === '')) {
      throw badInput('mail.relatedRef', 'The related reference must be 1 to 100 characters');
    }
    const refs = [...(mail.attachmentRefs ?? [])];
    refs.forEach((ref, index) => {
      const prefix = ref.slice(0, Math.max(0, ref.indexOf(':')));
      if (!this.providers.has(prefix) || ref.length <= prefix.length + 1 || ref.length > 300) {
        throw badInput(
          `mail.attachmentRefs[${index}]`,
          `"${ref}" names no registered attachment provider (<prefix>:<key>, one of: ${[...this.providers.keys()].join(', ') || 'none registered'})`,
        );
      }
    });
    return refs;
  }
}

/**
 * The outermost transaction of a nested one (a savepoint): only the outermost one commits, and its commit
 * event names it. knex links a nested transaction to its parent by `parentTransaction`.
 */
function rootTransaction(transaction: object): object {
  let root = transaction as { parentTransaction?: object };
  while (root.parentTransaction) root = root.parentTransaction as { parentTransaction?: object };
  return root;
}
