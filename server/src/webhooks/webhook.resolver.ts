import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Allow, ApiScope, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import {
  createWebhookEndpointInput,
  deliveryCursor,
  deliveryId,
  deliveryPageSize,
  updateWebhookEndpointInput,
  webhookId,
} from './webhook.inputs.js';
import {
  CreateWebhookEndpointInput,
  toWebhookDelivery,
  toWebhookEndpoint,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointCreated,
} from './webhook.types.js';

/** Admins manage every endpoint; a key with webhooks:manage the ones it registered. */
const MANAGE = { users: [Role.ADMIN], scope: ApiScope.WEBHOOKS_MANAGE } as const;
const DEFAULT_DELIVERY_PAGE = 20;

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], {
    description: 'The webhook endpoints the caller manages (an admin: all; a key: its own), newest first.',
  })
  @Allow(MANAGE)
  async webhookEndpoints(@Ctx() { webhooks, viewer }: RequestContext): Promise<WebhookEndpoint[]> {
    return (await webhooks.list(viewer)).map(toWebhookEndpoint);
  }

  @Query(() => WebhookEndpoint, { description: 'One endpoint; NOT_FOUND when it is not the caller’s.' })
  @UseMiddleware(ValidArgs({ id: webhookId }))
  @Allow(MANAGE)
  async webhookEndpoint(
    @Arg('id', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await webhooks.get(viewer, id));
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'The delivery log, newest first: each delivery’s status and attempts.',
  })
  @UseMiddleware(ValidArgs({ first: deliveryPageSize, after: deliveryCursor }))
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when left out.' }) first:
      | number
      | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { webhooks }: RequestContext,
  ): Promise<WebhookDeliveryConnection> {
    const page = await webhooks.deliveries(endpoint.id, first ?? DEFAULT_DELIVERY_PAGE, after ?? null);
    return {
      nodes: page.deliveries.map(({ delivery, attempts }) => toWebhookDelivery(delivery, attempts)),
      endCursor: page.endCursor,
      hasMore: page.hasMore,
    };
  }

  @Mutation(() => WebhookEndpointCreated, {
    description:
      'Registers an endpoint; the answer holds its signing secret, shown this once. A URL that is not https, or points at a private address, is a BAD_USER_INPUT error naming input.url.',
  })
  @UseMiddleware(ValidArgs({ input: createWebhookEndpointInput }))
  @Allow(MANAGE)
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookEndpointCreated> {
    const { endpoint, secret } = await webhooks.create(viewer, input);
    return { endpoint: toWebhookEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookEndpoint, { description: 'Changes an endpoint’s URL, event types or description.' })
  @UseMiddleware(ValidArgs({ id: webhookId, input: updateWebhookEndpointInput }))
  @Allow(MANAGE)
  async updateWebhookEndpoint(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(
      await webhooks.update(viewer, id, {
        url: input.url ?? undefined,
        eventTypes: input.eventTypes ?? undefined,
        ...(input.description !== undefined ? { description: input.description } : {}),
      }),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes an endpoint and its delivery log.' })
  @UseMiddleware(ValidArgs({ id: webhookId }))
  @Allow(MANAGE)
  async deleteWebhookEndpoint(
    @Arg('id', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<boolean> {
    return webhooks.delete(viewer, id);
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'Enables a disabled endpoint: the deliveries that waited are sent again.',
  })
  @UseMiddleware(ValidArgs({ id: webhookId }))
  @Allow(MANAGE)
  async enableWebhookEndpoint(
    @Arg('id', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await webhooks.enable(viewer, id));
  }

  @Mutation(() => WebhookEndpointCreated, {
    description: 'Gives an endpoint a new secret (shown this once); the old one no longer signs.',
  })
  @UseMiddleware(ValidArgs({ id: webhookId }))
  @Allow(MANAGE)
  async rotateWebhookSecret(
    @Arg('id', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookEndpointCreated> {
    const { endpoint, secret } = await webhooks.rotateSecret(viewer, id);
    return { endpoint: toWebhookEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Queues one more attempt of a delivery now (with a new retry window).',
  })
  @UseMiddleware(ValidArgs({ deliveryId }))
  @Allow(MANAGE)
  async redeliverWebhook(
    @Arg('deliveryId', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookDelivery> {
    return toWebhookDelivery(await webhooks.redeliver(viewer, id), []);
  }

  @Mutation(() => WebhookDelivery, {
    description:
      'Queues a signed `webhook.test` ping to the endpoint; its outcome shows in the delivery log.',
  })
  @UseMiddleware(ValidArgs({ id: webhookId }))
  @Allow(MANAGE)
  async sendTestWebhook(
    @Arg('id', () => Int) id: number,
    @Ctx() { webhooks, viewer }: RequestContext,
  ): Promise<WebhookDelivery> {
    return toWebhookDelivery(await webhooks.sendTest(viewer, id), []);
  }
}
