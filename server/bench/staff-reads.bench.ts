import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type BuiltServer, DEMO_USERS, startBuiltServer } from '../../test/support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../../test/support/databases.js';
import { DEMO_CHECKOUT } from '../src/test-support/checkout.js';
import { operation } from '../src/test-support/operations.js';
import { COMPLETE_DESK, processCpuMs } from './api.bench.js';
import { BENCH_BIKE, buildServer } from './orders.bench.js';

/**
 * `pnpm bench staff-reads [orders] [samples] [postgresql|sqlite]` (and at the end of `pnpm bench api`): the
 * plant's staff reads on the BUILT server with PostgreSQL (SQLite when asked, or, said loudly, when
 * PostgreSQL does not answer), with 1,000 orders in the database, placed through the API and moved on
 * through their lives as the plant would (confirmed, waiting for materials, in production, checked,
 * shipped, delivered, cancelled) so that every column of the board and the materials page have rows:
 * - `materials` (the Materials page's document: every part, open requisitions, backorders);
 * - `operationsBoard` (the Operations page's document: each column's orders with their fulfilment);
 * - `orders(first: 100)` with each order's lines, BOM and events (the staff's page of orders: as much of
 *   the shared Orders operation as the cost limit lets 100 orders have, plus the events).
 * One request at a time, signed in as the operations user, as a person's page asks; the three reads take
 * turns so that a slow minute of this shared machine slows all three alike. p50/p95/p99 of each.
 */

/** What each read must take at most (p95, ms): issue 17's goals. */
export const STAFF_READ_GOALS = { materials: 50, operationsBoard: 30, orders: 30 } as const;
export type StaffRead = keyof typeof STAFF_READ_GOALS;

/** The staff's page of orders: the Orders operation's lines and BOM, and each order's events. */
export const STAFF_ORDERS = `query StaffOrders($first: Int, $after: String) {
  orders(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        number
        status
        placedAt
        customer { name email }
        total { currency amount }
        lines {
          product { code name }
          modelVersion
          quantity
          bom { partNumber description quantity unit kind level parentPartNumber }
        }
        fulfilment {
          expectedShipDate
          events { at actor kind fromStatus toStatus message }
        }
      }
    }
  }
}`;

const DOCUMENTS: Record<StaffRead, { query: string; variables: Record<string, unknown> }> = {
  materials: { query: operation('materials'), variables: { search: null } },
  operationsBoard: { query: operation('operations-board'), variables: {} },
  orders: { query: STAFF_ORDERS, variables: { first: 100 } },
};

export interface ReadFigures {
  read: StaffRead;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /**
   * The server process's CPU time per request (user + system, from /proc; null off Linux), median and p95:
   * unlike the latency it does not grow while other work holds this shared machine's cores.
   */
  serverCpuP50Ms: number | null;
  serverCpuP95Ms: number | null;
  /** The answer's size (bytes of JSON), as a check that every sample answered the same page. */
  answerBytes: number;
  /** What the answer held: parts, orders... */
  rows: Record<string, number>;
  goalP95Ms: number;
  meetsGoal: boolean;
}

export interface StaffReadsBenchResult {
  date: string;
  /** The 1-minute load average before the seeding, before the measuring and after it (other work skews it). */
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverage1m: number;
    loadAverage1mBeforeMeasuring: number;
    loadAverage1mAfter: number;
  };
  server: string;
  database: 'postgresql' | 'sqlite';
  /** Orders in the database while measuring, by status. */
  orders: number;
  ordersByStatus: Record<string, number>;
  openRequisitions: number;
  seedSeconds: number;
  reads: ReadFigures[];
  meetsGoals: boolean;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function data<T>(
  server: BuiltServer,
  session: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const { status, body, text } = await server.graphql(query, variables, { sessionToken: session });
  if (status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`bench staff-reads: HTTP ${status}: ${text.slice(0, 800)}`);
  }
  return body.data as T;
}

