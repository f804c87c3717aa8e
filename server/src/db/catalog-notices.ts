import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

// Catalogue changes told to every process on a PostgreSQL database (catalog/catalog-changes.ts listens).
// Here, below the modules, so that any module whose change a remembered answer read can tell it.

/** The NOTIFY channel on which every process hears that the catalogue changed. */
export const CATALOG_CHANNEL = 'mto_catalog';

/**
 * What changed: a product's version in force (a version published), or a price some remembered answers
 * read (a price list published, an account given another list).
 */
export type CatalogChange = { kind: 'model'; productCode: string } | { kind: 'prices' };

function payloadOf(change: CatalogChange): string {
  return change.kind === 'model' ? `model:${change.productCode}` : 'prices';
}

export function changeOf(payload: string): CatalogChange | null {
  if (payload === 'prices') return { kind: 'prices' };
  if (payload.startsWith('model:')) return { kind: 'model', productCode: payload.slice('model:'.length) };
  return null;
}

/**
 * Tells every other process on a PostgreSQL database that the catalogue changed (SQLite has no NOTIFY:
 * another process on the same file sees the change when its memory's time-to-live runs out). In a transaction, PostgreSQL sends it only if and when it commits, so no process
 * hears of a version before it can read it; outside one, at once.
 */
export async function announceCatalogChange(em: EntityManager, change: CatalogChange): Promise<void> {
  if (!(em.getDriver() instanceof PostgreSqlDriver)) return;
  await em
    .getConnection()
    .execute(
      'select pg_notify(?, ?)',
      [CATALOG_CHANNEL, payloadOf(change)],
      'all',
      em.getTransactionContext(),
    );
}
