import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../db/clock.js';
import { openDatabase } from '../db/orm.js';
import { InputError } from '../errors.js';
import { createLogger } from '../logger.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { createPostgresDatabase, type Dialect } from '../test-support/postgres.js';
import { startTestSmtpServer, type TestSmtpServer } from '../test-support/smtp.js';
import { MailService, type MailToSend } from './mail.service.js';
import { MailDispatcher } from './mail-dispatcher.js';
import { OutgoingMail, OutgoingMailStatus } from './outgoing-mail.entity.js';

const dialects = await testDialects();
const MINUTE = 60_000;

/** A clock the test moves forward (retries are due minutes later), starting at the real time. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    today: () => new Date(Date.now() + offset).toISOString().slice(0, 10),
    advance(ms) {
      offset += ms;
    },
  };
}

/** A fresh, migrated database of the dialect; `open()` opens it again (another process's connection). */
async function freshDatabase(dialect: Dialect) {
  const directory = mkdtempSync(join(tmpdir(), 'mto-mail-'));
  const postgres = dialect === 'postgresql' ? await createPostgresDatabase() : null;
  const options = { databaseUrl: postgres?.url ?? null, sqlitePath: join(directory, 'mail.sqlite') };
  return {
    open: () => openDatabase(options),
    async drop() {
      await postgres?.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A logger whose JSON lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n'))
        if (text) lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

const quotePdf = (key: string) => Buffer.from(`%PDF-1.4\n% quote ${key}\n%%EOF\n`);

const quoteMail = (overrides: Partial<MailToSend> = {}): MailToSend => ({
  to: 'ada.lovelace@customer.example',
  subject: 'Your quote Q-2026-000123 (revision 2)',
  text: 'Dear Ada,\n\nplease find our quote attached.\n',
  html: '<p>Dear Ada,</p><p>please find our quote attached.</p>',
  kind: 'QUOTE_SENT',
  relatedRef: 'Q-2026-000123-R2',
  attachmentRefs: ['quote-pdf:Q-2026-000123-R2'],
  ...overrides,
});

describe.each(dialects)('the outbox and its dispatcher on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let smtp: TestSmtpServer;
  let dispatcher: MailDispatcher;
  const clock = movableClock();
  const mail = new MailService(clock);
  mail.registerAttachmentProvider('quote-pdf', async (key) => ({
    filename: `${key}.pdf`,
    contentType: 'application/pdf',
    content: quotePdf(key),
  }));
  mail.registerAttachmentProvider('broken', async () => {
    throw new Error('the PDF renderer is away');
  });

  const rowOf = (subject: string) => orm.em.fork().findOneOrFail(OutgoingMail, { subject });
  const received = (subject: string) => smtp.messages.filter((message) => message.subject === subject);
  const dispatcherOn = (on: MikroORM) =>
    new MailDispatcher({
      orm: on,
      mail,
      clock,
      logger: createLogger('silent'),
      smtpUrl: smtp.url,
      from: 'MTO Quotes <quotes@mto.example>',
      // Only a commit wakes it in these tests (or the test itself): a poll would hide a missed wake.
      pollIntervalMs: 3_600_000,
    });

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    orm = await database.open();
    smtp = await startTestSmtpServer();
    dispatcher = dispatcherOn(orm);
    dispatcher.start();
    // The pass every start makes (mail left waiting) is over: from here only commits wake it.
    await dispatcher.settled();
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await orm?.close(true);
    await smtp?.close();
    await database?.drop();
  });

  it('sends a mail enqueued in a committed transaction, on its commit, with its attachment from the provider', async () => {
    await orm.em.fork().transactional(async (em) => {
      mail.enqueue(em, quoteMail());
    });
    const [message] = await smtp.waitFor(1);
    expect(message).toMatchObject({
      subject: 'Your quote Q-2026-000123 (revision 2)',
      text: 'Dear Ada,\n\nplease find our quote attached.\n',
      html: '<p>Dear Ada,</p><p>please find our quote attached.</p>',
      envelope: { from: 'quotes@mto.example', to: ['ada.lovelace@customer.example'] },
    });
    expect(message!.from?.value).toEqual([{ address: 'quotes@mto.example', name: 'MTO Quotes' }]);
    expect(message!.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({
      filename: 'Q-2026-000123-R2.pdf',
      contentType: 'application/pdf',
    });
    expect(message!.attachments[0]!.content.equals(quotePdf('Q-2026-000123-R2'))).toBe(true);

    await dispatcher.settled();
    const row = await rowOf('Your quote Q-2026-000123 (revision 2)');
    expect(row).toMatchObject({
      status: OutgoingMailStatus.SENT,
      attempts: 1,
      kind: 'QUOTE_SENT',
      relatedRef: 'Q-2026-000123-R2',
      lastError: null,
      messageId: message!.messageId,
      attachments: [
        {
          attachmentRef: 'quote-pdf:Q-2026-000123-R2',
          filename: 'Q-2026-000123-R2.pdf',
          contentType: 'application/pdf',
          size: quotePdf('Q-2026-000123-R2').length,
        },
      ],
    });
    expect(row.smtpResponse).toMatch(/^250/);
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('sends nothing for a transaction that rolled back: no row, no mail', async () => {
    const before = smtp.messages.length;
    await expect(
      orm.em.fork().transactional(async (em) => {
        mail.enqueue(em, quoteMail({ subject: 'Rolled back', attachmentRefs: [] }));
        await em.flush();
        throw new Error('the quote could not be sent');
      }),
    ).rejects.toThrow('the quote could not be sent');
    await dispatcher.settled();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, loggedOnly: 0 });
    expect(await orm.em.fork().count(OutgoingMail, { subject: 'Rolled back' })).toBe(0);
    expect(smtp.messages).toHaveLength(before);
  });

  it('sends a mail enqueued in a nested transaction when the outermost one commits, and one written by a plain flush', async () => {
    await orm.em.fork().transactional(async (outer) => {
      await outer.transactional(async (inner) => {
        mail.enqueue(inner, quoteMail({ subject: 'From a savepoint', attachmentRefs: [] }));
      });
    });
    const em = orm.em.fork();
    mail.enqueue(em, quoteMail({ subject: 'From a flush', attachmentRefs: [], html: null }));
    await em.flush();
    await smtp.waitForMail((message) => message.subject === 'From a savepoint');
    await smtp.waitForMail((message) => message.subject === 'From a flush');
    await dispatcher.settled();
    expect(received('From a savepoint')).toHaveLength(1);
    expect(received('From a flush')).toHaveLength(1);
    expect(received('From a flush')[0]!.html).toBe(false);
  });

  it('marks a mail the SMTP server refuses FAILED with its error, waits, and sends it on a later attempt', async () => {
    smtp.refusing.add('grace.hopper@customer.example');
    await orm.em.fork().transactional(async (em) => {
      mail.enqueue(em, quoteMail({ to: 'grace.hopper@customer.example', subject: 'Refused once' }));
    });
    await dispatcher.settled();
    const failed = await rowOf('Refused once');
    expect(failed).toMatchObject({ status: OutgoingMailStatus.FAILED, attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/550.*Recipient address rejected/);
    // The first retry comes a minute later, not before.
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(clock.now().getTime() + MINUTE - 5_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, loggedOnly: 0 });

    smtp.refusing.delete('grace.hopper@customer.example');
    clock.advance(MINUTE + 1_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, loggedOnly: 0 });
    expect(await rowOf('Refused once')).toMatchObject({
      status: OutgoingMailStatus.SENT,
      attempts: 2,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(received('Refused once')).toHaveLength(1);
    expect(received('Refused once')[0]!.envelope.to).toEqual(['grace.hopper@customer.example']);
  });

  it('gives up after 5 attempts, further apart each time (1, 4, 16, 64 minutes)', async () => {
    await orm.em.fork().transactional(async (em) => {
      mail.enqueue(em, quoteMail({ subject: 'Never renders', attachmentRefs: ['broken:Q-1'] }));
    });
    await dispatcher.settled();
    const waits: number[] = [];
    for (let attempt = 1; attempt < 5; attempt++) {
      const row = await rowOf('Never renders');
      expect(row).toMatchObject({ status: OutgoingMailStatus.FAILED, attempts: attempt });
      expect(row.lastError).toBe('the PDF renderer is away');
      waits.push(Math.round((row.nextAttemptAt!.getTime() - clock.now().getTime()) / MINUTE));
      clock.advance(row.nextAttemptAt!.getTime() - clock.now().getTime() + 1_000);
      expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, loggedOnly: 0 });
    }
    expect(waits).toEqual([1, 4, 16, 64]);
    expect(await rowOf('Never renders')).toMatchObject({
      status: OutgoingMailStatus.FAILED,
      attempts: 5,
      nextAttemptAt: null,
    });
    clock.advance(24 * 60 * MINUTE);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, loggedOnly: 0 });
  });

  it('takes over a claim left by a process that died while sending', async () => {
    // As a dead process leaves it: claimed (SENDING) and never settled.
    const em = orm.em.fork();
    em.create(OutgoingMail, {
      to: 'ada.lovelace@customer.example',
      subject: 'Claimed, then the process died',
      textBody: 'Dear Ada,',
      attachments: [],
      kind: 'QUOTE_SENT',
      status: OutgoingMailStatus.SENDING,
      attempts: 1,
      createdAt: clock.now(),
      claimedAt: clock.now(),
    });
    await em.flush();
    await dispatcher.settled();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, loggedOnly: 0 });
    clock.advance(16 * MINUTE);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, loggedOnly: 0 });
    expect(received('Claimed, then the process died')).toHaveLength(1);
    expect(await rowOf('Claimed, then the process died')).toMatchObject({
      status: OutgoingMailStatus.SENT,
      attempts: 2,
    });
  });

  it('sends each mail once with two dispatchers (two processes) on the same database', async () => {
    const other = await database.open();
    try {
      const subjects = Array.from({ length: 12 }, (_, index) => `Order acknowledgement ${index + 1}`);
      // Written through the other connection: this file's started dispatcher is not woken by its commits.
      await other.em.fork().transactional(async (em) => {
        for (const subject of subjects) {
          mail.enqueue(em, quoteMail({ subject, kind: 'ORDER_ACKNOWLEDGED', attachmentRefs: [] }));
        }
      });
      const first = dispatcherOn(orm);
      const second = dispatcherOn(other);
      const [a, b] = await Promise.all([first.dispatchDue(), second.dispatchDue()]);
      expect(a.sent + b.sent).toBe(12);
      for (const subject of subjects) expect(received(subject)).toHaveLength(1);
      const rows = await orm.em.fork().find(OutgoingMail, { kind: 'ORDER_ACKNOWLEDGED' });
      expect(rows.map((row) => [row.status, row.attempts])).toEqual(subjects.map(() => ['SENT', 1]));
      await Promise.all([first.stop(), second.stop()]);
    } finally {
      await other.close(true);
    }
  });

  it('a stopped dispatcher sends nothing more; the next one to start sends what waited', async () => {
    const other = await database.open();
    try {
      const stopped = dispatcherOn(other);
      stopped.start();
      await stopped.stop();
      await other.em.fork().transactional(async (em) => {
        mail.enqueue(em, quoteMail({ subject: 'Written while stopped', attachmentRefs: [] }));
      });
      await new Promise((resolve) => setImmediate(resolve));
      await stopped.settled();
      expect(await rowOf('Written while stopped')).toMatchObject({
        status: OutgoingMailStatus.PENDING,
        attempts: 0,
      });

      const next = dispatcherOn(other);
      next.start();
      await next.settled();
      await next.stop();
      expect(await rowOf('Written while stopped')).toMatchObject({
        status: OutgoingMailStatus.SENT,
        attempts: 1,
      });
      expect(received('Written while stopped')).toHaveLength(1);
    } finally {
      await other.close(true);
    }
  });

  it('refuses a bad mail naming the field, and writes nothing', async () => {
    const em = orm.em.fork();
    const attempts: [Partial<MailToSend>, string][] = [
      [{ to: 'not an address' }, 'mail.to'],
      [{ to: 'a@b.example, c@d.example' }, 'mail.to'],
      [{ subject: 'Two\nlines' }, 'mail.subject'],
      [{ text: ' ' }, 'mail.text'],
      [{ kind: 'quote sent' }, 'mail.kind'],
      [{ attachmentRefs: ['invoice-pdf:I-1'] }, 'mail.attachmentRefs[0]'],
    ];
    for (const [bad, field] of attempts) {
      let thrown: unknown;
      try {
        mail.enqueue(em, quoteMail(bad));
      } catch (error) {
        thrown = error;
      }
      expect(thrown, field).toBeInstanceOf(InputError);
      expect((thrown as InputError).field).toBe(field);
    }
    expect(em.getUnitOfWork().getPersistStack().size).toBe(0);
    expect(() => mail.registerAttachmentProvider('quote-pdf', async () => ({}) as never)).toThrow(
      'The attachment prefix "quote-pdf" is registered already',
    );
  });
});

