import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Settings from the environment, read once at start; a bad value stops the start with a clear message. */
export interface ServerConfig {
  port: number;
  host: string;
  /** postgres://... when set: PostgreSQL; otherwise the embedded SQLite file. */
  databaseUrl: string | null;
  sqlitePath: string;
  clientDist: string;
  logLevel: string;
  /** The planning date (YYYY-MM-DD) when fixed by MTO_TODAY (demos, tests, benchmarks); null: the real date. */
  today: string | null;
  /** Whether GraphQL introspection answers (partners build clients from it); GRAPHQL_INTROSPECTION=false turns it off. */
  introspection: boolean;
  /** A GraphQL request still resolving after this is cut off with REQUEST_TIMEOUT errors (graphql/limits.ts, withDeadline). */
  graphqlDeadlineMs: number;
  http: HttpLimits;
  database: DatabaseLimits;
  /**
   * How many server processes share the port (WORKERS, default 1): node's cluster module forks them
   * (main.ts). More than one needs PostgreSQL: SQLite takes one writer at a time.
   */
  workers: number;
  /** redis://… when set: rate-limit counts (sign-in attempts, API keys) are shared by every process there. */
  redisUrl: string | null;
  /** Whether a new database gets the demo products, plant and users (DEMO_DATA=false: none). */
  demoData: boolean;
  /** Express's `trust proxy` (TRUST_PROXY): behind a proxy, the client's address and https come from it. */
  trustProxy: boolean | number;
  quotes: QuoteSettings;
  mail: MailSettings;
  webhooks: WebhookSettings;
}

/** Partners' webhooks (server/src/webhooks): how they are sent, retried and guarded. */
export interface WebhookSettings {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: endpoints may be on private, loopback or link-local addresses (SSRF guard off). */
  allowPrivateNetworks: boolean;
  /** http:// is accepted for localhost only outside production (NODE_ENV) or with allowPrivateNetworks. */
  production: boolean;
  /** A delivery is retried for this long after its first attempt (WEBHOOK_MAX_RETRY_HOURS, default 72). */
  maxRetryHours: number;
  /** An endpoint whose every attempt failed for this long is disabled (WEBHOOK_DISABLE_AFTER_MS, default 24 h). */
  disableAfterMs: number;
  /** One attempt's whole time, connect to answer (WEBHOOK_TIMEOUT_MS, default 10 s). */
  timeoutMs: number;
  /** The wait before the first retry; each further one waits twice as long, with jitter (WEBHOOK_RETRY_DELAY_MS). */
  retryDelayMs: number;
  /** How often each process looks for events and deliveries besides its own commits (WEBHOOK_POLL_INTERVAL_MS). */
  pollIntervalMs: number;
}

/** How quotes are made and kept. */
export interface QuoteSettings {
  /** A new quote is valid this many calendar days from today unless the rep says otherwise (QUOTE_VALIDITY_DAYS). */
  validityDays: number;
  /** The tax rate a quote priced by a net list starts with, exact decimal text (QUOTE_TAX_RATE_PERCENT). */
  taxRatePercent: string;
  /** How often the server expires sent quotes past their validity date (QUOTE_EXPIRY_CHECK_MS). */
  expiryCheckIntervalMs: number;
  /** The site's address as customers reach it, for the links in mails (PUBLIC_URL; default http://localhost:<PORT>). */
  publicUrl: string;
}

/** Outgoing mail (server/src/mail): where it goes and whom it comes from. */
export interface MailSettings {
  /** smtp:// or smtps:// URL of the server that takes our mail (SMTP_URL); null: mails are only logged. */
  smtpUrl: string | null;
  /** The From of every mail (MAIL_FROM): an address, or a name and an address (`Acme Sales <sales@acme.example>`). */
  from: string;
  /** How often each process looks for mail due besides the commits that wrote one (MAIL_POLL_INTERVAL_MS). */
  pollIntervalMs: number;
}

/** How long a client may take and how many may be connected: a slow or idle client cannot hold the server. */
export interface HttpLimits {
  /** The request line and headers must arrive within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (Node's keepAliveTimeout). */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way is closed after this (server.timeout). */
  socketIdleTimeoutMs: number;
  /** Connections beyond this are closed at once (server.maxConnections). */
  maxConnections: number;
  /** On SIGTERM/SIGINT, requests in flight may finish for this long before their connections are cut. */
  shutdownGraceMs: number;
}

/** Bounds on the database's waits (PostgreSQL; SQLite waits for a writer by its busy timeout). */
export interface DatabaseLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  /** How long a request waits for a pooled connection. */
  poolAcquireTimeoutMs: number;
  /** /healthz answers 503 when its own probe of the database takes longer than this. */
  healthTimeoutMs: number;
}

/** A bad setting: its message names every variable at fault and what it should be. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Both from server/src and from server/dist, the repository root is two levels up.
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** pino's levels, and `silent` to log nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset or empty variable takes its default; leading and trailing spaces do not count. */
const setting = z
  .string()
  .optional()
  .transform((text) => text?.trim() || undefined);

