import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type BuiltServer, DEMO_USERS, startBuiltServer } from '../../test/support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../../test/support/databases.js';
import { DEMO_CHECKOUT } from '../src/test-support/checkout.js';
import { buildServer } from './orders.bench.js';

/**
 * `pnpm bench events-subscriptions [seconds] [processes]`: how soon a change committed through the HTTP API
 * reaches a GraphQL subscriber over WebSocket (graphql-ws), on the BUILT server on a fresh PostgreSQL database.
 * Staff place orders (a standing desk, the demo checkout) at `rate` changes a second (open loop: each sent on
 * its schedule, whatever the answers before it), spread over the server processes. One staff subscriber per
 * process listens to `ordersChanged`; for each order placed each subscriber must hear its ORDER_PLACED event
 * once. Latency from the commit: the message's arrival minus the event's occurredAt
 * (written in the change's transaction, just before it commits), and minus the mutation's answer arriving
 * (negative when the message comes first). Lost: an order placed that a subscriber never heard of (after a drain of
 * 5 s); duplicated: an event heard twice by one subscriber.
 */

/** The change: an order placed (by staff, to the demo checkout), answered with little. */
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { number status } } }`;
const CHANGES = `subscription { ordersChanged { event { id type subject occurredAt } } }`;
const DESK = { productCode: 'standing-desk', quantity: 1, selections: [] };
const DRAIN_MS = 5000;

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface SubscriptionsBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  database: 'postgresql' | 'sqlite';
  processes: number;
  /** Changes sent a second, and for how long. */
  rate: number;
  durationSeconds: number;
  changes: number;
  changeErrors: number;
  /** The first few failed changes' answers. */
  errorSamples: string[];
  /** Messages a subscriber should have had (changes × subscribers) and what came. */
  expectedMessages: number;
  received: number;
  lost: number;
  duplicated: number;
  /** From the event's occurredAt (the commit) to the message at the subscriber. */
  fromCommit: LatencyFigures;
  /** From the mutation's answer at the client to the message at the subscriber. */
  fromResponse: LatencyFigures;
  /** The same from the commit, for messages whose change went through another process than the subscriber's. */
  crossProcess: LatencyFigures | null;
  /** The mutation's own time (send to answer). */
  mutation: LatencyFigures;
}

const round = (n: number): number => Math.round(n * 10) / 10;
function figures(values: number[]): LatencyFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50Ms: round(at(50)), p99Ms: round(at(99)), maxMs: round(sorted.at(-1) ?? 0) };
}

interface Heard {
  /** Event ids this subscriber heard, and how often. */
  counts: Map<string, number>;
  /** Order number -> arrival (Date.now) and occurredAt of its ORDER_PLACED. */
  arrivals: Map<string, { at: number; occurredAt: number }>;
}

async function listen(server: BuiltServer, token: string): Promise<{ client: Client; heard: Heard }> {
  const heard: Heard = { counts: new Map(), arrivals: new Map() };
  class WithCookie extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: `mto_session=${token}` } });
    }
  }
  const client = createClient({
    url: `${server.base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WithCookie,
    lazy: false,
  });
  await new Promise<void>((resolve, reject) => {
    client.subscribe(
      { query: CHANGES },
      {
        next: (result) => {
          const at = Date.now();
          const event = (
            result.data as {
              ordersChanged: { event: { id: string; type: string; subject: string; occurredAt: string } };
            } | null
          )?.ordersChanged.event;
          if (!event) return;
          heard.counts.set(event.id, (heard.counts.get(event.id) ?? 0) + 1);
          if (event.type === 'ORDER_PLACED' && !heard.arrivals.has(event.subject))
            heard.arrivals.set(event.subject, { at, occurredAt: Date.parse(event.occurredAt) });
        },
        error: reject,
        complete: () => {},
      },
    );
    // The connection is acknowledged before the subscribe is sent; a beat later the server listens.
    client.on('connected', () => setTimeout(resolve, 200));
  });
  return { client, heard };
}

