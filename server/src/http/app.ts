import { existsSync } from 'node:fs';
import { type Server, STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import helmet from 'helmet';
import { LoginLimits } from '../accounts/login-limits.js';
import type { ModelCache } from '../catalog/model-cache.js';
import { type RememberedResponses, rememberedResponsesPlugin } from '../catalog/remembered-responses.js';
import type { QuoteSettings } from '../config.js';
import type { Clock } from '../db/clock.js';
import type { HealthProbe } from '../db/health.js';
import { dialectOf } from '../db/orm.js';
import { ContendedError, InputError, NotFoundError, RefusedError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { Viewer } from '../graphql/authorization.js';
import { createRequestContext, type RequestContext, type SessionCookieControl } from '../graphql/context.js';
import {
  formatLimitError,
  graphqlLimits,
  LIMIT_ERROR_CODES,
  QUERY_LIMITS,
  withDeadline,
} from '../graphql/limits.js';
import { buildGraphQLSchema } from '../graphql/schema.js';
import { type Logger, loggedError } from '../logger.js';
import type { MailService } from '../mail/mail.service.js';
import type { PriceListCache } from '../price-lists/price-list.service.js';
import { withRequestDeadline } from '../request-deadline.js';
import { EventPubSub } from '../subscriptions/event-pubsub.js';
import {
  type SubscriptionServer,
  type SubscriptionServerOptions,
  serveSubscriptions,
} from '../subscriptions/websocket.js';
import type { WebhookWorker } from '../webhooks/webhook-worker.js';
import { apiKeyRateLimit, apiKeyRequestCounter } from './api-key-rate-limit.js';
import { graphqlBodyErrors, graphqlBodyGuard } from './graphql-body.js';
import { foreignOriginCheck, partnerCors } from './partner-cors.js';
import { quoteDocumentRoutes } from './quote-documents.js';
import type { RateLimitStore } from './rate-limits.js';
import { requestLogging } from './request-logging.js';
import { apiKeyAuthentication, sessionAuthentication, sessionCookieOf, viewerOf } from './viewer.js';

export interface AppOptions {
  orm: MikroORM;
  /** The process's event bus (subscriptions listen to it); none in an app made without a server. */
  events?: EventBus;
  /** The process's webhook worker: endpoint changes wake it. */
  webhooks: WebhookWorker;
  /** Outgoing mail, one per process (server.ts), handed to every request's services. */
  mail: MailService;
  cache: ModelCache;
  /** The price lists this process remembers briefly. */
  priceLists?: PriceListCache;
  logger: Logger;
  /** The built client (client/dist); when missing, / says how to build it. */
  clientDist: string;
  databaseUrl: string | null;
  responses: RememberedResponses;
  /** Where planning reads today's date. */
  clock: Clock;
  /** The database asked on its own connection and time budget, for /healthz. */
  health: HealthProbe;
  /** GraphQL introspection (on unless GRAPHQL_INTROSPECTION=false). */
  introspection: boolean;
  /** Sign-in attempts and API keys are counted here (memory, or Redis when REDIS_URL is set). */
  rateLimits: RateLimitStore;
  /** Express's `trust proxy` (TRUST_PROXY). */
  trustProxy: boolean | number;
  /** A GraphQL request still resolving after this is cut off (GRAPHQL_DEADLINE_MS; default QUERY_LIMITS.deadlineMs). */
  deadlineMs?: number;
  /** How quotes are made (validity, tax rate). */
  quotes: QuoteSettings;
  /** The WebSocket keep-alive ping's period (SUBSCRIPTION_LIMITS.keepAliveMs unless told). */
  subscriptionKeepAliveMs?: number;
}

/** Errors a client caused and can fix: shown as they are. Anything else is logged and shown as internal. */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
  'TOO_MANY_SUBSCRIPTIONS',
  ...LIMIT_ERROR_CODES,
]);

function isClientError(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}

/**
 * Logs each error a client did not cause, with the request's logger (so with its request id); the
 * client is shown only that the server logged it (formatError).
 */
