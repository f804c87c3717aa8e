import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AbuseBenchResult, runAbuseBench } from './abuse.bench.js';
import { type ApiBenchResult, runApiBench } from './api.bench.js';
import { type ClientBenchResult, runClientBench } from './client.bench.js';
import { DEFAULT_XCSP, type ModelFigures, runEngineBench, type Timing } from './engine.bench.js';
import { runSubscriptionsBench, type SubscriptionsBenchResult } from './events-subscriptions.bench.js';
import { runEventsWebhooksBench } from './events-webhooks.bench.js';
import { type OrdersBenchResult, runOrdersBench } from './orders.bench.js';
import { runQuotePdfBench } from './quote-pdf.bench.js';
import { runQuotesBench } from './quotes.bench.js';
import { runStaffReadsBench, type StaffReadsBenchResult } from './staff-reads.bench.js';

/** `pnpm bench <name> [args]`: runs a benchmark, prints its figures and writes bench/results/<name>.json. */
const [name = 'engine', ...args] = process.argv.slice(2);
const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), 'results');

const show = (t: Timing | null): string => (t ? `${t.medianMs.toFixed(3)} / ${t.p99Ms.toFixed(3)}` : '-');

function printTable(rows: ModelFigures[]): void {
  console.log(
    'model                 compile ms   check p50/p99 ms   propagate p50/p99   autocomplete p50/p99   price p50/p99   explode p50/p99   resolve p50/p99   explain p50/p99   propagate+explanations p50/p99',
  );
  for (const r of rows) {
    console.log(
      [
        r.model.padEnd(20),
        String(r.compileMs).padStart(10),
        show(r.check).padStart(18),
        show(r.propagate).padStart(19),
        show(r.autocomplete).padStart(22),
        show(r.price).padStart(15),
        show(r.explode).padStart(17),
        show(r.resolve).padStart(17),
        show(r.explain).padStart(17),
        show(r.propagateExplained).padStart(32),
      ].join('  '),
    );
  }
}

