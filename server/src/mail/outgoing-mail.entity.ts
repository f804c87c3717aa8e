import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Where an outgoing mail stands. PENDING: written with the change it belongs to, not yet tried. SENDING: a
 * dispatcher claimed it (claimedAt) and is sending it. SENT: the SMTP server took it. FAILED: the last try
 * failed (lastError); tried again at nextAttemptAt, or never when that is null (it gave up). LOGGED_ONLY: no
 * SMTP_URL was set, so it went to the log instead; the row keeps it, nothing is lost.
 */
export const OutgoingMailStatus = {
  PENDING: 'PENDING',
  SENDING: 'SENDING',
  SENT: 'SENT',
  FAILED: 'FAILED',
  LOGGED_ONLY: 'LOGGED_ONLY',
} as const;
export type OutgoingMailStatus = (typeof OutgoingMailStatus)[keyof typeof OutgoingMailStatus];

/**
 * An attachment as the outbox keeps it: a reference its provider turns back into the file when the mail is
 * sent (`quote-pdf:Q-2026-000123-R2`), never the bytes; filename, type and size are recorded once it was made.
 */
export interface OutgoingAttachment {
  attachmentRef: string;
  filename: string | null;
  contentType: string | null;
  size: number | null;
}

/**
 * One mail to send, written in the transaction of the change it tells about (the outbox): it is sent only
 * once that change committed, and a change that rolled back leaves no mail. Dispatchers (mail-dispatcher.ts)
 * send it afterwards, each row claimed by one of them.
 */
@Entity({ tableName: 'outgoing_mail' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['relatedRef'] })
export class OutgoingMail {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The one recipient's address. (`to` is an SQL keyword: the column is to_address.) */
  @Property({ type: 'string', length: 320, fieldName: 'to_address' })
  to!: string;

  @Property({ type: 'string', length: 500 })
  subject!: string;

  @Property({ type: 'text' })
  textBody!: string;

  @Property({ type: 'text', nullable: true })
  htmlBody?: string | null;

  @Property({ type: 'json' })
  attachments!: OutgoingAttachment[];

  /** What the mail is for, in the sending module's words: QUOTE_SENT, ORDER_ACKNOWLEDGED... */
  @Property({ type: 'string', length: 40 })
  kind!: string;

  /** What it is about, e.g. the quote or order number: the mails of one quote are found by it. */
  @Property({ type: 'string', length: 100, nullable: true })
  relatedRef?: string | null;

  @Enum({ items: () => OutgoingMailStatus, length: 16 })
  status!: OutgoingMailStatus;

  /** How many times a dispatcher claimed it to send (each claim counts, so it also versions the row). */
  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'string', length: 1000, nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** When a dispatcher claimed it (SENDING); a claim older than the dispatcher's stale limit is taken over. */
  @Property({ type: 'datetime', nullable: true })
  claimedAt?: Date | null;

  /** When a FAILED mail is tried again; null once the dispatcher gave up. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  /** The Message-ID header it was sent with. */
  @Property({ type: 'string', length: 400, nullable: true })
  messageId?: string | null;

  /** The SMTP server's answer to the message ("250 2.0.0 Ok: queued as 4F2A1C"), its own id of it. */
  @Property({ type: 'string', length: 400, nullable: true })
  smtpResponse?: string | null;
}
