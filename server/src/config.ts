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
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    sqlitePath: env.SQLITE_PATH || `${repositoryRoot}.data/mto.sqlite`,
    clientDist: env.CLIENT_DIST || `${repositoryRoot}client/dist/`,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
