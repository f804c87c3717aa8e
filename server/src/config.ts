import { fileURLToPath } from 'node:url';

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

// Both from server/src and from server/dist, the repository root is two levels up.
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      `DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file), got "${databaseUrl}"`,
    );
  }
  const today = env.MTO_TODAY?.trim() || null;
  if (
    today !== null &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
  ) {
    throw new Error(
      `MTO_TODAY must be a date written YYYY-MM-DD (or unset for the real date), got "${today}"`,
    );
  }
  return {
    today,
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    sqlitePath: env.SQLITE_PATH || `${repositoryRoot}.data/mto.sqlite`,
    clientDist: env.CLIENT_DIST || `${repositoryRoot}client/dist/`,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
