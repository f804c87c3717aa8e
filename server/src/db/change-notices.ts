import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

// Changes that make what processes remember stale, told to every process on a PostgreSQL database by
// NOTIFY (change-listener.ts listens). Here, below the modules, so that any module can tell its own.

/** The NOTIFY channel on which every process hears what to forget. */
export const CHANGES_CHANNEL = 'mto_changes';

/**
 * What changed: a product's version in force (a version published); a price some remembered answers read
 * (a price list published, an account given another list); a session ended; a user's sessions ended or
 * their roles changed; an API key created, changed or revoked. Ids only: never a token or personal data.
 */
export type Change =
  | { kind: 'model'; productCode: string }
  | { kind: 'prices' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: number }
  | { kind: 'api-keys' };

function payloadOf(change: Change): string {
  switch (change.kind) {
    case 'model':
      return `model:${change.productCode}`;
    case 'session':
      return `session:${change.sessionId}`;
    case 'user':
      return `user:${change.userId}`;
    default:
      return change.kind;
  }
}

export function changeOf(payload: string): Change | null {
  if (payload === 'prices' || payload === 'api-keys') return { kind: payload };
  const colon = payload.indexOf(':');
  const [kind, value] = [payload.slice(0, colon), payload.slice(colon + 1)];
  if (colon < 0 || !value) return null;
  if (kind === 'model') return { kind, productCode: value };
  if (kind === 'session') return { kind, sessionId: value };
  if (kind === 'user' && /^\d+$/.test(value)) return { kind, userId: Number(value) };
  return null;
}

/**
 * Tells every other process on a PostgreSQL database what changed (SQLite has no NOTIFY: another process
 * on the same file sees the change when its memory's time-to-live runs out). In a transaction, PostgreSQL
 * sends it only if and when it commits, so no process hears of a change before it can read it; outside
 * one, at once.
 */
export async function announceChange(em: EntityManager, change: Change): Promise<void> {
  if (!(em.getDriver() instanceof PostgreSqlDriver)) return;
  await em
    .getConnection()
    .execute(
      'select pg_notify(?, ?)',
      [CHANGES_CHANNEL, payloadOf(change)],
      'all',
      em.getTransactionContext(),
    );
}
