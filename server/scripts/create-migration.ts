import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import { type DatabaseOptions, ormOptions } from '../src/db/orm.js';
import { writeMigrationsIndex } from './migrations-index.js';

/**
 * `pnpm --filter ./server migration:create [name]`: compares the entities with a database migrated
 * to the latest committed migration, for SQLite and for PostgreSQL, and writes the difference as a new
 * migration per dialect; then lists every migration file in src/db/migrations/index.ts.
 * PostgreSQL: a scratch database is created on POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
const migrationsDir = fileURLToPath(new URL('../src/db/migrations/', import.meta.url));
const name = process.argv[2];

async function createFor(dialect: 'sqlite' | 'postgresql', options: DatabaseOptions): Promise<void> {
  const base = ormOptions(options);
  const orm = await MikroORM.init({
    ...base,
    migrations: {
      ...base.migrations,
      path: join(migrationsDir, dialect),
      pathTs: join(migrationsDir, dialect),
      emit: 'ts',
    },
  });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(join(migrationsDir, dialect), false, false, name);
    console.log(
      result.diff.up.length > 0 ? `${dialect}: wrote ${result.fileName}` : `${dialect}: no changes`,
    );
  } finally {
    await orm.close(true);
  }
}

const sqlitePath = join(tmpdir(), `mto-migration-${process.pid}.sqlite`);
await createFor('sqlite', { databaseUrl: null, sqlitePath });
rmSync(sqlitePath, { force: true });

const adminUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `mto_migration_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${scratch}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  await createFor('postgresql', { databaseUrl: url.toString(), sqlitePath });
} finally {
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}

await writeMigrationsIndex(migrationsDir);