const PLACE = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { __typename ... on Order { number status } ... on ConfigurationRejected { message } ... on InvalidOrderInput { message } }
}`;
/** A plant action's answer: the order's status and checklist, or why it was refused. */
const ACTION_RESULT =
  '{ __typename ... on Order { number status fulfilment { checklist { code } } } ... on ActionRefused { code message } }';
const ACTIONS = {
  confirm: `mutation ($number: String!) { confirmOrder(number: $number) ${ACTION_RESULT} }`,
  start: `mutation ($number: String!) { startOrderWorkOrders(number: $number) ${ACTION_RESULT} }`,
  complete: `mutation ($number: String!) { completeOrderWorkOrders(number: $number) ${ACTION_RESULT} }`,
  check: `mutation ($input: QualityCheckInput!) { recordQualityCheck(input: $input) ${ACTION_RESULT} }`,
  ship: `mutation ($number: String!) { shipOrder(number: $number, carrier: "DHL", trackingNumber: "00340434161094000000") ${ACTION_RESULT} }`,
  deliver: `mutation ($number: String!) { deliverOrder(number: $number) ${ACTION_RESULT} }`,
  cancel: `mutation ($number: String!) { cancelOrder(number: $number, reason: "bench staff-reads: the customer changed their mind") ${ACTION_RESULT} }`,
};
interface ActionAnswer {
  __typename: string;
  number?: string;
  status?: string;
  fulfilment?: { checklist: { code: string }[] };
  code?: string;
  message?: string;
}

/** Sets the available stock of the parts (all when not given): `plenty` on top of what is reserved, or none. */
async function setAvailable(
  server: BuiltServer,
  session: string,
  plenty: number,
  only?: readonly string[],
): Promise<void> {
  const { materials } = await data<{ materials: { parts: { partNumber: string; available: string }[] } }>(
    server,
    session,
    'query { materials { parts { partNumber available } } }',
  );
  for (const part of materials.parts) {
    if (only && !only.includes(part.partNumber)) continue;
    const change = plenty === 0 ? `-${part.available}` : String(plenty - Math.floor(Number(part.available)));
    if (change === '0' || change === '-0') continue;
    await data(
      server,
      session,
      'mutation ($partNumber: String!, $quantity: String!) { adjustStock(partNumber: $partNumber, quantity: $quantity, reason: "bench staff-reads") { part { partNumber } } }',
      { partNumber: part.partNumber, quantity: change },
    );
  }
}

/** Runs `work` over `items` with `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/**
 * 1,000 orders (by default) as a plant has them: most placed with the parts in stock, the rest while nothing
 * was available (requisitioned: the materials page's backorders), then moved on through their lives.
 */
export async function seedStaffOrders(
  server: BuiltServer,
  session: string,
  count: number,
  log: (line: string) => void,
): Promise<void> {
  const lines = [
    [BENCH_BIKE],
    [COMPLETE_DESK],
    [{ ...BENCH_BIKE, quantity: 2 }, COMPLETE_DESK],
    [{ productCode: 'workstation-pc', selections: [] }],
  ];
  const place = async (index: number): Promise<string> => {
    const { placeOrder } = await data<{
      placeOrder: { __typename: string; number?: string; message?: string };
    }>(server, session, PLACE, {
      input: {
        lines: lines[index % lines.length],
        ...DEMO_CHECKOUT,
        customer: { name: `Staff reads ${index}`, email: `staff.reads.${index}@example.com` },
      },
    });
    if (placeOrder.__typename !== 'Order') {
      throw new Error(`bench staff-reads: order ${index} refused: ${JSON.stringify(placeOrder)}`);
    }
    return placeOrder.number!;
  };
  const act = async (
    action: keyof typeof ACTIONS,
    variables: Record<string, unknown>,
  ): Promise<ActionAnswer> => {
    const answer = Object.values(
      await data<Record<string, ActionAnswer>>(server, session, ACTIONS[action], variables),
    )[0]!;
    if (answer.__typename !== 'Order') {
      throw new Error(
        `bench staff-reads: ${action} ${JSON.stringify(variables)} refused: ${JSON.stringify(answer)}`,
      );
    }
    return answer;
  };

  // 90 % placed with every part in stock; the last 10 % while three of the e-bike's bought parts are out
  // (each such order requisitions them: the materials page's open requisitions and backorders).
  const stocked = Math.round(count * 0.9);
  await setAvailable(server, session, 1_000_000);
  const fromStock: string[] = new Array(stocked);
  await inParallel([...Array(stocked).keys()], 4, async (index) => {
    fromStock[index] = await place(index);
  });
  log(`bench staff-reads: ${stocked} orders placed with the parts in stock`);
  const { order } = await data<{ order: { lines: { bom: { partNumber: string; kind: string }[] }[] } }>(
    server,
    session,
    'query ($number: String!) { order(number: $number) { lines { bom { partNumber kind } } } }',
    { number: fromStock[0] },
  );
  const outOfStock = [
    ...new Set(
      order.lines[0]!.bom.filter((line) => line.kind === 'purchased').map((line) => line.partNumber),
    ),
  ].slice(0, 3);
  await setAvailable(server, session, 0, outOfStock);
  const short: string[] = new Array(count - stocked);
  await inParallel([...Array(count - stocked).keys()], 4, async (index) => {
    short[index] = await place(stocked + index);
  });
  log(
    `bench staff-reads: ${count - stocked} orders placed with ${outOfStock.join(', ')} out of stock (requisitioned)`,
  );

  // The stocked orders: 20 % stay placed, the rest confirmed (in production: their parts are reserved);
  // of those, most are made, checked, shipped and delivered, some stop on the way.
  const share = (list: string[], from: number, to: number) =>
    list.slice(Math.round(list.length * from), Math.round(list.length * to));
  const confirmed = share(fromStock, 0.2, 1);
  await inParallel(confirmed, 4, async (number) => void (await act('confirm', { number })));
  const started = share(fromStock, 0.3, 1);
  await inParallel(started, 4, async (number) => void (await act('start', { number })));
  const made = share(fromStock, 0.35, 1);
  const checklists = new Map<string, string[]>();
  await inParallel(made, 4, async (number) => {
    const answer = await act('complete', { number });
    checklists.set(
      number,
      answer.fulfilment!.checklist.map((item) => item.code),
    );
  });
  const checked = share(fromStock, 0.45, 1);
  await inParallel(checked, 4, async (number) => {
    const items = checklists.get(number)!.map((code) => ({ code, passed: true }));
    await act('check', { input: { orderNumber: number, passed: true, items } });
  });
  await inParallel(share(fromStock, 0.55, 1), 4, async (number) => void (await act('ship', { number })));
  await inParallel(share(fromStock, 0.75, 1), 4, async (number) => void (await act('deliver', { number })));
  // The requisitioned orders: half confirmed (awaiting materials), a tenth cancelled, the rest placed.
  await inParallel(share(short, 0, 0.5), 4, async (number) => void (await act('confirm', { number })));
  await inParallel(share(short, 0.9, 1), 4, async (number) => void (await act('cancel', { number })));
  log('bench staff-reads: orders moved on through the plant');
}

