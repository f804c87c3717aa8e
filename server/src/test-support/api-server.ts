import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readConfig } from '../config.js';
import { entities } from '../db/entities.js';
import { createLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';

export type Dialect = 'sqlite' | 'postgresql';

const POSTGRES_ADMIN_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The databases the API tests run on: SQLite always; PostgreSQL in CI (where it must be up) and
 * wherever it answers. Outside CI without PostgreSQL, the PostgreSQL tests are skipped and say so loudly.
 */
export async function testDialects(): Promise<Dialect[]> {
  if (process.env.CI === 'true') return ['sqlite', 'postgresql'];
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return ['sqlite', 'postgresql'];
  } catch (error) {
    console.warn(
      `\n!!! PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${String(error)}): the PostgreSQL API tests are SKIPPED here. In CI they run.\n`,
    );
    return ['sqlite'];
  }
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  dialect: Dialect;
  url: string;
  running: RunningServer;
  /** SQL statements run since the last reset (to prove a request runs a bounded number of queries). */
  queries: string[];
  /** Sends a GraphQL request over HTTP, as a partner's application would. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Row counts of every table: a failed write must leave them unchanged. */
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** A real server (HTTP, GraphQL, a fresh database of the given kind, migrated and seeded) on a free port. */
export async function startTestServer(dialect: Dialect): Promise<TestServer> {
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  const directory = mkdtempSync(join(tmpdir(), 'mto-api-'));
  if (dialect === 'postgresql') {
    const name = `mto_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const config = {
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    sqlitePath: join(directory, 'test.sqlite'),
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
  const queries: string[] = [];
  const running = await startServer(config, createLogger(config.logLevel), {
    onQuery: (sql) => queries.push(sql),
  });
  const url = running.url;
  return {
    dialect,
    url,
    running,
    queries,
    async graphql(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as GraphQLResponse<never>;
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
}

export { operation } from './operations.js';
