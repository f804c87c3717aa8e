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
/** The screens the pages are judged on: a desktop, a small laptop, a phone (CSS pixels). */
export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  laptop: { width: 1280, height: 720 },
  phone: { width: 390, height: 844 },
} as const;
export type Viewport = { width: number; height: number };
/** The widths a test scans at: a desktop and a phone. */
export const WIDTHS = [VIEWPORTS.desktop.width, 375] as const;
/** What screenshots() takes: the whole desktop and phone viewports. */
export const SCREENSHOT_VIEWPORTS: readonly Viewport[] = [VIEWPORTS.desktop, VIEWPORTS.phone];

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
  height = 900,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
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
  height = 900,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await newPage(browser, width, height);
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

/**
 * Screenshots of the window at a desktop's 1440×900 and a phone's 390×844 (what a person sees without
 * scrolling, sticky bars included): artifacts/screenshots/<name>-<width>x<height>.png (git-ignored).
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  for (const { width, height } of SCREENSHOT_VIEWPORTS) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    const file = path.join(SCREENSHOT_DIR, `${name}-${width}x${height}.png`);
    await page.screenshot({ path: file });
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
