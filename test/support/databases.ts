// A fresh database for a test or a benchmark that runs the BUILT server, and plain SQL on it from outside
// the server: PostgreSQL through pg, SQLite through better-sqlite3 (the server's own driver, found beside
// @mikro-orm/better-sqlite so that the tests need no copy of their own).
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import {
  createPostgresDatabase,
  type DatabaseEnv,
  type Dialect,
  POSTGRES_ADMIN_URL,
  root,
  tempDir,
} from './built-server.js';

/** The few calls of better-sqlite3 used here (the tests do not depend on its types). */
interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  pragma(sql: string): unknown;
  close(): void;
}
type SqliteConstructor = new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;

let sqliteConstructor: SqliteConstructor | undefined;
function openSqlite(file: string): SqliteDatabase {
  if (!sqliteConstructor) {
    const fromServer = createRequire(path.join(root, 'server', 'package.json'));
    const driver = createRequire(fromServer.resolve('@mikro-orm/better-sqlite/package.json'));
    sqliteConstructor = driver('better-sqlite3') as SqliteConstructor;
  }
  const database = new sqliteConstructor(file, { fileMustExist: true });
  // The server writes at the same time: wait for its lock rather than fail.
  database.pragma('busy_timeout = 10000');
  return database;
}

export interface TestDatabase extends DatabaseEnv {
  dialect: Dialect;
  /** Runs one read query (`?` placeholders on both dialects) and returns its rows. */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Drops the PostgreSQL database / deletes the SQLite folder. */
  remove(): Promise<void>;
}

/** `?` placeholders written as PostgreSQL's `$1`, `$2`... */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A fresh database of the given kind, empty: the built server migrates and seeds it on its first start. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  const folder = tempDir();
  const sqlitePath = path.join(folder.dir, 'mto.sqlite');
  if (dialect === 'sqlite') {
    return {
      dialect,
      databaseUrl: null,
      sqlitePath,
      async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
        const database = openSqlite(sqlitePath);
        try {
          return database.prepare(sql).all(...params) as T[];
        } finally {
          database.close();
        }
      },
      async remove() {
        folder.remove();
      },
    };
  }
  const database = await createPostgresDatabase();
  return {
    dialect,
    databaseUrl: database.url,
    sqlitePath,
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query<T>(numbered(sql), params)).rows;
      } finally {
        await client.end();
      }
    },
    async remove() {
      await database.drop();
      folder.remove();
    },
  };
}

/**
 * Whether PostgreSQL answers: in CI (CI=true) it must, so this says yes without asking (a failure to
 * reach it then fails the test that uses it); elsewhere it is asked, and a refusal is said loudly.
 * Returns null when it answers, else the reason to skip.
 */
export async function postgresUnavailable(what: string): Promise<string | null> {
  if (process.env.CI === 'true') return null;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${String(error)})`;
    console.warn(`\n!!! ${reason}: ${what} is SKIPPED here. In CI (CI=true) it runs.\n`);
    return reason;
  }
}
