// The nearest fix in a real browser (issue 13): a desk 2100 mm wide with a melamine top, then oak (made
// up to 2000 mm). The switch dialog proposes bringing the width down to 2000 mm, not to the narrowest
// desk, and switching applies it. Against the BUILT server on a fresh SQLite file, as journeys.test.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchBrowser, newPage, screenshots, startApp } from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

describe.runIf(browserTestsRun())('the nearest fix, in the browser', () => {
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
    // No page may log an error or throw.
    expect(pageErrors.splice(0).flat()).toEqual([]);
  });

  async function open(path: string): Promise<Page> {
    const { page, errors } = await newPage(browser);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  it('a desk 2100 mm wide in melamine, then oak: the switch brings the width down to 2000 mm, oak’s widest', async () => {
    const page = await open('/configure/standing-desk');
    const width = page.locator(byTestId('input-width_mm'));
    await width.fill('2100');
    await width.press('Enter');
    const melamine = page.locator(byTestId('option-top_material-melamine'));
    await melamine.click();
    await expect.poll(() => melamine.getAttribute('data-state')).toBe('SELECTED');
    await expect.poll(() => new URL(page.url()).searchParams.get('width_mm')).toBe('2100');
    const oak = page.locator(byTestId('option-top_material-oak'));
    await expect.poll(() => oak.getAttribute('data-state')).toBe('EXCLUDED');

    await oak.click();
    const dialog = page.locator(byTestId('switch-dialog'));
    await dialog.waitFor({ state: 'visible' });
    // The server's search for the fewest changes can take a few seconds on a busy machine.
    await expect
      .poll(() => page.locator(byTestId('switch-change')).allTextContents(), { timeout: 15_000 })
      .toEqual(['Width: 2100 mm → 2000 mm']);
    await screenshots(page, 'configurator-nearest-fix');
    await page.locator(byTestId('switch-confirm')).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => oak.getAttribute('data-state')).toBe('SELECTED');
    await expect.poll(() => width.inputValue()).toBe('2000');
    expect(new URL(page.url()).searchParams.get('width_mm')).toBe('2000');
    expect(new URL(page.url()).searchParams.get('top_material')).toBe('oak');
    await page.context().close();
  });
});
