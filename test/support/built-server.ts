// The built server as production runs it: `node server/dist/main.js` in a child process, on a free
// port, with its own database (a temporary SQLite file, or a fresh PostgreSQL database).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_MAIN = path.join(root, 'server', 'dist', 'main.js');

export {
  createPostgresDatabase,
  type Dialect,
  POSTGRES_ADMIN_URL,
  testDialects,
} from '../../server/src/test-support/postgres.js';

/** Runs one query on a PostgreSQL database and closes the connection. */
export async function queryPostgres<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One pino line: a JSON object with at least level and msg. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BuiltServer {
  port: number;
  base: string;
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** The JSON log lines written so far (lines that are not JSON are left out). */
  logs(): LogLine[];
  /**
   * Sends a GraphQL request over HTTP (POST, JSON), as a partner's application would; anonymous, or with
   * a session (`sessionToken`, from signIn) as a signed-in person's browser.
   */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    options?: { sessionToken?: string },
  ): Promise<{ status: number; body: GraphQLBody; text: string }>;
  /**
   * Signs in over HTTP (the signIn mutation) and answers the session token the server set as its cookie
   * (`mto_session`), for `graphql(…, { sessionToken })` or a browser context's cookie.
   */
  signIn(email: string, password: string): Promise<string>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** The session cookie's name (server/src/http/viewer.ts). */
export const SESSION_COOKIE = 'mto_session';
const SIGN_IN =
  'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { id } }';

/**
 * The demo users a new database gets (DEMO_DATA, on by default; server/src/accounts/demo-users.ts): one per
 * role, the customer a contact of the demo account "Demo Customer GmbH".
 */
export const DEMO_USERS = {
  admin: { email: 'admin@demo.example', password: 'demo-admin-2026', name: 'Demo Admin' },
  operations: { email: 'ops@demo.example', password: 'demo-ops-2026', name: 'Demo Operations' },
  sales: { email: 'sales@demo.example', password: 'demo-sales-2026', name: 'Demo Sales' },
  salesManager: { email: 'manager@demo.example', password: 'demo-manager-2026', name: 'Demo Sales Manager' },
  customer: { email: 'customer@demo.example', password: 'demo-customer-2026', name: 'Demo Customer' },
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; [key: string]: unknown }[];
}

export interface DatabaseEnv {
  /** postgres://... or null for SQLite. */
  databaseUrl: string | null;
  sqlitePath: string;
}

/**
 * Spawns `node server/dist/main.js` and resolves once it logs its "listening on" line; rejects with the
 * process's output if it exits first or does not listen within the time allowed.
 */
export async function startBuiltServer(
  database: DatabaseEnv,
  timeoutMs = 60_000,
  /** More environment for the process, e.g. { MTO_TODAY: '2026-12-01' } to fix the planning date. */
  extraEnv: Record<string, string> = {},
): Promise<BuiltServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SQLITE_PATH: database.sqlitePath,
  };
  delete env.DATABASE_URL;
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  // SERVER_NODE_ARGS: node's own flags for the server alone, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' to
  // profile it under a bench (NODE_OPTIONS refuses --cpu-prof, and would profile the bench too).
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, SERVER_MAIN], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = `http://127.0.0.1:${port}`;
  const logs = (): LogLine[] =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: BuiltServer = {
    port,
    base,
    child,
    output: () => output,
    logs,
    async graphql(query, variables, options = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(options.sessionToken ? { cookie: `${SESSION_COOKIE}=${options.sessionToken}` } : {}),
        },
        body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
      });
      const text = await response.text();
      let body: GraphQLBody = {};
      try {
        body = JSON.parse(text) as GraphQLBody;
      } catch {
        // left empty: the test sees the text
      }
      return { status: response.status, body, text };
    },
    async signIn(email, password) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
      if (response.status !== 200 || !token) {
        throw new Error(`signing in as ${email} failed (${response.status}): ${await response.text()}`);
      }
      return decodeURIComponent(token);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the built server did not log "listening on" within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (logs().some((line) => typeof line.msg === 'string' && line.msg.startsWith('listening on'))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the built server exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  return server;
}

/** A temporary folder for a SQLite file; `remove()` deletes it. */
export function tempDir(prefix = 'mto-e2e-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A named operation from schema/operations, with the fragments it uses (one loader for every test). */
export { operation } from '../../server/src/test-support/operations.js';

/** A GET with the path sent byte for byte (fetch and URL would normalise the dot segments away). */
export function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