/** What an answer held, for the record: how many parts, orders, requisitions... */
function rowsOf(read: StaffRead, answer: Record<string, unknown>): Record<string, number> {
  if (read === 'materials') {
    const m = answer.materials as { parts: unknown[]; openRequisitions: unknown[]; backorders: unknown[] };
    return {
      parts: m.parts.length,
      openRequisitions: m.openRequisitions.length,
      backorders: m.backorders.length,
    };
  }
  if (read === 'operationsBoard') {
    const columns = (
      answer.operationsBoard as { columns: { orders: { fulfilment: { events?: unknown[] } }[] }[] }
    ).columns;
    const orders = columns.flatMap((column) => column.orders);
    return {
      columns: columns.length,
      orders: orders.length,
      events: orders.reduce((sum, order) => sum + (order.fulfilment.events?.length ?? 0), 0),
    };
  }
  const edges = (
    answer.orders as { edges: { node: { lines: { bom: unknown[] }[]; fulfilment: { events: unknown[] } } }[] }
  ).edges;
  return {
    orders: edges.length,
    lines: edges.reduce((sum, edge) => sum + edge.node.lines.length, 0),
    bomLines: edges.reduce(
      (sum, edge) => sum + edge.node.lines.reduce((n, line) => n + line.bom.length, 0),
      0,
    ),
    events: edges.reduce((sum, edge) => sum + edge.node.fulfilment.events.length, 0),
  };
}

/**
 * Each read `samples` times after 3 to warm up, one request at a time, the reads taking turns; an answer
 * whose size changes between samples is an error (the page must be the same every time).
 */