/** A duration or count from the environment: a positive integer, or its default. */
function positiveInteger(variable: string, fallback: number) {
  return setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,9}$/.test(text) && Number(text) > 0, {
        error: (issue) => `${variable} must be a positive integer, got "${issue.input}"`,
      })
      .transform(Number)
      .default(fallback),
  );
}

/** An address, alone or as `Name <address>`: enough to catch a typo, the SMTP server judges the rest. */
const MAIL_FROM_FORMAT = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

const environment = z.object({
  GRAPHQL_INTROSPECTION: setting.pipe(
    z
      .enum(['true', 'false'], {
        error: (issue) => `GRAPHQL_INTROSPECTION must be true or false, got "${issue.input}"`,
      })
      .default('true'),
  ),
  // QUERY_LIMITS.deadlineMs (graphql/limits.ts) is the same default.
  GRAPHQL_DEADLINE_MS: positiveInteger('GRAPHQL_DEADLINE_MS', 15_000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInteger('HTTP_HEADERS_TIMEOUT_MS', 10_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInteger('HTTP_REQUEST_TIMEOUT_MS', 30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInteger('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000),
  HTTP_SOCKET_IDLE_TIMEOUT_MS: positiveInteger('HTTP_SOCKET_IDLE_TIMEOUT_MS', 30_000),
  HTTP_MAX_CONNECTIONS: positiveInteger('HTTP_MAX_CONNECTIONS', 1_000),
  SHUTDOWN_GRACE_MS: positiveInteger('SHUTDOWN_GRACE_MS', 10_000),
  DB_STATEMENT_TIMEOUT_MS: positiveInteger('DB_STATEMENT_TIMEOUT_MS', 30_000),
  DB_LOCK_TIMEOUT_MS: positiveInteger('DB_LOCK_TIMEOUT_MS', 10_000),
  DB_POOL_ACQUIRE_TIMEOUT_MS: positiveInteger('DB_POOL_ACQUIRE_TIMEOUT_MS', 10_000),
  HEALTHZ_TIMEOUT_MS: positiveInteger('HEALTHZ_TIMEOUT_MS', 1_000),
  WORKERS: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= 64, {
        error: (issue) => `WORKERS must be a number of processes from 1 to 64, got "${issue.input}"`,
      })
      .transform(Number)
      .default(1),
  ),
  REDIS_URL: setting.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, {
        error: (issue) => `REDIS_URL must be a redis:// or rediss:// URL (or unset), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text ?? null),
  ),
  // The URL may hold the SMTP password: a bad one is not echoed.
  SMTP_URL: setting.pipe(
    z
      .string()
      .refine((text) => URL.canParse(text) && /^smtps?:\/\/[^/?#]/.test(text), {
        error:
          'SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.com:587 (or unset: mails are logged, not sent)',
      })
      .optional()
      .transform((text) => text ?? null),
  ),
  MAIL_FROM: setting.pipe(
    z
      .string()
      .regex(MAIL_FROM_FORMAT, {
        error: (issue) => `MAIL_FROM must be an e-mail address or "Name <address>", got "${issue.input}"`,
      })
      .default('MTO Configurator <no-reply@localhost>'),
  ),
  MAIL_POLL_INTERVAL_MS: positiveInteger('MAIL_POLL_INTERVAL_MS', 15_000),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: setting.pipe(
    z
      .enum(['true', 'false'], {
        error: (issue) => `WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, got "${issue.input}"`,
      })
      .default('false'),
  ),
  WEBHOOK_MAX_RETRY_HOURS: positiveInteger('WEBHOOK_MAX_RETRY_HOURS', 72),
  WEBHOOK_DISABLE_AFTER_MS: positiveInteger('WEBHOOK_DISABLE_AFTER_MS', 24 * 3_600_000),
  WEBHOOK_TIMEOUT_MS: positiveInteger('WEBHOOK_TIMEOUT_MS', 10_000),
  WEBHOOK_RETRY_DELAY_MS: positiveInteger('WEBHOOK_RETRY_DELAY_MS', 5_000),
  WEBHOOK_POLL_INTERVAL_MS: positiveInteger('WEBHOOK_POLL_INTERVAL_MS', 1_000),
  NODE_ENV: setting,
  DEMO_DATA: setting.pipe(
    z
      .enum(['true', 'false'], { error: (issue) => `DEMO_DATA must be true or false, got "${issue.input}"` })
      .default('true'),
  ),
  TRUST_PROXY: setting.pipe(
    z
      .string()
      .regex(/^(true|false|\d{1,2})$/, {
        error: (issue) =>
          `TRUST_PROXY must be true, false or the number of proxies in front (0-99), got "${issue.input}"`,
      })
      .default('false')
      .transform((text) => (text === 'true' ? true : text === 'false' ? false : Number(text))),
  ),
  PORT: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,5}$/.test(text) && Number(text) <= 65535, {
        error: (issue) => `PORT must be an integer from 0 to 65535, got "${issue.input}"`,
      })
      .transform(Number)
      .default(4000),
  ),
  HOST: setting.pipe(z.string().default('0.0.0.0')),
  QUOTE_VALIDITY_DAYS: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,4}$/.test(text) && Number(text) <= 3650, {
        error: (issue) =>
          `QUOTE_VALIDITY_DAYS must be a whole number of days from 0 to 3650, got "${issue.input}"`,
      })
      .transform(Number)
      .default(30),
  ),
  QUOTE_TAX_RATE_PERCENT: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{1,3}(\.\d{1,4})?$/.test(text) && Number(text) <= 100, {
        error: (issue) =>
          `QUOTE_TAX_RATE_PERCENT must be a percentage from 0 to 100 with at most 4 decimals, got "${issue.input}"`,
      })
      .default('19'),
  ),
  QUOTE_EXPIRY_CHECK_MS: positiveInteger('QUOTE_EXPIRY_CHECK_MS', 60_000),
  PUBLIC_URL: setting.pipe(
    z
      .string()
      .refine((text) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(text), {
        error: (issue) =>
          `PUBLIC_URL must be the site's http:// or https:// address (no query), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text?.replace(/\/+$/, '') ?? null),
  ),
  DATABASE_URL: setting.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        error: (issue) =>
          `DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text ?? null),
  ),
  SQLITE_PATH: setting.pipe(z.string().default(`${repositoryRoot}.data/mto.sqlite`)),
  CLIENT_DIST: setting.pipe(z.string().default(`${repositoryRoot}client/dist/`)),
  LOG_LEVEL: setting.pipe(
    z
      .enum(LOG_LEVELS, {
        error: (issue) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${issue.input}"`,
      })
      .default('info'),
  ),
  MTO_TODAY: setting.pipe(
    z
      .string()
      .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), {
        error: (issue) =>
          `MTO_TODAY must be a date written YYYY-MM-DD (or unset for the real date), got "${issue.input}"`,
      })
      .optional()
      .transform((text) => text ?? null),
  ),
});

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const read = environment.safeParse(env);
  if (!read.success) throw new ConfigError(read.error.issues.map((issue) => issue.message).join('; '));
  const settings = read.data;
  // Node refuses a headers timeout longer than the request timeout; say which settings clash.
  if (settings.HTTP_HEADERS_TIMEOUT_MS > settings.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${settings.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${settings.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  if (settings.WORKERS > 1 && !settings.DATABASE_URL) {
    throw new ConfigError(
      `WORKERS=${settings.WORKERS} needs PostgreSQL (DATABASE_URL): the embedded SQLite file takes one writer at a time, so run one process on it (WORKERS=1, or leave WORKERS unset)`,
    );
  }
  return {
    today: settings.MTO_TODAY,
    workers: settings.WORKERS,
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    sqlitePath: settings.SQLITE_PATH,
    clientDist: settings.CLIENT_DIST,
    logLevel: settings.LOG_LEVEL,
    introspection: settings.GRAPHQL_INTROSPECTION === 'true',
    graphqlDeadlineMs: settings.GRAPHQL_DEADLINE_MS,
    http: {
      headersTimeoutMs: settings.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: settings.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: settings.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      socketIdleTimeoutMs: settings.HTTP_SOCKET_IDLE_TIMEOUT_MS,
      maxConnections: settings.HTTP_MAX_CONNECTIONS,
      shutdownGraceMs: settings.SHUTDOWN_GRACE_MS,
    },
    redisUrl: settings.REDIS_URL,
    demoData: settings.DEMO_DATA === 'true',
    trustProxy: settings.TRUST_PROXY,
    quotes: {
      validityDays: settings.QUOTE_VALIDITY_DAYS,
      taxRatePercent: settings.QUOTE_TAX_RATE_PERCENT,
      expiryCheckIntervalMs: settings.QUOTE_EXPIRY_CHECK_MS,
      publicUrl: settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
    },
    mail: {
      smtpUrl: settings.SMTP_URL,
      from: settings.MAIL_FROM,
      pollIntervalMs: settings.MAIL_POLL_INTERVAL_MS,
    },
    webhooks: {
      allowPrivateNetworks: settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
      production: settings.NODE_ENV === 'production',
      maxRetryHours: settings.WEBHOOK_MAX_RETRY_HOURS,
      disableAfterMs: settings.WEBHOOK_DISABLE_AFTER_MS,
      timeoutMs: settings.WEBHOOK_TIMEOUT_MS,
      retryDelayMs: settings.WEBHOOK_RETRY_DELAY_MS,
      pollIntervalMs: settings.WEBHOOK_POLL_INTERVAL_MS,
    },
    database: {
      statementTimeoutMs: settings.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: settings.DB_LOCK_TIMEOUT_MS,
      poolAcquireTimeoutMs: settings.DB_POOL_ACQUIRE_TIMEOUT_MS,
      healthTimeoutMs: settings.HEALTHZ_TIMEOUT_MS,
    },
  };
}