if (name === 'engine') {
  // A path as typed where pnpm was run (INIT_CWD), not from server/ where the script runs.
  const xcsp = args[0] ? resolve(process.env.INIT_CWD ?? process.cwd(), args[0]) : DEFAULT_XCSP;
  const result = runEngineBench(xcsp);
  printTable([...result.demoModels, result.xcsp]);
  const g = result.guidance;
  console.log(
    `complete guidance on ${g.model} (${g.structure}): compile ${g.compileMs} ms, heap ${g.heapMB} MB, ${g.structure === 'counting-tree' ? `counting tree ${g.countingTreeRows} rows, width ${g.countingTreeWidth}` : `${g.countingTreeRows} edges`}; ${g.totalConfigurations} configurations; sessions: ${g.sessionsFrom}`,
  );
  console.log(
    `  propagate with counts p50 ${g.propagateP50Ms} / p99 ${g.propagateP99Ms} ms  over ${g.propagateSteps} steps; explain p50 ${g.explainP50Ms} / p99 ${g.explainP99Ms} ms, resolve p50 ${g.resolveP50Ms} / p99 ${g.resolveP99Ms} ms over ${g.explanations} excluded options`,
  );
  console.log(
    `  sold cars replayed one choice at a time (shuffled): ${g.soldCarsReplayed} accepted, ${g.soldCarsRejected} rejected, in ${g.replayMs} ms`,
  );
  console.log(
    `${result.xcsp.file}: import ${result.xcsp.importMs} ms, sold cars replayed ${result.xcsp.soldCarsReplayed}, rejected ${result.xcsp.soldCarsRejected}, heap ${result.xcsp.heapMB} MB`,
  );
  mkdirSync(resultsDir, { recursive: true });
  // Renault medium (the default) writes engine.json; another file, engine-<its name>.json.
  const file = resolve(
    resultsDir,
    xcsp === DEFAULT_XCSP ? 'engine.json' : `engine-${basename(xcsp, '.xml')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
} else if (name === 'api') {
  const durationSeconds = args[0] ? Number(args[0]) : 10;
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    console.error(`bench api [seconds]: seconds must be a positive number, got '${args[0]}'`);
    process.exit(2);
  }
  let result: ApiBenchResult;
  try {
    result = await runApiBench({ durationSeconds });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const row = (
    label: string,
    f: Pick<ApiBenchResult['trivial'], 'requestsPerSecond' | 'latencyP50Ms' | 'latencyP99Ms' | 'requests'>,
  ): string =>
    [
      label.padEnd(38),
      f.requestsPerSecond.toFixed(1).padStart(10),
      f.latencyP50Ms.toFixed(2).padStart(9),
      f.latencyP99Ms.toFixed(2).padStart(9),
      String(f.requests).padStart(9),
    ].join('  ');
  console.log(
    `${'query'.padEnd(38)}  ${'req/s'.padStart(10)}  ${'p50 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'requests'.padStart(9)}`,
  );
  console.log(row('trivial { __typename }', result.trivial));
  console.log(row('configure (complete desk, full page op)', result.configure));
  console.log(row('configure (compact: validity and price)', result.configureCompact));
  console.log(row('configure (a different desk each time)', result.configureDistinct));
  console.log(
    `configure / trivial throughput: full ${(result.ratio * 100).toFixed(1)}%, compact ${(result.configureCompact.ratio * 100).toFixed(1)}% (goal >= 80% for both: ${result.meetsGoal ? 'met' : 'NOT met'}); distinct desks ${(result.configureDistinct.ratio * 100).toFixed(1)}%; desk total ${result.configure.total} EUR; ${result.connections} connections, ${result.durationSeconds} s each in ${result.rounds} interleaved rounds`,
  );
  const d = result.configureDistinct;
  console.log(
    `configure, a different desk each time (the response cache cannot help): ${(d.ratio * 100).toFixed(1)}% of the trivial throughput (median of the rounds ${(d.ratioMedianOfRounds * 100).toFixed(1)}%), p99 ${d.latencyP99Ms} ms (goal >= ${d.goal.ratio * 100}% and p99 <= ${d.goal.p99Ms} ms: ${d.meetsGoal ? 'met' : 'NOT met'}); server CPU per request ${d.serverCpuMicrosPerRequest ?? '?'} µs against the trivial query's ${d.trivialServerCpuMicrosPerRequest ?? '?'} µs; load average before ${result.machine.loadAverage1m}`,
  );
  const auth = result.authentication;
  console.log(row('configure as a signed-in customer', auth.customerSession));
  console.log(row('configure with a partner API key', auth.apiKey));
  console.log(
    `authentication overhead (of anonymous configure's throughput, median of the rounds): session ${auth.customerSession.overheadPercent}%, API key ${auth.apiKey.overheadPercent}% (goal <= ${auth.goalPercent}%: ${auth.meetsGoal ? 'met' : 'NOT met'}); from the totals: session ${auth.customerSession.overheadPercentOfTotals}%, key ${auth.apiKey.overheadPercentOfTotals}%`,
  );
  console.log(
    `server CPU per configure request (median of the rounds): anonymous ${auth.anonymousServerCpuMicrosPerRequest ?? '?'} µs, session ${auth.customerSession.serverCpuMicrosPerRequest ?? '?'} µs (${auth.customerSession.cpuOverheadPercent ?? '?'}%), API key ${auth.apiKey.serverCpuMicrosPerRequest ?? '?'} µs (${auth.apiKey.cpuOverheadPercent ?? '?'}%)`,
  );
  const iso = auth.isolated;
  console.log(
    `authentication alone (its middlewares in a loop, CPU per request): anonymous ${iso.anonymousMicros} µs, session ${iso.customerSessionMicros} µs, API key ${iso.apiKeyMicros} µs: the extra is ${iso.customerSessionPercent ?? '?'}% (session) and ${iso.apiKeyPercent ?? '?'}% (key) of an anonymous configure's server CPU`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'api.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
  // The staff's reads with 1,000 orders belong to the API's figures too (issue 17).
  await staffReadsBench([]);
} else if (name === 'staff-reads') {
  await staffReadsBench(args);
} else if (name === 'client') {
  let result: ClientBenchResult;
  try {
    result = await runClientBench();
  } catch (error) {
    console.error(`bench client failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const js = result.javascript;
  for (const chunk of js.chunks) {
    console.log(
      `${chunk.file.padEnd(50)} ${String(chunk.bytes).padStart(9)} B  gzip ${String(chunk.gzipBytes).padStart(8)} B`,
    );
  }
  console.log(
    `configurator route JavaScript: ${js.gzipKB} KB gzipped in ${js.chunks.length} chunks (goal <= ${js.goalKB} KB: ${js.meetsGoal ? 'met' : 'NOT met'}); CSS ${js.cssGzipKB} KB gzipped`,
  );
  const c = result.clickToTotal;
  console.log(
    `option click -> new total on screen, ${c.clicks} clicks: p50 ${c.p50Ms} ms, p95 ${c.p95Ms} ms, mean ${c.meanMs} ms, max ${c.maxMs} ms (DOM only: p50 ${c.domP50Ms} ms, p95 ${c.domP95Ms} ms); goal p95 < ${c.goalP95Ms} ms: ${c.meetsGoal ? 'met' : 'NOT met'}`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'client.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
} else if (name === 'orders') {
  const durationSeconds = args[0] ? Number(args[0]) : 20;
  const database = args[1];
  const processes = args[2] ? Number(args[2]) : 1;
  if (!Number.isInteger(processes) || processes < 1) {
    console.error(
      `bench orders [seconds] [postgresql|sqlite] [processes]: processes is a whole number >= 1, got '${args[2]}'`,
    );
    process.exit(2);
  }
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    console.error(
      `bench orders [seconds] [postgresql|sqlite] [processes]: seconds must be a positive number, got '${args[0]}'`,
    );
    process.exit(2);
  }
  if (database !== undefined && database !== 'postgresql' && database !== 'sqlite') {
    console.error(
      `bench orders [seconds] [postgresql|sqlite] [processes]: the database is postgresql or sqlite, not '${database}'`,
    );
    process.exit(2);
  }
  let result: OrdersBenchResult;
  try {
    result = await runOrdersBench({ durationSeconds, processes, ...(database ? { database } : {}) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.log(
    `${'phase'.padEnd(34)}  ${'orders/s'.padStart(9)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  ${'orders'.padStart(7)}  ${'errors'.padStart(6)}  ${'reserv.'.padStart(8)}  ${'requis.'.padStart(8)}`,
  );
  for (const phase of result.phases) {
    console.log(
      [
        (phase.phase === 'stock'
          ? 'plenty of stock (all reserved)'
          : 'none available (all requisitioned)'
        ).padEnd(34),
        phase.ordersPerSecond.toFixed(1).padStart(9),
        phase.p50Ms.toFixed(1).padStart(8),
        phase.p99Ms.toFixed(1).padStart(8),
        String(phase.orders).padStart(7),
        String(phase.errors).padStart(6),
        String(phase.reservations).padStart(8),
        String(phase.requisitions).padStart(8),
      ].join('  '),
    );
  }
  console.log(
    `placeOrder over HTTP on ${result.database}, ${result.processes} server process${result.processes === 1 ? '' : 'es'}, ${result.clients} clients, ${result.durationSeconds} s: ${result.ordersPerSecond} orders/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors; ${result.bomLinesPerOrder} BOM lines, ${result.purchasedPartsPerOrder} purchased parts and ${result.workOrdersPerOrder} work orders per order`,
  );
  console.log(
    `server CPU ${result.serverCpuMsPerOrder ?? 'unknown'} ms per order; ${result.replannedOrders} order(s) placed on a later attempt, ${result.plannedAgainOrders} planned again (stock or capacity taken meanwhile), ${result.lockedPlanOrders} planned from locked reads`,
  );
  for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
  console.log(
    result.inconsistencies.length === 0
      ? 'after the load: the fulfilment tables are consistent (test/fulfilment/consistency.ts)'
      : `after the load: ${result.inconsistencies.length} INCONSISTENCIES:\n  ${result.inconsistencies.join('\n  ')}`,
  );
  mkdirSync(resultsDir, { recursive: true });
  // The standard measure (PostgreSQL, one process) in orders.json; a variant beside it, named after it.
  const variant =
    result.database === 'postgresql' && result.processes === 1
      ? ''
      : `-${result.database}${result.processes === 1 ? '' : `-${result.processes}-processes`}`;
  const file = resolve(resultsDir, `orders${variant}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
  if (result.errors > 0 || result.inconsistencies.length > 0) process.exit(1);
} else if (name === 'abuse') {
  let result: AbuseBenchResult;
  try {
    result = await runAbuseBench();
  } catch (error) {
    console.error(`bench abuse failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(
    `${'case'.padEnd(5)}  ${'requests'.padStart(8)}  ${'RSS peak MB'.padStart(11)}  ${'RSS after MB'.padStart(12)}  ${'healthz max ms'.padStart(14)}  ${'wall s'.padStart(7)}  answers`,
  );
  for (const c of result.cases) {
    const answers = Object.entries(c.answers)
      .filter(([, n]) => n > 0)
      .map(([answer, n]) => `${n} x ${answer}`)
      .join(', ');
    console.log(
      [
        c.id.padEnd(5),
        String(c.requests).padStart(8),
        c.rssPeakMB.toFixed(1).padStart(11),
        c.rssAfterMB.toFixed(1).padStart(12),
        `${c.healthz.maxMs}${c.healthz.failures ? ` (${c.healthz.failures} failed over ${(c.healthz.failingSpanMs / 1000).toFixed(1)} s)` : ''}`.padStart(
          14,
        ),
        (c.wallMs / 1000).toFixed(1).padStart(7),
        answers,
      ].join('  '),
    );
    console.log(`       ${c.what}; expected: ${c.expected}`);
    if (c.details) console.log(`       ${JSON.stringify(c.details)}`);
  }
  console.log(
    `case 5 ran on a server started with short timeouts (${Object.entries(result.connectionCaseEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}) so that it takes seconds; the defaults are in the README's Limits`,
  );
  console.log(
    result.ok
      ? 'every case answered as expected, /healthz within 1 s throughout'
      : `NOT as expected:\n  ${result.problems.join('\n  ')}`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'abuse.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
  if (!result.ok) process.exit(1);
} else if (name === 'quote-pdf') {
  const renders = args[0] ? Number(args[0]) : 200;
  if (!Number.isInteger(renders) || renders < 1) {
    console.error(`bench quote-pdf [renders]: renders is a whole number >= 1, got '${args[0]}'`);
    process.exit(2);
  }
  const result = await runQuotePdfBench(renders);
  console.log(
    `quote PDF, ${result.quote.lines} lines (${result.quote.currency}, ${result.quote.pages} pages, ${result.quote.bytes} bytes), ${result.renders} renders after ${result.warmUpRenders} to warm up: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms, mean ${result.meanMs} ms (goal p95 < ${result.goalMs} ms: ${result.meetsGoal ? 'met' : 'NOT met'})`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'quote-pdf.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
  if (!result.meetsGoal) process.exit(1);
} else if (name === 'quotes') {
  const runs = args[0] ? Number(args[0]) : 200;
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`bench quotes [changes]: changes is a whole number >= 1, got '${args[0]}'`);
    process.exit(2);
  }
  const result = await runQuotesBench(runs);
  const row = (label: string, p: typeof result.engine) =>
    `${label}: p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms, max ${p.maxMs} ms, mean ${p.meanMs} ms over ${p.runs}`;
  console.log(`quote recalculation, ${result.lines} lines (load ${result.machine.loadAverage1m}):`);
  console.log(`  ${row('engine (totals, approval rules, tax)', result.engine)}`);
  console.log(`  ${row('api (updateQuoteLine, answered with totals, approval, margin)', result.api)}`);
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'quotes.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
} else if (name === 'events' || name === 'events-webhooks' || name === 'events-subscriptions') {
  // `events`: the webhook half (events-webhooks) then the subscription half (events-subscriptions).
  if (name !== 'events-subscriptions') {
    // `pnpm bench events-webhooks [changes per second]`: the standard 50, or a rate the machine sustains.
    const perSecond = name === 'events-webhooks' && args[0] ? Number(args[0]) : 50;
    if (!Number.isInteger(perSecond) || perSecond < 1) {
      console.error(`bench events-webhooks [changes per second]: a whole number >= 1, got '${args[0]}'`);
      process.exit(2);
    }
    mkdirSync(resultsDir, { recursive: true });
    const webhooks = await runEventsWebhooksBench({ perSecond });
    const webhooksFile = resolve(
      resultsDir,
      `events-webhooks${perSecond === 50 ? '' : `-${perSecond}-per-s`}.json`,
    );
    writeFileSync(webhooksFile, `${JSON.stringify(webhooks, null, 2)}\n`);
    console.log(`written to ${webhooksFile}`);
  }
  if (name !== 'events-webhooks') await subscriptionsBench();
} else {
  console.error(
    `unknown benchmark '${name}' (known: engine, api, staff-reads, client, orders, abuse, quote-pdf, quotes, events, events-webhooks, events-subscriptions)`,
  );
  process.exit(2);
}

/** The subscription half: `pnpm bench events-subscriptions [seconds] [processes…]`, 1 and 2 processes unless told. */
async function subscriptionsBench(): Promise<void> {
  // `events`: every events benchmark there is (the subscriptions' here; webhooks' join it), with 1 and 2
  // server processes unless told: `pnpm bench events [seconds] [processes…]`.
  const durationSeconds = args[0] ? Number(args[0]) : 20;
  const processCounts = args.length > 1 ? args.slice(1).map(Number) : [1, 2];
  if (
    !Number.isFinite(durationSeconds) ||
    durationSeconds <= 0 ||
    processCounts.some((n) => !Number.isInteger(n) || n < 1)
  ) {
    console.error(
      `bench ${name} [seconds] [processes…]: seconds > 0 and whole numbers of processes >= 1, got '${args.join(' ')}'`,
    );
    process.exit(2);
  }
  mkdirSync(resultsDir, { recursive: true });
  for (const processes of processCounts) {
    let result: SubscriptionsBenchResult;
    try {
      result = await runSubscriptionsBench({ durationSeconds, processes });
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
    const latency = (label: string, f: { p50Ms: number; p99Ms: number; maxMs: number } | null) =>
      f ? `${label} p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms` : `${label} -`;
    console.log(
      `subscriptions on ${result.database}, ${result.processes} process${result.processes === 1 ? '' : 'es'}, ${result.rate} changes/s for ${result.durationSeconds} s: ${result.changes} changes (${result.changeErrors} failed), ${result.received}/${result.expectedMessages} messages, ${result.lost} lost, ${result.duplicated} duplicated`,
    );
    console.log(`  ${latency('from the commit (occurredAt):', result.fromCommit)}`);
    console.log(`  ${latency('from the mutation’s answer:', result.fromResponse)}`);
    console.log(`  ${latency('across processes, from the commit:', result.crossProcess)}`);
    console.log(`  ${latency('the mutation itself:', result.mutation)}`);
    for (const sample of result.errorSamples) console.log(`  failed change: ${sample}`);
    // The standard measure (50 changes/s, 1 process) in events-subscriptions.json; variants named after theirs.
    const variant = `${processes === 1 ? '' : `-${processes}-processes`}${result.rate === 50 ? '' : `-${result.rate}-per-s`}`;
    const file = resolve(resultsDir, `events-subscriptions${variant}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${file}`);
  }
}

/** `pnpm bench staff-reads [orders] [samples] [postgresql|sqlite]`: materials, the board and a page of orders. */
async function staffReadsBench(given: string[]): Promise<void> {
  const orders = given[0] ? Number(given[0]) : 1000;
  const samples = given[1] ? Number(given[1]) : 100;
  const database = given[2];
  if (!Number.isInteger(orders) || orders < 10 || !Number.isInteger(samples) || samples < 1) {
    console.error(
      `bench staff-reads [orders] [samples] [postgresql|sqlite]: whole numbers, orders >= 10 and samples >= 1, got '${given.join(' ')}'`,
    );
    process.exit(2);
  }
  if (database !== undefined && database !== 'postgresql' && database !== 'sqlite') {
    console.error(`bench staff-reads: the database is postgresql or sqlite, not '${database}'`);
    process.exit(2);
  }
  let result: StaffReadsBenchResult;
  try {
    result = await runStaffReadsBench({ orders, samples, ...(database ? { database } : {}) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.log(
    `staff reads on ${result.database} with ${result.orders} orders (${Object.entries(result.ordersByStatus)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')}; ${result.openRequisitions} open requisitions), one request at a time:`,
  );
  console.log(
    `${'read'.padEnd(38)}  ${'p50 ms'.padStart(9)}  ${'p95 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'samples'.padStart(9)}  ${'CPU p50/p95 ms'.padStart(15)}  goal`,
  );
  for (const read of result.reads) {
    console.log(
      [
        `${read.read} (${Object.entries(read.rows)
          .map(([what, n]) => `${n} ${what}`)
          .join(', ')})`.padEnd(38),
        read.p50Ms.toFixed(1).padStart(9),
        read.p95Ms.toFixed(1).padStart(9),
        read.p99Ms.toFixed(1).padStart(9),
        String(read.samples).padStart(9),
        `${read.serverCpuP50Ms ?? '?'} / ${read.serverCpuP95Ms ?? '?'}`.padStart(15),
        `p95 <= ${read.goalP95Ms} ms: ${read.meetsGoal ? 'met' : 'NOT met'}`,
      ].join('  '),
    );
  }
  const m = result.machine;
  console.log(
    `load average (1 min): ${m.loadAverage1m} before seeding, ${m.loadAverage1mBeforeMeasuring} before measuring, ${m.loadAverage1mAfter} after (${m.cpus} cores, shared: figures are noisy); seeding took ${result.seedSeconds} s`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'staff-reads.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
}
