import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { type BuiltServer, startBuiltServer, tempDir } from '../../test/support/built-server.js';
import { LIMIT_ERROR_CODES, QUERY_LIMITS } from '../src/graphql/limits.js';
import { DEMO_CHECKOUT } from '../src/test-support/checkout.js';
import { operation } from '../src/test-support/operations.js';
import { COMPLETE_DESK } from './api.bench.js';

/**
 * `pnpm bench abuse`: re-runs the attacks of issue 12's probe ("What a probe of the running server
 * found") against the BUILT server (node server/dist/main.js) on a fresh SQLite file, bounded in count
 * and time, only to 127.0.0.1. For each case: the requests sent, what the server answered (status and
 * code counts), its RSS (peak during the case, and after), the longest /healthz latency polled every
 * 100 ms from a connection of its own, and the wall time. Any unexpected answer (a 500, a success where
 * a refusal was expected, a server that died) or a /healthz slower than 1 s or failing makes it fail.
 */

const HOST = '127.0.0.1';
const HEALTHZ_BUDGET_MS = 1000;
const HEALTHZ_POLL_MS = 100;
/** Requests in flight at once for the many-request cases. */
const CONCURRENCY = 4;
/**
 * How late a trickled request may be cut: Node checks its timeouts every second, and the first trickled
 * byte goes a second after the connection opens.
 */
const SLOW_MARGIN_MS = 2000;
/** 900 KB, as in the probe. */
const HUGE = 900 * 1024;

/** Case 5 runs on a server of its own with short timeouts, so that it takes seconds rather than minutes. */
export const CONNECTION_CASE_ENV = {
  HTTP_HEADERS_TIMEOUT_MS: '2000',
  HTTP_REQUEST_TIMEOUT_MS: '5000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
  // Longer than the request timeout: the slow body must be cut by the request timeout, not this.
  HTTP_SOCKET_IDLE_TIMEOUT_MS: '10000',
  HTTP_MAX_CONNECTIONS: '1000',
} as const;

export interface HealthFigures {
  polls: number;
  /** Polls that got no 200 (a refused connection, an error or a 503). */
  failures: number;
  maxMs: number;
  /** From the start of the first failed poll to the end of the last: how long /healthz was refused. */
  failingSpanMs: number;
  /** The first few failures, as said. */
  failureSamples: string[];
}

export interface CaseFigures {
  id: string;
  what: string;
  requests: number;
  /** `status code` -> count; `200 data` a success, `error ECONNRESET` no HTTP answer. */
  answers: Record<string, number>;
  expected: string;
  rssBeforeMB: number;
  /** The process's peak RSS during the case (VmHWM, reset at its start), or the highest sampled. */
  rssPeakMB: number;
  rssAfterMB: number;
  healthz: HealthFigures;
  wallMs: number;
  /** Why this case is not as expected; empty when it is. */
  problems: string[];
  details?: Record<string, unknown>;
}

export interface AbuseBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  server: string;
  limits: typeof QUERY_LIMITS;
  connectionCaseEnv: typeof CONNECTION_CASE_ENV;
  cases: CaseFigures[];
  ok: boolean;
  problems: string[];
}

// ---------------------------------------------------------------- the server process, seen from outside

function statusKB(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}
const mb = (kb: number): number => Math.round(kb / 102.4) / 10;

/** Resets the process's peak RSS (VmHWM) to its current RSS; false when the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** One GET /healthz on a new connection: its latency, and what went wrong if it did not answer 200. */
function pollHealthz(port: number): Promise<{ ms: number; failure: string | null }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (failure: string | null) => resolve({ ms: performance.now() - started, failure });
    const req = request({ host: HOST, port, path: '/healthz', agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode === 200 ? null : `HTTP ${res.statusCode}`));
      res.on('error', (error) => done(error.message));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    req.end();
  });
}

