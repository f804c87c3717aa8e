import { randomBytes } from 'node:crypto';
import {
  ChangeSetType,
  type EntityManager,
  type EventSubscriber,
  FlushMode,
  type MikroORM,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import type { Order } from '../orders/order.entity.js';
import { type Quote, QuoteLine } from '../quotes/quote.entity.js';
import { DomainEvent, type EventSubjectKind } from './domain-event.entity.js';
import type { EventType } from './event-type.js';
import {
  ORDER_EVENT_TYPES,
  type OrderStep,
  orderEventData,
  QUOTE_EVENT_TYPES,
  type QuoteStep,
  quoteEventData,
} from './payloads.js';

/** An event waiting for its transaction's commit: its data is read then, from the state the change left. */
interface PendingEvent {
  eventId: string;
  type: EventType;
  occurredAt: Date;
  accountId: number | null;
  subjectKind: EventSubjectKind;
  subject: string;
  data: () => Record<string, unknown>;
  /** Reads, in the transaction before the row is written, what the data needs and the change did not load. */
  prepare?: (em: EntityManager, transaction: object) => Promise<void>;
}

/** What a committed transaction wrote to the stream, in order: read by the bus after the commit. */
export type WrittenEvents = DomainEvent[];

const pendingByTransaction = new WeakMap<object, PendingEvent[]>();
const writtenByTransaction = new WeakMap<object, DomainEvent[]>();

export function newEventId(): string {
  return `evt_${randomBytes(16).toString('hex')}`;
}

/**
 * Records an order's step as an event of the stream. Inside a transaction the row is written just before
 * it commits, with the order as the transaction leaves it (a shipment's carrier is set after its step is
 * recorded); outside one it is persisted with the entity manager's next flush, in the same flush as the change.
 */
export function recordOrderEvent(em: EntityManager, order: Order, step: OrderStep, at: Date): void {
  const status = step.toStatus ?? order.status;
  record(em, {
    eventId: newEventId(),
    type: ORDER_EVENT_TYPES[step.kind],
    occurredAt: at,
    accountId: order.account?.id ?? null,
    subjectKind: 'ORDER',
    subject: order.number,
    data: () => {
      const data = orderEventData(order, step);
      // The order's status when this step happened (a later step of the same transaction may move it on).
      (data.order as { status: string }).status = status;
      return data;
    },
  });
}

/** Records a quote's step, when it is one partners hear of (sent, approved, accepted, expired). */
export function recordQuoteEvent(em: EntityManager, quote: Quote, step: QuoteStep, at: Date): void {
  const type = QUOTE_EVENT_TYPES[step.kind];
  if (!type) return;
  let lines: QuoteLine[] | null = null;
  record(em, {
    eventId: newEventId(),
    type,
    occurredAt: at,
    accountId: quote.account?.id ?? null,
    subjectKind: 'QUOTE',
    subject: quote.reference,
    // The total is the lines' (read at commit when the change did not load them).
    data: () =>
      quoteEventData(quote, step, lines ?? (quote.lines?.isInitialized() ? quote.lines.getItems() : null)),
    prepare: async (txEm, transaction) => {
      if (quote.lines?.isInitialized()) return;
      lines = await txEm.find(
        QuoteLine,
        { quote: quote.id },
        { ctx: transaction as never, orderBy: { position: 'asc' }, flushMode: FlushMode.COMMIT },
      );
    },
  });
}

function record(em: EntityManager, event: PendingEvent): void {
  const transaction = em.getTransactionContext<object>();
  if (!transaction) {
    em.persist(em.create(DomainEvent, rowOf(event) as DomainEvent));
    return;
  }
  const root = rootTransaction(transaction);
  const pending = pendingByTransaction.get(root) ?? [];
  pending.push(event);
  pendingByTransaction.set(root, pending);
}

function rowOf(event: PendingEvent): EventRow {
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    accountId: event.accountId,
    subjectKind: event.subjectKind,
    subject: event.subject,
    payload: event.data(),
  };
}

