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

/** Whether the entity manager works on PostgreSQL (several writers at once) rather than SQLite (one writer). */
export function onPostgres(em: EntityManager): boolean {
  return em.getDriver() instanceof PostgreSqlDriver;
}

/**
 * A plan made from rows read without locks no longer fits them: a guarded update (stock still available,
 * a work centre's day still free) matched fewer rows than planned, because another transaction took them
 * first. The transaction is rolled back whole and planned again from fresh reads. Each one means another
 * transaction got what it wanted, so retrying cannot livelock; the retries are bounded all the same, and
 * a caller who runs out of them is told the server is busy (`code`, as PostgreSQL's lock timeout is).
 */
export class PlanOutdated extends Error {
  readonly code = 'PLAN_OUTDATED';
  constructor(what: string) {
    super(`the plan no longer fits: ${what} changed meanwhile`);
    this.name = 'PlanOutdated';
  }
}