function unexpectedErrorsLogged(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          // Errors before the context is made (a bad request) have none: the process's logger then.
          const log = (contextValue as Partial<RequestContext> | undefined)?.log ?? logger;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (domainErrorExtensions(original) || isClientError(error)) continue;
            // Its class, code and a redacted message: never SQL values or personal data (loggedError).
            log.error(
              { err: loggedError(original), path: error.path },
              'unexpected error in a GraphQL request',
            );
          }
        },
      };
    },
  };
}

/** A domain error's GraphQL code and field; null for any other error. */
function domainErrorExtensions(error: unknown): { code: string; field: string | null } | null {
  if (error instanceof InputError) return { code: 'BAD_USER_INPUT', field: error.field };
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', field: error.field };
  if (error instanceof RefusedError) return { code: error.code, field: error.field };
  if (error instanceof ContendedError) return { code: 'TRY_AGAIN', field: null };
  return null;
}

/** What a caller is told when the database could not take its request in time; the transaction rolled back. */
export const SERVER_BUSY_MESSAGE =
  'The server is busy and could not finish this request in time; nothing was changed. Try again in a few ' +
  'seconds (with the same idempotency key, an order is placed once).';

/** PostgreSQL's lock_timeout (55P03) and statement_timeout (57014), SQLite's busy writer, a pool that had no connection in time. */
const BUSY_CODES = new Set(['55P03', '57014', 'SQLITE_BUSY']);

/**
 * Whether an error only says the database was too busy for the request (a wait ran out): the caller may try
 * again, and is told so instead of an internal error. The server still logs it.
 */
