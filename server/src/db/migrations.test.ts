import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteMigrations } from './migrations/index.js';
import { openDatabase, ormOptions } from './orm.js';

const dir = mkdtempSync(join(tmpdir(), 'mto-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite migrations on a database with data', () => {
  it('rebuild tables for the typed columns without cascading to the rows that reference them', async () => {
    const sqlitePath = join(dir, 'before-typed-columns.sqlite');
    const base = ormOptions({ databaseUrl: null, sqlitePath });
    const before = sqliteMigrations.findIndex((migration) => migration.name.includes('typed_enum_columns'));
    expect(before).toBeGreaterThan(0);
    const older = await MikroORM.init({
      ...base,
      migrations: { ...base.migrations, migrationsList: sqliteMigrations.slice(0, before) },
    } as Options);
    await older.getMigrator().up();
    const sql = older.em.getConnection();
    await sql.execute(
      `insert into customer (id, name, email, created_at) values (1, 'Ada', 'ada@example.com', '2026-01-01')`,
    );
    await sql.execute(
      `insert into customer_order (id, number, status, placed_at, customer_id, currency, total_minor) values (1, 'MTO-AAAA-BBBB', 'PLACED', '2026-01-01', 1, 'EUR', 100)`,
    );
    await sql.execute(
      `insert into order_event (order_id, at, actor, kind, from_status, to_status, message) values (1, '2026-01-01', 'Ada', 'PLACED', null, 'PLACED', 'Order placed')`,
    );
    await older.close(true);

    // customer_order is rebuilt with its CHECK: its event must survive, and the new column refuse a stray status.
    const orm = await openDatabase({ databaseUrl: null, sqlitePath });
    try {
      const db = orm.em.getConnection();
      expect(await db.execute('select number, status from customer_order')).toEqual([
        { number: 'MTO-AAAA-BBBB', status: 'PLACED' },
      ]);
      expect(await db.execute('select kind, to_status from order_event')).toEqual([
        { kind: 'PLACED', to_status: 'PLACED' },
      ]);
      expect(await db.execute('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      await expect(db.execute(`update customer_order set status = 'LOST' where id = 1`)).rejects.toThrow(
        /CHECK/,
      );
    } finally {
      await orm.close(true);
    }
  });
});
