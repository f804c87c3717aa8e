import { DriverException } from '@mikro-orm/core';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Fields that hold personal data, secrets or request values wherever they appear in a logged object (one level
 * down too): a log line never carries a customer's name or e-mail, notes, SQL or its parameters.
 */
export const REDACTED_PATHS = [
  'email',
  '*.email',
  'customer',
  '*.customer',
  'notes',
  '*.notes',
  'variables',
  '*.variables',
  'sql',
  '*.sql',
  'params',
  '*.params',
  'detail',
  '*.detail',
  // Secrets a sign-in, a password change or an invitation carries, should any of them reach a log line.
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Structured JSON logs, one object a line (to stdout, or `destination`: the tests read them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'mto-configurator' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}

/** The most of an error's message a log keeps. */
const MAX_LOGGED_MESSAGE = 200;
const EMAIL_LIKE = /[^\s@'"`(),;]+@[^\s@'"`(),;]+/g;

/**
 * What a log says of an unexpected error: its class, code and a redacted message, and where it was
 * thrown. A database error's message is its SQL with the values (a customer's name and e-mail), and
 * the driver's detail quotes values too: only its class, code and SQLSTATE are kept.
 */
export function loggedError(error: unknown): Record<string, unknown> {
  // Without a prototype, pino's `err` serializer keeps our `type` (with one it would write "Object").
  return Object.assign(Object.create(null) as Record<string, unknown>, describedError(error, 0));
}

function describedError(error: unknown, depth: number): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  const logged: Record<string, unknown> = { type: error.constructor.name, stack: frames?.join('\n') };
  if (error instanceof DriverException) {
    return {
      ...logged,
      code: error.code,
      sqlState: error.sqlState,
      message: 'a database error (its SQL and values are not logged)',
    };
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') logged.code = code;
  logged.message = error.message.slice(0, MAX_LOGGED_MESSAGE).replace(EMAIL_LIKE, '[e-mail]');
  if (error.cause !== undefined && depth < 3) logged.cause = describedError(error.cause, depth + 1);
  return logged;
}

export type { Logger };
