import { ChangeSetType, type EntityManager, type FilterQuery, type MikroORM } from '@mikro-orm/core';
import { createTransport, type Transporter } from 'nodemailer';
import { BackgroundPasses } from '../background-passes.js';
import type { Clock } from '../db/clock.js';
import { type Logger, loggedError } from '../logger.js';
import type { MailAttachment, MailService } from './mail.service.js';
import { type OutgoingAttachment, OutgoingMail, OutgoingMailStatus } from './outgoing-mail.entity.js';

export interface MailDispatcherOptions {
  orm: MikroORM;
  mail: MailService;
  logger: Logger;
  clock: Clock;
  /** SMTP_URL; null: each mail is written to the log and marked LOGGED_ONLY. */
  smtpUrl: string | null;
  /** MAIL_FROM. */
  from: string;
  /**
   * How often it looks for mail due besides being told of a commit: retries, mails of other processes,
   * mails left when a process stopped. Default 15 s.
   */
  pollIntervalMs?: number;
  /** Tries of one mail before it stays FAILED for good. Default 5. */
  maxAttempts?: number;
  /** The wait after the first failed try; each further one waits 4 times longer (1, 4, 16, 64 min). */
  retryDelayMs?: number;
  /**
   * A claim older than this is taken over: its process died while sending. Longer than a send can take
   * (the SMTP timeouts below), so a live sender is not doubled. Default 15 min.
   */
  staleClaimMs?: number;
  /** Mails read per query. */
  batchSize?: number;
}

/** What one pass sent. */
export interface DispatchSummary {
  sent: number;
  failed: number;
  loggedOnly: number;
}

type Outcome = { status: OutgoingMailStatus } & Partial<
  Pick<OutgoingMail, 'sentAt' | 'messageId' | 'smtpResponse' | 'lastError' | 'nextAttemptAt' | 'attachments'>
>;

/** The most of an error the outbox keeps. */
const MAX_ERROR = 1000;

/**
 * Sends the outbox's mails: at once after a transaction that wrote one commits, and every poll interval
 * for the rest. Each mail is claimed first by a conditional update (its status and attempts as read,
 * which every claim changes), so among several processes on one database exactly one sends it; a failed
 * mail is tried again later, a few times, further apart each time.
 */
export class MailDispatcher {
  private readonly transport: Transporter | null;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly staleClaimMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly background = new BackgroundPasses(
    () => this.dispatchDue().then(() => undefined),
    // The database is away, say: the next commit or poll tries again.
    (error) => this.options.logger.error({ err: loggedError(error) }, 'mail dispatch failed'),
  );

  constructor(private readonly options: MailDispatcherOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 60_000;
    this.staleClaimMs = options.staleClaimMs ?? 15 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    // Bounded waits on a slow or silent SMTP server (nodemailer waits up to 10 min by default); the URL's
    // own query options (e.g. ?pool=true) win.
    this.transport = options.smtpUrl
      ? createTransport({
          url: options.smtpUrl,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        })
      : null;
  }

