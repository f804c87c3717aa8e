import { randomBytes } from 'node:crypto';
import { type EntityManager, LockMode, type MikroORM, raw } from '@mikro-orm/core';
import { Webhook } from 'standardwebhooks';
import { BackgroundPasses } from '../background-passes.js';
import type { WebhookSettings } from '../config.js';
import type { Clock } from '../db/clock.js';
import { DomainEvent } from '../events/domain-event.entity.js';
import type { EventBus } from '../events/event-bus.js';
import { wireName } from '../events/event-type.js';
import { type Logger, loggedError } from '../logger.js';
import { type PostOutcome, postWebhook } from './sender.js';
import {
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookFanoutMark,
} from './webhook.entity.js';

/** Every server on one database is one process group: one mark. */
const PROCESS_GROUP = 'webhooks';
/** Events read per fan-out transaction. */
const FANOUT_BATCH = 500;
/** Deliveries claimed, and sent side by side, per pass. */
const DELIVERY_BATCH = 50;
/** The longest wait between two retries. */
const MAX_RETRY_DELAY_MS = 6 * 3_600_000;
/**
 * On PostgreSQL a transaction that took a lower sequence may commit after one that took a higher: fan-out
 * does not pass a missing sequence while a transaction that may have taken it is still running. When it first
 * sees the gap it notes the transactions then holding a transaction id in this database (only they can have
 * written a row of this database's stream; other databases' transactions on the same server do not count);
 * once none of them is still running, a sequence still missing was rolled back and is passed. As a bound, a
 * gap is passed anyway after GAP_WAIT_MS (a writer running that long).
 */
const GAP_WAIT_MS = 5_000;
/** How soon a pass stopped at a gap looks again (the transactions it waits for are usually just committing). */
const GAP_RECHECK_MS = 25;

/** A body as Standard Webhooks recommends: the wire type, when it happened, and the event's data. */
export function webhookBody(event: DomainEvent): string {
  return JSON.stringify({
    type: wireName(event.type),
    timestamp: event.occurredAt.toISOString(),
    data: event.payload,
  });
}

