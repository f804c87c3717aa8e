import { ChangeSetType, type MikroORM } from '@mikro-orm/core';
import type { Logger } from '../logger.js';
import { loggedError } from '../logger.js';
import { DomainEvent, type EventSubjectKind } from './domain-event.entity.js';
import type { EventType } from './event-type.js';
import { eventsWrittenIn } from './record.js';

/** A committed event as listeners in this process hear of it. */
export interface PublishedEvent {
  sequence: number;
  id: string;
  type: EventType;
  occurredAt: Date;
  accountId: number | null;
  subjectKind: EventSubjectKind;
  subject: string;
  data: Record<string, unknown>;
}

export interface EventBus {
  /** Called once per committed event, in sequence order within each commit, in every process. */
  subscribe(listener: (event: PublishedEvent) => void): () => void;
  close(): Promise<void>;
}

export function publishedOf(row: DomainEvent): PublishedEvent {
  return {
    sequence: Number(row.sequence),
    id: row.eventId,
    type: row.type,
    occurredAt: row.occurredAt,
    accountId: row.accountId ?? null,
    subjectKind: row.subjectKind,
    subject: row.subject,
    data: row.payload,
  };
}

/**
 * Tells this process's listeners of the events its own transactions committed, right after each commit.
 * (Events committed by other processes reach them through the database: see the PostgreSQL bus.)
 */
export class LocalEventBus implements EventBus {
  private readonly listeners = new Set<(event: PublishedEvent) => void>();
  private closed = false;

  constructor(
    orm: MikroORM,
    private readonly logger: Logger,
  ) {
    orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: ({ transaction, uow }) => {
        if (this.closed) return;
        const written = [...eventsWrittenIn(transaction)];
        for (const change of uow?.getChangeSets() ?? []) {
          if (change.type === ChangeSetType.CREATE && change.entity instanceof DomainEvent)
            written.push(change.entity);
        }
        for (const row of written) this.publish(publishedOf(row));
      },
    });
  }

  subscribe(listener: (event: PublishedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hands one event to every listener; a listener's failure is logged and never reaches the committer. */
  publish(event: PublishedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: loggedError(error), event: event.id }, 'event listener failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}
