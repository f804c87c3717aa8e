import pg from 'pg';

// The PostgreSQL side of the tests, shared by the server's API tests and the end-to-end tests.

export type Dialect = 'sqlite' | 'postgresql';

export const POSTGRES_ADMIN_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The databases to test on: SQLite always; PostgreSQL in CI (where it must be up: a failure to reach it
 * fails the tests) and wherever it answers. Outside CI without PostgreSQL: skipped, and said loudly.
 */
export async function testDialects(): Promise<Dialect[]> {
  if (process.env.CI === 'true') return ['sqlite', 'postgresql'];
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return ['sqlite', 'postgresql'];
  } catch (error) {
    console.warn(
      `\n!!! PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${String(error)}): the PostgreSQL tests are SKIPPED here. In CI they run.\n`,
    );
    return ['sqlite'];
  }
}

/** A fresh, empty PostgreSQL database; `drop()` removes it (even with connections left open). */
export async function createPostgresDatabase(): Promise<{
  url: string;
  name: string;
  drop(): Promise<void>;
}> {
  const name = `mto_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
