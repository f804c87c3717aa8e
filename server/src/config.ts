import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Settings from the environment, read once at start; a bad value stops the start with a clear message. */
export interface ServerConfig {
  port: number;
  host: string;
  /** postgres://... when set: PostgreSQL; otherwise the embedded SQLite file. */
  databaseUrl: string | null;
  sqlitePath: string;
  clientDist: string;
  logLevel: string;
  /** The planning date (YYYY-MM-DD) when fixed by MTO_TODAY (demos, tests, benchmarks); null: the real date. */
  today: string | null;
}

/** A bad setting: its message names every variable at fault and what it should be. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Both from server/src and from server/dist, the repository root is two levels up.
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** pino's levels, and `silent` to log nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset or empty variable takes its default; leading and trailing spaces do not count. */
const setting = z
  .string()
  .optional()
  .transform((text) => text?.trim() || undefined);

const environment = z.object({
  PORT: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,5}$/.test(text) && Number(text) <= 65535, {
        error: (issue) => `PORT must be an integer from 0 to 65535, got "${issue.input}"`,
      })
      .transform(Number)
      .default(4000),
  ),
  HOST: setting.pipe(z.string().default('0.0.0.0')),
  DATABASE_URL: setting.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        error: (issue) =>
          `DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text ?? null),
  ),
  SQLITE_PATH: setting.pipe(z.string().default(`${repositoryRoot}.data/mto.sqlite`)),
  CLIENT_DIST: setting.pipe(z.string().default(`${repositoryRoot}client/dist/`)),
  LOG_LEVEL: setting.pipe(
    z
      .enum(LOG_LEVELS, {
        error: (issue) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${issue.input}"`,
      })
      .default('info'),
  ),
  MTO_TODAY: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), {
        error: (issue) =>
          `MTO_TODAY must be a date written YYYY-MM-DD (or unset for the real date), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text ?? null),
  ),
});

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const read = environment.safeParse(env);
  if (!read.success) throw new ConfigError(read.error.issues.map((issue) => issue.message).join('; '));
  const settings = read.data;
  return {
    today: settings.MTO_TODAY,
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    sqlitePath: settings.SQLITE_PATH,
    clientDist: settings.CLIENT_DIST,
    logLevel: settings.LOG_LEVEL,
  };
}
