import pg from 'pg';
import type { Logger } from '../logger.js';
import { loggedError } from '../logger.js';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

export interface ListeningOptions {
  url: string;
  /** The connection's name in pg_stat_activity. */
  applicationName: string;
  channel: string;
  /** Names the connection in the log ("event bus", "change listener"). */
  what: string;
  logger: Logger;
  /** Runs on each new connection before LISTEN (the event bus reads where the stream stands). */
  beforeListen?(client: pg.Client): Promise<void>;
  onNotification(payload: string, client: pg.Client): void;
  /**
   * Runs on each (re)connection once it listens: notifications sent while nobody listened are lost, so this
   * catches up on what may have happened meanwhile.
   */
  onListening(client: pg.Client): void;
  /** Runs when the connection is lost, before reconnecting. */
  onLost?(): void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel for as long as the process runs: a dropped
 * connection reconnects with backoff (100 ms doubling to 5 s), and each (re)connection calls onListening to
 * catch up. TCP keepalive finds a connection that died without a word.
 */
export class ListeningConnection {
  private current: pg.Client | null = null;
  private closed = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly options: ListeningOptions) {}

  /** Connects and LISTENs before answering, so nothing notified after the start is missed. */
  static async open(options: ListeningOptions): Promise<ListeningConnection> {
    const connection = new ListeningConnection(options);
    await connection.connect();
    return connection;
  }

  /** The connection while it listens; null while reconnecting or closed. */
  get client(): pg.Client | null {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.current;
    this.current = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { options } = this;
    const client = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await options.beforeListen?.(client);
    client.on('notification', (message) => {
      if (message.channel === options.channel && message.payload)
        options.onNotification(message.payload, client);
    });
    await client.query(`listen ${options.channel}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.current = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    options.onListening(client);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.current !== client) return;
    this.current = null;
    this.options.onLost?.();
    this.options.logger.warn(
      { err: loggedError(error) },
      `${this.options.what} connection lost; reconnecting`,
    );
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.options.logger.warn({ err: loggedError(error) }, `${this.options.what} reconnect failed`);
        this.scheduleReconnect();
      });
    }, delay);
  }
}
