import { BetterSqliteKnexDialect } from '@mikro-orm/better-sqlite';
import { type Knex, knex, PostgreSqlKnexDialect } from '@mikro-orm/postgresql';

/** Whether the database answers in time, asked on a connection of its own. */
export interface HealthProbe {
  /** Resolves null when the database answered within the budget, else why not (never throws). */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * The health check's own connection (one, opened on demand), so that an exhausted request pool does not
 * make /healthz wait: PostgreSQL with statement, lock and connect timeouts of the budget; SQLite read-only
 * with a short busy timeout (better-sqlite3 waits synchronously, so this wait blocks the process).
 * It reads the migrations table: a database that cannot serve a read of our schema in time is unhealthy.
 */
export function createHealthProbe(
  /** As openDatabase takes them: postgres://... or null for the SQLite file. */
  options: { databaseUrl: string | null; sqlitePath: string },
  budgetMs: number,
): HealthProbe {
  const postgres = options.databaseUrl !== null;
  // MikroORM's knex dialects (pg and better-sqlite3 as the ORM uses them); knex's types miss both.
  const settings = postgres
    ? {
        client: PostgreSqlKnexDialect,
        connection: {
          connectionString: options.databaseUrl!,
          statement_timeout: budgetMs,
          lock_timeout: budgetMs,
          connectionTimeoutMillis: budgetMs,
        },
        pool: { min: 0, max: 1 },
        acquireConnectionTimeout: budgetMs,
      }
    : {
        client: BetterSqliteKnexDialect,
        connection: { filename: options.sqlitePath, options: { readonly: true } },
        pool: { min: 0, max: 1 },
        useNullAsDefault: true,
      };
  const client: Knex = knex(settings as unknown as Knex.Config);
  const sqliteBusyMs = Math.min(100, budgetMs);
  return {
    async problem() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${budgetMs} ms`), budgetMs);
      });
      const probe = (async () => {
        if (!postgres) await client.raw(`pragma busy_timeout = ${sqliteBusyMs}`);
        await client.raw('select count(*) from mikro_orm_migrations');
        return null;
      })().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      try {
        return await Promise.race([probe, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => client.destroy(),
  };
}
