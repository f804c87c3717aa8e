import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * The rows of one SQL query (`?` placeholders), in the entity manager's transaction when it has one. For
 * reads on hot paths that need no entity: an entity is built, tracked and diffed at every later flush.
 */
export async function rowsOf<Row>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<Row[]> {
  return (await em.getConnection().execute(sql, [...params], 'all', em.getTransactionContext())) as Row[];
}

/** True on PostgreSQL, where row locks (FOR UPDATE) exist; SQLite serialises writers instead. */
export function isPostgres(em: EntityManager): boolean {
  return em.getDriver() instanceof PostgreSqlDriver;
}
