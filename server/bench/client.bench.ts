import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { startBuiltServer } from '../../test/support/built-server.js';

/**
 * `pnpm bench client`:
 * 1. builds the client (vite build, with its manifest) and measures the gzipped JavaScript that the
 *    configurator route loads: the entry chunk, the ConfiguratorPage chunk and every chunk they import
 *    statically (goal: at most 150 KB);
 * 2. in Debian's chromium (playwright-core) against the BUILT server on a fresh SQLite file, the time from
 *    a click on a desk option to the new total on screen (p50 and p95 over 50 clicks, alternating walnut
 *    and oak tops, which change the price; goal: p95 under 100 ms). Measured in the page: performance.now()
 *    at the click, a MutationObserver on the document sees the total change, then the next animation
 *    frame (when it is painted).
 */

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT_DIR = join(repositoryRoot, 'client');
const MANIFEST = join(CLIENT_DIR, 'dist', '.vite', 'manifest.json');
const CONFIGURATOR_SRC = 'src/pages/ConfiguratorPage.vue';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CLICKS = 50;
const WARM_UP_CLICKS = 6;
/** Two desk options that change the price, clicked in turn. */
export const OPTIONS = ['option-top_material-walnut', 'option-top_material-oak'] as const;
export const JS_GOAL_KB = 150;
export const P95_GOAL_MS = 100;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ClientBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number; chromium: string };
  javascript: {
    route: string;
    chunks: ChunkSize[];
    totalBytes: number;
    gzipBytes: number;
    gzipKB: number;
    /** The route's CSS, gzipped (not counted in the goal, which is about JavaScript). */
    cssGzipKB: number;
    goalKB: number;
    meetsGoal: boolean;
  };
  clickToTotal: {
    clicks: number;
    options: readonly string[];
    /** From the click to the frame after the total changed in the DOM (on screen). */
    p50Ms: number;
    p95Ms: number;
    meanMs: number;
    maxMs: number;
    /** From the click to the DOM change alone. */
    domP50Ms: number;
    domP95Ms: number;
    goalP95Ms: number;
    meetsGoal: boolean;
  };
}

class BenchError extends Error {}

function buildClient(): void {
  const vite = join(CLIENT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build'], {
    cwd: CLIENT_DIR,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new BenchError(`the client build failed:\n${run.stdout}\n${run.stderr}`);
}

/** The configurator route's JavaScript from the build manifest: entry + ConfiguratorPage + static imports. */
export function routeJavaScript(manifestPath = MANIFEST): { chunks: ChunkSize[]; css: string[] } {
  if (!existsSync(manifestPath)) {
    throw new BenchError(
      `${manifestPath} is missing: the client build must write its manifest (build.manifest)`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  // The configurator's page (index.html); the build has other entries (graphiql.html) it never loads.
  const entryKey = manifest['index.html']?.isEntry
    ? 'index.html'
    : Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new BenchError('the client build manifest has no entry chunk');
  if (!manifest[CONFIGURATOR_SRC]) {
    throw new BenchError(
      `the client build has no ${CONFIGURATOR_SRC} chunk: is the configurator route lazy-loaded?`,
    );
  }
  const keys = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    if (keys.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) return;
    keys.add(key);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  visit(CONFIGURATOR_SRC);
  const size = (file: string): ChunkSize => {
    const content = readFileSync(join(CLIENT_DIR, 'dist', file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
  };
  const chunks = [...keys].map((key) => size(manifest[key]!.file)).filter((c) => c.file.endsWith('.js'));
  return { chunks, css: [...css] };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Runs in the page (as text: the server's TypeScript has no DOM types). Clicks the option and resolves
 * with [ms to the DOM change of the total, ms to the next animation frame after it].
 */
const MEASURE_CLICK = `(testId) => new Promise((resolve, reject) => {
  const total = () => document.querySelector('[data-testid="price-total"]')?.textContent ?? '';
  const button = document.querySelector('[data-testid="' + testId + '"]');
  if (!button) return reject(new Error('no element [data-testid="' + testId + '"] on the page'));
  const before = total();
  let done = false;
  const observer = new MutationObserver(() => {
    if (done || total() === before) return;
    done = true;
    const dom = performance.now() - start;
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => resolve([dom, performance.now() - start]));
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  const timer = setTimeout(() => {
    observer.disconnect();
    reject(new Error('the total did not change within 10 s of clicking ' + testId + ' (still ' + before + ')'));
  }, 10000);
  const start = performance.now();
  button.click();
})`;

export async function runClientBench(): Promise<ClientBenchResult> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new BenchError(
      `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  console.log('building the client (vite build)…');
  buildClient();
  buildIfStale({ log: (message: string) => console.log(message) });
  const { chunks, css } = routeJavaScript();
  const gzipBytes = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  const cssGzipBytes = css.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(CLIENT_DIR, 'dist', file))).length,
    0,
  );
  const loadAverage1m = loadavg()[0] ?? 0;

  const dir = mkdtempSync(join(tmpdir(), 'mto-bench-client-'));
  const server = await startBuiltServer({ databaseUrl: null, sqlitePath: join(dir, 'mto.sqlite') });
  const { port } = server;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/configure/standing-desk`);
    for (const option of OPTIONS) {
      try {
        await page.locator(`[data-testid="${option}"]`).waitFor({ timeout: 20_000 });
        await page.locator('[data-testid="price-total"]').waitFor({ timeout: 20_000 });
      } catch {
        throw new BenchError(
          `the configurator page is not ready: no [data-testid="${option}"] and [data-testid="price-total"] on /configure/standing-desk within 20 s`,
        );
      }
    }
    // Start from oak (the default), so that the first click (walnut) changes the total.
    const measure = async (option: string): Promise<[number, number]> => {
      const [dom, painted] = (await page.evaluate(`(${MEASURE_CLICK})(${JSON.stringify(option)})`)) as [
        number,
        number,
      ];
      // Let the answer's other updates settle before the next click.
      await page.waitForTimeout(50);
      return [dom, painted];
    };
    for (let i = 0; i < WARM_UP_CLICKS; i++) await measure(OPTIONS[i % 2]!);
    const dom: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const [d, p] = await measure(OPTIONS[i % 2]!);
      dom.push(d);
      painted.push(p);
    }
    dom.sort((a, b) => a - b);
    painted.sort((a, b) => a - b);
    const p95 = percentile(painted, 95);
    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m,
        chromium: browser.version(),
      },
      javascript: {
        route: '/configure/:productCode',
        chunks,
        totalBytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
        gzipBytes,
        gzipKB: round(gzipBytes / 1024),
        cssGzipKB: round(cssGzipBytes / 1024),
        goalKB: JS_GOAL_KB,
        meetsGoal: gzipBytes / 1024 <= JS_GOAL_KB,
      },
      clickToTotal: {
        clicks: CLICKS,
        options: OPTIONS,
        p50Ms: round(percentile(painted, 50)),
        p95Ms: round(p95),
        meanMs: round(painted.reduce((s, n) => s + n, 0) / painted.length),
        maxMs: round(painted[painted.length - 1]!),
        domP50Ms: round(percentile(dom, 50)),
        domP95Ms: round(percentile(dom, 95)),
        goalP95Ms: P95_GOAL_MS,
        meetsGoal: p95 < P95_GOAL_MS,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
