import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MikroORM } from '@mikro-orm/core';
import { parse as parseCookies } from 'cookie';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ApiKeyService, type ResolvedApiKey, rememberedApiKey } from '../accounts/api-key.service.js';
import type { Clock } from '../db/clock.js';
import { ANONYMOUS, type Viewer } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { operationCost } from '../graphql/cost.js';
import { costRefusal, QUERY_LIMITS } from '../graphql/limits.js';
import { type ApiKeyRequestCounter, rateLimitedMessage } from '../http/api-key-rate-limit.js';
import { SESSION_COOKIE, sessionViewer } from '../http/viewer.js';
import type { Logger } from '../logger.js';
import type { EventPubSub } from './event-pubsub.js';
import type { SubscriptionContext } from './subscription.resolver.js';

/** What one WebSocket connection may hold, and how it is kept alive. */
export const SUBSCRIPTION_LIMITS = {
  /** Subscriptions open at once on one connection: a page needs a few; a client wanting more opens another. */
  maxPerConnection: 20,
  /** A ping this often; a connection that does not answer within as long again is cut (and its listeners freed). */
  keepAliveMs: 12_000,
  /** A connection that sends no connection_init within this is closed (4408). */
  connectionInitWaitMs: 5_000,
} as const;

/** The path subscriptions are served on: the same as queries and mutations. */
export const SUBSCRIPTIONS_PATH = '/graphql';

export interface SubscriptionServerOptions {
  /** The same schema as HTTP's (with its deadline per event). */
  schema: GraphQLSchema;
  eventStreams: EventPubSub;
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  /** The app's count of each key's requests (HTTP's too): a subscribe is one. */
  countKeyRequest: ApiKeyRequestCounter;
  /** The same depth, alias, directive and string rules as HTTP's. */
  validationRules: readonly ValidationRule[];
  /** A request's context for this caller (the services and loaders HTTP requests get). */
  contextOf(viewer: Viewer, clientIp: string, log: Logger): RequestContext;
  /** The same error formatting as HTTP's: domain errors' codes, the rest logged and shown as internal. */
  formatError(error: GraphQLError, log: Logger): GraphQLFormattedError;
  keepAliveMs?: number;
}

export interface SubscriptionServer {
  /** WebSocket connections open now. */
  readonly connections: number;
  /** Closes every connection (1001 Going away: clients reconnect elsewhere) and frees their listeners. */
  close(): Promise<void>;
}

/** What a connection learnt at its start: who calls, and where from. */
type Caller = {
  viewer?: Viewer;
  apiKey?: ResolvedApiKey;
  log?: Logger;
};

type ConnectionExtra = Extra & Caller;

/** The Origin of an upgrade from another site (null: same-origin or none, as for HTTP's isSameOrigin). */
function foreignOrigin(request: IncomingMessage): string | null {
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  try {
    return new URL(origin).host === request.headers.host ? null : origin;
  } catch {
    return origin;
  }
}

function refused(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, subprotocol graphql-transport-ws) on the HTTP server's
 * own port and path. The caller is settled at connection_init, by the same rules as HTTP: an API key in
 * `connectionParams.authorization` ('Bearer mto_live_…'), else the session cookie of a same-origin upgrade;
 * a connection from another origin needs a key allowing that origin. Each subscribe is an operation like an
 * HTTP request: the same parse, validation, cost and access rules, and a key's rate limit counts it. Only
 * subscriptions are served here: queries and mutations go by HTTP.
 */
export function serveSubscriptions(server: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { schema, orm, clock, logger } = options;
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: QUERY_LIMITS.maxBodyBytes });
  const rules = [...specifiedRules, ...options.validationRules];
  const onUpgrade = upgradeOn(webSockets);
  server.on('upgrade', onUpgrade);
  const formatted = (errors: readonly GraphQLError[], log: Logger) =>
    errors.map((error) => options.formatError(error, log));

  const handle = useServer<Record<string, unknown> | undefined, Caller>(
    {
      connectionInitWaitTimeout: SUBSCRIPTION_LIMITS.connectionInitWaitMs,
      onConnect: async (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        const caller = await callerOf(orm, clock, extra.request, ctx.connectionParams);
        if (typeof caller === 'string') {
          // The reason tells the partner what to fix (graphql-ws's own refusal says only "Forbidden").
          extra.socket.close(CloseCode.Forbidden, caller.slice(0, 120));
          return false;
        }
        const subscriber = caller.apiKey ? caller.apiKey.viewer.prefix : caller.viewer?.kind;
        Object.assign(extra, caller, { log: logger.child({ subscriber }) });
        return true;
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const extra = ctx.extra as ConnectionExtra;
        const log = extra.log ?? logger;
        const refusal = await overLimits(
          Object.keys(ctx.subscriptions).length,
          extra.apiKey,
          options.countKeyRequest,
        );
        if (refusal) return [refusal];
        const read = readOperation(schema, rules, payload);
        if (!('document' in read)) return read;
        const clientIp = extra.request.socket.remoteAddress ?? 'unknown';
        const fresh = () => options.contextOf(extra.viewer ?? ANONYMOUS, clientIp, log);
        const context: SubscriptionContext = {
          ...fresh(),
          eventStreams: options.eventStreams,
          renew: () => Object.assign(context, fresh()),
        };
        return {
          schema,
          document: read.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: context,
        };
      },
      onNext: (ctx, _id, _payload, _args, result: ExecutionResult): FormattedExecutionResult | undefined => {
        if (!result.errors) return undefined;
        const log = (ctx.extra as ConnectionExtra).log ?? logger;
        return { ...result, errors: formatted(result.errors, log) } as FormattedExecutionResult;
      },
      onError: (ctx, _id, _payload, errors) =>
        formatted(errors, (ctx.extra as ConnectionExtra).log ?? logger),
    },
    webSockets,
    options.keepAliveMs ?? SUBSCRIPTION_LIMITS.keepAliveMs,
  );

  return {
    get connections() {
      return webSockets.clients.size;
    },
    async close() {
      server.off('upgrade', onUpgrade);
      await handle.dispose();
    },
  };
}

