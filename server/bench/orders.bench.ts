import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { counts, inconsistencies } from '../../test/fulfilment/consistency.js';
import { type BuiltServer, DEMO_USERS, startBuiltServer } from '../../test/support/built-server.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from '../../test/support/databases.js';
import { DEMO_CHECKOUT } from '../src/test-support/checkout.js';
import { operation } from '../src/test-support/operations.js';
import { processCpuMs } from './api.bench.js';

/**
 * `pnpm bench orders [seconds] [postgresql|sqlite] [processes]`: placing orders through the HTTP API, the whole
 * make-to-order path in one transaction per order (configure again, explode the BOM and routing, lock the
 * parts, reserve stock or requisition the shortage, lock the work centres, schedule, commit the promise).
 * The BUILT server (node server/dist/main.js) on a fresh PostgreSQL database (SQLite when asked, or, said
 * loudly, when PostgreSQL does not answer); 10 clients each send one order after the other. Half the time
 * every purchased part has plenty of stock (every need reserved), the other half none is available (every
 * need requisitioned, rounded up to the minimum order quantity), alternating in rounds of 5 s or more.
 * With `processes` > 1 (PostgreSQL), as many server processes share the database, the clients spread over them.
 */

/** A complete e-bike with every accessory: its order BOM has more than 30 lines (checked before the load). */
export const BENCH_BIKE = {
  productCode: 'e-bike',
  selections: [
    { feature: 'frame_size', value: 'l' },
    {
      feature: 'accessories',
      values: [
        'rack',
        'fenders',
        'lights',
        'lock',
        'kickstand_dual',
        'child_seat_mount',
        'phone_mount',
        'suspension_post',
      ],
    },
  ],
};
export const MIN_BOM_LINES = 30;

export interface PhaseFigures {
  /** 'stock': every purchased part plentiful; 'short': nothing available. */
  phase: 'stock' | 'short';
  durationSeconds: number;
  orders: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  errors: number;
  /** Rows written by the phase: reservations from stock and purchase requisitions. */
  reservations: number;
  requisitions: number;
}

export interface OrdersBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  server: string;
  processes: number;
  database: 'postgresql' | 'sqlite';
  clients: number;
  durationSeconds: number;
  configuration: typeof BENCH_BIKE;
  bomLinesPerOrder: number;
  purchasedPartsPerOrder: number;
  workOrdersPerOrder: number;
  /** Over both phases. */
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  orders: number;
  errors: number;
  errorSamples: string[];
  /** The phases alternated in this many rounds (stock, then none available, each round). */
  rounds: number;
  phases: PhaseFigures[];
  /** The fulfilment tables checked after the load (test/fulfilment/consistency.ts): broken invariants. */
  inconsistencies: string[];
  /**
   * Where the server's time per placed order goes, from the step timings each process logs with a placed
   * order (order service and placement): per step, mean / p50 / p99 ms over the orders of the load.
   */
  steps: StepFigures[];
  /** Orders placed on a later attempt (a clash of order numbers, or a busy writer on SQLite). */
  replannedOrders: number;
  /** Orders whose plan was made more than once (another order took the stock or capacity it planned with). */
  plannedAgainOrders: number;
  /** Orders planned from locked reads (the plan left little room: see PlacementService.commitOrder). */
  lockedPlanOrders: number;
  serverCpuMsPerOrder: number | null;
}

export interface StepFigures {
  step: string;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

interface PartStock {
  partNumber: string;
  onHand: string;
  reserved: string;
  available: string;
}

const PLACE_ORDER = operation('place-order');
const MATERIALS = operation('materials');
const ADJUST_STOCK = operation('adjust-stock');

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function data<T>(
  server: BuiltServer,
  query: string,
  variables?: Record<string, unknown>,
  sessionToken?: string,
): Promise<T> {
  const { status, body, text } = await server.graphql(query, variables, { sessionToken });
  if (status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`bench orders: HTTP ${status}: ${text.slice(0, 800)}`);
  }
  return body.data as T;
}

