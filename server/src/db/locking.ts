import { type EntityManager, LockMode } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Options that lock the rows a query reads until the transaction ends (SELECT ... FOR UPDATE), on
 * PostgreSQL, where several transactions and several processes run at once. SQLite needs none: it runs
 * one writing transaction at a time (one connection per process, and a file lock between processes).
 * Either way the rows are read again: an entity this unit of work already holds would otherwise keep
 * the values it was first read with (MikroORM does not refresh managed entities by default).
 */
export function forUpdate(em: EntityManager): { lockMode?: LockMode.PESSIMISTIC_WRITE; refresh: true } {
  return em.getDriver() instanceof PostgreSqlDriver
    ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }
    : { refresh: true };
}

/**
 * Makes the transaction a writer at once on SQLite. A transaction that starts by reading cannot become a
 * writer while another process writes the same file, and SQLite then fails it at once instead of waiting
 * (busy_timeout does not cover it); one that writes first waits its turn. A write that changes nothing is
 * enough. PostgreSQL needs none: its row locks wait.
 */
export async function claimWriter(em: EntityManager): Promise<void> {
  if (em.getDriver() instanceof PostgreSqlDriver) return;
  await em
    .getConnection()
    .execute('update holiday set name = name where 0 = 1', [], 'run', em.getTransactionContext());
}
