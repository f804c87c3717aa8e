import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ApiKey } from '../accounts/api-key.entity.js';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { User } from '../accounts/user.entity.js';
import type { Clock } from '../db/clock.js';
import { badInput, notFound } from '../errors.js';
import type { EventType } from '../events/event-type.js';
import type { Viewer } from '../graphql/authorization.js';
import { bareHost, isLocalHost, isRefusedAddress, resolveHost } from './address-guard.js';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from './webhook.entity.js';
import { lastSequence, newWebhookSecret, testMessageId, type WebhookWorker } from './webhook-worker.js';

/** How long registration waits for the host's DNS answer (a host that does not resolve yet is accepted). */
const REGISTRATION_LOOKUP_MS = 2_000;

export interface EndpointInput {
  url: string;
  eventTypes: EventType[];
  description?: string | null;
}

/** A page of an endpoint's delivery log, newest first, with each delivery's attempts. */
export interface DeliveryPage {
  deliveries: { delivery: WebhookDelivery; attempts: WebhookAttempt[] }[];
  endCursor: string | null;
  hasMore: boolean;
}

/**
 * Webhook endpoints as their owners manage them: an admin manages every endpoint, an API key only those it
 * registered (another's is NOT_FOUND, as if it did not exist).
 */
export class WebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly worker: WebhookWorker,
  ) {}

  private visible(viewer: Viewer): FilterQuery<WebhookEndpoint> {
    if (viewer.kind === 'apiKey') return { ownerApiKey: viewer.keyId };
    return {};
  }

  list(viewer: Viewer): Promise<WebhookEndpoint[]> {
    return this.em.find(WebhookEndpoint, this.visible(viewer), { orderBy: { id: 'desc' } });
  }

  async get(viewer: Viewer, id: number, field = 'id'): Promise<WebhookEndpoint> {
    const endpoint = await this.em.findOne(WebhookEndpoint, { $and: [{ id }, this.visible(viewer)] });
    if (!endpoint) throw notFound(field, `There is no webhook endpoint ${id}`);
    return endpoint;
  }

  async create(viewer: Viewer, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.checkUrl(input.url, 'input.url');
    const secret = newWebhookSecret();
    const endpoint = this.em.create(WebhookEndpoint, {
      url: input.url,
      eventTypes: input.eventTypes,
      secret,
      description: input.description ?? null,
      ownerUser: viewer.kind === 'user' ? this.em.getReference(User, viewer.userId) : null,
      ownerApiKey: viewer.kind === 'apiKey' ? this.em.getReference(ApiKey, viewer.keyId) : null,
      account:
        viewer.kind === 'apiKey' && viewer.accountId !== null
          ? this.em.getReference(CustomerAccount, viewer.accountId)
          : null,
      startSequence: await lastSequence(this.em),
      enabled: true,
      createdAt: this.clock.now(),
    });
    await this.em.flush();
    this.worker.endpointsChanged();
    return { endpoint, secret };
  }

  async update(viewer: Viewer, id: number, input: Partial<EndpointInput>): Promise<WebhookEndpoint> {
    const endpoint = await this.get(viewer, id);
    if (input.url != null) {
      await this.checkUrl(input.url, 'input.url');
      endpoint.url = input.url;
    }
    if (input.eventTypes != null) endpoint.eventTypes = input.eventTypes;
    if (input.description !== undefined) endpoint.description = input.description;
    await this.em.flush();
    return endpoint;
  }

  async delete(viewer: Viewer, id: number): Promise<boolean> {
    const endpoint = await this.get(viewer, id);
    // Its deliveries and their attempts go with it (foreign keys ON DELETE CASCADE).
    await this.em.nativeDelete(WebhookEndpoint, { id: endpoint.id });
    return true;
  }

  /** Enables an endpoint (a disabled one's waiting deliveries are sent again, its failing window restarts). */
  async enable(viewer: Viewer, id: number): Promise<WebhookEndpoint> {
    const endpoint = await this.get(viewer, id);
    endpoint.enabled = true;
    endpoint.disabledAt = null;
    endpoint.disabledReason = null;
    endpoint.failingSince = null;
    await this.em.flush();
    this.worker.endpointsChanged();
    return endpoint;
  }

  async rotateSecret(viewer: Viewer, id: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.get(viewer, id);
    endpoint.secret = newWebhookSecret();
    await this.em.flush();
    return { endpoint, secret: endpoint.secret };
  }

  /** Sends a delivery once more (after its retries ran out, or at once): a new retry window from now. */
  async redeliver(viewer: Viewer, deliveryId: number): Promise<WebhookDelivery> {
    const delivery = await this.em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['endpoint'] });
    if (!delivery) throw notFound('deliveryId', `There is no webhook delivery ${deliveryId}`);
    await this.get(viewer, delivery.endpoint.id, 'deliveryId');
    const now = this.clock.now();
    delivery.status = WebhookDeliveryStatus.PENDING;
    delivery.nextAttemptAt = now;
    delivery.claimedUntil = null;
    delivery.giveUpAt = new Date(now.getTime() + this.worker.settings.maxRetryHours * 3_600_000);
    await this.em.flush();
    this.worker.wake();
    return delivery;
  }

  /** Queues a `webhook.test` ping to the endpoint, signed like every delivery. */
  async sendTest(viewer: Viewer, id: number): Promise<WebhookDelivery> {
    const endpoint = await this.get(viewer, id);
    const now = this.clock.now();
    const messageId = testMessageId();
    const delivery = this.em.create(WebhookDelivery, {
      endpoint,
      eventSequence: null,
      messageId,
      eventType: 'webhook.test',
      subject: messageId,
      body: {
        type: 'webhook.test',
        timestamp: now.toISOString(),
        data: { version: 'v1', endpointId: endpoint.id },
      },
      status: WebhookDeliveryStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      claimedUntil: null,
      giveUpAt: new Date(now.getTime() + this.worker.settings.maxRetryHours * 3_600_000),
      createdAt: now,
    });
    await this.em.flush();
    this.worker.endpointsChanged();
    return delivery;
  }

  async deliveries(endpointId: number, first: number, after: string | null): Promise<DeliveryPage> {
    const before = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) : null;
    const rows = await this.em.find(
      WebhookDelivery,
      { endpoint: endpointId, ...(before ? { id: { $lt: before } } : {}) },
      { orderBy: { id: 'desc' }, limit: first + 1 },
    );
    const page = rows.slice(0, first);
    const attempts = page.length
      ? await this.em.find(
          WebhookAttempt,
          { delivery: { $in: page.map((d) => d.id) } },
          { orderBy: { id: 'asc' } },
        )
      : [];
    const byDelivery = new Map<number, WebhookAttempt[]>();
    for (const attempt of attempts) {
      const list = byDelivery.get(attempt.delivery.id) ?? [];
      list.push(attempt);
      byDelivery.set(attempt.delivery.id, list);
    }
    const last = page.at(-1);
    return {
      deliveries: page.map((delivery) => ({ delivery, attempts: byDelivery.get(delivery.id) ?? [] })),
      endCursor: last ? Buffer.from(String(last.id)).toString('base64url') : null,
      hasMore: rows.length > first,
    };
  }

  /**
   * Where a URL may point: not at a private, loopback or link-local address (unless the admin allowed
   * private networks); https, or http for this machine in development. The host is checked again at every
   * attempt (its DNS answer may change); one that does not resolve yet is accepted.
   */
  private async checkUrl(url: string, field: string): Promise<void> {
    const { allowPrivateNetworks, production } = this.worker.settings;
    const parsed = new URL(url);
    const host = bareHost(parsed);
    if (!allowPrivateNetworks) {
      const addresses = await Promise.race([
        resolveHost(host).catch(() => []),
        new Promise<[]>((resolve) => setTimeout(() => resolve([]), REGISTRATION_LOOKUP_MS).unref()),
      ]);
      const bad = addresses.find(({ address }) => isRefusedAddress(address));
      if (bad)
        throw badInput(
          field,
          `url points at ${bad.address}, a private, loopback or link-local address: refused (an admin may allow private networks with WEBHOOK_ALLOW_PRIVATE_NETWORKS)`,
        );
    }
    if (parsed.protocol === 'http:' && !(isLocalHost(host) && (!production || allowPrivateNetworks)))
      throw badInput(field, 'url must be https:// (http:// only for localhost in development)');
  }
}