/** A nested transaction (a savepoint) points to its parent by a symbol of MikroORM's; the root has none. */
function rootTransaction(transaction: object): object {
  let current = transaction;
  for (;;) {
    const parentKey = Object.getOwnPropertySymbols(current).find(
      (s) => s.description === 'parentTransaction',
    );
    const parent = parentKey ? (current as Record<symbol, unknown>)[parentKey] : undefined;
    if (!parent || (typeof parent !== 'object' && typeof parent !== 'function')) return current;
    current = parent as object;
  }
}

/** The events a root transaction wrote, once it committed (empty when it wrote none). */
export function eventsWrittenIn(transaction: unknown): DomainEvent[] {
  if (!transaction || (typeof transaction !== 'object' && typeof transaction !== 'function')) return [];
  return writtenByTransaction.get(transaction as object) ?? [];
}

/** What a dialect does around the writing of a transaction's events, on its connection, before COMMIT. */
export interface EventWritingHooks {
  /** Before the first event row of the transaction is inserted (PostgreSQL: the commit-order lock). */
  beforeWrite(em: EntityManager, transaction: object): Promise<void>;
  /** After the rows are inserted, still in the transaction (PostgreSQL: NOTIFY, delivered only on commit). */
  afterWrite(em: EntityManager, transaction: object, written: DomainEvent[]): Promise<void>;
  /**
   * Writes a transaction's pending rows in place of beforeWrite, one insert per row and afterWrite: the same
   * effect in one statement (PostgreSQL), answering each row's sequence in the rows' order.
   */
  writeRows?(em: EntityManager, transaction: object, rows: EventRow[]): Promise<number[]>;
}

/** An event's row as written to the stream, without its sequence (drawn by the insert). */
export type EventRow = Omit<DomainEvent, 'sequence'>;

/**
 * Writes each transaction's pending events as its last statements before COMMIT, on its connection: they
 * commit or roll back with the change. The hooks run in the transaction too. Registered once per ORM
 * (db/orm.ts). An event persisted by a flush outside any transaction is inserted by the flush's own
 * transaction: the hooks run at its start and before its commit.
 */
export function registerEventWriting(orm: MikroORM, hooks?: EventWritingHooks): void {
  const subscriber: EventSubscriber = {
    afterTransactionStart: async ({ em, transaction, uow }: TransactionEventArgs) => {
      if (transaction && hooks && flushedEvents(uow).length > 0) await hooks.beforeWrite(em, transaction);
    },
    beforeTransactionCommit: async ({ em, transaction, uow }: TransactionEventArgs) => {
      if (!transaction) return;
      const flushed = flushedEvents(uow);
      if (flushed.length > 0) await hooks?.afterWrite(em, transaction as object, flushed);
      const pending = pendingByTransaction.get(transaction as object);
      if (!pending?.length) return;
      pendingByTransaction.delete(transaction as object);
      // What the rows need is read before the commit-order lock is taken: the lock is held to COMMIT.
      for (const event of pending) await event.prepare?.(em, transaction as object);
      const rows = pending.map(rowOf);
      const written: DomainEvent[] = [];
      if (hooks?.writeRows) {
        const sequences = await hooks.writeRows(em, transaction as object, rows);
        for (const [index, row] of rows.entries())
          written.push(Object.assign(new DomainEvent(), row, { sequence: sequences[index]! }));
        writtenByTransaction.set(transaction as object, written);
        return;
      }
      await hooks?.beforeWrite(em, transaction as object);
      for (const row of rows) {
        const sequence = await em.insert(DomainEvent, row as DomainEvent, { ctx: transaction });
        written.push(Object.assign(new DomainEvent(), row, { sequence: Number(sequence) }));
      }
      writtenByTransaction.set(transaction as object, written);
      await hooks?.afterWrite(em, transaction as object, written);
    },
    afterTransactionRollback: ({ transaction }: TransactionEventArgs) => {
      if (transaction) pendingByTransaction.delete(transaction as object);
    },
  };
  orm.em.getEventManager().registerSubscriber(subscriber);
}

/** The events a flush's own transaction inserts (persisted outside a transaction). */
function flushedEvents(uow: TransactionEventArgs['uow']): DomainEvent[] {
  const rows: DomainEvent[] = [];
  for (const change of uow?.getChangeSets() ?? []) {
    if (change.type === ChangeSetType.CREATE && change.entity instanceof DomainEvent)
      rows.push(change.entity);
  }
  return rows;
}