/** The stream's last sequence (0 when empty). */
export async function lastSequence(em: EntityManager): Promise<number> {
  const last = await em.findOne(
    DomainEvent,
    { sequence: { $gt: 0 } },
    { orderBy: { sequence: 'desc' }, fields: ['sequence'] },
  );
  return last?.sequence ?? 0;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function testMessageId(): string {
  return `msg_test_${randomBytes(12).toString('hex')}`;
}

/**
 * Delivers the event stream to webhook endpoints, inside the server process. Fan-out reads new events past
 * the process group's mark and makes one delivery per endpoint that wants it, moving the mark in the same
 * transaction; the delivery pass claims due deliveries (on PostgreSQL with FOR UPDATE SKIP LOCKED, so each
 * is sent by one process), the oldest unfinished one per endpoint and subject only (in order per order
 * number), and records each attempt. Woken by this process's commits (the event bus), by timers for
 * retries, and by a poll for what other processes committed.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private readonly background = new BackgroundPasses(
    () => this.pass(),
    (error) => this.logger.error({ err: loggedError(error) }, 'webhook pass failed'),
  );
  private unsubscribe: (() => void) | undefined;
  /** Whether any endpoint may exist: with none, a commit wakes nothing (no query per order change). */
  private endpointsExist = false;
  /** Counts endpointsChanged calls: a poll's count read before one of them does not overrule it. */
  private endpointsChanges = 0;
  /** Missing sequences: when first seen, and the transactions of this database running then (PostgreSQL). */
  private readonly gapsSeen = new Map<number, { at: number; running: string[] }>();
  private readonly postgres: boolean;
  /** Whether the earliest retry may have changed since it was last looked up. */
  private retriesMayHaveChanged = true;
  /** The events fan-out read lately, by sequence: their deliveries are sent without reading them again. */
  private readonly recentEvents = new Map<number, DomainEvent>();

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
    readonly settings: WebhookSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.postgres = orm.em.getPlatform().constructor.name.toLowerCase().includes('postgre');
  }

  /** A worker already working: its mark made, listening to the bus, polling. */
  static async started(...args: ConstructorParameters<typeof WebhookWorker>): Promise<WebhookWorker> {
    const worker = new WebhookWorker(...args);
    await worker.start();
    return worker;
  }

  async start(): Promise<void> {
    await this.ensureMark();
    this.unsubscribe = this.events.subscribe(() => {
      if (this.endpointsExist) this.wake();
    });
    this.timer = setInterval(() => this.poll(), this.settings.pollIntervalMs);
    this.timer.unref();
    this.poll();
  }

  /** An endpoint was made or enabled through this process: commits wake the worker from now on. */
  endpointsChanged(): void {
    this.endpointsChanges += 1;
    this.retriesMayHaveChanged = true;
    this.endpointsExist = true;
    this.wake();
  }

  private poll(): void {
    if (this.stopped) return;
    this.retriesMayHaveChanged = true;
    const changes = this.endpointsChanges;
    this.orm.em
      .fork()
      .count(WebhookEndpoint, { enabled: true })
      .then((count) => {
        if (changes === this.endpointsChanges) this.endpointsExist = count > 0;
        if (this.endpointsExist) this.wake();
      })
      .catch((error) => this.logger.error({ err: loggedError(error) }, 'webhook poll failed'));
  }

  /** Runs a fan-out and delivery pass in the background; a wake during one makes one more after it. */
  wake(): void {
    this.background.wake();
  }

  async settled(): Promise<void> {
    await this.background.settled();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.gapTimer);
    await this.background.stop();
  }

  private get stopped(): boolean {
    return this.background.stopped;
  }

  private async pass(): Promise<void> {
    while ((await this.fanOut()) > 0 && !this.stopped);
    while ((await this.deliverDue()) > 0 && !this.stopped);
    // The next retry moves only when an attempt failed here or another process may have made one (the poll).
    if (this.retriesMayHaveChanged) {
      this.retriesMayHaveChanged = false;
      await this.scheduleNextRetry();
    }
  }

  /** The mark starts at the stream's end: a new database's endpoints hear of what happens from now on. */
  private async ensureMark(): Promise<void> {
    const em = this.orm.em.fork();
    if (await em.findOne(WebhookFanoutMark, { processGroup: PROCESS_GROUP })) return;
    try {
      await em.insert(WebhookFanoutMark, { processGroup: PROCESS_GROUP, sequence: await lastSequence(em) });
    } catch {
      // Another process of the group made it first.
    }
  }

  /** One fan-out transaction: deliveries for the events past the mark, and the mark moved past them. */
  async fanOut(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const mark = await em.findOneOrFail(
        WebhookFanoutMark,
        { processGroup: PROCESS_GROUP },
        {
          // Fan-outs of the group's processes take turns: each event's deliveries are made once.
          ...(this.postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
        },
      );
      // Read, not managed: the commit flushes nothing but what is written here on purpose.
      const events = await em.find(
        DomainEvent,
        { sequence: { $gt: mark.sequence } },
        { orderBy: { sequence: 'asc' }, limit: FANOUT_BATCH, disableIdentityMap: true },
      );
      if (events.length === 0) return 0;
      const endpoints = await em.find(
        WebhookEndpoint,
        { enabled: true },
        { populate: ['ownerApiKey'], disableIdentityMap: true },
      );
      const now = this.clock.now();
      let passed = mark.sequence;
      const rows: Partial<WebhookDelivery>[] = [];
      let atGap = false;
      for (const event of events) {
        if (event.sequence !== passed + 1 && !(await this.gapOld(em, passed + 1, now.getTime()))) {
          atGap = true;
          break;
        }
        for (const endpoint of endpoints) {
          if (!wants(endpoint, event)) continue;
          rows.push(this.newDelivery(em, endpoint, event, now));
        }
        passed = event.sequence;
        this.recentEvents.set(event.sequence, event);
      }
      for (const sequence of this.recentEvents.keys()) {
        if (this.recentEvents.size <= 2 * FANOUT_BATCH) break;
        this.recentEvents.delete(sequence);
      }
      if (rows.length > 0) await em.insertMany(WebhookDelivery, rows as WebhookDelivery[]);
      const moved = passed - mark.sequence;
      if (moved > 0) {
        await em.nativeUpdate(WebhookFanoutMark, { processGroup: PROCESS_GROUP }, { sequence: passed });
        for (const sequence of this.gapsSeen.keys()) if (sequence <= passed) this.gapsSeen.delete(sequence);
      }
      if (atGap && !this.gapTimer) {
        // Waiting for a gap to fill or to age: look again when it may have.
        this.gapTimer = setTimeout(() => {
          this.gapTimer = undefined;
          this.wake();
        }, GAP_RECHECK_MS);
        this.gapTimer.unref();
      }
      return moved > 0 && events.length === FANOUT_BATCH ? moved : 0;
    });
  }

  /** Whether a missing sequence has been missing long enough to be a rolled-back transaction's. */
  private async gapOld(em: EntityManager, sequence: number, now: number): Promise<boolean> {
    if (!this.postgres) return true; // SQLite's writers commit one at a time, in sequence order.
    const first = this.gapsSeen.get(sequence);
    let ended: boolean;
    if (first === undefined) {
      // A transaction takes its id at its first write, the statement that takes the sequence: a writer of the
      // missing row holds one now.
      const running = await this.runningTransactions(em, null);
      this.gapsSeen.set(sequence, { at: now, running });
      ended = running.length === 0;
    } else {
      ended =
        now - first.at >= GAP_WAIT_MS || (await this.runningTransactions(em, first.running)).length === 0;
    }
    if (!ended) return false;
    // The events were read before: a writer that committed since has its row now (read committed: this
    // statement sees it), to be read by the next pass rather than passed.
    const committed = await em.count(DomainEvent, { sequence });
    return committed === 0;
  }

  /** The ids of the transactions running in this database (besides this one); of `among` only, when given. */
  private async runningTransactions(em: EntityManager, among: string[] | null): Promise<string[]> {
    if (among?.length === 0) return [];
    const rows = await em.getConnection().execute<{ xid: string }[]>(
      `select backend_xid::text as xid from pg_stat_activity
        where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()
          ${among ? `and backend_xid::text = any(string_to_array(?, ','))` : ''}`,
      among ? [among.join(',')] : [],
      'all',
      em.getTransactionContext(),
    );
    return rows.map((row: { xid: string }) => row.xid);
  }

  private newDelivery(
    em: EntityManager,
    endpoint: WebhookEndpoint,
    event: DomainEvent,
    now: Date,
  ): Partial<WebhookDelivery> {
    return {
      endpoint: em.getReference(WebhookEndpoint, endpoint.id),
      eventSequence: event.sequence,
      messageId: event.eventId,
      eventType: wireName(event.type),
      subject: event.subject,
      body: null,
      status: WebhookDeliveryStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      claimedUntil: null,
      giveUpAt: new Date(now.getTime() + this.settings.maxRetryHours * 3_600_000),
      createdAt: now,
    };
  }

  /** Claims due deliveries and sends them side by side; answers how many it sent. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const em = this.orm.em.fork();
    const sequences = claimed.map((d) => d.eventSequence).filter((s): s is number => s != null);
    const events = new Map<number, DomainEvent>();
    for (const sequence of sequences) {
      const event = this.recentEvents.get(sequence);
      if (event) events.set(sequence, event);
    }
    const unread = sequences.filter((sequence) => !events.has(sequence));
    if (unread.length > 0)
      for (const event of await em.find(
        DomainEvent,
        { sequence: { $in: unread } },
        { disableIdentityMap: true },
      ))
        events.set(event.sequence, event);
    // Outcomes are recorded as they come, several to a transaction: the worker holds one pooled connection
    // at a time, however many requests are in flight (the API's requests need the others).
    const outcomes: [WebhookDelivery, PostOutcome][] = [];
    let recording: Promise<void> | null = null;
    const drain = async (): Promise<void> => {
      while (outcomes.length > 0) await this.record(outcomes.splice(0));
    };
    await Promise.all(
      claimed.map(async (delivery) => {
        outcomes.push([delivery, await this.send(delivery, events)]);
        recording ??= drain().finally(() => {
          recording = null;
        });
      }),
    );
    while (recording) await recording;
    await drain();
    return claimed.length;
  }

  /**
   * Due deliveries whose endpoint is enabled and that no older unfinished delivery of the same endpoint and
   * subject precedes, marked as being sent until the attempt's timeout has passed: one statement (an
   * UPDATE of the rows a sub-select picks, returning them; on PostgreSQL the sub-select skips rows another
   * process is claiming), then their endpoints. The partial index of unfinished deliveries
   * (webhook_delivery_unfinished_index) serves both the pick and its "no older one" check.
   */
  private async claim(): Promise<WebhookDelivery[]> {
    const em = this.orm.em.fork();
    const at = (date: Date) => em.getPlatform().processDateProperty(date);
    const now = this.clock.now();
    const claimedUntil = new Date(now.getTime() + this.settings.timeoutMs + 60_000);
    const rows: Record<string, unknown>[] = await em.getConnection().execute(
      `update webhook_delivery set claimed_until = ? where id in (
        select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
        where d.status in ('PENDING', 'FAILED') and e.enabled and d.next_attempt_at <= ?
          and (d.claimed_until is null or d.claimed_until < ?)
          and not exists (select 1 from webhook_delivery o where o.endpoint_id = d.endpoint_id
            and o.subject = d.subject and o.id < d.id and o.status in ('PENDING', 'FAILED'))
        order by d.id limit ${DELIVERY_BATCH}${this.postgres ? ' for update of d skip locked' : ''})
      returning *`,
      [at(claimedUntil), at(now), at(now)],
    );
    if (rows.length === 0) return [];
    const claimed: WebhookDelivery[] = rows
      .map((row) => em.map(WebhookDelivery, row))
      .sort((x, y) => x.id - y.id);
    await em.find(WebhookEndpoint, { id: { $in: [...new Set(claimed.map((d) => d.endpoint.id))] } });
    return claimed;
  }

  /** One attempt of a claimed delivery; never throws (a failure is an outcome with its error). */
  private async send(delivery: WebhookDelivery, events: Map<number, DomainEvent>): Promise<PostOutcome> {
    const endpoint = delivery.endpoint;
    try {
      const event = delivery.eventSequence != null ? events.get(delivery.eventSequence) : undefined;
      const body = event ? webhookBody(event) : JSON.stringify(delivery.body ?? {});
      const signature = new Webhook(endpoint.secret).sign(delivery.messageId, this.clock.now(), body);
      return await postWebhook(
        endpoint.url,
        {
          'content-type': 'application/json',
          'user-agent': 'MTO-Configurator-Webhooks/1',
          'webhook-id': delivery.messageId,
          // The timestamp signed: Webhook.sign puts seconds in the signed content.
          'webhook-timestamp': String(Math.floor(this.clock.now().getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        { timeoutMs: this.settings.timeoutMs, allowPrivateNetworks: this.settings.allowPrivateNetworks },
      );
    } catch (error) {
      return {
        durationMs: 0,
        responseStatus: null,
        responseBodyStart: null,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      };
    }
  }

  /**
   * Records attempts' outcomes in one transaction; when that fails (an endpoint deleted meanwhile, say), one
   * by one, so that the others are kept. One not recorded is logged: its claim expires and it is sent again.
   */
  private async record(batch: [WebhookDelivery, PostOutcome][]): Promise<void> {
    try {
      await this.orm.em.fork().transactional(async (em) => {
        // Successes, the common case, in three statements however many; failures one by one.
        const succeeded = batch.filter(([, outcome]) => isSuccess(outcome));
        if (succeeded.length > 0) await this.recordSuccesses(em, succeeded);
        for (const [delivery, outcome] of batch)
          if (!isSuccess(outcome)) await this.recordOne(em, delivery, outcome);
      });
      return;
    } catch (error) {
      if (batch.length === 1) {
        this.logger.warn(
          { err: loggedError(error), delivery: batch[0]![0].id },
          'webhook attempt not recorded',
        );
        return;
      }
    }
    for (const item of batch) await this.record([item]);
  }

  private async recordSuccesses(em: EntityManager, batch: [WebhookDelivery, PostOutcome][]): Promise<void> {
    const now = this.clock.now();
    await em.nativeUpdate(
      WebhookDelivery,
      { id: { $in: batch.map(([delivery]) => delivery.id) } },
      { status: WebhookDeliveryStatus.SUCCEEDED, attempts: raw('attempts + 1'), claimedUntil: null },
    );
    await em.insertMany(
      WebhookAttempt,
      batch.map(
        ([delivery, outcome]) =>
          ({
            delivery: em.getReference(WebhookDelivery, delivery.id),
            at: now,
            durationMs: outcome.durationMs,
            succeeded: true,
            responseStatus: outcome.responseStatus,
            responseBodyStart: outcome.responseBodyStart,
            error: null,
          }) as WebhookAttempt,
      ),
    );
    // An endpoint failing when claimed is failing no more (one that was not needs no statement).
    const failing = batch.filter(([delivery]) => delivery.endpoint.failingSince != null);
    if (failing.length === 0) return;
    await em.nativeUpdate(
      WebhookEndpoint,
      {
        id: { $in: [...new Set(failing.map(([delivery]) => delivery.endpoint.id))] },
        failingSince: { $ne: null },
      },
      { failingSince: null },
    );
  }

  private async recordOne(em: EntityManager, delivery: WebhookDelivery, outcome: PostOutcome): Promise<void> {
    const now = this.clock.now();
    const succeeded =
      outcome.error === null &&
      outcome.responseStatus !== null &&
      outcome.responseStatus >= 200 &&
      outcome.responseStatus < 300;
    const error =
      outcome.error ??
      (outcome.responseStatus !== null && outcome.responseStatus >= 300 && outcome.responseStatus < 400
        ? `answered ${outcome.responseStatus}: redirects are not followed`
        : null);
    const attempts = delivery.attempts + 1;
    let status: WebhookDeliveryStatus = WebhookDeliveryStatus.SUCCEEDED;
    let nextAttemptAt = delivery.nextAttemptAt;
    if (!succeeded) {
      const wait = Math.min(MAX_RETRY_DELAY_MS, this.settings.retryDelayMs * 2 ** (attempts - 1));
      // Jitter: retries of many deliveries that failed together do not all come back at once.
      nextAttemptAt = new Date(now.getTime() + Math.round(wait * (0.8 + Math.random() * 0.4)));
      status =
        nextAttemptAt.getTime() > delivery.giveUpAt.getTime()
          ? WebhookDeliveryStatus.GAVE_UP
          : WebhookDeliveryStatus.FAILED;
    }
    {
      await em.nativeUpdate(
        WebhookDelivery,
        { id: delivery.id },
        { status, attempts, nextAttemptAt, claimedUntil: null },
      );
      await em.insert(WebhookAttempt, {
        delivery: em.getReference(WebhookDelivery, delivery.id),
        at: now,
        durationMs: outcome.durationMs,
        succeeded,
        responseStatus: outcome.responseStatus,
        responseBodyStart: outcome.responseBodyStart,
        error,
      } as WebhookAttempt);
      const endpointId = delivery.endpoint.id;
      if (succeeded) {
        await em.nativeUpdate(
          WebhookEndpoint,
          { id: endpointId, failingSince: { $ne: null } },
          { failingSince: null },
        );
        return;
      }
      await em.nativeUpdate(WebhookEndpoint, { id: endpointId, failingSince: null }, { failingSince: now });
      // The batch's later successes of this endpoint then clear it (recordSuccesses reads it from here).
      delivery.endpoint.failingSince ??= now;
      this.retriesMayHaveChanged = true;
      const endpoint = await em.findOne(WebhookEndpoint, endpointId, { refresh: true });
      if (
        endpoint?.enabled &&
        endpoint.failingSince &&
        now.getTime() - endpoint.failingSince.getTime() >= this.settings.disableAfterMs
      ) {
        endpoint.enabled = false;
        endpoint.disabledAt = now;
        endpoint.disabledReason = (
          `Every delivery failed since ${endpoint.failingSince.toISOString()} (last: ${error ?? `answered ${outcome.responseStatus}`}). ` +
          'Fix the endpoint, then enable it: the deliveries waiting are sent again.'
        ).slice(0, 500);
        this.logger.warn({ endpoint: endpointId }, 'webhook endpoint disabled: failing too long');
        await em.flush();
      }
    }
  }

  /** Wakes when the earliest retry is due (sooner than the poll would). */
  private async scheduleNextRetry(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    // Only future ones: a due delivery still here waits for an older one of its subject, which has its own time.
    const next = await this.orm.em.fork().findOne(
      WebhookDelivery,
      {
        status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.FAILED] },
        nextAttemptAt: { $gt: now },
        endpoint: { enabled: true },
      },
      { orderBy: { nextAttemptAt: 'asc' }, fields: ['nextAttemptAt'] },
    );
    clearTimeout(this.retryTimer);
    if (!next) return;
    const wait = next.nextAttemptAt.getTime() - now.getTime();
    this.retryTimer = setTimeout(
      () => {
        // Once this retry is sent, the next one is looked up.
        this.retriesMayHaveChanged = true;
        this.wake();
      },
      Math.min(Math.max(wait, 10), 2 ** 31 - 1),
    );
    this.retryTimer.unref();
  }
}

/** A 2xx answer. */
function isSuccess(outcome: PostOutcome): boolean {
  return (
    outcome.error === null &&
    outcome.responseStatus !== null &&
    outcome.responseStatus >= 200 &&
    outcome.responseStatus < 300
  );
}

/** Whether an endpoint hears of an event: a type it wants, an account it may see, after it was made. */
function wants(endpoint: WebhookEndpoint, event: DomainEvent): boolean {
  if (event.sequence <= endpoint.startSequence) return false;
  if (!endpoint.eventTypes.includes(event.type)) return false;
  if (endpoint.ownerApiKey?.revokedAt) return false;
  const accountId = endpoint.account?.id ?? null;
  // A key hears what it may read: a key bound to no account reads no orders (order-access.ts), so it hears
  // no events; an admin's endpoint hears every account's.
  if (accountId === null) return !endpoint.ownerApiKey;
  return accountId === (event.accountId ?? null);
}
