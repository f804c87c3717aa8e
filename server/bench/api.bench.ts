import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { startBuiltServer } from '../../test/support/built-server.js';
import { operation } from '../src/test-support/operations.js';

/**
 * `pnpm bench api [seconds]`: the BUILT server (node server/dist/main.js, as production runs it) on a
 * fresh SQLite file, loaded by autocannon (10 connections, POST application/json) with, in one run:
 * a trivial query (`{ __typename }`: the framework's ceiling on this machine), then `configure` of a
 * complete standing desk (every feature given explicitly) with the shared Configure operation.
 * Reports requests/s, p50 and p99 latency of each, and configure's share of the trivial throughput.
 */

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const CONFIGURE_FILE = join(repositoryRoot, 'schema', 'operations', 'configure.graphql');

export const TRIVIAL_QUERY = '{ __typename }';

/** A complete, valid standing desk that differs from the default build: every feature chosen. */
export const COMPLETE_DESK = {
  productCode: 'standing-desk',
  selections: [
    { feature: 'width_mm', value: '1800' },
    { feature: 'depth_mm', value: '900' },
    { feature: 'top_material', value: 'walnut' },
    { feature: 'top_finish', value: 'oil_natural' },
    { feature: 'frame', value: 'leg4' },
    { feature: 'motors', value: 'dual' },
    { feature: 'height_range', value: 'extended' },
    { feature: 'controller', value: 'app' },
    { feature: 'anti_collision', value: 'true' },
    { feature: 'accessories', values: ['cable_tray', 'monitor_arm', 'power_strip'] },
    { feature: 'preassembled', value: 'true' },
  ],
};

/** What a partner's application asks to validate and price a build. */
export const COMPACT_CONFIGURE = `query ConfigureCompact($input: ConfigurationInput!) {
  configure(input: $input) { valid complete violations { ruleId message } price { lines { code amount { amount } } total { amount currency } } }
}`;

/** Used when schema/operations/configure.graphql does not exist: what a configurator page needs. */
const INLINE_CONFIGURE = `query Configure($input: ConfigurationInput!) {
  configure(input: $input) {
    valid
    complete
    price { total { amount } }
    features { code selected options { code state } }
  }
}`;

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ApiBenchResult {
  date: string;
  /** loadAverage1m: the 1-minute load average before the load (other work skews the figures). */
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  server: string;
  connections: number;
  durationSeconds: number;
  /** The trivial, full and compact loads ran interleaved, in this many rounds of equal length. */
  rounds: number;
  trivial: LoadFigures & { query: string };
  configure: LoadFigures & { operation: string; total: string };
  /** A partner's validate-and-price call: valid, complete, violations and the price lines. */
  configureCompact: LoadFigures & { query: string; ratio: number };
  /** The full operation on a different desk every request (widths x depths), so no answer is reused. */
  configureDistinct: LoadFigures & { distinctConfigurations: number; ratio: number };
  /** configure (full page operation) requests/s divided by trivial requests/s. */
  ratio: number;
  goal: string;
  meetsGoal: boolean;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** One request before the load: it must be a 200 without errors, or the figures would mean nothing. */
async function preflight(url: string, body: string, label: string): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  let answer: GraphQLAnswer = {};
  try {
    answer = JSON.parse(text) as GraphQLAnswer;
  } catch {
    // reported below
  }
  if (response.status !== 200 || answer.errors?.length || !answer.data) {
    const messages = answer.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 500);
    if (/Cannot query field "configure"/.test(messages)) {
      throw new Error(
        'bench api: the server has no `configure` query yet, so configure cannot be measured. It comes with the configurations module (server/src/configurations).',
      );
    }
    throw new Error(
      `bench api: the ${label} request failed before the load (HTTP ${response.status}): ${messages}`,
    );
  }
  return answer;
}

async function load(
  url: string,
  body: string | (() => string),
  connections: number,
  duration: number,
): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof body === 'string'
      ? { body }
      : {
          requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }) }],
        }),
    connections,
    duration,
  });
  const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: round(result.latency.p50),
    latencyP99Ms: round(result.latency.p99),
    latencyMeanMs: round(result.latency.mean),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * One load measured in rounds: requests/s over the whole time; p50 the median of the rounds' p50s
 * and p99 the worst round's p99 (autocannon gives percentiles, not histograms, per round).
 */
function combineRounds(rounds: LoadFigures[], durationSeconds: number): LoadFigures {
  const sum = (pick: (f: LoadFigures) => number): number => rounds.reduce((total, f) => total + pick(f), 0);
  const requests = sum((f) => f.requests);
  const p50s = rounds.map((f) => f.latencyP50Ms).sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round((requests / durationSeconds) * 10) / 10,
    latencyP50Ms: p50s[Math.floor(p50s.length / 2)]!,
    latencyP99Ms: Math.max(...rounds.map((f) => f.latencyP99Ms)),
    latencyMeanMs: Math.round((sum((f) => f.latencyMeanMs * f.requests) / Math.max(1, requests)) * 100) / 100,
    requests,
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
    timeouts: sum((f) => f.timeouts),
  };
}

function checkClean(figures: LoadFigures, label: string): void {
  if (figures.non2xx > 0 || figures.errors > 0 || figures.timeouts > 0 || figures.requests === 0) {
    throw new Error(
      `bench api: the ${label} load was not clean: ${figures.requests} requests, ${figures.non2xx} non-2xx, ${figures.errors} errors, ${figures.timeouts} timeouts`,
    );
  }
}