export async function measureStaffReads(
  server: BuiltServer,
  session: string,
  samples: number,
): Promise<ReadFigures[]> {
  const reads = Object.keys(DOCUMENTS) as StaffRead[];
  const latencies = new Map<StaffRead, number[]>(reads.map((read) => [read, []]));
  const cpu = new Map<StaffRead, number[]>(reads.map((read) => [read, []]));
  const answers = new Map<StaffRead, { bytes: number; rows: Record<string, number> }>();
  const ask = async (read: StaffRead): Promise<number> => {
    const { query, variables } = DOCUMENTS[read];
    const cpuBefore = processCpuMs(server.child?.pid);
    const sent = performance.now();
    const { status, body, text } = await server.graphql(query, variables, { sessionToken: session });
    const elapsed = performance.now() - sent;
    const cpuAfter = processCpuMs(server.child?.pid);
    if (cpuBefore !== null && cpuAfter !== null) cpu.get(read)!.push(cpuAfter - cpuBefore);
    if (status !== 200 || body.errors?.length || !body.data) {
      throw new Error(`bench staff-reads: ${read}: HTTP ${status}: ${text.slice(0, 800)}`);
    }
    const seen = answers.get(read);
    if (!seen) answers.set(read, { bytes: text.length, rows: rowsOf(read, body.data) });
    else if (seen.bytes !== text.length) {
      throw new Error(`bench staff-reads: ${read} answered ${text.length} bytes, before ${seen.bytes}`);
    }
    return elapsed;
  };
  // Warm up (the first requests compile the server's code paths), then the reads take turns.
  for (let index = 0; index < 3; index++) for (const read of reads) await ask(read);
  for (let index = 0; index < samples; index++) {
    for (const read of reads) latencies.get(read)!.push(await ask(read));
  }
  return reads.map((read): ReadFigures => {
    const sorted = [...latencies.get(read)!].sort((a, b) => a - b);
    const p95Ms = round(percentile(sorted, 95));
    const cpuSorted = [...cpu.get(read)!].sort((a, b) => a - b);
    return {
      read,
      samples: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms,
      p99Ms: round(percentile(sorted, 99)),
      meanMs: round(sorted.reduce((sum, n) => sum + n, 0) / Math.max(1, sorted.length)),
      maxMs: round(sorted.at(-1) ?? 0),
      serverCpuP50Ms: cpuSorted.length > 0 ? percentile(cpuSorted, 50) : null,
      serverCpuP95Ms: cpuSorted.length > 0 ? percentile(cpuSorted, 95) : null,
      answerBytes: answers.get(read)!.bytes,
      rows: answers.get(read)!.rows,
      goalP95Ms: STAFF_READ_GOALS[read],
      meetsGoal: p95Ms <= STAFF_READ_GOALS[read],
    };
  });
}

export async function runStaffReadsBench(
  options: {
    orders?: number;
    samples?: number;
    database?: 'postgresql' | 'sqlite';
    log?: (line: string) => void;
  } = {},
): Promise<StaffReadsBenchResult> {
  const { orders: count = 1000, samples = 100, log = console.log } = options;
  buildServer(log);
  let dialect = options.database;
  if (!dialect) {
    const unavailable = await postgresUnavailable('bench staff-reads on PostgreSQL');
    dialect = unavailable === null ? 'postgresql' : 'sqlite';
    if (unavailable !== null) log(`bench staff-reads: !!! measuring on SQLite instead (${unavailable})`);
  }
  const loadAverage1m = round(loadavg()[0]!, 2);
  const database: TestDatabase = await freshDatabase(dialect);
  let server: BuiltServer | null = null;
  try {
    server = await startBuiltServer(database);
    const session = await server.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password);
    const seedStarted = performance.now();
    log(`bench staff-reads: ${dialect}; seeding ${count} orders…`);
    await seedStaffOrders(server, session, count, log);
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const byStatus = await database.query<{ status: string; n: number | string }>(
      'select status, count(*) as n from customer_order group by status order by status',
    );
    const ordersByStatus = Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)]));
    const [open] = await database.query<{ n: number | string }>(
      "select count(*) as n from purchase_requisition where status = 'OPEN'",
    );

    const loadAverage1mBeforeMeasuring = round(loadavg()[0]!, 2);
    log(`bench staff-reads: measuring ${samples} of each read, one at a time, in turns…`);
    const figures = await measureStaffReads(server, session, samples);
    const loadAverage1mAfter = round(loadavg()[0]!, 2);
    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m,
        loadAverage1mBeforeMeasuring,
        loadAverage1mAfter,
      },
      server: `built server (node server/dist/main.js), one process, ${dialect}, loopback; one request at a time, signed in as the operations user`,
      database: dialect,
      orders: Object.values(ordersByStatus).reduce((sum, n) => sum + n, 0),
      ordersByStatus,
      openRequisitions: Number(open?.n ?? 0),
      seedSeconds,
      reads: figures,
      meetsGoals: figures.every((figure) => figure.meetsGoal),
    };
  } finally {
    await server?.stop();
    await database.remove();
  }
}