/** The HTTP server's upgrades to /graphql become WebSocket connections; any other path is a 404. */
function upgradeOn(webSockets: WebSocketServer) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== SUBSCRIPTIONS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (webSocket) =>
      webSockets.emit('connection', webSocket, request),
    );
  };
}

/** The caller of a connection_init; a string: why the connection is refused. */
async function callerOf(
  orm: MikroORM,
  clock: Clock,
  request: IncomingMessage,
  params: Record<string, unknown> | undefined,
): Promise<Caller | string> {
  const origin = foreignOrigin(request);
  const authorization = params?.authorization;
  if (authorization !== undefined) {
    const secret =
      typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
    const key =
      (secret && rememberedApiKey(orm.em, secret)) ||
      (secret ? await new ApiKeyService(orm.em.fork(), clock).resolve(secret) : null);
    if (!key)
      return 'The API key is not valid or was revoked: send connectionParams { authorization: "Bearer mto_live_…" } with a key an admin created for you.';
    if (origin !== null && !key.allowedOrigins.includes(origin))
      return `This key does not allow origin ${JSON.stringify(origin.slice(0, 100))}: an admin can add it to the key's allowedOrigins.`;
    return { viewer: key.viewer, apiKey: key };
  }
  if (origin !== null)
    return `A connection from origin ${JSON.stringify(origin.slice(0, 100))} needs an API key that allows that origin (connectionParams.authorization); cookies are not accepted from other sites.`;
  const token = request.headers.cookie ? parseCookies(request.headers.cookie)[SESSION_COOKIE] : undefined;
  const viewer = token ? await sessionViewer(orm, clock, token) : null;
  return { viewer: viewer ?? ANONYMOUS };
}

/** A subscribe past the connection's or the key's limits: its refusal; undefined within them. */
async function overLimits(
  open: number,
  apiKey: ResolvedApiKey | undefined,
  countKeyRequest: ApiKeyRequestCounter,
): Promise<GraphQLError | undefined> {
  // This one is among the open ones already (graphql-ws records it before asking).
  if (open > SUBSCRIPTION_LIMITS.maxPerConnection)
    return refused(
      `At most ${SUBSCRIPTION_LIMITS.maxPerConnection} subscriptions may be open on one connection: complete one, or open another connection.`,
      'TOO_MANY_SUBSCRIPTIONS',
    );
  if (!apiKey) return undefined;
  const counted = await countKeyRequest(apiKey);
  if (counted.retryAfter === null) return undefined;
  return refused(rateLimitedMessage(counted.limit, counted.retryAfter), 'RATE_LIMITED', {
    retryAfterSeconds: counted.retryAfter,
    limit: counted.limit,
  });
}

/** The subscribe's document, parsed and checked as HTTP's are (tokens, validation, limits, cost); or why not. */
function readOperation(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): { document: DocumentNode } | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The document does not parse.';
    return [refused(message, 'GRAPHQL_PARSE_FAILED')];
  }
  const operation = getOperationAST(document, payload.operationName);
  if (!operation)
    return [
      refused('Name the operation to run (operationName): the document has several or none.', 'BAD_REQUEST'),
    ];
  if (operation.operation !== 'subscription')
    return [
      refused(
        `Only subscriptions are served over WebSocket: send this ${operation.operation} by HTTP POST ${SUBSCRIPTIONS_PATH}.`,
        'BAD_REQUEST',
      ),
    ];
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0)
    return invalid.map((error) =>
      error.extensions.code || error.extensions.limit
        ? error
        : new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
    );
  const cost = operationCost(schema, document, payload.operationName, payload.variables ?? {});
  if (cost > QUERY_LIMITS.maxCost) return [costRefusal(cost)];
  return { document };
}
