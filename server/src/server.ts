import { createServer, type Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import { ApiKeyCache } from './accounts/api-key-cache.js';
import { demoUsersNotice, seedDemoUsers } from './accounts/demo-users.js';
import { RememberedSessions } from './accounts/remembered-sessions.js';
import { ModelCache } from './catalog/model-cache.js';
import { RememberedResponses } from './catalog/remembered-responses.js';
import { ChangeListener } from './change-listener.js';
import { checkoutData } from './checkout/checkout-data.js';
import type { ServerConfig } from './config.js';
import { type Clock, systemClock } from './db/clock.js';
import { seedDemoPlant } from './db/demo-plant.js';
import { createHealthProbe } from './db/health.js';
import { openDatabase } from './db/orm.js';
import { seedDemoModels, seedDemoPriceLists } from './db/seed.js';
import { type EventBus, LocalEventBus } from './events/event-bus.js';
import { PostgresEventBus } from './events/postgres-event-bus.js';
import { RedisEventBus } from './events/redis-event-bus.js';
import { createApp } from './http/app.js';
import { capConnections } from './http/connection-cap.js';
import { rateLimitStore } from './http/rate-limits.js';
import type { Logger } from './logger.js';
import { MailService } from './mail/mail.service.js';
import { MailDispatcher } from './mail/mail-dispatcher.js';
import { PriceListCache } from './price-lists/price-list.service.js';
import { DEMO_QUOTE_USERS, seedQuoteDemo } from './quotes/quote-demo.js';
import { startQuoteExpiry } from './quotes/quote-expiry.js';
import { createCatalogService, registerQuoteDocuments } from './services.js';
import type { EventPubSub } from './subscriptions/event-pubsub.js';
import type { SubscriptionServer } from './subscriptions/websocket.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';

export interface RunningServer {
  server: Server;
  orm: MikroORM;
  /** This process's loaded models and remembered answers (a model published through it is seen at once). */
  cache: ModelCache;
  /** Whole answers to pure queries (configure, the catalogue), shared by every request. */
  responses: RememberedResponses;
  /** Outgoing mail: enqueue in a transaction, attachment providers (one per process). */
  mail: MailService;
  /** Sends the outbox after each commit that wrote a mail and on its poll; stopped by close(). */
  mailDispatcher: MailDispatcher;
  /** The durable event stream's committed events, as this process hears of them (webhooks, subscriptions). */
  events: EventBus;
  /** GraphQL subscriptions over WebSocket: the listening streams and the open connections of this process. */
  subscriptions: { eventStreams: EventPubSub; server: SubscriptionServer };
  /** Sends webhooks (fan-out and deliveries; every process claims its own); close() lets an attempt in flight finish. */
  webhooks: WebhookWorker;
  /** On PostgreSQL, what this process hears of other processes' changes (forgetting what they made stale). */
  processChanges: ChangeListener | null;
  url: string;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs` (0: cut at once),
   * then cuts what is left and closes GraphQL and the database.
   */
  close(graceMs?: number): Promise<void>;
}

/** Opens the database (migrated, demo models published), then serves; used by main.ts and by tests. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: {
    onQuery?: (sql: string) => void;
    /** Where the demo users' notice is written on first start (stdout unless told). */
    announce?: (text: string) => void;
  } = {},
): Promise<RunningServer> {
  // The checkout data (shipping, tax, terms) is checked before anything else: a mistake stops the start.
  checkoutData();
  const orm = await openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    onQuery: options.onQuery,
    limits: config.database,
  });
  const cache = new ModelCache();
  const clock = systemClock(config.today);
  await seedDemoData(orm, cache, clock, config, logger, options.announce);
  // Load and compile the versions in force now, so that no customer's first request waits for it.
  const started = performance.now();
  for (const version of await createCatalogService(orm.em.fork(), cache).latestVersions()) cache.get(version);
  logger.info({ ms: Math.round(performance.now() - started) }, 'product models loaded and compiled');
  const responses = new RememberedResponses(cache);
  // Modules register their mail attachment providers on `mail` as they are wired, before the dispatcher starts.
  const mail = new MailService(clock);
  registerQuoteDocuments(mail, orm, cache, clock, logger, config.quotes);
  const mailDispatcher = new MailDispatcher({ orm, mail, logger, clock, ...dispatcherSettings(config) });
  const priceListCache = new PriceListCache();
  const { events, processChanges } = await hearOtherProcesses(orm, config, cache, priceListCache, logger);
  // Webhooks are sent by every process: each claims its own deliveries (webhooks/webhook-worker.ts).
  const webhooks = await WebhookWorker.started(orm, events, config.webhooks, clock, logger);
  const health = createHealthProbe(config, config.database.healthTimeoutMs);
  const rateLimits = rateLimitStore(config.redisUrl);
  const { app, apollo, serveSubscriptions, eventStreams } = await createApp({
    rateLimits,
    trustProxy: config.trustProxy,
    orm,
    mail,
    cache,
    priceLists: priceListCache,
    responses,
    logger,
    clientDist: config.clientDist,
    databaseUrl: config.databaseUrl,
    clock,
    health,
    introspection: config.introspection,
    deadlineMs: config.graphqlDeadlineMs,
    quotes: config.quotes,
    events,
    webhooks,
  });
  const server = httpServer(app, config.http);
  const subscriptions = serveSubscriptions(server);
  const url = await listen(server, config);
  // Sent quotes past their validity date expire by this process's check (several processes may run it).
  const quoteExpiry = startQuoteExpiry(orm, clock, config.quotes.expiryCheckIntervalMs, logger);
  mailDispatcher.start();
  return {
    server,
    orm,
    cache,
    responses,
    mail,
    mailDispatcher,
    events,
    webhooks,
    processChanges,
    subscriptions: { eventStreams, server: subscriptions },
    url,
    async close(graceMs = 0) {
      // WebSocket connections first (1001 Going away: clients reconnect, to another process if there is one):
      // the HTTP server would wait for them, and its closeAllConnections does not reach them.
      eventStreams.close();
      await subscriptions.close();
      await drain(server, graceMs);
      await quoteExpiry.stop();
      await webhooks.stop();
      await events.close();
      await processChanges?.close();
      await apollo.stop();
      // The mail being sent is finished; the rest waits in the outbox for the next start.
      await mailDispatcher.stop();
      await health.close();
      await rateLimits.close();
      await orm.close(true);
    },
  };
}

/**
 * Several processes may share a PostgreSQL database: each hears the others' events, and the changes that
 * make what it remembers stale (a version published, prices changed, sessions ended, API keys changed),
 * by LISTEN/NOTIFY (change-listener.ts). On SQLite there is no NOTIFY.
 */
async function hearOtherProcesses(
  orm: MikroORM,
  config: ServerConfig,
  cache: ModelCache,
  priceLists: PriceListCache,
  logger: Logger,
): Promise<{ events: EventBus; processChanges: ChangeListener | null }> {
  if (!config.databaseUrl) return { events: new LocalEventBus(orm, logger), processChanges: null };
  return {
    events: await startEventBus(orm, config, logger),
    processChanges: await ChangeListener.start(
      config.databaseUrl,
      { cache, priceLists, sessions: RememberedSessions.of(orm.em), apiKeys: ApiKeyCache.of(orm.em) },
      logger,
    ),
  };
}

/** The HTTP server with its limits: timeouts, the connection cap, idle sockets closed. */
function httpServer(app: Parameters<typeof createServer>[1], limits: ServerConfig['http']): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the headers and request timeouts this often (30 s by default, far past them).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  capConnections(server, limits.maxConnections);
  server.setTimeout(limits.socketIdleTimeoutMs);
  return server;
}

/** Listens on the configured host and port; answers the address as people type it. */
async function listen(server: Server, config: ServerConfig): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${shownHost}:${port}`;
}

function dispatcherSettings(config: ServerConfig) {
  const { smtpUrl, from, pollIntervalMs } = config.mail;
  return { smtpUrl, from, pollIntervalMs };
}

/** Stops accepting, lets requests in flight finish for up to `graceMs`, then cuts the connections left. */
async function drain(server: Server, graceMs: number): Promise<void> {
  // server.close stops accepting and closes the idle kept-alive connections; a busy one would stay
  // kept alive after its answer, so the idle ones are closed again as their answers go out.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    graceTimer = setTimeout(resolve, graceMs);
  });
  await Promise.race([closed, grace]);
  clearInterval(idle);
  clearTimeout(graceTimer);
  server.closeAllConnections();
  await closed;
}

