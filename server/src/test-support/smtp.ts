import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** A mail as the test SMTP server received it: parsed (mailparser), with the envelope it came in. */
export interface ReceivedMail extends ParsedMail {
  envelope: { from: string | null; to: string[] };
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>: what SMTP_URL is set to. */
  url: string;
  /** Every mail accepted so far, parsed, in the order they arrived. */
  messages: ReceivedMail[];
  /** Recipients (lower case) refused at RCPT TO with 550 while listed: add and remove them during a test. */
  refusing: Set<string>;
  /** The accepted mails once there are at least `count` (waits up to `timeoutMs`, then throws saying so). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** The first accepted mail that matches, once one has arrived (waits up to `timeoutMs`, then throws). */
  waitForMail(matches: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 in this process (smtp-server), as a mail provider would answer: no TLS
 * (nothing to verify on loopback), no authentication asked. Quote and checkout tests point SMTP_URL at it.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const refusing = new Set<string>();
  const parsing = new Set<Promise<void>>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refusing.has(address.address.toLowerCase())) return callback();
      const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected`) as SMTPServerError;
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      // Parse before answering 250, so a mail counts as received exactly when the sender is told so.
      const parsed = simpleParser(stream).then((mail) => {
        messages.push(
          Object.assign(mail, {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
          }),
        );
      });
      const tracked = parsed.then(
        () => callback(),
        (error: Error) => callback(error),
      );
      parsing.add(tracked);
      void tracked.finally(() => parsing.delete(tracked));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refusing,
    async waitFor(count, timeoutMs = 10_000) {
      await until(
        () => messages.length >= count,
        timeoutMs,
        () => `${count} mails (got ${messages.length})`,
      );
      return messages;
    },
    async waitForMail(matches, timeoutMs = 10_000) {
      await until(
        () => messages.some(matches),
        timeoutMs,
        () => 'the mail looked for',
      );
      return messages.find(matches)!;
    },
    async close() {
      await Promise.all(parsing);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits (polling) until `done`, at most `timeoutMs`: a bounded wait for a mail, not a timing check. */
async function until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error(`The test SMTP server did not receive ${what()} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
