import pg from 'pg';
import type { ApiKeyCache } from './accounts/api-key-cache.js';
import type { RememberedSessions } from './accounts/remembered-sessions.js';
import {
  LATEST_VERSION_SAFETY_TTL_MS,
  LATEST_VERSION_TTL_MS,
  type ModelCache,
} from './catalog/model-cache.js';
import { CHANGES_CHANNEL, type Change, changeOf } from './db/change-notices.js';
import type { Logger } from './logger.js';
import { loggedError } from './logger.js';

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

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

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
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly memory: ProcessMemory,
    private readonly logger: Logger,
  ) {}

  /** Connects and LISTENs before answering, so no change committed after the start is missed. */
  static async start(url: string, memory: ProcessMemory, logger: Logger): Promise<ChangeListener> {
    const listener = new ChangeListener(url, memory, logger);
    await listener.connect();
    return listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: CHANGE_LISTENER_APPLICATION,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      const change = changeOf(message.payload);
      if (change) forgetChanged(this.memory, change);
    });
    await client.query(`listen ${CHANGES_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    // Changes are heard from now on: what is remembered may be trusted longer (a safety net only).
    this.memory.cache.latestTtlMs = LATEST_VERSION_SAFETY_TTL_MS;
    // What changed while nobody listened (before the first LISTEN, or while the connection was down).
    this.forgetEverything();
  }

  private forgetEverything(): void {
    this.memory.cache.forgetAllLatest();
    forgetChanged(this.memory, { kind: 'prices' });
    this.memory.sessions.forgetAll();
    this.memory.apiKeys.invalidate();
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    // Deaf until reconnected: remember for a moment only, as on SQLite, and not what was trusted longer.
    this.memory.cache.latestTtlMs = LATEST_VERSION_TTL_MS;
    this.forgetEverything();
    this.logger.warn({ err: loggedError(error) }, 'change listener connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: loggedError(error) }, 'change listener reconnect failed');
        this.scheduleReconnect();
      });
    }, delay);
  }
}
