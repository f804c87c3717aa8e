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
