import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Allow, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { apiKeyId, createApiKeyInput, updateApiKeyInput } from './api-key.inputs.js';
import type { ApiKeyChange } from './api-key.service.js';
import { ApiKey, CreateApiKeyInput, CreatedApiKey, toApiKey, UpdateApiKeyInput } from './api-key.types.js';
import { User } from './user.entity.js';

const ADMIN_ONLY = { users: [Role.ADMIN], scope: null } as const;

/** Partners' API keys, managed by admins (no key may manage keys). */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], {
    description: 'Every API key, newest first, revoked ones too. Never their secrets.',
  })
  @Allow(ADMIN_ONLY)
  async apiKeys(@Ctx() { apiKeys }: RequestContext): Promise<ApiKey[]> {
    return (await apiKeys.list()).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, {
    description:
      'Creates a key for a customer account or a partner; the answer holds its secret, shown this once. ' +
      'Bad input is a BAD_USER_INPUT error naming the field; an unknown account NOT_FOUND.',
  })
  @UseMiddleware(ValidArgs({ input: createApiKeyInput }))
  @Allow(ADMIN_ONLY)
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() { apiKeys, viewer, em }: RequestContext,
  ): Promise<CreatedApiKey> {
    const { key, secret } = await apiKeys.createFor({
      name: input.name,
      accountId: input.accountId ?? null,
      partnerName: input.partnerName ?? null,
      scopes: input.scopes,
      requestsPerMinute: input.requestsPerMinute ?? undefined,
      allowedOrigins: input.allowedOrigins ?? [],
      createdBy: viewer.kind === 'user' ? em.getReference(User, viewer.userId) : null,
    });
    await em.populate(key, ['account', 'createdBy']);
    return { key: toApiKey(key), secret };
  }

  @Mutation(() => ApiKey, {
    description:
      'Changes a key’s name, limit or origins (at once, in this server). A revoked key stays as it is.',
  })
  @UseMiddleware(ValidArgs({ id: apiKeyId, input: updateApiKeyInput }))
  @Allow(ADMIN_ONLY)
  async updateApiKey(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateApiKeyInput) input: UpdateApiKeyInput,
    @Ctx() { apiKeys, actor }: RequestContext,
  ): Promise<ApiKey> {
    const change: ApiKeyChange = {};
    if (input.name != null) change.name = input.name;
    if (input.requestsPerMinute != null) change.requestsPerMinute = input.requestsPerMinute;
    if (input.allowedOrigins != null) change.allowedOrigins = input.allowedOrigins;
    return toApiKey(await apiKeys.update(id, change, actor));
  }

  @Mutation(() => ApiKey, {
    description:
      'Revokes a key: its next request is refused with 401. Revoking a revoked key changes nothing.',
  })
  @UseMiddleware(ValidArgs({ id: apiKeyId }))
  @Allow(ADMIN_ONLY)
  async revokeApiKey(
    @Arg('id', () => Int) id: number,
    @Ctx() { apiKeys, actor }: RequestContext,
  ): Promise<ApiKey> {
    return toApiKey(await apiKeys.revoke(id, actor));
  }
}
