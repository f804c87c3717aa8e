import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyService } from '../accounts/api-key.service.js';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { readConfig } from '../config.js';
import { systemClock } from '../db/clock.js';
import { entities } from '../db/entities.js';
import type { ApiScope } from '../graphql/authorization.js';
import { createLogger, type Logger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { type CallerName, type SeededCallers, seedCallers } from './callers.js';
import { DEMO_CHECKOUT } from './checkout.js';
import { operation } from './operations.js';
import { createPostgresDatabase, type Dialect } from './postgres.js';

const PLACE_ORDER = operation('place-order');
const ORDER_TRACKING = operation('order-tracking');

export { type Dialect, testDialects } from './postgres.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Who a request comes from: a seeded caller (test-support/callers.ts; default `staff`, who holds every staff
 * role), nobody ('anonymous'), or raw credentials (a session cookie's token, an API key) and headers.
 */
export type As =
  | CallerName
  | 'anonymous'
  | { sessionToken?: string; bearer?: string; headers?: Record<string, string> };

export interface RequestOptions {
  as?: As;
}

export interface TestServer {
  dialect: Dialect;
  url: string;
  /** The PostgreSQL database's URL; null on SQLite. */
  databaseUrl: string | null;
  running: RunningServer;
  /** SQL statements run since the last reset (to prove a request runs a bounded number of queries). */
  queries: string[];
  /** The seeded customer accounts A and B and the callers' users and session tokens. */
  callers: SeededCallers;
  /** A partner API key made directly in the database (the admin's mutation is tested on its own); its secret. */
  createApiKey(options: {
    scopes: ApiScope[];
    account?: 'A' | 'B' | null;
    requestsPerMinute?: number;
    allowedOrigins?: string[];
    name?: string;
  }): Promise<string>;
  /** The headers that make a request come from `as` (a cookie, a bearer key or none). */
  headersFor(as?: As): Record<string, string>;
  /** Sends a GraphQL request over HTTP, as a partner's application would (as `staff` unless told). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** The answer's data; throws, failing the test, when the answer has errors (they are in the message). */
  data<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<T>;
  /**
   * Places an order (the shared PlaceOrder operation) and answers it as the shared OrderTracking operation
   * reads it; throws, failing the test, when no order was placed (the answer is in the message). The demo
   * delivery address and terms (DEMO_CHECKOUT) are sent unless the input gives its own.
   */
  placeTracked<T>(input: Record<string, unknown>, options?: RequestOptions): Promise<T>;
  /** Row counts of every table: a failed write must leave them unchanged. */
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** A real server (HTTP, GraphQL, a fresh database of the given kind, migrated and seeded) on a free port. */
export async function startTestServer(
  dialect: Dialect,
  options: {
    /** Fixes the planning date (YYYY-MM-DD), as MTO_TODAY does. */ today?: string;
    /** Where the server logs (default: nothing, or TEST_LOG_LEVEL's level to stdout). */ logger?: Logger;
    /** Settings as the environment gives them (e.g. { HTTP_REQUEST_TIMEOUT_MS: '2000' }). */
    env?: Record<string, string>;
    /** Receives the demo users' notice of the first start (default: not shown). */
    announce?: (text: string) => void;
    /**
     * Another server process on this one's PostgreSQL database (its seeded callers; the first one drops the
     * database when it closes).
     */
    sameDatabaseAs?: TestServer;
  } = {},
): Promise<TestServer> {
  let databaseUrl: string | null = options.sameDatabaseAs?.databaseUrl ?? null;
  let dropDatabase: (() => Promise<void>) | null = null;
  const directory = mkdtempSync(join(tmpdir(), 'mto-api-'));
  if (dialect === 'postgresql' && !databaseUrl) {
    const database = await createPostgresDatabase();
    databaseUrl = database.url;
    dropDatabase = database.drop;
  }
  const config = {
    // The mail dispatcher's poll would run a query at any moment (tests count a request's queries): it is
    // woken by the commits that write a mail, and a test that needs a retry calls dispatchDue itself.
    ...readConfig({ MAIL_POLL_INTERVAL_MS: '3600000', WEBHOOK_POLL_INTERVAL_MS: '3600000', ...options.env }),
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    sqlitePath: join(directory, 'test.sqlite'),
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    today: options.today ?? null,
  };
  const queries: string[] = [];
  const running = await startServer(config, options.logger ?? createLogger(config.logLevel), {
    onQuery: (sql) => queries.push(sql),
    announce: options.announce ?? (() => {}),
  });
  const url = running.url;
  const callers =
    options.sameDatabaseAs?.callers ?? (await seedCallers(running.orm, systemClock(config.today)));
  const server: TestServer = {
    dialect,
    url,
    databaseUrl,
    running,
    queries,
    callers,
    async createApiKey({ scopes, account = 'A', requestsPerMinute, allowedOrigins, name = 'Test key' }) {
      const em = running.orm.em.fork();
      const { secret } = await new ApiKeyService(em, systemClock(config.today)).create({
        name,
        scopes,
        account: account ? em.getReference(CustomerAccount, callers.accountIds[account]) : null,
        partnerName: account ? null : 'Test partner',
        requestsPerMinute,
        allowedOrigins,
      });
      return secret;
    },
    headersFor(as = 'staff') {
      if (as === 'anonymous') return {};
      if (typeof as === 'string') return { cookie: `mto_session=${callers.tokens[as]}` };
      return {
        ...(as.sessionToken ? { cookie: `mto_session=${as.sessionToken}` } : {}),
        ...(as.bearer ? { authorization: `Bearer ${as.bearer}` } : {}),
        ...as.headers,
      };
    },
    async graphql(query, variables, options = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...server.headersFor(options.as) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as GraphQLResponse<never>;
    },
    async data(query, variables, options) {
      const response = await server.graphql(query, variables, options);
      if (response.errors !== undefined || !response.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
      }
      return response.data as never;
    },
    async placeTracked<T>(input: Record<string, unknown>, options?: RequestOptions): Promise<T> {
      const { placeOrder } = await server.data<{ placeOrder: { __typename: string; number?: string } }>(
        PLACE_ORDER,
        // A guest's order needs a delivery address and the terms (the demo's, unless the test gives its own).
        { input: { ...DEMO_CHECKOUT, ...input } },
        options,
      );
      if (placeOrder.__typename !== 'Order')
        throw new Error(`no order placed: ${JSON.stringify(placeOrder)}`);
      return (await server.data<{ order: T }>(ORDER_TRACKING, { number: placeOrder.number })).order;
    },
    async rowCounts() {
      const connection = running.orm.em.fork().getConnection();
      const counts: Record<string, number> = {};
      for (const entity of entities) {
        const table = running.orm.getMetadata().get(entity.name).tableName;
        const rows = await connection.execute(
          `select count(*) as n from ${dialect === 'postgresql' ? `"${table}"` : `\`${table}\``}`,
        );
        counts[table] = Number((rows as { n: number | string }[])[0]!.n);
      }
      return counts;
    },
    async close() {
      await running.close();
      await dropDatabase?.();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return server;
}

export { operation } from './operations.js';