export function isServerBusy(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const { name, code } = cause as { name?: unknown; code?: unknown };
    if (name === 'KnexTimeoutError' || (typeof code === 'string' && BUSY_CODES.has(code))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Where GraphiQL is served (the API's explorer, for staff and partners' developers). */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * What a caller is shown of an error (HTTP and WebSocket alike): a limit's code, a domain error's code and
 * field, a client error as it is; anything else only as an internal error the server logged.
 */
export function formatGraphQLError(
  unformatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const formatted = formatLimitError(unformatted);
  if (isServerBusy(unwrapResolverError(error)))
    return { message: SERVER_BUSY_MESSAGE, path: formatted.path, extensions: { code: 'SERVER_BUSY' } };
  const domain = domainErrorExtensions(unwrapResolverError(error));
  if (domain) return { ...formatted, extensions: domain };
  if (isClientError(formatted)) return formatted;
  return {
    message: 'Internal server error: the server logged it',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** A subscription's error as its caller is shown it, logged (redacted) when the caller did not cause it. */
function formatSubscriptionError(error: GraphQLError, log: Logger): GraphQLFormattedError {
  const shown = formatGraphQLError(error.toJSON(), error);
  if (shown.extensions?.code === 'INTERNAL_SERVER_ERROR')
    log.error(
      { err: loggedError(unwrapResolverError(error)), path: error.path },
      'unexpected error in a GraphQL subscription',
    );
  return shown;
}

/**
 * helmet's headers on every answer. The client's Content-Security-Policy: its own scripts and styles only
 * (Vue's :style bindings set element.style, which CSP allows; the favicon is a data: URL), no
 * upgrade-insecure-requests (the server is also reached over plain HTTP by address). /graphql has no
 * CSP: its answers are JSON, and Apollo's landing page for a browser loads its own scripts.
 */
function securityHeaders(): RequestHandler {
  const page = helmet({
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  // GraphiQL's stylesheet carries its fonts as data: URLs; everything else as the client's pages.
  const graphiql = helmet({
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
  const api = helmet({ contentSecurityPolicy: false });
  return (req, res, next) =>
    (req.path.startsWith('/graphql') ? api : req.path === GRAPHIQL_PATH ? graphiql : page)(req, res, next);
}

export interface CreatedApp {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  /** Serves GraphQL subscriptions over WebSocket on the HTTP server (its port and /graphql). */
  serveSubscriptions(server: Server): SubscriptionServer;
  /** The subscriptions' event streams (fed by `options.events`); closed by the server's close(). */
  eventStreams: EventPubSub;
}

/** One process serves everything: GraphQL at /graphql, GET /healthz, and the built client at /. */
export async function createApp(options: AppOptions): Promise<CreatedApp> {
  const { orm, cache, logger, clientDist, clock } = options;
  const deadlineMs = options.deadlineMs ?? QUERY_LIMITS.deadlineMs;
  // Depth, aliases, directives, tokens, cost and a deadline (graphql/limits.ts); refused before any resolver.
  const limits = graphqlLimits();
  const eventStreams = new EventPubSub(options.events);
  const schema = withDeadline(await buildGraphQLSchema(eventStreams), deadlineMs);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: options.introspection,
    // main.ts drains the HTTP server on SIGTERM/SIGINT before stopping Apollo; Apollo's own handlers
    // would stop it at once and fail the requests in flight.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // No HTTP cache hints are given, and the plugin would wrap every field's resolver.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      rememberedResponsesPlugin(options.responses),
      unexpectedErrorsLogged(logger),
    ],
    stringifyResult: (result) => options.responses.stringify(result),
    formatError: formatGraphQLError,
  });
  await apollo.start();

  // Sign-in counters outlive requests: one set per app (in memory, or in Redis shared by every process).
  const loginLimits = new LoginLimits(options.rateLimits);
  // A key's requests over HTTP and its subscribes over WebSocket, in one count.
  const countKeyRequest = apiKeyRequestCounter(options.rateLimits);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(requestLogging(logger));

  app.use(securityHeaders());
  app.use(refuseMalformedUrls);
  app.get('/healthz', async (_req, res) => {
    const database = dialectOf(options);
    const problem = await options.health.problem();
    if (problem === null) {
      res.json({ status: 'ok', database });
      return;
    }
    logger.warn({ problem }, 'health check: the database does not answer');
    res.status(503).json({ status: 'unavailable', database, message: 'the database does not answer' });
  });
  // The quote document (PDF): the customer's link and sales staff's (http/quote-documents.ts).
  app.use(quoteDocumentRoutes({ orm, cache, clock, logger, mail: options.mail, quotes: options.quotes }));

  const callerOf = callers(options, loginLimits);
  // GraphQL has an app of its own for one setting (Express keeps it per app): no ETag hashed over each
  // answer (a configure answer is ~17 kB) for a revalidation no client makes of a GraphQL answer. The
  // rest (trust proxy...) it inherits; the client's files keep their ETags.
  const graphql = express();
  graphql.disable('x-powered-by');
  graphql.set('etag', false);
  app.use('/graphql', graphql);
  graphql.use(
    // Who calls, from where and how often are settled from the headers, before the body is read: a
    // refused request (401, 403, 429) costs no parsing.
    partnerCors(orm, clock),
    apiKeyAuthentication(orm, clock, options.rateLimits),
    foreignOriginCheck,
    apiKeyRateLimit(countKeyRequest),
    express.json({ limit: QUERY_LIMITS.maxBodyBytes }),
    sessionAuthentication(orm, clock),
    graphqlBodyGuard,
    // The request's deadline, for the services' loops and DataLoader batches too (after the body is read:
    // a stream's events would not carry it).
    deadlineScope(deadlineMs),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createRequestContext(orm, cache, clock, req.log, {
          ...callerOf(viewerOf(res), req.ip ?? req.socket.remoteAddress ?? 'unknown'),
          sessionCookie: sessionCookieOf(req, res),
        }),
    }),
    graphqlBodyErrors,
  );

  serveClient(app, clientDist);
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(anyOtherError);
  return {
    app,
    apollo,
    eventStreams,
    serveSubscriptions: subscriptionServing(options, {
      schema,
      eventStreams,
      countKeyRequest,
      validationRules: limits.validationRules,
      contextOf: (viewer, clientIp, log) =>
        createRequestContext(orm, cache, clock, log, {
          ...callerOf(viewer, clientIp),
          sessionCookie: NO_COOKIE,
        }),
    }),
  };
}

/** The built client: GraphiQL at /graphiql, the files, and the page for every client route. */
function serveClient(app: Express, clientDist: string): void {
  const notBuilt = (res: Response) =>
    res
      .status(503)
      .type('text/plain')
      .send('The client is not built yet: run `npx -y pnpm@10.34.9 start`, which builds it.');
  // GraphiQL (client/graphiql.html, its own bundle): staff signed in use their session, a partner pastes its key.
  const graphiqlHtml = join(clientDist, 'graphiql.html');
  app.get(GRAPHIQL_PATH, (_req, res) => {
    if (!existsSync(graphiqlHtml)) return void notBuilt(res);
    res.sendFile(graphiqlHtml);
  });

  const indexHtml = join(clientDist, 'index.html');
  // No redirect of a folder to its slash (an HTML page): it falls through to the routes below, like a missing file.
  app.use(express.static(clientDist, { index: false, maxAge: '1h', redirect: false }));
  // Client-side routes get the page; files that do not exist (with an extension) stay 404.
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    if (!existsSync(indexHtml)) return void notBuilt(res);
    res.sendFile(indexHtml);
  });
}

/** Subscriptions served on a server with the app's schema, rules, key counts and error formatting. */
function subscriptionServing(
  options: AppOptions,
  shared: Pick<
    SubscriptionServerOptions,
    'schema' | 'eventStreams' | 'countKeyRequest' | 'validationRules' | 'contextOf'
  >,
): (server: Server) => SubscriptionServer {
  return (server) =>
    serveSubscriptions(server, {
      ...shared,
      orm: options.orm,
      clock: options.clock,
      logger: options.logger,
      // A subscription never signs in or out (its context's cookie is NO_COOKIE).
      formatError: formatSubscriptionError,
      keepAliveMs: options.subscriptionKeepAliveMs,
    });
}

/** What a request's context needs of its caller and of the app, HTTP's and WebSocket's alike. */
function callers(options: AppOptions, loginLimits: LoginLimits) {
  return (viewer: Viewer, clientIp: string) => ({
    viewer,
    clientIp,
    loginLimits,
    mail: options.mail,
    webhooks: options.webhooks,
    quoteSettings: options.quotes,
    priceLists: options.priceLists,
  });
}

/** The session cookie of an operation that has no HTTP answer to set it on. */
const NO_COOKIE: SessionCookieControl = { set: () => {}, clear: () => {}, token: null };

/** An error with an HTTP status of its own (http-errors: send's 416, a 400 from a router...). */
function httpStatusOf(error: unknown): number {
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const given = typeof status === 'number' ? status : statusCode;
  return typeof given === 'number' && Number.isInteger(given) && given >= 400 && given <= 599 ? given : 500;
}

/** Runs the rest of a GraphQL request with its deadline (request-deadline.ts), not yet started. */
function deadlineScope(deadlineMs: number): RequestHandler {
  return (_req, _res, next) => withRequestDeadline(deadlineMs, next);
}

/** A refusal of ours outside GraphQL: its message is meant for the caller. */
class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path that does not decode (`/%E0%A4%A`) is a 400 before any route reads it. */
const refuseMalformedUrls: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new HttpRefusal(400, 'The URL is malformed (a bad %-escape): fix the address.'));
    return;
  }
  next();
};

/**
 * The last handler: any error of a route other than /graphql's (its own handler answers those), e.g. a bad
 * Range on a static file, or a malformed URL, answered as short plain text (GraphQL-shaped JSON under
 * /graphql) with its status; never Express's HTML page with the stack, nor the stack on stderr. It is
 * logged once, with the request's id: a client's error as a warning, anything else as an error.
 */
const anyOtherError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = httpStatusOf(error);
  const log = status >= 500 ? req.log.error.bind(req.log) : req.log.warn.bind(req.log);
  log({ err: loggedError(error), status }, 'request refused outside GraphQL');
  if (res.headersSent) {
    // Part of the answer is out (a file cut off): it cannot become an error any more.
    res.destroy();
    return;
  }
  // Other errors' messages can hold file paths (send's): only the status's name is shown.
  const message =
    status >= 500
      ? 'Internal server error: the server logged it'
      : error instanceof HttpRefusal
        ? error.message
        : (STATUS_CODES[status] ?? 'Bad request');
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (status === 416 && headers && typeof headers === 'object') res.set(headers as Record<string, string>);
  if (req.path.startsWith('/graphql')) {
    const code = status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
    return;
  }
  res.status(status).type('text/plain').send(message);
};