export async function runSubscriptionsBench(
  options: { durationSeconds?: number; rate?: number; processes?: number; log?: (line: string) => void } = {},
): Promise<SubscriptionsBenchResult> {
  const {
    durationSeconds = 20,
    rate = Number(process.env.BENCH_EVENTS_RATE ?? 50),
    processes = 1,
    log = console.log,
  } = options;
  buildServer(log);
  const unavailable = await postgresUnavailable('bench events on PostgreSQL');
  if (unavailable !== null && processes > 1)
    throw new Error(`bench events: ${processes} processes need PostgreSQL: ${unavailable}`);
  const dialect = unavailable === null ? 'postgresql' : 'sqlite';
  if (unavailable !== null) log(`bench events: !!! measuring on SQLite instead (${unavailable})`);
  const loadAverage1m = Math.round(loadavg()[0]! * 100) / 100;
  const database: TestDatabase = await freshDatabase(dialect);
  const servers: BuiltServer[] = [];
  const clients: Client[] = [];
  try {
    for (let index = 0; index < processes; index++) servers.push(await startBuiltServer(database));
    const first = servers[0]!;
    const staff = await first.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password);
    const total = Math.round(rate * durationSeconds);
    const listeners = await Promise.all(servers.map((server) => listen(server, staff)));
    clients.push(...listeners.map((listener) => listener.client));
    log(
      `bench events: ${dialect}, ${processes} process${processes === 1 ? '' : 'es'}, ${rate} changes/s for ${durationSeconds} s, ${listeners.length} subscriber(s)`,
    );

    const sent = new Map<string, { process: number; answeredAt: number; tookMs: number }>();
    let changeErrors = 0;
    const errorSamples: string[] = [];
    const failed = (why: string) => {
      changeErrors++;
      if (errorSamples.length < 3) errorSamples.push(why.slice(0, 300));
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: total }, async (_, index) => {
        const due = started + (index * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const process = index % servers.length;
        const t0 = performance.now();
        try {
          const { status, body, text } = await servers[process]!.graphql(
            PLACE,
            {
              input: {
                lines: [DESK],
                ...DEMO_CHECKOUT,
                customer: { name: 'Bench', email: `bench.${index}@example.com` },
              },
            },
            { sessionToken: staff },
          );
          const placed = (body.data as { placeOrder?: { __typename?: string; number?: string } } | null)
            ?.placeOrder;
          if (status !== 200 || body.errors?.length || placed?.__typename !== 'Order' || !placed.number)
            failed(`HTTP ${status}: ${text}`);
          else sent.set(placed.number, { process, answeredAt: Date.now(), tookMs: performance.now() - t0 });
        } catch (error) {
          failed(String(error));
        }
      }),
    );
    // Stragglers: every subscriber has heard every change, or the drain ran out.
    const drainUntil = Date.now() + DRAIN_MS;
    while (
      Date.now() < drainUntil &&
      listeners.some((listener) => [...sent.keys()].some((n) => !listener.heard.arrivals.has(n)))
    )
      await new Promise((resolve) => setTimeout(resolve, 50));

    const fromCommit: number[] = [];
    const fromResponse: number[] = [];
    const cross: number[] = [];
    let received = 0;
    let lost = 0;
    let duplicated = 0;
    listeners.forEach((listener, subscriberProcess) => {
      for (const count of listener.heard.counts.values()) if (count > 1) duplicated += count - 1;
      for (const [number, change] of sent) {
        const arrival = listener.heard.arrivals.get(number);
        if (!arrival) {
          lost++;
          continue;
        }
        received++;
        fromCommit.push(arrival.at - arrival.occurredAt);
        fromResponse.push(arrival.at - change.answeredAt);
        if (change.process !== subscriberProcess) cross.push(arrival.at - arrival.occurredAt);
      }
    });
    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m,
      },
      database: dialect,
      processes,
      rate,
      durationSeconds,
      changes: sent.size,
      changeErrors,
      errorSamples,
      expectedMessages: sent.size * listeners.length,
      received,
      lost,
      duplicated,
      fromCommit: figures(fromCommit),
      fromResponse: figures(fromResponse),
      crossProcess: cross.length > 0 ? figures(cross) : null,
      mutation: figures([...sent.values()].map((change) => change.tookMs)),
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(servers.map((server) => server.stop()));
    await database.remove();
  }
}