  /** Sends after every commit that wrote a mail, and on each poll; also what waited while no process ran. */
  start(): void {
    const { mail } = this.options;
    this.options.orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: ({ transaction, uow }) => {
        const flushedMail = uow
          ?.getChangeSets()
          .some((change) => change.type === ChangeSetType.CREATE && change.entity instanceof OutgoingMail);
        if (mail.wroteMailIn(transaction) || flushedMail) this.wake();
      },
    });
    if (!this.transport) {
      this.options.logger.info('SMTP_URL is not set: outgoing mails are written to the log, not sent');
    }
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Sends what is due soon, in the background; a wake while a pass runs makes one more pass after it. */
  wake(): void {
    this.background.wake();
  }

  /** Resolves when no background pass is running (tests, and stop). */
  async settled(): Promise<void> {
    await this.background.settled();
  }

  /** Stops waking, lets a pass in flight finish its mail, closes the SMTP transport. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.background.stop();
    this.transport?.close();
  }

  /** One pass: claims and sends every mail due now, until none is left that it could claim. */
  async dispatchDue(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, failed: 0, loggedOnly: 0 };
    for (;;) {
      const due = await this.due();
      if (due.length === 0 || this.background.stopped) return summary;
      const claimed = await this.claimAll(due);
      // Claimed mails are sent even when a stop came meanwhile: left claimed, they would wait for the stale claim.
      for (const mail of claimed) {
        const outcome = await this.attempt(mail);
        await this.settle(mail, outcome);
        if (outcome.status === OutgoingMailStatus.SENT) summary.sent += 1;
        else if (outcome.status === OutgoingMailStatus.LOGGED_ONLY) summary.loggedOnly += 1;
        else summary.failed += 1;
      }
      // Fewer than a batch: that was every mail due when this pass read (a mail written since wakes another
      // pass); a full batch may have more behind it.
      if (claimed.length === 0 || due.length < this.batchSize) return summary;
    }
  }

  /** New mails, failed ones whose retry time came, and claims left by a process that died. */
  private async due(): Promise<Pick<OutgoingMail, 'id' | 'status' | 'attempts'>[]> {
    const now = this.options.clock.now();
    const where: FilterQuery<OutgoingMail> = {
      $or: [
        { status: OutgoingMailStatus.PENDING },
        { status: OutgoingMailStatus.FAILED, nextAttemptAt: { $lte: now } },
        {
          status: OutgoingMailStatus.SENDING,
          claimedAt: { $lt: new Date(now.getTime() - this.staleClaimMs) },
        },
      ],
    };
    const rows = await this.options.orm.em.fork().find(OutgoingMail, where, {
      orderBy: { id: 'asc' },
      limit: this.batchSize,
      fields: ['status', 'attempts'],
    });
    return rows.map(({ id, status, attempts }) => ({ id, status, attempts }));
  }

  /**
   * Takes each mail if it is still as read: one UPDATE ... WHERE id = ? AND status = ? AND attempts = ? a
   * mail, atomic on SQLite and PostgreSQL alike. Every claim adds an attempt, so of two dispatchers that read
   * the same row only the first one's update matches. Answers the mails claimed, read at once.
   */
  private async claimAll(due: Pick<OutgoingMail, 'id' | 'status' | 'attempts'>[]): Promise<OutgoingMail[]> {
    const em = this.options.orm.em.fork();
    const ids: number[] = [];
    for (const seen of due) {
      const claimed = await em.nativeUpdate(
        OutgoingMail,
        { id: seen.id, status: seen.status, attempts: seen.attempts },
        {
          status: OutgoingMailStatus.SENDING,
          claimedAt: this.options.clock.now(),
          attempts: seen.attempts + 1,
        },
      );
      if (claimed === 1) ids.push(seen.id); // else another dispatcher has it
    }
    if (ids.length === 0) return [];
    return em.find(OutgoingMail, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
  }

  /** Sends (or logs) one claimed mail; never throws: a failure is an outcome with its error. */
  private async attempt(mail: OutgoingMail): Promise<Outcome> {
    const { logger, clock } = this.options;
    try {
      const files = await Promise.all(
        mail.attachments.map((a) => this.options.mail.attachment(a.attachmentRef)),
      );
      const attachments = made(mail.attachments, files);
      if (!this.transport) {
        logger.info(
          {
            mail: mail.id,
            // Logs carry no personal data: the mail (with its recipient) is in the outbox for whoever may read it.
            to: maskedAddress(mail.to),
            kind: mail.kind,
            relatedRef: mail.relatedRef,
            attachments: attachments.map(shown),
          },
          'mail logged, not sent: SMTP_URL is not set',
        );
        return { status: OutgoingMailStatus.LOGGED_ONLY, attachments, lastError: null, nextAttemptAt: null };
      }
      const info = (await this.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.textBody,
        ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
        attachments: files.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
      })) as { messageId?: string; response?: string };
      logger.info(
        { mail: mail.id, kind: mail.kind, relatedRef: mail.relatedRef, attempts: mail.attempts },
        'mail sent',
      );
      return {
        status: OutgoingMailStatus.SENT,
        sentAt: clock.now(),
        messageId: info.messageId?.slice(0, 400) ?? null,
        smtpResponse: info.response?.slice(0, 400) ?? null,
        attachments,
        lastError: null,
        nextAttemptAt: null,
      };
    } catch (error) {
      const retry = mail.attempts < this.maxAttempts;
      const nextAttemptAt = retry
        ? new Date(clock.now().getTime() + this.retryDelayMs * 4 ** (mail.attempts - 1))
        : null;
      logger.warn(
        {
          mail: mail.id,
          kind: mail.kind,
          relatedRef: mail.relatedRef,
          attempts: mail.attempts,
          nextAttemptAt,
          err: loggedError(error),
        },
        retry ? 'mail not sent: tried again later' : 'mail not sent: given up',
      );
      const message = error instanceof Error ? error.message : String(error);
      return { status: OutgoingMailStatus.FAILED, lastError: message.slice(0, MAX_ERROR), nextAttemptAt };
    }
  }

  /** Records the outcome, if this dispatcher's claim still holds (a stale one may have been taken over). */
  private async settle(mail: OutgoingMail, outcome: Outcome): Promise<void> {
    const em: EntityManager = this.options.orm.em.fork();
    const written = await em.nativeUpdate(
      OutgoingMail,
      { id: mail.id, status: OutgoingMailStatus.SENDING, attempts: mail.attempts },
      { ...outcome, claimedAt: null },
    );
    if (written !== 1) {
      this.options.logger.warn(
        { mail: mail.id, outcome: outcome.status },
        'mail claim was taken over meanwhile',
      );
    }
  }
}

/** The outbox's attachment records, completed with what the providers made. */
function made(recorded: OutgoingAttachment[], files: MailAttachment[]): OutgoingAttachment[] {
  return recorded.map((attachment, index) => ({
    attachmentRef: attachment.attachmentRef,
    filename: files[index]!.filename,
    contentType: files[index]!.contentType,
    size: files[index]!.content.length,
  }));
}

const shown = ({ attachmentRef, filename, size }: OutgoingAttachment) => ({ attachmentRef, filename, size });

/** "alan.turing@customer.example" -> "a***@customer.example": enough to tell mails apart in a log, no name. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
