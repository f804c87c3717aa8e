import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { type Logger, MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { type AbstractSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type DatabaseLimits, readConfig } from '../config.js';
import { postgresEventWriting } from '../events/postgres-event-bus.js';
import { registerEventWriting } from '../events/record.js';
import { entities } from './entities.js';
import { postgresqlMigrations, sqliteMigrations } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgresql';

export interface DatabaseOptions {
  /** postgres://... for PostgreSQL; null for the embedded SQLite file at sqlitePath. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Told of every SQL statement (to count queries in tests, or to log them). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL's statement, lock and pool-acquire timeouts (readConfig's defaults when left out). */
  limits?: Omit<DatabaseLimits, 'healthTimeoutMs'>;
}

export function dialectOf(options: Pick<DatabaseOptions, 'databaseUrl'>): Dialect {
  return options.databaseUrl ? 'postgresql' : 'sqlite';
}

/** The ORM's settings for one database; migrations are committed per dialect and listed explicitly. */
export function ormOptions(options: DatabaseOptions): Options {
  const dialect = dialectOf(options);
  const common = {
    entities,
    extensions: [Migrator],
    // Each request and each service call works on its own forked entity manager.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: options.onQuery ? (['query'] as const) : false,
    logger: options.onQuery ?? (() => undefined),
    loggerFactory: options.onQuery
      ? (loggerOptions: ConstructorParameters<typeof QueryListener>[0]) =>
          new QueryListener(loggerOptions, options.onQuery!)
      : undefined,
    migrations: {
      migrationsList: dialect === 'sqlite' ? sqliteMigrations : postgresqlMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
  if (dialect === 'postgresql') {
    const limits = options.limits ?? readConfig({}).database;
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl!,
      // A held lock or a slow statement fails its request in bounded time instead of piling up the pool.
      driverOptions: {
        acquireConnectionTimeout: limits.poolAcquireTimeoutMs,
        connection: { statement_timeout: limits.statementTimeoutMs, lock_timeout: limits.lockTimeoutMs },
      },
    } as Options;
  }
  mkdirSync(dirname(options.sqlitePath), { recursive: true });
  return { ...common, driver: BetterSqliteDriver, dbName: options.sqlitePath } as Options;
}

/** Opens the database and brings its schema up to date with the committed migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(options));
  // Events of the durable stream are written in the transaction of their change, by every unit of work;
  // on PostgreSQL in sequence order and announced by NOTIFY to the other processes.
  registerEventWriting(orm, dialectOf(options) === 'postgresql' ? postgresEventWriting(orm) : undefined);
  if (dialectOf(options) === 'sqlite') {
    // Wait for a writer instead of failing at once when two connections meet (tests, a second process).
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
  }
  if (dialectOf(options) === 'postgresql') {
    // Several processes may start at once on one database (side by side behind a load balancer):
    // one migrates while the others wait, then find nothing left to do.
    await withPostgresLock(orm, MIGRATIONS_LOCK, () => orm.getMigrator().up());
  } else {
    await migrateSqlite(orm);
  }
  return orm;
}

/**
 * SQLite changes a column's constraints only by rebuilding its table, and dropping the old table with
 * foreign keys on would cascade to every row that references it. As SQLite's own procedure says, foreign
 * keys are off while the migrations run (outside their transaction, where the pragma takes effect) and
 * every foreign key is checked after: a migration that broke one stops the server.
 */
async function migrateSqlite(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.execute('pragma foreign_keys = off');
  try {
    await orm.getMigrator().up();
    const broken = await connection.execute<unknown[]>('pragma foreign_key_check');
    if (broken.length > 0) {
      throw new Error(
        `The migrations left ${broken.length} broken foreign keys: ${JSON.stringify(broken.slice(0, 5))}`,
      );
    }
  } finally {
    await connection.execute('pragma foreign_keys = on');
  }
}

/** The PostgreSQL advisory lock key that serialises migrations across processes (any fixed int8). */
const MIGRATIONS_LOCK = 4_202_611_260;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, taken in a transaction of its own on one pooled
 * connection (released at its end, or when the connection dies); `work` uses other connections.
 */
async function withPostgresLock<T>(orm: MikroORM, key: number, work: () => Promise<T>): Promise<T> {
  const knex = (orm.em.getConnection() as AbstractSqlConnection).getKnex();
  return knex.transaction(async (trx) => {
    // Waiting for another process's migrations is not a stuck request: no lock or statement timeout here.
    await trx.raw('set local lock_timeout = 0');
    await trx.raw('set local statement_timeout = 0');
    await trx.raw('select pg_advisory_xact_lock(?)', [key]);
    return work();
  });
}

/** Passes every query the ORM runs to a listener. */
class QueryListener implements Logger {
  constructor(
    _options: unknown,
    private readonly listener: (sql: string) => void,
  ) {}
  log(namespace: string, message: string, context?: { query?: string }): void {
    if (namespace === 'query') this.listener(context?.query ?? message);
  }
  error(): void {}
  warn(): void {}
  logQuery(context: { query: string }): void {
    this.listener(context.query);
  }
  setDebugMode(): void {}
  isEnabled(namespace: string): boolean {
    return namespace === 'query';
  }
}
