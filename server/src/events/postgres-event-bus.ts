import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type pg from 'pg';
import { ListeningConnection } from '../db/listening-connection.js';
import type { Logger } from '../logger.js';
import { loggedError } from '../logger.js';
import type { DomainEvent } from './domain-event.entity.js';
import { type EventBus, LocalEventBus, type PublishedEvent } from './event-bus.js';
import type { EventType } from './event-type.js';
import type { EventWritingHooks } from './record.js';

/** The NOTIFY channel every process LISTENs on. */
export const EVENTS_CHANNEL = 'mto_events';

/**
 * The advisory lock (any fixed int8, not the migrations' one) that makes the stream's sequences commit in
 * their order on PostgreSQL. A serial is drawn at insert, so without it a transaction could commit sequence
 * 7 after another committed 8, and a feed reader (or a bus catching up) that read 8 would skip 7 for ever.
 * Taken just before a transaction's event rows are inserted (its last statements) and held to its COMMIT,
 * so the writers of events queue only for those few statements and the commit. Chosen over filtering the
 * feed by `pg_snapshot_xmin`: an xid is drawn at a transaction's first write, not at its event's insert, so
 * an older transaction may still insert a lower sequence than one of a newer, committed transaction; the
 * lock makes "committed" and "below the last sequence read" the same thing for the feed and the bus.
 */
export const EVENTS_COMMIT_LOCK = 4_202_611_261;

/**
 * Each ORM's name for itself in notifications (random per start), so its bus skips its own, and the
 * sequences its transactions wrote, known before they commit, so a read of the table never tells them twice.
 */
interface EventSource {
  id: string;
  written: Set<number>;
  /** Whether commits NOTIFY (the LISTEN bus's wake-up); the Redis bus turns it off. */
  notify: boolean;
}
const sources = new WeakMap<MikroORM, EventSource>();

/** Whether this ORM's commits NOTIFY: not when another bus than LISTEN's carries the wake-ups. */
export function sendNotifications(orm: MikroORM, notify: boolean): void {
  sourceOf(orm).notify = notify;
}

function sourceOf(orm: MikroORM): EventSource {
  let source = sources.get(orm);
  if (!source) {
    source = { id: randomBytes(6).toString('hex'), written: new Set(), notify: true };
    sources.set(orm, source);
  }
  return source;
}

/**
 * PostgreSQL's part of writing events (db/orm.ts registers it): the commit-order lock before the rows, and
 * a NOTIFY after them, sent by PostgreSQL only if and when the transaction commits. The payload is
 * `<source>:<first>-<last>`: the transaction's sequences are consecutive under the lock, and a range stays
 * far below NOTIFY's 8000-byte limit however many events a transaction writes.
 */
export function postgresEventWriting(orm: MikroORM): EventWritingHooks {
  const source = sourceOf(orm);
  const execute = (em: EntityManager, transaction: object, sql: string, params: unknown[]) =>
    em.getConnection().execute(sql, params, 'all', transaction as never);
  return {
    async beforeWrite(em, transaction) {
      await execute(em, transaction, 'select pg_advisory_xact_lock(?)', [EVENTS_COMMIT_LOCK]);
    },
    async afterWrite(em, transaction, written: DomainEvent[]) {
      if (written.length === 0 || !source.notify) return;
      const sequences = written.map((row) => Number(row.sequence));
      for (const sequence of sequences) source.written.add(sequence);
      const range = `${Math.min(...sequences)}-${Math.max(...sequences)}`;
      await execute(em, transaction, 'select pg_notify(?, ?)', [EVENTS_CHANNEL, `${source.id}:${range}`]);
    },
    async writeRows(em, transaction, rows) {
      // The lock, the rows and the NOTIFY in one statement, so the commit-order lock is held for one round
      // trip and the COMMIT (every writer of events queues on it). The rows join the lock's CTE, so no
      // sequence is drawn before the lock is held.
      const values = rows
        .map(
          () => '(?::varchar, ?::varchar, ?::timestamptz, ?::int, ?::varchar, ?::varchar, ?::jsonb, ?::int)',
        )
        .join(', ');
      const params: unknown[] = [EVENTS_COMMIT_LOCK];
      for (const [index, row] of rows.entries()) {
        params.push(
          row.eventId,
          row.type,
          row.occurredAt,
          row.accountId ?? null,
          row.subjectKind,
          row.subject,
          JSON.stringify(row.payload),
          index,
        );
      }
      const notify = source.notify
        ? `, notified as (select pg_notify(?, ? || ':' || min(sequence) || '-' || max(sequence)) from inserted)`
        : '';
      if (source.notify) params.push(EVENTS_CHANNEL, source.id);
      const result = (await execute(
        em,
        transaction,
        `with commit_order as (select pg_advisory_xact_lock(?) as held),
          inserted as (
            insert into domain_event (event_id, type, occurred_at, account_id, subject_kind, subject, payload)
            select v.event_id, v.type, v.occurred_at, v.account_id, v.subject_kind, v.subject, v.payload
            from (values ${values}) as v(event_id, type, occurred_at, account_id, subject_kind, subject, payload, position)
            cross join commit_order
            order by v.position
            returning event_id, sequence
          )${notify}
        select inserted.event_id as "eventId", inserted.sequence as "sequence" from inserted${source.notify ? ', notified' : ''}`,
        params,
      )) as { eventId: string; sequence: number | string }[];
      const sequenceOf = new Map(result.map((row) => [row.eventId, Number(row.sequence)]));
      const sequences = rows.map((row) => {
        const sequence = sequenceOf.get(row.eventId);
        if (sequence === undefined) throw new Error(`event ${row.eventId} was not written`);
        return sequence;
      });
      // Known before the commit, so a read of the table never tells them twice (the LISTEN bus's; as afterWrite).
      if (source.notify) for (const sequence of sequences) source.written.add(sequence);
      return sequences;
    },
  };
}

