// Nothing changes without the person seeing it (issue 13, defect 3), in a real browser against the BUILT
// server: typing width 2100 on the default desk shows the top and the frame the server re-chose, with
// their price deltas, in a polite live region whose Undo (reached by keyboard) brings back exactly the
// earlier choices; the e-bike's dual-battery switch lists the motor 500 W → 750 W (+500 EUR) besides the
// frame, and the deltas it lists add up to the change of the total. axe-core finds nothing serious on
// either. Screenshots go to artifacts/screenshots/ (git-ignored).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  screenshots,
  seriousAxeViolations,
  startApp,
} from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** The price total once it shows an amount. */
async function total(page: Page): Promise<string> {
  const locator = page.locator(byTestId('price-total'));
  await expect
    .poll(async () => (await locator.textContent())?.trim() ?? '', { timeout: 15_000 })
    .toMatch(/\d/);
  return ((await locator.textContent()) ?? '').trim();
}

/** "€1,170.60" -> 117060n: exact, from the text as shown. */
const minorOf = (text: string): bigint => BigInt(text.replace(/[^\d-]/g, ''));

/** The sum of the data-delta-minor of everything listed under `scope`. */
async function listedDeltas(page: Page, scope: string): Promise<bigint> {
  const values = await page
    .locator(`${scope} [data-delta-minor]`)
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-delta-minor') ?? ''));
  return values.reduce((sum, v) => sum + BigInt(v), 0n);
}

const axeText = (violations: Awaited<ReturnType<typeof seriousAxeViolations>>): string[] =>
  violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );

describe.runIf(browserTestsRun())('changes the person did not make are shown, in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  async function open(path: string): Promise<Page> {
    const { page, errors } = await newPage(browser);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  const state = (page: Page, feature: string, option: string) =>
    page.locator(byTestId(`option-${feature}-${option}`)).getAttribute('data-state');

  it('defect 3: width 2100 on the default desk lists the top (oak → white melamine) and the frame (2 → 4 legs) with their price deltas; Undo, by keyboard, brings back the width, oak and 2 legs', async () => {
    const page = await open('/configure/standing-desk');
    const before = await total(page);
    expect(await state(page, 'top_material', 'oak')).toBe('SELECTED');
    expect(await state(page, 'frame', 'leg2')).toBe('SELECTED');
    const region = page.locator(byTestId('change-notice-region'));
    expect(await region.getAttribute('aria-live')).toBe('polite');

    const width = page.locator(byTestId('input-width_mm'));
    await width.fill('2100');
    await width.press('Enter');
    const notice = page.locator(byTestId('change-notice'));
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    // The notice is inside the live region, so screen readers hear it.
    expect(await region.locator(byTestId('change-notice')).count()).toBe(1);
    const items = page.locator(byTestId('change-notice-item'));
    const texts = (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toContain(
      'Top material: Solid European oak, 25 mm → White melamine on chipboard, 25 mm, − €336.00',
    );
    expect(texts).toContain(
      'Frame: 2-leg T-frame, black powder coat → 4-leg frame, black powder coat, + €290.00',
    );
    const after = await total(page);
    expect((await page.locator(byTestId('change-notice-total')).textContent())?.trim()).toBe(
      `Total: ${before} → ${after}`,
    );
    expect(await state(page, 'top_material', 'melamine')).toBe('SELECTED');
    expect(await state(page, 'frame', 'leg4')).toBe('SELECTED');
    await screenshots(page, 'configurator-change-notice');
    expect(axeText(await seriousAxeViolations(page, 'change notice'))).toEqual([]);

    // Undo by keyboard: back from the width field (the notice comes first in the steps), then Enter.
    await width.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'change-undo',
    );
    await page.keyboard.press('Enter');
    await page.locator(byTestId('change-undone')).waitFor({ timeout: 15_000 });
    await expect.poll(() => width.inputValue(), { timeout: 15_000 }).toBe('1600');
    await expect.poll(() => state(page, 'top_material', 'oak')).toBe('SELECTED');
    await expect.poll(() => state(page, 'frame', 'leg2')).toBe('SELECTED');
    await expect.poll(() => total(page)).toBe(before);
    // The earlier choices exactly: none.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'change-undone',
    );
    await page.context().close();
  });

  it('defect 3: the dual-battery switch on an M frame lists the motor 500 W → 750 W (+500 EUR) besides the frame; the deltas add up to the change of the total', async () => {
    const page = await open('/configure/e-bike?frame_size=m');
    const now = await total(page);
    const dual = page.locator(byTestId('option-battery-b1000'));
    await expect.poll(() => dual.getAttribute('data-state'), { timeout: 15_000 }).toBe('EXCLUDED');
    await dual.click();
    const dialog = page.locator(byTestId('switch-dialog'));
    await dialog.waitFor({ state: 'visible' });
    const effects = page.locator(byTestId('switch-effect'));
    await expect.poll(() => effects.count(), { timeout: 15_000 }).toBe(3);
    const texts = (await effects.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual([
      'Frame size: M (riders 168 to 180 cm) → L (riders 180 to 190 cm), no change in price',
      'Motor: 500 W mid-drive motor, 85 Nm → 750 W mid-drive motor, 120 Nm (chosen to fit), + €500.00',
      'Battery: 625 Wh (about 60 to 120 km) → Dual battery 2 x 500 Wh (about 100 to 190 km), + €400.00',
    ]);
    expect(
      (await page.locator(byTestId('switch-effect-line')).allTextContents()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual(['4-piston hydraulic brakes, 203 mm rotors, + €90.00']);
    const summary = page.locator(byTestId('switch-after'));
    const nowMinor = BigInt((await summary.getAttribute('data-now-minor'))!);
    const thenMinor = BigInt((await summary.getAttribute('data-then-minor'))!);
    // "Now" is the total on the page; the listed deltas add up to the difference.
    expect(nowMinor).toBe(minorOf(now));
    expect(await listedDeltas(page, byTestId('switch-dialog'))).toBe(thenMinor - nowMinor);
    expect(thenMinor - nowMinor).toBe(99_000n);
    await screenshots(page, 'configurator-switch-effects');
    expect(axeText(await seriousAxeViolations(page, 'switch dialog'))).toEqual([]);

    await page.locator(byTestId('switch-confirm')).click();
    await dialog.waitFor({ state: 'detached' });
    // "Then" is the total once switched; the motor, re-chosen, shows in the notice too.
    await expect.poll(() => total(page).then(minorOf), { timeout: 15_000 }).toBe(thenMinor);
    const notice = page.locator(byTestId('change-notice'));
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await notice.locator(byTestId('change-notice-item')).getAttribute('data-feature')).toBe('motor');
    await page.locator(byTestId('change-undo')).click();
    await expect.poll(() => new URL(page.url()).search, { timeout: 15_000 }).toBe('?frame_size=m');
    await expect.poll(() => state(page, 'battery', 'b625')).toBe('SELECTED');
    await expect.poll(() => state(page, 'motor', 'm500')).toBe('SELECTED');
    await expect.poll(() => total(page)).toBe(now);
    await page.context().close();
  });
});