/** Polls /healthz every 100 ms and samples RSS until stopped. */
function watch(server: BuiltServer) {
  const pid = server.child.pid!;
  const health: HealthFigures = { polls: 0, failures: 0, maxMs: 0, failingSpanMs: 0, failureSamples: [] };
  let firstFailureAt: number | null = null;
  let peakSampledKB = statusKB(pid, 'VmRSS');
  let running = true;
  const sampler = setInterval(() => {
    if (server.child.exitCode === null) peakSampledKB = Math.max(peakSampledKB, statusKB(pid, 'VmRSS'));
  }, HEALTHZ_POLL_MS);
  const polling = (async () => {
    while (running) {
      const startedAt = performance.now();
      const { ms, failure } = await pollHealthz(server.port);
      health.polls++;
      health.maxMs = Math.max(health.maxMs, Math.round(ms));
      if (failure) {
        health.failures++;
        firstFailureAt ??= startedAt;
        health.failingSpanMs = Math.round(startedAt + ms - firstFailureAt);
        if (health.failureSamples.length < 5)
          health.failureSamples.push(`${failure} after ${Math.round(ms)} ms`);
      }
      await sleep(Math.max(0, HEALTHZ_POLL_MS - ms));
    }
  })();
  return {
    async stop(): Promise<{ health: HealthFigures; peakSampledKB: number }> {
      running = false;
      clearInterval(sampler);
      await polling;
      return { health, peakSampledKB };
    },
  };
}

/** Runs one case with the server watched; its problems are the answers not expected and /healthz's. */
async function measure(
  server: BuiltServer,
  c: { id: string; what: string; expected: string },
  attack: () => Promise<{
    requests: number;
    answers: Record<string, number>;
    problems: string[];
    details?: Record<string, unknown>;
  }>,
): Promise<CaseFigures> {
  const pid = server.child.pid!;
  const rssBeforeKB = statusKB(pid, 'VmRSS');
  const peakReset = resetPeak(pid);
  const watcher = watch(server);
  const started = performance.now();
  const outcome = await attack();
  const wallMs = Math.round(performance.now() - started);
  const { health, peakSampledKB } = await watcher.stop();
  const problems = [...outcome.problems];
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    problems.push(`the server exited (code ${server.child.exitCode}, signal ${server.child.signalCode})`);
  }
  const alive = server.child.exitCode === null && server.child.signalCode === null;
  const peakKB = alive && peakReset ? Math.max(statusKB(pid, 'VmHWM'), peakSampledKB) : peakSampledKB;
  if (health.failures > 0) {
    problems.push(
      `/healthz failed ${health.failures} of ${health.polls} times over ${health.failingSpanMs} ms (${health.failureSamples[0]})`,
    );
  }
  if (health.maxMs > HEALTHZ_BUDGET_MS) {
    problems.push(`/healthz took ${health.maxMs} ms (budget ${HEALTHZ_BUDGET_MS} ms)`);
  }
  await sleep(500);
  return {
    ...c,
    requests: outcome.requests,
    answers: outcome.answers,
    rssBeforeMB: mb(rssBeforeKB),
    rssPeakMB: mb(peakKB),
    rssAfterMB: alive ? mb(statusKB(pid, 'VmRSS')) : 0,
    healthz: health,
    wallMs,
    problems,
    ...(outcome.details ? { details: outcome.details } : {}),
  };
}

// ---------------------------------------------------------------- GraphQL requests

interface Answer {
  status: number;
  /** The first error's code, a union member's code (InvalidOrderInput...), `data`, or the socket error. */
  code: string;
  field?: unknown;
  message?: string;
}

/**
 * The session cookie every case sends: the demo plant user's (staff pages' queries need OPERATIONS). The
 * limits are the same for everyone; a signed-in caller is who can reach the costliest fields at all.
 */
let sessionCookie: string | undefined;

