/// <reference lib="dom" />
// The layout a customer judges the shop by, in a real browser against the built server: on a desktop
// (1440×900) and a small laptop (1280×720) the configurator's "Order this" is in the window at every scroll
// position, with no box of its own to scroll; the catalogue uses the width of a desktop and shows customers
// no server status or version numbers; on a phone (390×844) nothing scrolls sideways and the bottom bar
// shows the total and the button.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  sidewaysOverflow,
  startApp,
  VIEWPORTS,
  type Viewport,
} from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** Elements (not the page itself) that scroll vertically on their own: their selector-ish names. */
function ownVerticalScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => {
        const overflow = getComputedStyle(el).overflowY;
        return (overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`),
  );
}

/** Where the order button is in the window, and whether it is what a click there reaches (not covered). */
function orderButtonPlace(page: Page) {
  return page.evaluate(() => {
    const button = document.querySelector<HTMLElement>('[data-testid="go-to-order"]');
    if (!button) return null;
    const box = button.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      top: box.top,
      bottom: box.bottom,
      innerHeight: window.innerHeight,
      reachable: hit !== null && (hit === button || button.contains(hit)),
    };
  });
}

describe.runIf(browserTestsRun())(
  'layout of the catalogue and the configurator, against the built server',
  () => {
    let app: Awaited<ReturnType<typeof startApp>>;
    let browser: Browser;

    beforeAll(async () => {
      [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    async function open(path: string, viewport: Viewport, ready: (page: Page) => Promise<unknown>) {
      const opened = await newPage(browser, viewport.width, viewport.height);
      await opened.page.goto(`${app.base}${path}`);
      await ready(opened.page);
      await opened.page.waitForLoadState('networkidle');
      return opened;
    }

    const configuratorReady = async (page: Page) => {
      await page.locator('[data-testid^="feature-"]').first().waitFor();
      await page.locator(byTestId('price-total')).waitFor();
    };

    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.laptop]) {
      it(`configurator at ${viewport.width}×${viewport.height}: "Order this" is in the window at every scroll position, and nothing scrolls on its own`, async () => {
        for (const product of ['standing-desk', 'e-bike']) {
          const { page, context, errors } = await open(`/configure/${product}`, viewport, configuratorReady);
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          // The page is longer than the window: the test scrolls through it for real.
          expect(height).toBeGreaterThan(viewport.height);
          const positions: number[] = [];
          for (let y = 0; y < height; y += Math.round(viewport.height / 3)) positions.push(y);
          positions.push(height);
          for (const y of positions) {
            await page.evaluate((to) => window.scrollTo(0, to), y);
            await page.waitForTimeout(30);
            const place = await orderButtonPlace(page);
            expect(place, `${product} at scroll ${y}`).not.toBeNull();
            expect(place!.top, `${product} at scroll ${y}`).toBeGreaterThanOrEqual(0);
            expect(place!.bottom, `${product} at scroll ${y}`).toBeLessThanOrEqual(place!.innerHeight);
            expect(place!.reachable, `${product} at scroll ${y}: covered`).toBe(true);
            // Playwright's own view of it agrees.
            const box = await page.locator(byTestId('go-to-order')).boundingBox();
            expect(box!.y).toBeGreaterThanOrEqual(0);
            expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
          }
          // The total (and, for a complete build, the ship date) sit beside the button.
          expect(await page.locator(byTestId('bar-total')).textContent()).toMatch(/\d/);
          if (product === 'standing-desk') await page.locator(byTestId('bar-ship-date')).waitFor();
          expect(await ownVerticalScrollers(page)).toEqual([]);
          expect(await sidewaysOverflow(page)).toBe(0);
          expect(errors).toEqual([]);
          await context.close();
        }
      });
    }

    it('catalogue at 1440×900: a grid at least 1200 px wide, no server status, no version numbers', async () => {
      const ready = (page: Page) =>
        page
          .locator(`${byTestId('product-list')} > li`)
          .nth(2)
          .waitFor();
      const { page, context, errors } = await open('/', VIEWPORTS.desktop, ready);
      const grid = await page.locator(byTestId('product-list')).boundingBox();
      expect(grid!.width).toBeGreaterThanOrEqual(1200);
      // The three products side by side, each with a large preview, a price "from" and a call to action.
      const cards = page.locator(`${byTestId('product-list')} > li`);
      const tops = await Promise.all([0, 1, 2].map(async (i) => (await cards.nth(i).boundingBox())!.y));
      expect(new Set(tops).size).toBe(1);
      const preview = await cards.first().locator(byTestId('preview')).boundingBox();
      expect(preview!.width).toBeGreaterThanOrEqual(300);
      expect(await page.locator(byTestId('starting-price-standing-desk')).textContent()).toMatch(/\d/);
      expect(await page.locator(byTestId('configure-standing-desk')).isVisible()).toBe(true);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toContain('Server status');
      expect(text).not.toContain('Model version');
      expect(text).not.toMatch(/version \d/i);
      expect(await sidewaysOverflow(page)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('phone at 390×844: nothing scrolls sideways; the bottom bar shows the total and "Order this" wherever the page is', async () => {
      const phone = VIEWPORTS.phone;
      const catalogue = await open('/', phone, (page) =>
        page
          .locator(`${byTestId('product-list')} > li`)
          .nth(2)
          .waitFor(),
      );
      expect(await sidewaysOverflow(catalogue.page)).toBe(0);
      expect(catalogue.errors).toEqual([]);
      await catalogue.context.close();

      for (const product of ['standing-desk', 'e-bike']) {
        const { page, context, errors } = await open(`/configure/${product}`, phone, configuratorReady);
        expect(await sidewaysOverflow(page)).toBe(0);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (const y of [0, Math.round(height / 2), height]) {
          await page.evaluate((to) => window.scrollTo(0, to), y);
          await page.waitForTimeout(30);
          const bar = await page.locator(byTestId('order-bar')).boundingBox();
          expect(bar!.y + bar!.height, `${product} at scroll ${y}`).toBeLessThanOrEqual(phone.height + 0.5);
          expect(bar!.y, `${product} at scroll ${y}`).toBeGreaterThanOrEqual(phone.height / 2);
          const place = await orderButtonPlace(page);
          expect(place!.top).toBeGreaterThanOrEqual(0);
          expect(place!.bottom).toBeLessThanOrEqual(phone.height);
          expect(place!.reachable).toBe(true);
          expect(await page.locator(byTestId('bar-total')).isVisible()).toBe(true);
          expect(await page.locator(byTestId('bar-total')).textContent()).toMatch(/\d/);
        }
        expect(await sidewaysOverflow(page)).toBe(0);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  },
);
