import { type Logger, pino } from 'pino';

/** Structured JSON logs, one object a line. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'mto-configurator' } });
}

export type { Logger };
