import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { claimWriter } from '../db/locking.js';
import { quoteTransition } from '../engine/index.js';
import { recordQuoteEvent } from '../events/record.js';
import { type Logger, loggedError } from '../logger.js';
import { Quote, QuoteEvent } from './quote.entity.js';

/** Who expires quotes, in their events. */
export const SYSTEM_ACTOR = 'system';

/**
 * Expires every SENT quote whose validity date has passed: each by a conditional update (`... WHERE id = ?
 * AND status = 'SENT'`) and its event in one transaction, so that when several server processes check at
 * once, exactly one of them moves each quote and records it. Returns the references it expired.
 */
export async function expireDueQuotes(em: EntityManager, clock: Clock): Promise<string[]> {
  const today = clock.today();
  const due = await em.fork().find(
    Quote,
    { status: 'SENT', validUntil: { $lt: today } },
    {
      // What the event's data tells besides: number, revision, account, and what its total is figured from.
      fields: [
        'currencyDigits',
        'headerDiscountPercent',
        'priceBasis',
        'taxRatePercent',
        'id',
        'reference',
        'validUntil',
        'contentRevision',
        'approvedRevision',
        'number',
        'revision',
        'account',
        'currency',
        'status',
      ],
      orderBy: { id: 'asc' },
    },
  );
  const expired: string[] = [];
  for (const quote of due) {
    // The engine's guard, as for every step: the system expires a sent quote past its date, inclusive.
    const step = quoteTransition('SENT', 'expire', {
      actor: 'system',
      today,
      validUntil: quote.validUntil,
      lineCount: 1,
      approvalNeeded: false,
      revision: quote.contentRevision,
      approvedRevision: quote.approvedRevision ?? null,
    });
    if (!step.ok) continue;
    const done = await em.fork().transactional(async (tx) => {
      await claimWriter(tx);
      const changed = await tx.nativeUpdate(
        Quote,
        { id: quote.id, status: 'SENT' },
        { status: step.to, updatedAt: clock.now() },
      );
      if (changed !== 1) return false;
      const at = clock.now();
      recordQuoteEvent(tx, quote as Quote, { kind: 'EXPIRED', fromStatus: 'SENT', toStatus: step.to }, at);
      tx.create(QuoteEvent, {
        quote: tx.getReference(Quote, quote.id),
        at,
        actor: SYSTEM_ACTOR,
        kind: 'EXPIRED',
        fromStatus: 'SENT',
        toStatus: step.to,
        message: `Expired: it was valid until ${quote.validUntil}, inclusive, and was not accepted`,
        onBehalf: false,
      });
      return true;
    });
    if (done) expired.push(quote.reference);
  }
  return expired;
}

export interface QuoteExpiryCheck {
  /** Runs one check now (what the timer runs); resolves when it is done. */
  runOnce(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * The server process's scheduled check: every `intervalMs`, expire what is due. One check at a time per
 * process (a slow one is not overlapped); stopping waits for the one under way.
 */
export function startQuoteExpiry(
  orm: MikroORM,
  clock: Clock,
  intervalMs: number,
  log: Logger,
): QuoteExpiryCheck {
  let running: Promise<string[]> | null = null;
  const runOnce = (): Promise<string[]> => {
    running ??= expireDueQuotes(orm.em.fork(), clock)
      .then((expired) => {
        if (expired.length > 0) log.info({ quotes: expired }, `expired ${expired.length} quotes`);
        return expired;
      })
      .catch((error: unknown) => {
        log.error(
          { err: loggedError(error) },
          'the quote expiry check failed; it runs again at the next interval',
        );
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  // The check never keeps the process alive on its own.
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
