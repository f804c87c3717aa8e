import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoModels } from '../src/catalog/demo-models.js';
import {
  autocomplete,
  ChoiceSession,
  cheapestCompletion,
  check,
  explainExclusion,
  explode,
  importXcsp,
  loadProductModel,
  type ProductModel,
  parseSalesHistory,
  prepareGuidance,
  price,
  propagate,
  randomConfigurations,
  resolveConflict,
  type SelectionValue,
  seededRandom,
} from '../src/engine/index.js';
import { RENAULT_BENCHMARK_DIR } from '../src/test-support/renault-benchmark.js';

/**
 * `pnpm bench engine [model.xml]`: times of check, propagate, price and explode on each demo model and
 * on a real XCSP table model (Renault medium by default), median and p99 over many runs.
 */

type Selection = Record<string, SelectionValue>;

export interface Timing {
  runs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number): number => Math.round(ms * 1000) / 1000;
  return {
    runs: sorted.length,
    medianMs: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

function time<T>(samples: number[], work: () => T): T {
  const start = performance.now();
  const result = work();
  samples.push(performance.now() - start);
  return result;
}

/** Valid complete configurations drawn at random (a seeded search), to time the engine on. */
function sampleConfigurations(model: ProductModel, count: number): Selection[] {
  const result: Selection[] = [];
  for (let seed = 1; result.length < count && seed < count * 10; seed++) {
    const completion = autocomplete(model, {}, { random: seededRandom(seed) });
    if (completion.found) result.push(completion.selection as Selection);
  }
  return result;
}

/**
 * Valid complete configurations to time on when there is no sales history: drawn uniformly at random
 * through the decision graph (seeded), else by a randomised search.
 */
function drawConfigurations(model: ProductModel, count: number): Selection[] {
  const drawn = randomConfigurations(model, count, seededRandom(20261203)) as Selection[];
  return drawn.length > 0 ? drawn : sampleConfigurations(model, count);
}

/** A session: the configuration's choices made one at a time in a shuffled order. */
function sessionSteps(configuration: Selection, random: () => number, keep?: string[]): Selection[] {
  const codes = keep ?? Object.keys(configuration);
  const order = [...codes].sort(() => random() - 0.5);
  const steps: Selection[] = [];
  const selection: Selection = {};
  for (const code of order) {
    selection[code] = configuration[code]!;
    steps.push({ ...selection });
  }
  return steps;
}

export interface ModelFigures {
  model: string;
  features: number;
  rules: number;
  compileMs: number;
  check: Timing;
  propagate: Timing;
  autocomplete: Timing;
  /** The cheapest valid completion by price (formulas included), at the middle of each session. */
  cheapest: Timing;
  /** The first cheapest completion on the model: its price formulas tabulated once, then shared. */
  cheapestFirstMs: number;
  /** Resolving a conflict (the nearest fix for an excluded option or number), at every 4th step of each session. */
  resolve: Timing | null;
  price: Timing | null;
  explode: Timing | null;
  /**
   * One excluded option explained (explainExclusion: its choices and rules, certified), every excluded
   * option of an open feature at the middle of each session (at most 5 a session), first time asked.
   */
  explain: Timing | null;
  /** Propagation with every excluded option explained (what configure runs), at the middle of each session; demo models only. */
  propagateExplained: Timing | null;
}

/** The first engine call on a model compiles it (then cached per model version): its extra time. */
function compileTime(model: ProductModel): number {
  const start = performance.now();
  propagate(model, {});
  const first = performance.now() - start;
  const again = performance.now();
  propagate(model, {});
  return Math.max(0, first - (performance.now() - again));
}

function benchModel(
  model: ProductModel,
  compileMs: number,
  configurations: Selection[],
  sessions: Selection[][],
  options: { explainedPropagation: boolean },
): ModelFigures {
  const checks: number[] = [];
  const propagations: number[] = [];
  const completions: number[] = [];
  const prices: number[] = [];
  const explosions: number[] = [];
  const cheapest: number[] = [];
  const resolutions: number[] = [];
  const pickTarget = seededRandom(4242);
  const explanations: number[] = [];
  const explained: number[] = [];
  const firstStart = performance.now();
  cheapestCompletion(model, {});
  const cheapestFirstMs = performance.now() - firstStart;
  const hasPricing =
    model.pricing.basePriceMinor > 0 || model.features.some((f) => f.options.some((o) => o.priceMinor > 0));
  // Warm-up, untimed: let the JIT compile the hot paths so the figures are of steady state.
  for (const configuration of configurations.slice(0, 30)) {
    check(model, configuration);
    propagate(model, configuration, { explanations: false });
    autocomplete(model, configuration);
    if (hasPricing) price(model, configuration, 3);
    if (model.bom.length > 0) explode(model, configuration, 3);
  }
  for (const configuration of configurations) {
    time(checks, () => check(model, configuration));
    if (hasPricing) time(prices, () => price(model, configuration, 3));
    if (model.bom.length > 0) time(explosions, () => explode(model, configuration, 3));
  }
  for (const steps of sessions) {
    for (const [n, step] of steps.entries()) {
      // Explanations are timed on their own (explain p99): here, the states and counts.
      const result = time(propagations, () => propagate(model, step, { explanations: false }));
      if (!result.consistent)
        throw new Error(`${model.code}: a valid configuration's choices were found inconsistent`);
      if (n % 4 !== 0) continue;
      const targets = conflictTargets(model, result);
      if (targets.length === 0) continue;
      const [feature, value] = targets[Math.floor(pickTarget() * targets.length)]!;
      time(resolutions, () => resolveConflict(model, step, feature, value));
    }
    const middle = steps[Math.floor(steps.length / 2)] ?? {};
    time(completions, () => autocomplete(model, middle));
    time(cheapest, () => cheapestCompletion(model, middle));
    const states = propagate(model, middle, { explanations: false });
    const excluded = states.features.flatMap((f) =>
      f.decided ? [] : f.options.filter((o) => o.state === 'excluded').map((o) => [f.code, o.code] as const),
    );
    for (const [feature, option] of excluded.slice(0, 5))
      time(explanations, () => explainExclusion(model, middle, feature, option));
    if (options.explainedPropagation) time(explained, () => propagate(model, middle));
  }
  return {
    model: model.code,
    features: model.features.length,
    rules: model.rules.length,
    compileMs: Math.round(compileMs * 10) / 10,
    check: timing(checks),
    propagate: timing(propagations),
    autocomplete: timing(completions),
    cheapest: timing(cheapest),
    cheapestFirstMs: Math.round(cheapestFirstMs * 10) / 10,
    resolve: resolutions.length > 0 ? timing(resolutions) : null,
    price: hasPricing ? timing(prices) : null,
    explode: model.bom.length > 0 ? timing(explosions) : null,
    explain: explanations.length > 0 ? timing(explanations) : null,
    propagateExplained: explained.length > 0 ? timing(explained) : null,
  };
}

/**
 * What a person could ask resolveConflict for after a step: every excluded option, and for a number
 * whose allowed interval is narrower than its domain, the end of the domain it no longer reaches.
 */
function conflictTargets(model: ProductModel, result: ReturnType<typeof propagate>): [string, string][] {
  const targets: [string, string][] = [];
  for (const feature of result.features) {
    for (const option of feature.options)
      if (option.state === 'excluded') targets.push([feature.code, option.code]);
    const domain = model.featureByCode.get(feature.code)!;
    if (!feature.allowed || !domain.min || !domain.max) continue;
    if (domain.max.greaterThan(feature.allowed.max)) targets.push([feature.code, domain.max.toFixed()]);
    if (domain.min.lessThan(feature.allowed.min)) targets.push([feature.code, domain.min.toFixed()]);
  }
  return targets;
}

/** Complete guidance on the XCSP model (issue 5): what its closing note reports. */
export interface GuidanceFigures {
  /** The XCSP model the figures are for. */
  model: string;
  /** Compiling the model and its counting tree, from the loaded model. */
  compileMs: number;
  /** Heap in use after compiling and warming up (MB). */
  heapMB: number;
  /** What answers: the counting tree, or the decision graph (a model whose tree would be too large). */
  structure: string;
  /** Rows of the counting tree, or edges of the decision graph: what one pass costs. */
  countingTreeRows: number;
  countingTreeWidth: number;
  /** Where the sessions come from: the sales history, or valid configurations drawn uniformly at random. */
  sessionsFrom: string;
  /** Valid complete configurations with nothing chosen (a decimal integer). */
  totalConfigurations: string | null;
  /** One step of complete propagation with counts (propagate, without explanations), over sampled sessions. */
  propagateP50Ms: number;
  propagateP99Ms: number;
  propagateSteps: number;
  /** Explaining one excluded option (a minimal set of choices), at sampled steps of those sessions. */
  explainP50Ms: number;
  explainP99Ms: number;
  explanations: number;
  /** Resolving one conflict (the fewest choices to give up for an excluded option), at sampled steps. */
  resolveP50Ms: number;
  resolveP99Ms: number;
  resolutions: number;
  /** Every sold car replayed one choice at a time in a shuffled order (fixed seed). */
  soldCarsReplayed: number;
  /** Sold cars at which some value was not possible when chosen (a dead end): should be 0. */
  soldCarsRejected: number;
  replayMs: number;
}

export interface EngineBenchResult {
  date: string;
  node: string;
  machine: string;
  /** Complete guidance on the XCSP model; the issue's fields, flat. */
  guidance: GuidanceFigures;
  demoModels: ModelFigures[];
  xcsp: ModelFigures & {
    file: string;
    importMs: number;
    soldCarsReplayed: number;
    soldCarsRejected: number;
    heapMB: number;
  };
}

export function runEngineBench(xcspPath: string): EngineBenchResult {
  // The demo models are timed on the default run; a run on another XCSP file times that file alone.
  const demoModels = (xcspPath === DEFAULT_XCSP ? loadDemoModels() : []).map((model) => {
    const compileMs = compileTime(model);
    const configurations = sampleConfigurations(model, 200);
    const random = seededRandom(7);
    const sessions = configurations.slice(0, 100).map((c) => sessionSteps(c, random));
    return benchModel(model, compileMs, configurations, sessions, { explainedPropagation: true });
  });

  const importStart = performance.now();
  const historyPath = resolve(dirname(xcspPath), basename(xcspPath).replace(/\.xml$/, '-sales-history.txt'));
  let history: ReturnType<typeof parseSalesHistory> | null = null;
  try {
    history = parseSalesHistory(readFileSync(historyPath, 'utf8'));
  } catch {
    history = null; // a model without a sales history: sessions come from random valid configurations
  }
  const imported = importXcsp(
    readFileSync(xcspPath, 'utf8'),
    history ? { choiceFeatures: history.features } : {},
  );
  if (!imported.ok)
    throw new Error(`${xcspPath}: ${imported.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const loaded = loadProductModel(imported.source);
  if (!loaded.ok)
    throw new Error(`${xcspPath}: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const importMs = performance.now() - importStart;
  const model = loaded.model;
  const compileMs = compileTime(model);
  const random = seededRandom(2026);
  let replayed = 0;
  let rejected = 0;
  let configurations: Selection[];
  let sessions: Selection[][];
  if (history) {
    const cars = history.cars.map(
      (car) => Object.fromEntries(history!.features.map((f, i) => [f, car[i]!])) as Selection,
    );
    // Every sold car: is it accepted (propagation consistent and a valid completion exists)?
    for (const car of cars.slice(0, REPLAYED_CARS)) {
      const completion = autocomplete(model, car);
      if (completion.found) replayed++;
      else rejected++;
    }
    configurations = cars.slice(0, 500);
    sessions = cars.slice(0, 300).map((car) => sessionSteps(car, random));
  } else {
    // No sales history: valid configurations drawn uniformly at random; fewer sessions here (check,
    // autocomplete and cheapest), the guidance figures below replay 200 of them step by step.
    configurations = drawConfigurations(model, 200);
    sessions = configurations.slice(0, 20).map((c) => sessionSteps(c, random));
  }
  const figures = benchModel(model, compileMs, configurations, sessions, { explainedPropagation: false });
  const guidance = benchGuidance(xcspPath, imported.source, history);
  return {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${process.platform} ${process.arch}`,
    guidance,
    demoModels,
    xcsp: {
      ...figures,
      file: shownPath(xcspPath),
      importMs: Math.round(importMs * 10) / 10,
      soldCarsReplayed: replayed,
      soldCarsRejected: rejected,
      heapMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    },
  };
}

export const DEFAULT_XCSP = resolve(RENAULT_BENCHMARK_DIR, 'medium.xml');

/** A model file as the results name it: relative to the repository, so they read the same on any checkout. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
function shownPath(path: string): string {
  return relative(REPO_ROOT, path);
}

/** Sold cars whose choices are timed step by step (every car is replayed for acceptance). */
const TIMED_CARS = 300;

/**
 * Sold cars replayed for acceptance: all of them, unless ENGINE_BENCH_CARS says how many (a quick run
 * while working; the results file committed comes from a full run, and says how many were replayed).
 */
const REPLAYED_CARS = process.env.ENGINE_BENCH_CARS ? Number(process.env.ENGINE_BENCH_CARS) : Infinity;

function benchGuidance(
  xcspPath: string,
  source: Parameters<typeof loadProductModel>[0],
  history: ReturnType<typeof parseSalesHistory> | null,
): GuidanceFigures {
  // A fresh load: nothing compiled yet for this model object.
  const loaded = loadProductModel(source);
  if (!loaded.ok) throw new Error(`${xcspPath} does not load`);
  const model = loaded.model;
  const compileStart = performance.now();
  const structure = prepareGuidance(model);
  const compileMs = performance.now() - compileStart;
  const root = propagate(model, {}, { explanations: false });

  const random = seededRandom(20261126);
  const features = history?.features ?? model.features.map((f) => f.code);
  const cars: string[][] =
    history?.cars ?? drawConfigurations(model, 200).map((c) => features.map((f) => String(c[f] ?? '')));
  const shuffled = (): number[] => {
    const order = features.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  };

  // Acceptance: every car, one choice at a time, each value possible when chosen.
  const replayStart = performance.now();
  const session = new ChoiceSession(model);
  let replayed = 0;
  let rejected = 0;
  for (const car of cars.slice(0, REPLAYED_CARS)) {
    session.reset();
    let ok = true;
    for (const i of shuffled()) ok = session.choose(features[i]!, car[i]!) && ok;
    if (ok) replayed++;
    else rejected++;
  }
  const replayMs = performance.now() - replayStart;

  // Timings on the first cars: propagate after each choice; explain and resolve an excluded option.
  const propagations: number[] = [];
  const explanations: number[] = [];
  const resolutions: number[] = [];
  for (const car of cars.slice(0, 20))
    propagate(model, Object.fromEntries(features.map((f, i) => [f, car[i]!])), { explanations: false });
  // About 11 excluded options explained and resolved per car (every 4th step of medium's 44 choices).
  const explainEvery = Math.max(4, Math.round(features.length / 11));
  for (const car of cars.slice(0, TIMED_CARS)) {
    const selection: Record<string, SelectionValue> = {};
    for (const [step, i] of shuffled().entries()) {
      selection[features[i]!] = car[i]!;
      const result = time(propagations, () => propagate(model, selection, { explanations: false }));
      if (step % explainEvery !== 0) continue;
      const excluded = result.features.flatMap((f) =>
        f.decided
          ? []
          : f.options.filter((o) => o.state === 'excluded').map((o) => [f.code, o.code] as const),
      );
      if (excluded.length === 0) continue;
      const [feature, option] = excluded[Math.floor(random() * excluded.length)]!;
      time(explanations, () => explainExclusion(model, selection, feature, option));
      time(resolutions, () => resolveConflict(model, selection, feature, option));
    }
  }
  const p = timing(propagations);
  const e = timing(explanations);
  const r = timing(resolutions);
  return {
    model: shownPath(xcspPath),
    compileMs: Math.round(compileMs),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    structure: structure.structure,
    countingTreeRows: structure.rows,
    countingTreeWidth: structure.width,
    sessionsFrom: history ? 'sales history' : `${cars.length} valid configurations drawn uniformly at random`,
    totalConfigurations: root.remaining === null ? null : root.remaining.toString(),
    propagateP50Ms: p.medianMs,
    propagateP99Ms: p.p99Ms,
    propagateSteps: propagations.length,
    explainP50Ms: e.medianMs,
    explainP99Ms: e.p99Ms,
    explanations: explanations.length,
    resolveP50Ms: r.medianMs,
    resolveP99Ms: r.p99Ms,
    resolutions: resolutions.length,
    soldCarsReplayed: replayed,
    soldCarsRejected: rejected,
    replayMs: Math.round(replayMs),
  };
}