/** Sets every part's available stock: `plenty` on top of what is reserved, or none (on hand = reserved). */
async function setAvailable(server: BuiltServer, plenty: number): Promise<number> {
  // Stock is staff's: read and adjusted as the demo operations user.
  const session = await server.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password);
  const { materials } = await data<{ materials: { parts: PartStock[] } }>(
    server,
    MATERIALS,
    { search: null },
    session,
  );
  let changed = 0;
  for (const part of materials.parts) {
    // A change of on hand that leaves `plenty` available: exact decimals, so computed on the text.
    const change =
      plenty === 0
        ? part.available === '0'
          ? null
          : `-${part.available}`
        : String(plenty - Math.floor(Number(part.available)));
    if (change === null || change === '0') continue;
    await data(
      server,
      ADJUST_STOCK,
      {
        partNumber: part.partNumber,
        quantity: change,
        reason: plenty === 0 ? 'bench orders: nothing available' : 'bench orders: plenty of stock',
        by: 'bench',
      },
      session,
    );
    changed++;
  }
  return changed;
}

const serverDir = fileURLToPath(new URL('../', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time under these files and folders (as scripts/build-if-stale.mjs judges the server). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (file: string): void => {
    if (!existsSync(file)) return;
    const stat = statSync(file);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(file)) if (entry !== 'node_modules') visit(join(file, entry));
  };
  for (const file of paths) visit(file);
  return newest;
}

/**
 * Builds the server when server/dist/main.js is missing or older than its sources, as
 * scripts/build-if-stale.mjs would, but not the client: this benchmark does not use it.
 */
export function buildServer(log: (line: string) => void): void {
  const main = join(serverDir, 'dist', 'main.js');
  const sources = newestMtime([
    join(serverDir, 'src'),
    join(serverDir, 'package.json'),
    join(serverDir, 'tsconfig.json'),
    join(serverDir, 'tsconfig.build.json'),
    join(repositoryRoot, 'tsconfig.json'),
  ]);
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  log('bench orders: building the server…');
  const tsc = createRequire(join(serverDir, 'package.json')).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: serverDir,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`bench orders: building the server failed:\n${result.stdout}${result.stderr}`);
}

