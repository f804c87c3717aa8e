import pg from 'pg';
import { CATALOG_CHANNEL, type CatalogChange, changeOf } from '../db/catalog-notices.js';
import type { Logger } from '../logger.js';
import { loggedError } from '../logger.js';
import { LATEST_VERSION_SAFETY_TTL_MS, LATEST_VERSION_TTL_MS, type ModelCache } from './model-cache.js';

/** What a process forgets when the catalogue changed: the cached facts built on what changed. */
export interface CatalogMemory {
  cache: ModelCache;
  /** The price lists this process remembers (forgotten when prices changed). */
  priceLists?: { forget(): void };
}

/** Forgets what `change` made stale in this process (on SQLite the only one; on PostgreSQL also by NOTIFY). */
export function forgetChanged(memory: CatalogMemory, change: CatalogChange): void {
  if (change.kind === 'model') {
    memory.cache.forgetLatest(change.productCode);
  } else {
    memory.priceLists?.forget();
    memory.cache.answersChanged();
  }
}

/** The listening connection's name in pg_stat_activity. */
export const CATALOG_LISTENER_APPLICATION = 'mto-catalog-listener';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

/**
 * A process's ear for catalogue changes on PostgreSQL: one dedicated connection LISTENs on
 * CATALOG_CHANNEL, and each notification makes this process forget the product's version in force (or
 * the answers priced) at once, so its next request reads the database. A dropped connection reconnects
 * with backoff, and every (re)connection forgets everything that may have changed meanwhile, since
 * notifications sent while nobody listened are lost. A connection that died without a word is found by
 * TCP keepalive; until then the model cache's time-to-live (LATEST_VERSION_SAFETY_TTL_MS while listening)
 * bounds how long a missed change can be served. While not connected, the cache trusts what it read for
 * LATEST_VERSION_TTL_MS only, as on SQLite.
 */
export class CatalogListener {
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly memory: CatalogMemory,
    private readonly logger: Logger,
  ) {}

  /** Connects and LISTENs before answering, so no change committed after the start is missed. */
  static async start(url: string, memory: CatalogMemory, logger: Logger): Promise<CatalogListener> {
    const listener = new CatalogListener(url, memory, logger);
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
      application_name: CATALOG_LISTENER_APPLICATION,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel !== CATALOG_CHANNEL || !message.payload) return;
      const change = changeOf(message.payload);
      if (change) forgetChanged(this.memory, change);
    });
    await client.query(`listen ${CATALOG_CHANNEL}`);
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
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    // Deaf until reconnected: remember for a moment only, as on SQLite, and not what was trusted longer.
    this.memory.cache.latestTtlMs = LATEST_VERSION_TTL_MS;
    this.forgetEverything();
    this.logger.warn({ err: loggedError(error) }, 'catalogue listener connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: loggedError(error) }, 'catalogue listener reconnect failed');
        this.scheduleReconnect();
      });
    }, delay);
  }
}