export async function runApiBench(
  options: { durationSeconds?: number; connections?: number; log?: (line: string) => void } = {},
): Promise<ApiBenchResult> {
  const { durationSeconds = 10, connections = 10, log = console.log } = options;
  buildIfStale({ log: (message) => log(`bench api: ${message}`) });

  let configureOperation = INLINE_CONFIGURE;
  let operationSource = 'inline query (schema/operations/configure.graphql is missing)';
  try {
    configureOperation = operation('configure');
    operationSource = 'Configure (schema/operations/configure.graphql)';
  } catch {
    log(`bench api: ${CONFIGURE_FILE} is missing: using an inline configure query`);
  }

  const loadAverage1m = Math.round(loadavg()[0]! * 100) / 100;
  const directory = mkdtempSync(join(tmpdir(), 'mto-bench-api-'));
  const server = await startBuiltServer({ databaseUrl: null, sqlitePath: join(directory, 'bench.sqlite') });
  const url = `${server.base}/graphql`;
  try {
    const trivialBody = JSON.stringify({ query: TRIVIAL_QUERY });
    const configureBody = JSON.stringify({
      query: configureOperation,
      operationName: 'Configure',
      variables: { input: COMPLETE_DESK },
    });
    await preflight(url, trivialBody, 'trivial');
    const answer = await preflight(url, configureBody, 'configure');
    const configuration = answer.data?.configure as
      | { valid?: boolean; complete?: boolean; price?: { total?: { amount?: string } } }
      | undefined;
    if (!configuration?.valid || !configuration.complete) {
      throw new Error(
        `bench api: the standing desk of the benchmark is not valid and complete: ${JSON.stringify(configuration).slice(0, 800)}`,
      );
    }
    const total = configuration.price?.total?.amount ?? '?';

    const compactBody = JSON.stringify({ query: COMPACT_CONFIGURE, variables: { input: COMPLETE_DESK } });
    await preflight(url, compactBody, 'configure (compact)');

    // This machine's speed drifts by tens of percent from minute to minute (shared cores): the loads
    // to compare run in interleaved rounds, so that a slow minute slows them all alike.
    const rounds = Math.max(1, Math.round(durationSeconds / 2));
    log(
      `bench api: warming up (2 s each), then ${rounds} interleaved rounds of ${durationSeconds / rounds} s each with ${connections} connections`,
    );
    await load(url, trivialBody, connections, 2);
    await load(url, configureBody, connections, 2);
    await load(url, compactBody, connections, 2);
    const perRound: Record<'trivial' | 'configure' | 'compact', LoadFigures[]> = {
      trivial: [],
      configure: [],
      compact: [],
    };
    for (let round = 0; round < rounds; round++) {
      perRound.trivial.push(await load(url, trivialBody, connections, durationSeconds / rounds));
      perRound.configure.push(await load(url, configureBody, connections, durationSeconds / rounds));
      perRound.compact.push(await load(url, compactBody, connections, durationSeconds / rounds));
    }
    const trivial = combineRounds(perRound.trivial, durationSeconds);
    checkClean(trivial, 'trivial');
    const configure = combineRounds(perRound.configure, durationSeconds);
    checkClean(configure, 'configure');
    const compact = combineRounds(perRound.compact, durationSeconds);
    checkClean(compact, 'configure (compact)');

    // Every request a different desk: 1000 to 1800 mm wide, 600 to 800 mm deep (all valid with the
    // benchmark's other choices), more than the server remembers, so each one is computed.
    const distinct: string[] = [];
    for (let width = 1000; width <= 1800; width += 10) {
      for (let depth = 600; depth <= 800; depth += 10) {
        const selections = COMPLETE_DESK.selections.map((s) =>
          s.feature === 'width_mm'
            ? { ...s, value: String(width) }
            : s.feature === 'depth_mm'
              ? { ...s, value: String(depth) }
              : s,
        );
        distinct.push(
          JSON.stringify({
            query: configureOperation,
            operationName: 'Configure',
            variables: { input: { ...COMPLETE_DESK, selections } },
          }),
        );
      }
    }
    await preflight(url, distinct[distinct.length - 1]!, 'configure (distinct desks)');
    let next = 0;
    const distinctLoad = await load(
      url,
      () => distinct[next++ % distinct.length]!,
      connections,
      durationSeconds,
    );
    checkClean(distinctLoad, 'configure (distinct desks)');

    const ratioOf = (figures: LoadFigures): number =>
      Math.round((figures.requestsPerSecond / trivial.requestsPerSecond) * 1000) / 1000;
    const ratio = ratioOf(configure);
    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m,
      },
      server: 'built server (node server/dist/main.js), SQLite, loopback; autocannon in the same machine',
      connections,
      durationSeconds,
      rounds,
      trivial: { query: TRIVIAL_QUERY, ...trivial },
      configure: { operation: operationSource, total, ...configure },
      configureCompact: { query: COMPACT_CONFIGURE, ...compact, ratio: ratioOf(compact) },
      configureDistinct: {
        distinctConfigurations: distinct.length,
        ...distinctLoad,
        ratio: ratioOf(distinctLoad),
      },
      ratio,
      goal: 'configure (full page operation and compact call) at >= 80% of the trivial query’s throughput',
      // Both ways of asking: what the configurator page asks, and what a partner asks.
      meetsGoal: ratio >= 0.8 && ratioOf(compact) >= 0.8,
    };
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
