import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { loggedError } from '../logger.js';
import { type EventBus, LocalEventBus, type PublishedEvent } from './event-bus.js';
import {
  EVENT_BUS_APPLICATION,
  type EventRow,
  publishedOfRow,
  SELECT_EVENTS,
  sendNotifications,
} from './postgres-event-bus.js';

/** The Redis channel every process subscribes to: a message is a committed sequence, a wake-up. */
export const REDIS_EVENTS_CHANNEL = 'mto:events';

/**
 * A bound on how long an event whose wake-up was lost (Redis down when it was published, say) waits: the
 * bus reads the table this often anyway. A read that finds nothing new is one indexed statement.
 */
const SAFETY_READ_MS = 5_000;

/**
 * The event bus of processes sharing one PostgreSQL database, woken through Redis pub/sub instead of
 * LISTEN/NOTIFY (server.ts chooses it when REDIS_URL is set). Redis only says "something committed up to
 * sequence N"; the events themselves are read from the table, in sequence order, above the last one read
 * (sequences commit in their order: EVENTS_COMMIT_LOCK), on a connection of the bus's own. So a lost message
 * or a Redis reconnection loses nothing (the next wake-up, the reconnection itself or the safety read reads
 * on from the last sequence), and nothing is told twice (each sequence is told once, when it passes the
 * last one read). This process's own commits are told from memory right after the commit when every
 * sequence below is already told; otherwise they wait for a read, so that listeners hear the stream in
 * sequence order (a later change of an order never before an earlier one made through another process).
 */
export class RedisEventBus implements EventBus {
  private readonly local: LocalEventBus;
  private readonly listeners = new Set<(event: PublishedEvent) => void>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private reader: pg.Client | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Every sequence up to this one is told (or was never committed). */
  private toldUpTo = 0;
  /** A read is queued and not yet started: further wake-ups until it starts are answered by it. */
  private readQueued = false;
  private closed = false;
  private readonly safetyTimer: NodeJS.Timeout;

  private constructor(
    orm: MikroORM,
    private readonly databaseUrl: string,
    redisUrl: string,
    private readonly logger: Logger,
  ) {
    // NOTIFY is nobody's wake-up here: the commit-order lock stays, the notification is not sent.
    sendNotifications(orm, false);
    const options = { maxRetriesPerRequest: null, connectionName: EVENT_BUS_APPLICATION, lazyConnect: true };
    this.publisher = new Redis(redisUrl, options);
    this.subscriber = new Redis(redisUrl, options);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => {
        if (!this.closed) this.logger.warn({ err: loggedError(error) }, 'event bus Redis connection failed');
      });
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === REDIS_EVENTS_CHANNEL && Number(message) > this.toldUpTo) this.wake();
    });
    // After a reconnection (ioredis subscribes again by itself): read what was published meanwhile.
    this.subscriber.on('ready', () => this.wake());
    this.local = new LocalEventBus(orm, logger);
    this.local.subscribe((event) => {
      this.enqueue(async () => this.tellOwn(event));
      this.publisher
        .publish(REDIS_EVENTS_CHANNEL, String(event.sequence))
        .catch((error: unknown) => this.logger.warn({ err: loggedError(error) }, 'event bus publish failed'));
    });
    this.safetyTimer = setInterval(() => this.wake(), SAFETY_READ_MS);
    this.safetyTimer.unref();
  }

  /** Reads where the stream stands and subscribes before answering, so no commit after the start is missed. */
  static async start(
    orm: MikroORM,
    databaseUrl: string,
    redisUrl: string,
    logger: Logger,
  ): Promise<RedisEventBus> {
    const bus = new RedisEventBus(orm, databaseUrl, redisUrl, logger);
    try {
      // In the queue, so that no commit of this process is told before the stream's end is known.
      bus.enqueue(async () => {
        const { rows } = await (await bus.connection()).query<{ last: string | null }>(
          'select max(sequence) as last from domain_event',
        );
        bus.toldUpTo = Number(rows[0]?.last ?? 0);
      });
      await bus.queue;
      await Promise.all([bus.publisher.connect(), bus.subscriber.connect()]);
      await bus.subscriber.subscribe(REDIS_EVENTS_CHANNEL);
    } catch (error) {
      await bus.close();
      throw error;
    }
    // What committed between the first read and the subscription.
    bus.wake();
    return bus;
  }

  subscribe(listener: (event: PublishedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.safetyTimer);
    await this.local.close();
    await this.queue.catch(() => undefined);
    this.listeners.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
    const reader = this.reader;
    this.reader = null;
    await reader?.end().catch(() => undefined);
  }

  private wake(): void {
    if (this.readQueued || this.closed) return;
    this.readQueued = true;
    this.enqueue(async () => {
      this.readQueued = false;
      await this.readNew();
    });
  }

  /** This process's own event, just committed: told now if nothing below it is untold, else by a read. */
  private async tellOwn(event: PublishedEvent): Promise<void> {
    if (event.sequence <= this.toldUpTo) return; // a read already told it
    if (event.sequence === this.toldUpTo + 1) {
      this.toldUpTo = event.sequence;
      this.tell(event);
      return;
    }
    await this.readNew();
  }

  /** Tells every committed event above the last one told, in order; a failed read is retried by the next wake-up. */
  private async readNew(): Promise<void> {
    if (this.closed) return;
    let rows: EventRow[];
    try {
      ({ rows } = await (await this.connection()).query<EventRow>(
        `${SELECT_EVENTS} where sequence > $1 order by sequence`,
        [this.toldUpTo],
      ));
    } catch (error) {
      this.logger.warn({ err: loggedError(error) }, 'event bus read failed');
      const reader = this.reader;
      this.reader = null;
      await reader?.end().catch(() => undefined);
      return;
    }
    for (const row of rows) {
      const event = publishedOfRow(row);
      if (event.sequence <= this.toldUpTo) continue;
      this.toldUpTo = event.sequence;
      this.tell(event);
    }
  }

  /** The bus's own connection for reading (not one of the requests' pool), made again after a failure. */
  private async connection(): Promise<pg.Client> {
    if (this.reader) return this.reader;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: EVENT_BUS_APPLICATION,
    });
    client.on('error', () => {
      if (this.reader === client) this.reader = null;
    });
    await client.connect();
    this.reader = client;
    return client;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work, work);
  }

  private tell(event: PublishedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: loggedError(error), event: event.id }, 'event listener failed');
      }
    }
  }
}
