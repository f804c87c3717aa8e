import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type BuiltServer, DEMO_USERS, startBuiltServer } from '../../test/support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../../test/support/databases.js';
import { DEMO_CHECKOUT } from '../src/test-support/checkout.js';
import { buildServer } from './orders.bench.js';

/**
 * `pnpm bench events` (webhook half): from a change committed to its webhook arriving at a local receiver.
 * The BUILT server on a fresh PostgreSQL database, with 1 and then 2 server processes sharing it; orders
 * placed beforehand are confirmed over HTTP at a steady 50 a second for 20 s, spread over the processes
 * (placing 50 orders a second is more than this machine's plant takes: bench orders), each event's latency is
 * the receiver's arrival time minus the event's occurredAt (taken in the placing transaction, just before
 * it commits); every event is counted at every endpoint: lost (never arrived) and duplicated (arrived
 * twice). Then 100 endpoints hear every placement: deliveries per second.
 */

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { number } } }`;
const CREATE = `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ORDER_CONFIRMED] }) { endpoint { id } } }`;
const CONFIRM = 'mutation($number: String!) { confirmOrder(number: $number) { __typename } }';
const DELETE = 'mutation($id: Int!) { deleteWebhookEndpoint(id: $id) }';
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };

export interface LatencyFigures {
  processes: number;
  targetChangesPerSecond: number;
  seconds: number;
  changes: number;
  changeErrors: number;
  endpoints: number;
  /** Commit (occurredAt) to arrival at the receiver, over every endpoint. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From the mutation's answer reaching the client to the first endpoint's request (negative: it came first). */
  fromResponseP50Ms: number;
  fromResponseP99Ms: number;
  perEndpoint: { endpoint: string; received: number; lost: number; duplicated: number }[];
}

export interface ThroughputFigures {
  processes: number;
  endpoints: number;
  changes: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  lost: number;
  duplicated: number;
}

export interface EventsWebhooksBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  database: 'postgresql' | 'sqlite';
  latency: LatencyFigures[];
  throughput: ThroughputFigures[];
  goal: string;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the local receiver heard: per path, each webhook-id's arrivals and latencies. */
class Receiver {
  readonly arrivals = new Map<string, Map<string, number>>();
  readonly latencies: number[] = [];
  /** The first arrival of each order's event, by order number. */
  readonly arrivedAt = new Map<string, number>();
  total = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const at = Date.now();
        res.writeHead(204).end();
        const id = String(req.headers['webhook-id']);
        const path = req.url ?? '';
        const seen = this.arrivals.get(path) ?? new Map<string, number>();
        seen.set(id, (seen.get(id) ?? 0) + 1);
        this.arrivals.set(path, seen);
        this.total += 1;
        try {
          const parsed = JSON.parse(body) as { timestamp: string; data: { order?: { number?: string } } };
          this.latencies.push(at - Date.parse(parsed.timestamp));
          const number = parsed.data.order?.number;
          if (number && !this.arrivedAt.has(number)) this.arrivedAt.set(number, at);
        } catch {
          // not one of ours
        }
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  reset(): void {
    this.arrivals.clear();
    this.latencies.length = 0;
    this.arrivedAt.clear();
    this.total = 0;
  }

  /** Lost and duplicated at one path, against the events expected there. */
  count(path: string, expected: string[]): { received: number; lost: number; duplicated: number } {
    const seen = this.arrivals.get(path) ?? new Map<string, number>();
    let lost = 0;
    let duplicated = 0;
    for (const id of expected) {
      const times = seen.get(id) ?? 0;
      if (times === 0) lost += 1;
      else duplicated += times - 1;
    }
    return { received: [...seen.values()].reduce((a, b) => a + b, 0), lost, duplicated };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function data<T>(
  server: BuiltServer,
  query: string,
  variables: Record<string, unknown>,
  sessionToken?: string,
): Promise<T> {
  const { status, body, text } = await server.graphql(query, variables, { sessionToken });
  if (status !== 200 || body.errors?.length || !body.data)
    throw new Error(`HTTP ${status}: ${text.slice(0, 500)}`);
  return body.data as T;
}

/** Places `count` orders, 10 at a time, answering their numbers. */
async function placeOrders(servers: BuiltServer[], count: number): Promise<string[]> {
  const numbers: string[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      const { body } = await servers[n % servers.length]!.graphql(PLACE, {
        input: {
          lines: [DESK],
          ...DEMO_CHECKOUT,
          customer: { name: 'Bench', email: `events.${n}@example.com` },
        },
      });
      const placed = (body.data as { placeOrder?: { number?: string } } | undefined)?.placeOrder;
      if (placed?.number) numbers.push(placed.number);
    }
  };
  await Promise.all(Array.from({ length: 10 }, () => client()));
  return numbers;
}

/** Confirms orders at a steady rate (open loop: a slow answer does not slow the next), spread over the servers. */
async function confirmSteadily(
  servers: BuiltServer[],
  numbers: string[],
  perSecond: number,
  session: string,
  respondedAt?: Map<string, number>,
): Promise<number> {
  const started = performance.now();
  let errors = 0;
  const pending: Promise<void>[] = [];
  for (const [n, number] of numbers.entries()) {
    const wait = started + (n * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      servers[n % servers.length]!.graphql(CONFIRM, { number }, { sessionToken: session })
        .then(({ body }) => {
          const answer = (body.data as { confirmOrder?: { __typename: string } } | undefined)?.confirmOrder;
          if (answer?.__typename !== 'Order') errors += 1;
          else respondedAt?.set(number, Date.now());
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(pending);
  return errors;
}

async function placedSince(
  database: TestDatabase,
  sequence: number,
): Promise<{ ids: string[]; last: number }> {
  const rows = await database.query<{ event_id: string; sequence: number }>(
    "select event_id, sequence from domain_event where sequence > ? and type = 'ORDER_CONFIRMED' order by sequence",
    [sequence],
  );
  const last = await database.query<{ last: number | null }>(
    'select max(sequence) as last from domain_event',
  );
  return { ids: rows.map((row) => row.event_id), last: Number(last[0]?.last ?? 0) };
}

/** Waits until every path heard every id (or a quiet spell shows nothing more is coming). */
async function settle(receiver: Receiver, paths: string[], ids: string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (paths.every((path) => ids.every((id) => receiver.arrivals.get(path)?.has(id)))) return;
    await sleep(50);
  }
}

async function runWithProcesses(
  processes: number,
  dialect: 'postgresql' | 'sqlite',
  options: { seconds: number; perSecond: number; fanoutEndpoints: number; fanoutChanges: number },
  log: (line: string) => void,
): Promise<{ latency: LatencyFigures; throughput: ThroughputFigures }> {
  const database = await freshDatabase(dialect);
  const receiver = new Receiver();
  await receiver.start();
  const servers: BuiltServer[] = [];
  try {
    const env = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'warn' };
    for (let index = 0; index < processes; index++)
      servers.push(await startBuiltServer(database, 60_000, env));
    const admin = await servers[0]!.signIn(DEMO_USERS.admin.email, DEMO_USERS.admin.password);
    const operations = await servers[0]!.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password);
    const confirmations = Math.round(options.perSecond * options.seconds);
    log(`bench events: placing ${confirmations + options.fanoutChanges} orders to confirm…`);
    const orders = await placeOrders(servers, confirmations + options.fanoutChanges);
    if (orders.length < confirmations + options.fanoutChanges)
      throw new Error(`bench events: only ${orders.length} orders placed`);

    // Latency: two endpoints, 50 changes a second.
    const paths = ['/latency-1', '/latency-2'];
    const ids: number[] = [];
    for (const path of paths) {
      const made = await data<{ createWebhookEndpoint: { endpoint: { id: number } } }>(
        servers[0]!,
        CREATE,
        { url: `${receiver.url}${path}` },
        admin,
      );
      ids.push(made.createWebhookEndpoint.endpoint.id);
    }
    // The other processes learn of the endpoints by their poll (1 s).
    await sleep(1500);
    const before = await placedSince(database, 0);
    receiver.reset();
    log(
      `bench events: ${processes} process(es), ${options.perSecond} confirmations/s for ${options.seconds} s, ${paths.length} endpoints`,
    );
    const respondedAt = new Map<string, number>();
    const changeErrors = await confirmSteadily(
      servers,
      orders.slice(0, confirmations),
      options.perSecond,
      operations,
      respondedAt,
    );
    const placed = await placedSince(database, before.last);
    await settle(receiver, paths, placed.ids, 30_000);
    await sleep(1000); // anything sent twice arrives meanwhile
    const sorted = [...receiver.latencies].sort((a, b) => a - b);
    const fromResponse = [...respondedAt]
      .filter(([number]) => receiver.arrivedAt.has(number))
      .map(([number, at]) => receiver.arrivedAt.get(number)! - at)
      .sort((a, b) => a - b);
    const latency: LatencyFigures = {
      processes,
      targetChangesPerSecond: options.perSecond,
      seconds: options.seconds,
      changes: placed.ids.length,
      changeErrors,
      endpoints: paths.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? 0),
      fromResponseP50Ms: round(percentile(fromResponse, 50)),
      fromResponseP99Ms: round(percentile(fromResponse, 99)),
      perEndpoint: paths.map((path) => ({ endpoint: path, ...receiver.count(path, placed.ids) })),
    };
    log(
      `  ${latency.changes} changes (${changeErrors} refused); latency from commit p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms; from the answer p50 ${latency.fromResponseP50Ms} ms, p99 ${latency.fromResponseP99Ms} ms; ${JSON.stringify(latency.perEndpoint)}`,
    );
    for (const id of ids) await data(servers[0]!, DELETE, { id }, admin);

    // Throughput: 100 endpoints hear every placement.
    const fanPaths = Array.from({ length: options.fanoutEndpoints }, (_, i) => `/fan-${i}`);
    for (const path of fanPaths) await data(servers[0]!, CREATE, { url: `${receiver.url}${path}` }, admin);
    await sleep(1500);
    const start = await placedSince(database, 0);
    receiver.reset();
    const started = performance.now();
    await confirmSteadily(servers, orders.slice(confirmations), options.perSecond, operations);
    const fanned = await placedSince(database, start.last);
    await settle(receiver, fanPaths, fanned.ids, 120_000);
    const seconds = (performance.now() - started) / 1000;
    await sleep(1000);
    let lost = 0;
    let duplicated = 0;
    for (const path of fanPaths) {
      const counted = receiver.count(path, fanned.ids);
      lost += counted.lost;
      duplicated += counted.duplicated;
    }
    const deliveries = fanned.ids.length * fanPaths.length - lost;
    const throughput: ThroughputFigures = {
      processes,
      endpoints: fanPaths.length,
      changes: fanned.ids.length,
      deliveries,
      seconds: round(seconds, 2),
      deliveriesPerSecond: round(deliveries / seconds),
      lost,
      duplicated,
    };
    log(
      `  fan-out: ${deliveries} deliveries to ${fanPaths.length} endpoints in ${throughput.seconds} s: ${throughput.deliveriesPerSecond}/s, lost ${lost}, duplicated ${duplicated}`,
    );
    return { latency, throughput };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await receiver.close();
    await database.remove();
  }
}

export async function runEventsWebhooksBench(
  options: { seconds?: number; perSecond?: number; log?: (line: string) => void } = {},
): Promise<EventsWebhooksBenchResult> {
  const { seconds = 20, perSecond = 50, log = console.log } = options;
  buildServer(log);
  const unavailable = await postgresUnavailable('bench events on PostgreSQL');
  const dialect = unavailable === null ? 'postgresql' : 'sqlite';
  if (unavailable !== null) log(`bench events: !!! measuring on SQLite, one process only (${unavailable})`);
  const latency: LatencyFigures[] = [];
  const throughput: ThroughputFigures[] = [];
  for (const processes of dialect === 'postgresql' ? [1, 2] : [1]) {
    const figures = await runWithProcesses(
      processes,
      dialect,
      { seconds, perSecond, fanoutEndpoints: 100, fanoutChanges: 100 },
      log,
    );
    latency.push(figures.latency);
    throughput.push(figures.throughput);
  }
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: round(loadavg()[0]!, 2),
    },
    database: dialect,
    latency,
    throughput,
    goal: 'p99 under 500 ms at 50 changes/s; 0 lost, 0 duplicated per endpoint',
  };
}