export interface EventRow {
  sequence: number;
  event_id: string;
  type: EventType;
  occurred_at: Date;
  account_id: number | null;
  subject_kind: 'ORDER' | 'QUOTE';
  subject: string;
  payload: Record<string, unknown>;
}

export const SELECT_EVENTS =
  'select sequence, event_id, type, occurred_at, account_id, subject_kind, subject, payload from domain_event';

export function publishedOfRow(row: EventRow): PublishedEvent {
  return {
    sequence: Number(row.sequence),
    id: row.event_id,
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    accountId: row.account_id,
    subjectKind: row.subject_kind,
    subject: row.subject,
    data: row.payload,
  };
}

/** The listening connection's name in pg_stat_activity. */
export const EVENT_BUS_APPLICATION = 'mto-event-bus';

/**
 * The event bus of a process among several on one PostgreSQL database. Its own commits' events come from
 * the local bus right after each commit; the other processes' events come by LISTEN on one dedicated
 * connection: a notification makes it read every committed event above the last one it read (they commit
 * in sequence order, see EVENTS_COMMIT_LOCK), skipping its own. So a lost notification or a dropped
 * connection loses nothing (it reconnects with backoff and reads what it missed), and each event is told
 * once. Everything reaches listeners through one queue, in sequence order per subject: a later change of
 * the same order waited for the earlier one's commit (the order's row lock), whose notification is then
 * already queued before this process's own event.
 */
export class PostgresEventBus implements EventBus {
  private readonly local: LocalEventBus;
  private readonly listeners = new Set<(event: PublishedEvent) => void>();
  private readonly source: EventSource;
  private connection: ListeningConnection | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** The highest sequence read from the table: the next read starts above it. */
  private heardUpTo = 0;
  private closed = false;
  /** Whether the first connection read where the stream stood; a reconnection reads on from heardUpTo. */
  private started = false;

  private constructor(
    orm: MikroORM,
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    this.source = sourceOf(orm);
    this.local = new LocalEventBus(orm, logger);
    this.local.subscribe((event) => this.enqueue(async () => this.tell(event)));
  }

  /** Connects and LISTENs before answering, so no commit after the start is missed. */
  static async start(orm: MikroORM, url: string, logger: Logger): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(orm, url, logger);
    await bus.connect();
    return bus;
  }

  subscribe(listener: (event: PublishedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await this.queue;
    this.listeners.clear();
    await this.connection?.close();
  }

  private async connect(): Promise<void> {
    this.connection = await ListeningConnection.open({
      url: this.url,
      applicationName: EVENT_BUS_APPLICATION,
      channel: EVENTS_CHANNEL,
      what: 'event bus',
      logger: this.logger,
      beforeListen: async (client) => {
        if (this.started) return;
        // The first start hears what commits from now on; read before LISTEN, so nothing falls between.
        const { rows } = await client.query<{ last: number | null }>(
          'select max(sequence) as last from domain_event',
        );
        this.heardUpTo = Number(rows[0]?.last ?? 0);
        this.started = true;
      },
      onNotification: (payload, client) => {
        const [source, range] = payload.split(':');
        if (source === this.source.id) return;
        const last = Number(range?.split('-')[1]);
        if (last <= this.heardUpTo) return;
        this.enqueue(() => this.readNew(client));
      },
      // What the others committed while this connection was down (or between the first read and LISTEN).
      onListening: (client) => this.enqueue(() => this.readNew(client)),
    });
  }

  /** Reads the committed events above the last one read and tells the others'; a failed read is retried by the next. */
  private async readNew(client: pg.Client): Promise<void> {
    // A read for a connection since replaced is dropped (the new one reads on); the first start's catch-up
    // may run before open() has answered.
    if (this.closed || (this.connection && this.connection.client !== client)) return;
    let rows: EventRow[];
    try {
      ({ rows } = await client.query<EventRow>(`${SELECT_EVENTS} where sequence > $1 order by sequence`, [
        this.heardUpTo,
      ]));
    } catch (error) {
      this.logger.warn({ err: loggedError(error) }, 'event bus read failed');
      return;
    }
    for (const row of rows) {
      const event = publishedOfRow(row);
      this.heardUpTo = Math.max(this.heardUpTo, event.sequence);
      if (!this.source.written.has(event.sequence)) this.tell(event);
    }
    for (const sequence of this.source.written) {
      if (sequence <= this.heardUpTo) this.source.written.delete(sequence);
    }
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