/** Signs in as the demo operations user (demo data is on in the bench's servers). */
async function signInAsOperations(port: number): Promise<void> {
  const response = await fetch(`http://${HOST}:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { id } }',
      variables: { email: 'ops@demo.example', password: 'demo-ops-2026' },
    }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie)
    throw new Error(`bench abuse: could not sign in as ops@demo.example (${response.status})`);
  sessionCookie = cookie;
}

function post(port: number, agent: Agent, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: HOST,
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(sessionCookie ? { cookie: sessionCookie } : {}),
        },
        timeout: 120_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(readAnswer(res.statusCode ?? 0, text)));
        res.on('error', (error) => resolve({ status: 0, code: `error ${error.message}` }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 120 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, code: `error ${error.code ?? error.message}` }),
    );
    req.end(body);
  });
}

function readAnswer(status: number, text: string): Answer {
  let body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  try {
    body = JSON.parse(text);
  } catch {
    return { status, code: 'not JSON' };
  }
  const error = body.errors?.[0];
  if (error) {
    return {
      status,
      code: String(error.extensions?.code ?? 'no code'),
      field: error.extensions?.field,
      message: error.message,
    };
  }
  const first = Object.values(body.data ?? {})[0] as Record<string, unknown> | null | undefined;
  if (first && typeof first.code === 'string' && typeof first.field === 'string') {
    return { status, code: first.code, field: first.field, message: String(first.message) };
  }
  return { status, code: body.data ? 'data' : 'no data' };
}

const isLimitRefusal = (a: Answer): boolean =>
  (a.status === 400 || a.status === 413) && LIMIT_ERROR_CODES.has(a.code);
const isSuccess = (a: Answer): boolean => a.status === 200 && a.code === 'data';

/** Sends `count` requests, CONCURRENCY at a time, and tallies the answers against what is expected. */
async function send(
  port: number,
  count: number,
  body: (i: number) => string,
  expected: (a: Answer) => boolean,
): Promise<{ requests: number; answers: Record<string, number>; problems: string[]; last?: Answer }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const answers: Record<string, number> = {};
  const problems: string[] = [];
  let next = 0;
  let last: Answer | undefined;
  const worker = async () => {
    while (next < count) {
      const answer = await post(port, agent, body(next++));
      last = answer;
      const key = `${answer.status} ${answer.code}`;
      answers[key] = (answers[key] ?? 0) + 1;
      if (!expected(answer) && answers[key] === 1) {
        problems.push(`unexpected answer ${key}${answer.message ? `: ${answer.message.slice(0, 200)}` : ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  agent.destroy();
  return { requests: count, answers, problems, ...(last ? { last } : {}) };
}

const aliases = (count: number, field: (k: number) => string): string =>
  Array.from({ length: count }, (_, k) => field(k)).join(' ');

// ---------------------------------------------------------------- connections (case 5)

interface IdleFigures {
  opened: number;
  connectErrors: number;
  /** Closed by the server with no answer, well before the headers timeout: over the cap. */
  closedByCap: number;
  /** Answered 408 or closed at the headers timeout. */
  closedAtHeadersTimeout: number;
  /** When the last of those was closed, after its connection opened. */
  headersTimeoutCloseMaxMs: number;
  stillOpenAtEnd: number;
}

/** Opens `count` connections that send nothing, waits until the server has closed them (or a bound). */
async function idleConnections(port: number, count: number, headersTimeoutMs: number): Promise<IdleFigures> {
  const sockets: {
    socket: Socket;
    openedAt: number;
    closedAt?: number;
    firstData?: string;
    error?: string;
  }[] = [];
  for (let i = 0; i < count; i++) {
    const entry: (typeof sockets)[number] = { socket: connect({ host: HOST, port }), openedAt: 0 };
    entry.socket.on('connect', () => {
      entry.openedAt = performance.now();
    });
    entry.socket.on('data', (chunk: Buffer) => {
      entry.firstData ??= chunk.toString('latin1').split('\r\n')[0];
    });
    entry.socket.on('error', (error: NodeJS.ErrnoException) => {
      entry.error ??= error.code ?? error.message;
    });
    entry.socket.on('close', () => {
      entry.closedAt = performance.now();
    });
    sockets.push(entry);
    // In batches: the listen backlog (511) would drop the rest of a burst.
    if (i % 100 === 99) await sleep(20);
  }
  const deadline = performance.now() + headersTimeoutMs + 4000;
  while (performance.now() < deadline && sockets.some((s) => s.closedAt === undefined)) await sleep(100);
  const figures: IdleFigures = {
    opened: sockets.filter((s) => s.openedAt > 0).length,
    connectErrors: sockets.filter((s) => s.openedAt === 0).length,
    closedByCap: 0,
    closedAtHeadersTimeout: 0,
    headersTimeoutCloseMaxMs: 0,
    stillOpenAtEnd: 0,
  };
  for (const s of sockets) {
    if (s.closedAt === undefined) {
      figures.stillOpenAtEnd++;
      s.socket.destroy();
      continue;
    }
    if (s.openedAt === 0) continue;
    const lived = s.closedAt - s.openedAt;
    if (s.firstData?.startsWith('HTTP/1.1 408') || lived >= headersTimeoutMs * 0.9) {
      figures.closedAtHeadersTimeout++;
      figures.headersTimeoutCloseMaxMs = Math.max(figures.headersTimeoutCloseMaxMs, Math.round(lived));
    } else {
      figures.closedByCap++;
    }
  }
  return figures;
}

interface TrickleFigures {
  bytesSent: number;
  /** When the server answered or closed, from the connection's opening. */
  cutAtMs: number;
  answer: string;
}

/**
 * A request trickled one byte a second: `headers` sends the request line and headers that way; `body`
 * sends the headers at once (declaring a body of 200 bytes), then the body that way. Stops at `boundMs`.
 */
function trickle(port: number, mode: 'headers' | 'body', boundMs: number): Promise<TrickleFigures> {
  return new Promise((resolve) => {
    const head = `POST /graphql HTTP/1.1\r\nHost: ${HOST}:${port}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    const socket = connect({ host: HOST, port });
    let openedAt = 0;
    let bytesSent = 0;
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      resolve({
        bytesSent,
        cutAtMs: Math.round(performance.now() - openedAt),
        answer: answer || 'closed, no answer',
      });
      socket.destroy();
    };
    socket.on('connect', () => {
      openedAt = performance.now();
      const trickled = mode === 'headers' ? head : `{"query":"{ __typename }",${' '.repeat(200)}`;
      if (mode === 'body') socket.write(head);
      timer = setInterval(() => {
        if (performance.now() - openedAt > boundMs) return finish();
        if (socket.writable) {
          socket.write(trickled[bytesSent % trickled.length]!);
          bytesSent++;
        }
      }, 1000);
    });
    socket.on('data', (chunk: Buffer) => {
      answer ||= chunk.toString('latin1').split('\r\n')[0]!;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      answer ||= `error ${error.code ?? error.message}`;
    });
    socket.on('close', finish);
  });
}

// ---------------------------------------------------------------- the cases

const CONFIGURE_INPUT = { input: COMPLETE_DESK };
const EBIKE = { productCode: 'e-bike', selections: [] };

async function queryCases(server: BuiltServer): Promise<CaseFigures[]> {
  const port = server.port;
  const cases: CaseFigures[] = [];
  const refused = 'refused with a limit code (400/413), before any work';

  cases.push(
    await measure(
      server,
      {
        id: '1',
        what: '74 requests of 1,000 aliased configure, each a new operation name',
        expected: refused,
      },
      () =>
        send(
          port,
          74,
          (i) =>
            JSON.stringify({
              query: `query Probe${i}($input: ConfigurationInput!) { ${aliases(1000, (k) => `a${k}: configure(input: $input) { valid }`)} }`,
              operationName: `Probe${i}`,
              variables: CONFIGURE_INPUT,
            }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      {
        id: '1b',
        what: 'within the limits: 74 requests of 15 aliased configure (cost 6,030), each a new operation name and desk width',
        expected: 'answered (200, no errors)',
      },
      () =>
        send(
          port,
          74,
          (i) =>
            JSON.stringify({
              query: `query Probe${i}($input: ConfigurationInput!) { ${aliases(15, (k) => `a${k}: configure(input: $input) { valid price { total { amount } } }`)} }`,
              operationName: `Probe${i}`,
              variables: {
                input: {
                  ...COMPLETE_DESK,
                  selections: COMPLETE_DESK.selections.map((s) =>
                    s.feature === 'width_mm' ? { ...s, value: String(1000 + 10 * i) } : s,
                  ),
                },
              },
            }),
          isSuccess,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      {
        id: '2',
        what: '1,100 `{ __typename }` with 900 KB of unused variables',
        expected: '413 PAYLOAD_TOO_LARGE (or 400 INPUT_TOO_LONG)',
      },
      () =>
        send(
          port,
          1100,
          (i) =>
            JSON.stringify({ query: '{ __typename }', variables: { unused: `${i}:${'x'.repeat(HUGE)}` } }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      {
        id: '2b',
        what: 'within the limits: 1,100 `{ __typename }` with 95 KB of unused variables (ten strings of 9,500 characters)',
        expected: 'answered (200, no errors); not remembered (key over 16 KB)',
      },
      () =>
        send(
          port,
          1100,
          (i) =>
            JSON.stringify({
              query: '{ __typename }',
              variables: Object.fromEntries(
                Array.from({ length: 10 }, (_, k) => [`unused${k}`, `${i}:`.padEnd(9500, 'x')]),
              ),
            }),
          isSuccess,
        ),
    ),
  );
  const resolveConflict = operation('resolve-conflict');
  cases.push(
    await measure(
      server,
      {
        id: '3',
        what: '700 resolveConflict with a 900 KB `value`',
        expected: '413 PAYLOAD_TOO_LARGE (or 400 INPUT_TOO_LONG)',
      },
      () =>
        send(
          port,
          700,
          (i) =>
            JSON.stringify({
              query: resolveConflict,
              variables: { input: COMPLETE_DESK, feature: 'top_material', value: `${i}:${'x'.repeat(HUGE)}` },
            }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      { id: '4a', what: '50 aliases of materials in one request', expected: refused },
      () =>
        send(
          port,
          1,
          () =>
            JSON.stringify({
              query: `{ ${aliases(50, (k) => `m${k}: materials { parts { __typename } }`)} }`,
            }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      {
        id: '4b',
        what: 'one request with 1,000 aliases each of orders, materials and operationsBoard',
        expected: refused,
      },
      () =>
        send(
          port,
          1,
          () =>
            JSON.stringify({
              query: `{ ${aliases(1000, (k) => `o${k}: orders { __typename } m${k}: materials { __typename } b${k}: operationsBoard { __typename }`)} }`,
            }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      { id: '4c', what: '300 aliases of autocomplete(CHEAPEST) in one request', expected: refused },
      () =>
        send(
          port,
          1,
          () =>
            JSON.stringify({
              query: `query ($input: ConfigurationInput!) { ${aliases(300, (k) => `c${k}: autocomplete(input: $input, preference: CHEAPEST) { found }`)} }`,
              variables: { input: EBIKE },
            }),
          isLimitRefusal,
        ),
    ),
  );
  cases.push(
    await measure(
      server,
      {
        id: '4d',
        what: 'within the limits: 3 aliases of materials (cost 21,420), then 5 of autocomplete(CHEAPEST) on an open e-bike (cost 25,000)',
        expected: 'answered (200, no errors)',
      },
      async () => {
        const materials = await send(
          port,
          1,
          () =>
            JSON.stringify({
              query: `{ ${aliases(3, (k) => `m${k}: materials { parts { __typename } openRequisitions { __typename } backorders { __typename } }`)} }`,
            }),
          isSuccess,
        );
        const cheapest = await send(
          port,
          1,
          () =>
            JSON.stringify({
              query: `query ($input: ConfigurationInput!) { ${aliases(5, (k) => `c${k}: autocomplete(input: $input, preference: CHEAPEST) { found proven }`)} }`,
              variables: { input: EBIKE },
            }),
          isSuccess,
        );
        const answers: Record<string, number> = {};
        for (const tally of [materials.answers, cheapest.answers]) {
          for (const [key, n] of Object.entries(tally)) answers[key] = (answers[key] ?? 0) + n;
        }
        return { requests: 2, answers, problems: [...materials.problems, ...cheapest.problems] };
      },
    ),
  );

  const adjustStock = operation('adjust-stock');
  const placeOrder = operation('place-order');
  cases.push(
    await measure(
      server,
      {
        id: '6',
        what: 'adjustStock(quantity: "1e308"); placeOrder with a NUL in the customer name',
        expected: 'refused naming the field (BAD_USER_INPUT quantity; the name), nothing written',
      },
      async () => {
        const agent = new Agent({ keepAlive: false });
        const stock = await post(
          port,
          agent,
          JSON.stringify({
            query: adjustStock,
            variables: { partNumber: 'EB-FRM-L', quantity: '1e308', reason: 'abuse probe' },
          }),
        );
        const order = await post(
          port,
          agent,
          JSON.stringify({
            query: placeOrder,
            variables: {
              input: {
                lines: [EBIKE],
                ...DEMO_CHECKOUT,
                customer: { name: 'Ada\u0000Lovelace', email: 'ada@example.com' },
              },
            },
          }),
        );
        const problems: string[] = [];
        if (stock.status !== 200 || stock.code !== 'BAD_USER_INPUT' || stock.field !== 'quantity') {
          problems.push(`adjustStock 1e308: ${stock.status} ${stock.code} field ${String(stock.field)}`);
        }
        if (order.status >= 500 || order.code === 'data' || !/name/.test(String(order.field))) {
          problems.push(`placeOrder NUL name: ${order.status} ${order.code} field ${String(order.field)}`);
        }
        const answers: Record<string, number> = {};
        for (const a of [stock, order])
          answers[`${a.status} ${a.code}`] = (answers[`${a.status} ${a.code}`] ?? 0) + 1;
        return {
          requests: 2,
          answers,
          problems,
          details: {
            adjustStock: {
              status: stock.status,
              code: stock.code,
              field: stock.field,
              message: stock.message,
            },
            placeOrder: {
              status: order.status,
              code: order.code,
              field: order.field,
              message: order.message,
            },
          },
        };
      },
    ),
  );
  return cases;
}

async function connectionCases(server: BuiltServer): Promise<CaseFigures[]> {
  const port = server.port;
  const headersTimeoutMs = Number(CONNECTION_CASE_ENV.HTTP_HEADERS_TIMEOUT_MS);
  const requestTimeoutMs = Number(CONNECTION_CASE_ENV.HTTP_REQUEST_TIMEOUT_MS);
  const cap = Number(CONNECTION_CASE_ENV.HTTP_MAX_CONNECTIONS);
  const cases: CaseFigures[] = [];
  for (const [id, count] of [
    ['5a', 900],
    ['5b', 2000],
  ] as const) {
    cases.push(
      await measure(
        server,
        {
          id,
          what: `${count} idle connections (nothing sent), cap ${cap}, headers timeout ${headersTimeoutMs} ms`,
          expected: `all closed by the headers timeout (408) or at once over the cap; /healthz answers throughout`,
        },
        async () => {
          const idle = await idleConnections(port, count, headersTimeoutMs);
          const problems: string[] = [];
          if (idle.stillOpenAtEnd > 0) {
            problems.push(
              `${idle.stillOpenAtEnd} connections still open ${headersTimeoutMs + 4000} ms after opening`,
            );
          }
          return {
            requests: count,
            answers: {
              'closed at once (over the cap)': idle.closedByCap,
              'closed at the headers timeout': idle.closedAtHeadersTimeout,
              'still open at the end': idle.stillOpenAtEnd,
              'connect error': idle.connectErrors,
            },
            problems,
            details: { ...idle },
          };
        },
      ),
    );
  }
  for (const [id, mode, timeoutMs, name] of [
    ['5c', 'body', requestTimeoutMs, 'request timeout'],
    ['5d', 'headers', headersTimeoutMs, 'headers timeout'],
  ] as const) {
    cases.push(
      await measure(
        server,
        {
          id,
          what: `a request whose ${mode === 'body' ? 'body is' : 'headers are'} sent one byte a second (bounded at 30 s)`,
          expected: `cut with 408 at the ${name} (${timeoutMs} ms), within ${timeoutMs + SLOW_MARGIN_MS} ms`,
        },
        async () => {
          const slow = await trickle(port, mode, 30_000);
          const problems: string[] = [];
          if (slow.cutAtMs > timeoutMs + SLOW_MARGIN_MS) problems.push(`held ${slow.cutAtMs} ms`);
          if (!slow.answer.startsWith('HTTP/1.1 408')) problems.push(`answered "${slow.answer}"`);
          return { requests: 1, answers: { [slow.answer]: 1 }, problems, details: { ...slow } };
        },
      ),
    );
  }
  return cases;
}

export async function runAbuseBench(
  options: { log?: (line: string) => void } = {},
): Promise<AbuseBenchResult> {
  const { log = console.log } = options;
  buildIfStale({ log: (message) => log(`bench abuse: ${message}`) });
  const loadAverage1m = Math.round(loadavg()[0]! * 100) / 100;
  const cases: CaseFigures[] = [];
  const directory = tempDir('mto-bench-abuse-');
  try {
    log(
      'bench abuse: query, memory and bad-value cases (1-4, 6) on the built server with its default limits',
    );
    const server = await startBuiltServer({
      databaseUrl: null,
      sqlitePath: join(directory.dir, 'queries.sqlite'),
    });
    try {
      await signInAsOperations(server.port);
      cases.push(...(await queryCases(server)));
    } finally {
      await server.stop();
    }
    log(
      `bench abuse: connection cases (5) on a second server started with short timeouts: ${Object.entries(
        CONNECTION_CASE_ENV,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    const short = await startBuiltServer(
      { databaseUrl: null, sqlitePath: join(directory.dir, 'connections.sqlite') },
      60_000,
      { ...CONNECTION_CASE_ENV },
    );
    try {
      cases.push(...(await connectionCases(short)));
    } finally {
      await short.stop();
    }
  } finally {
    directory.remove();
  }
  const problems = cases.flatMap((c) => c.problems.map((p) => `case ${c.id}: ${p}`));
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m,
    },
    server:
      'built server (node server/dist/main.js), fresh SQLite file, loopback; requests 4 at a time, /healthz polled every 100 ms on a new connection',
    limits: QUERY_LIMITS,
    connectionCaseEnv: CONNECTION_CASE_ENV,
    cases,
    ok: problems.length === 0,
    problems,
  };
}
