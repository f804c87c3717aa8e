import type { ApiKeyCache } from './accounts/api-key-cache.js';
import type { RememberedSessions } from './accounts/remembered-sessions.js';
import {
  LATEST_VERSION_SAFETY_TTL_MS,
  LATEST_VERSION_TTL_MS,
  type ModelCache,
} from './catalog/model-cache.js';
import { CHANGES_CHANNEL, type Change, changeOf } from './db/change-notices.js';
import { ListeningConnection } from './db/listening-connection.js';
import type { Logger } from './logger.js';

/** What a process remembers that another process's change can make stale. */
export interface ProcessMemory {
  cache: ModelCache;
  /** The price lists this process remembers (forgotten when prices changed). */
  priceLists: { forget(): void };
  sessions: RememberedSessions;
  apiKeys: ApiKeyCache;
}

/** Forgets what `change` made stale in this process. */
export function forgetChanged(memory: ProcessMemory, change: Change): void {
  switch (change.kind) {
    case 'model':
      memory.cache.forgetLatest(change.productCode);
      return;
    case 'prices':
      memory.priceLists.forget();
      memory.cache.answersChanged();
      return;
    case 'session':
      memory.sessions.forgetSession(change.sessionId);
      return;
    case 'user':
      memory.sessions.forgetUser(change.userId);
      return;
    case 'api-keys':
      memory.apiKeys.invalidate();
  }
}

/** The listening connection's name in pg_stat_activity. */
export const CHANGE_LISTENER_APPLICATION = 'mto-change-listener';

/**
 * A process's ear for other processes' changes on PostgreSQL: one dedicated connection LISTENs on
 * CHANGES_CHANNEL, and each notification makes this process forget what it made stale at once (a
 * product's version in force, priced answers, a session, a user's sessions, the API keys), so its next
 * request reads the database. A dropped connection reconnects
 * with backoff, and every (re)connection forgets everything that may have changed meanwhile, since
 * notifications sent while nobody listened are lost. A connection that died without a word is found by
 * TCP keepalive; until then the model cache's time-to-live (LATEST_VERSION_SAFETY_TTL_MS while listening)
 * bounds how long a missed change can be served. While not connected, the cache trusts what it read for
 * LATEST_VERSION_TTL_MS only, as on SQLite.
 */
export class ChangeListener {
  /** How many notices this process has heard (tests wait for one before the next request). */
  noticesHeard = 0;

  private constructor(private readonly connection: ListeningConnection) {}

  /** Connects and LISTENs before answering, so no change committed after the start is missed. */
  static async start(url: string, memory: ProcessMemory, logger: Logger): Promise<ChangeListener> {
    const forgetEverything = () => {
      memory.cache.forgetAllLatest();
      forgetChanged(memory, { kind: 'prices' });
      memory.sessions.forgetAll();
      memory.apiKeys.invalidate();
    };
    let listener: ChangeListener | null = null;
    const connection = await ListeningConnection.open({
      url,
      applicationName: CHANGE_LISTENER_APPLICATION,
      channel: CHANGES_CHANNEL,
      what: 'change listener',
      logger,
      onNotification(payload) {
        const change = changeOf(payload);
        if (change) forgetChanged(memory, change);
        if (listener) listener.noticesHeard += 1;
      },
      onListening() {
        // Changes are heard from now on: what is remembered may be trusted longer (a safety net only).
        memory.cache.latestTtlMs = LATEST_VERSION_SAFETY_TTL_MS;
        // What changed while nobody listened (before the first LISTEN, or while the connection was down).
        forgetEverything();
      },
      onLost() {
        // Deaf until reconnected: remember for a moment only, as on SQLite, and not what was trusted longer.
        memory.cache.latestTtlMs = LATEST_VERSION_TTL_MS;
        forgetEverything();
      },
    });
    listener = new ChangeListener(connection);
    return listener;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
