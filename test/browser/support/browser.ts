/// <reference lib="dom" />
// Browser tests: playwright-core driving Debian's chromium (/usr/bin/chromium, `apt-get install chromium`)
// against the BUILT server on a temporary SQLite file. Outside CI, without chromium, the tests are skipped
// and say so loudly; in CI (CI=true) they run and fail when chromium is missing.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  type BuiltServer,
  DEMO_USERS,
  type DemoRole,
  root,
  SESSION_COOKIE,
  startBuiltServer,
  tempDir,
} from '../../support/built-server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags this closed network needs (docs/stack.md, trap 5); no --user-data-dir (Playwright refuses it). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = path.join(root, 'artifacts', 'screenshots');
export const WIDTHS = [1440, 375] as const;

let warned = false;

/** Whether the browser tests run here: always in CI; elsewhere only when chromium is installed. */
export function browserTestsRun(): boolean {
  if (process.env.CI === 'true') return true;
  if (existsSync(CHROMIUM_PATH)) return true;
  if (!warned) {
    warned = true;
    const bar = '!'.repeat(100);
    console.warn(
      `\n${bar}\n!!! ${CHROMIUM_PATH} is missing: the BROWSER TESTS ARE SKIPPED here.\n!!! Install it with \`apt-get install -y chromium\` (Debian) to run them; in CI (CI=true) they run and fail without it.\n${bar}\n`,
    );
  }
  return false;
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * The built server on a fresh SQLite file; stop() also removes the file. `env` adds to the process's
 * environment (e.g. { MTO_TODAY: '2026-12-01' }: a fixed planning date, so promised dates are known).
 */
export interface App {
  server: BuiltServer;
  base: string;
  /**
   * A session token of the demo user with this role (signed in over HTTP once per app and role: the server
   * limits sign-ins per address), for `server.graphql(…, { sessionToken })` or a browser's cookie.
   */
  session(role: DemoRole): Promise<string>;
  stop(): Promise<void>;
}

export async function startApp(options: { env?: Record<string, string> } = {}): Promise<App> {
  const dir = tempDir('mto-browser-');
  const server = await startBuiltServer(
    { databaseUrl: null, sqlitePath: path.join(dir.dir, 'mto.sqlite') },
    undefined,
    options.env,
  );
  const sessions = new Map<DemoRole, Promise<string>>();
  return {
    server,
    base: server.base,
    session(role) {
      let token = sessions.get(role);
      if (!token) {
        token = server.signIn(DEMO_USERS[role].email, DEMO_USERS[role].password);
        sessions.set(role, token);
      }
      return token;
    },
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}

/**
 * Runs in every page before its own scripts: each Content-Security-Policy violation becomes a console
 * error naming the directive and what it blocked, so a page the CSP breaks fails its test (chromium's own
 * "Refused to..." message is not given for every kind, e.g. an inline style attribute set by script).
 */
function reportCspViolations(): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'an inline source'} at ${event.sourceFile}:${event.lineNumber}`,
    );
  });
}

/** Errors the page logged or threw: a test fails on any (a missing favicon included, docs/stack.md, trap 6). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

export async function newPage(
  browser: Browser,
  width: number = WIDTHS[0],
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(reportCspViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, errors: collectPageErrors(page) };
}

/** A page signed in as a session token (the httpOnly cookie the server sets at sign-in). */
export async function newSignedInPage(
  browser: Browser,
  app: App,
  role: DemoRole,
  width: number = WIDTHS[0],
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await newPage(browser, width);
  await signInContext(opened.context, app, role);
  return opened;
}

/** Gives a browser context the session cookie of the demo user with this role. */
export async function signInContext(context: BrowserContext, app: App, role: DemoRole): Promise<void> {
  const token = await app.session(role);
  await context.addCookies([
    { name: SESSION_COOKIE, value: token, url: app.base, httpOnly: true, sameSite: 'Lax' },
  ]);
}

/** How many CSS pixels the page is wider than its viewport (0: nothing overflows sideways, e.g. on a phone). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Full-page screenshots at 1440 and 375 px: artifacts/screenshots/<name>-<width>.png (git-ignored). */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  if (original) await page.setViewportSize(original);
  return files;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** Injects axe-core into the page and returns its violations of impact serious or critical, printed. */
export async function seriousAxeViolations(page: Page, label: string): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: a <script> tag (addScriptTag) is inline, refused by the CSP.
  await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) {
    console.log(
      `axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join('\n')}`,
    );
  }
  const minor = violations.filter((v) => !serious.includes(v));
  if (minor.length > 0)
    console.log(`axe ${label}: ${minor.length} minor/moderate: ${minor.map((v) => v.id).join(', ')}`);
  return serious;
}