/**
 * What every database gets at start (the demo models, price lists and plant), and the demo users when
 * asked (DEMO_DATA, default true) on a database without users.
 */
async function seedDemoData(
  orm: MikroORM,
  cache: ModelCache,
  clock: Clock,
  config: ServerConfig,
  logger: Logger,
  announce: ((text: string) => void) | undefined,
): Promise<void> {
  const seeded = await seedDemoModels(orm, cache);
  for (const entry of seeded) if (entry.created) logger.info(entry, 'published a demo product model');
  const priceLists = await seedDemoPriceLists(orm, clock.now());
  if (priceLists.length > 0) logger.info({ priceLists }, 'published the demo price lists');
  if (await seedDemoPlant(orm, clock)) logger.info('gave the demo plant its holidays and starting stock');
  // Demo sign-ins only when asked (DEMO_DATA, default true) and only on a database without users; the
  // notice goes to stdout, not the log: it holds passwords, and logs are kept and shipped.
  const demoStarted = performance.now();
  const usersSeeded = config.demoData && (await seedDemoUsers(orm, clock));
  if (usersSeeded) logger.info({ ms: Math.round(performance.now() - demoStarted) }, 'created the demo users');
  // The demo approval rules and a US account with its rep and buyer: when asked, on a database without rules.
  const quoteDemoSeeded = config.demoData && (await seedQuoteDemo(orm, clock));
  if (quoteDemoSeeded) logger.info('created the demo approval rules');
  if (usersSeeded) {
    // A database that had no users a moment ago got the US rep and buyer too when the quotes demo wrote.
    const write = announce ?? ((text: string) => process.stdout.write(`${text}\n`));
    write(demoUsersNotice(quoteDemoSeeded ? DEMO_QUOTE_USERS : []));
  }
}

/**
 * The one place the event bus is chosen. Several processes may share a PostgreSQL database: each hears the
 * others' events, woken by Redis pub/sub when REDIS_URL is set (one wake-up channel for every process,
 * beside the rate limits), else by PostgreSQL's LISTEN/NOTIFY. A SQLite database is one process's, so its
 * bus is that process's own commits, with or without REDIS_URL.
 */
async function startEventBus(orm: MikroORM, config: ServerConfig, logger: Logger): Promise<EventBus> {
  if (!config.databaseUrl) return new LocalEventBus(orm, logger);
  if (config.redisUrl) return RedisEventBus.start(orm, config.databaseUrl, config.redisUrl, logger);
  return PostgresEventBus.start(orm, config.databaseUrl, logger);
}