describe.each(dialects)('the server sends its mail on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let withSmtp: TestServer;
  let withoutSmtp: TestServer;
  const { lines, logger } = capturedLogger();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    withSmtp = await startTestServer(dialect, {
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Acme Sales <sales@acme.example>' },
    });
    withoutSmtp = await startTestServer(dialect, { logger });
  });
  afterAll(async () => {
    await withSmtp?.close();
    await withoutSmtp?.close();
    await smtp?.close();
  });

  const enqueue = (server: TestServer, subject: string) =>
    server.running.orm.em.fork().transactional(async (em) => {
      server.running.mail.enqueue(em, {
        to: 'alan.turing@customer.example',
        subject,
        text: 'Your order 2026-000042 is acknowledged; Alan, it ships on 2027-01-15.',
        kind: 'ORDER_ACKNOWLEDGED',
        relatedRef: '2026-000042',
      });
    });

  it('sends through SMTP_URL from MAIL_FROM, woken by the commit', async () => {
    await enqueue(withSmtp, 'Order 2026-000042 acknowledged');
    const [message] = await smtp.waitFor(1);
    expect(message).toMatchObject({
      subject: 'Order 2026-000042 acknowledged',
      envelope: { from: 'sales@acme.example', to: ['alan.turing@customer.example'] },
    });
    await withSmtp.running.mailDispatcher.settled();
    const row = await withSmtp.running.orm.em
      .fork()
      .findOneOrFail(OutgoingMail, { relatedRef: '2026-000042' });
    expect(row.status).toBe(OutgoingMailStatus.SENT);
  });

  it('without SMTP_URL, logs the mail (its recipient masked, not its text) and marks it LOGGED_ONLY', async () => {
    await enqueue(withoutSmtp, 'Order 2026-000042 acknowledged');
    await withoutSmtp.running.mailDispatcher.settled();
    const row = await withoutSmtp.running.orm.em
      .fork()
      .findOneOrFail(OutgoingMail, { relatedRef: '2026-000042' });
    expect(row).toMatchObject({ status: OutgoingMailStatus.LOGGED_ONLY, attempts: 1, sentAt: null });
    const logged = lines.filter((line) => line.msg === 'mail logged, not sent: SMTP_URL is not set');
    expect(logged).toEqual([
      expect.objectContaining({
        mail: row.id,
        to: 'a***@customer.example',
        kind: 'ORDER_ACKNOWLEDGED',
        relatedRef: '2026-000042',
      }),
    ]);
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('ships on 2027-01-15');
    expect(everything).not.toContain('alan.turing');
    expect(everything).not.toContain('Order 2026-000042 acknowledged');
    expect(smtp.messages).toHaveLength(1);
  });
});
