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

// The one place where raw column values become what entities would hold: the two databases answer
// differently (SQLite: dates as epoch ms or text, booleans 0/1, JSON as text; PostgreSQL: timestamps as
// Date, numeric and bigint as strings).

/** A datetime column's value as a Date (null stays null). */
export function dateIn(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return new Date(/^-?\d+$/.test(text) ? Number(text) : text);
}

/** A boolean column's value (SQLite keeps 0/1). */
export function booleanIn(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** A JSON object or array column's value, parsed (SQLite keeps the text; null stays null). */
export function jsonIn<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A nullable text column's value (numeric text stays text; undefined is null). */
export function textIn(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** `?, ?, ?` for an `in (...)` of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