export async function runOrdersBench(
  options: {
    durationSeconds?: number;
    clients?: number;
    database?: 'postgresql' | 'sqlite';
    /** Server processes on the one database (PostgreSQL only), the clients spread over them. */
    processes?: number;
    log?: (line: string) => void;
  } = {},
): Promise<OrdersBenchResult> {
  const { durationSeconds = 20, clients = 10, processes = 1, log = console.log } = options;
  buildServer(log);
  let dialect = options.database;
  if (!dialect) {
    const unavailable = await postgresUnavailable('bench orders on PostgreSQL');
    dialect = unavailable === null ? 'postgresql' : 'sqlite';
    if (unavailable !== null) log(`bench orders: !!! measuring on SQLite instead (${unavailable})`);
  }
  const loadAverage1m = round(loadavg()[0]!, 2);
  const database: TestDatabase = await freshDatabase(dialect);
  if (processes > 1 && dialect !== 'postgresql') {
    throw new Error('bench orders: several server processes share a PostgreSQL database, not a SQLite file');
  }
  const servers: BuiltServer[] = [];
  try {
    // One after the other: the first migrates and seeds the fresh database.
    for (let index = 0; index < processes; index++) servers.push(await startBuiltServer(database));
    const running = servers[0]!;
    // The order's answer shows its BOM and operations, which only staff may read since they need a
    // sign-in: the clients place as the demo operations user (one session per server process).
    const sessions = await Promise.all(
      servers.map((server) => server.signIn(DEMO_USERS.operations.email, DEMO_USERS.operations.password)),
    );

    // The order of the benchmark: valid, complete, and a BOM of more than 30 lines.
    await setAvailable(running, 1_000_000);
    const { placeOrder: sample } = await data<{
      placeOrder: {
        __typename: string;
        lines: { bom: { kind: string; partNumber: string }[]; operations: unknown[] }[];
      } & Record<string, unknown>;
    }>(
      running,
      PLACE_ORDER,
      {
        input: {
          lines: [BENCH_BIKE],
          ...DEMO_CHECKOUT,
          customer: { name: 'Bench', email: 'bench@example.com' },
        },
      },
      sessions[0],
    );
    if (sample.__typename !== 'Order') {
      throw new Error(
        `bench orders: the benchmark's e-bike is refused: ${JSON.stringify(sample).slice(0, 800)}`,
      );
    }
    const bom = sample.lines[0]!.bom;
    const bomLinesPerOrder = bom.length;
    if (bomLinesPerOrder < MIN_BOM_LINES) {
      throw new Error(
        `bench orders: the benchmark's order explodes into ${bomLinesPerOrder} BOM lines, fewer than ${MIN_BOM_LINES}`,
      );
    }
    const purchasedPartsPerOrder = new Set(
      bom.filter((line) => line.kind === 'purchased').map((line) => line.partNumber),
    ).size;
    const workOrdersPerOrder = sample.lines[0]!.operations.length;

    const errorSamples: string[] = [];
    let sequence = 0;
    interface Measure {
      latencies: number[];
      errors: number;
      seconds: number;
      reservations: number;
      requisitions: number;
    }
    const runPhase = async (phase: 'stock' | 'short', seconds: number): Promise<Measure> => {
      const before = await counts(database);
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const client = async (clientIndex: number): Promise<void> => {
        while (performance.now() < deadline) {
          const n = sequence++;
          const sent = performance.now();
          let problem: string | null = null;
          try {
            const { status, body, text } = await servers[clientIndex % servers.length]!.graphql(
              PLACE_ORDER,
              {
                input: {
                  lines: [BENCH_BIKE],
                  ...DEMO_CHECKOUT,
                  customer: { name: `Bench client ${clientIndex}`, email: `bench.${n}@example.com` },
                },
              },
              { sessionToken: sessions[clientIndex % servers.length] },
            );
            const placed = (body.data as { placeOrder?: { __typename: string } } | null | undefined)
              ?.placeOrder;
            if (status !== 200 || body.errors?.length || placed?.__typename !== 'Order') {
              problem = `HTTP ${status}: ${text.slice(0, 300)}`;
            }
          } catch (error) {
            problem = String(error);
          }
          const elapsed = performance.now() - sent;
          if (problem === null) latencies.push(elapsed);
          else {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${phase}: ${problem}`);
          }
        }
      };
      await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
      const elapsedSeconds = (performance.now() - started) / 1000;
      const after = await counts(database);
      return {
        latencies,
        errors,
        seconds: elapsedSeconds,
        reservations: after.reservations - before.reservations,
        requisitions: after.requisitions - before.requisitions,
      };
    };
    const figures = (phase: 'stock' | 'short', measures: Measure[]): PhaseFigures => {
      const sorted = measures.flatMap((measure) => measure.latencies).sort((a, b) => a - b);
      const seconds = measures.reduce((sum, measure) => sum + measure.seconds, 0);
      const sum = (pick: (measure: Measure) => number): number =>
        measures.reduce((total, measure) => total + pick(measure), 0);
      return {
        phase,
        durationSeconds: round(seconds, 2),
        orders: sorted.length,
        ordersPerSecond: round(sorted.length / seconds),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        meanMs: round(sorted.reduce((total, n) => total + n, 0) / Math.max(1, sorted.length)),
        maxMs: round(sorted.at(-1) ?? 0),
        errors: sum((measure) => measure.errors),
        reservations: sum((measure) => measure.reservations),
        requisitions: sum((measure) => measure.requisitions),
      };
    };

    // This machine's speed drifts from minute to minute (shared cores): the two phases alternate in
    // rounds of 5 s or more, so that a slow minute slows both alike.
    const rounds = Math.max(1, Math.floor(durationSeconds / 10));
    const seconds = durationSeconds / 2 / rounds;
    log(
      `bench orders: ${dialect}, ${processes} server process${processes === 1 ? '' : 'es'}, ${clients} clients; ${rounds} round${rounds === 1 ? '' : 's'} of ${seconds} s with plenty of stock, then ${seconds} s with none available; ${bomLinesPerOrder} BOM lines, ${purchasedPartsPerOrder} purchased parts, ${workOrdersPerOrder} work orders per order`,
    );
    const measures: Record<'stock' | 'short', Measure[]> = { stock: [], short: [] };
    const serverCpu = () =>
      servers.reduce((sum, server) => sum + (processCpuMs(server.child?.pid) ?? Number.NaN), 0);
    const cpuBefore = serverCpu();
    for (let index = 0; index < rounds; index++) {
      if (index > 0) await setAvailable(running, 1_000_000);
      measures.stock.push(await runPhase('stock', seconds));
      await setAvailable(running, 0);
      measures.short.push(await runPhase('short', seconds));
    }
    const serverCpuMs = serverCpu() - cpuBefore;
    const stocked = figures('stock', measures.stock);
    const short = figures('short', measures.short);
    const all = [...measures.stock, ...measures.short]
      .flatMap((measure) => measure.latencies)
      .sort((a, b) => a - b);
    const elapsed = stocked.durationSeconds + short.durationSeconds;
    const found = await inconsistencies(database, 1);
    const placedLines = servers.flatMap((server) =>
      server.logs().filter((line) => typeof line.steps === 'object' && line.steps !== null),
    );
    const byStep = new Map<string, number[]>();
    for (const line of placedLines)
      for (const [step, ms] of Object.entries(line.steps as Record<string, number>))
        byStep.set(step, [...(byStep.get(step) ?? []), ms]);
    const steps: StepFigures[] = [...byStep.entries()].map(([step, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        step,
        meanMs: round(sorted.reduce((sum, n) => sum + n, 0) / sorted.length, 2),
        p50Ms: round(percentile(sorted, 50), 2),
        p99Ms: round(percentile(sorted, 99), 2),
      };
    });
    // Placed on a later attempt (order.service retries a clash of order numbers or, on SQLite, a busy writer).
    const replannedOrders = placedLines.filter((line) => Number(line.attempt ?? 1) > 1).length;
    const plannedAgainOrders = placedLines.filter((line) => Number(line.plans ?? 1) > 1).length;
    const lockedPlanOrders = placedLines.filter((line) => Number(line.lockedPlan ?? 0) > 0).length;
    const placedOrders = stocked.orders + short.orders;
    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m,
      },
      server: `built server (node server/dist/main.js), ${processes === 1 ? 'one process' : `${processes} processes`}, ${dialect}, loopback; the clients in the same machine`,
      processes,
      database: dialect,
      clients,
      durationSeconds,
      configuration: BENCH_BIKE,
      bomLinesPerOrder,
      purchasedPartsPerOrder,
      workOrdersPerOrder,
      ordersPerSecond: round(all.length / elapsed),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      meanMs: round(all.reduce((sum, n) => sum + n, 0) / Math.max(1, all.length)),
      orders: all.length,
      errors: stocked.errors + short.errors,
      errorSamples,
      rounds,
      phases: [stocked, short],
      inconsistencies: found,
      steps,
      replannedOrders,
      plannedAgainOrders,
      lockedPlanOrders,
      // The server processes' CPU time (user + system) over the load, per order placed: what bounds
      // throughput on a machine whose cores are shared by the server, PostgreSQL and the clients.
      serverCpuMsPerOrder: Number.isFinite(serverCpuMs)
        ? round(serverCpuMs / Math.max(1, placedOrders), 2)
        : null,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.remove();
  }
}
