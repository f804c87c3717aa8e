// Screenshots of the pages a customer and the workshop see, at a desktop's 1440×900 and a phone's 390×844
// (artifacts/screenshots/<page>-<width>x<height>.png, git-ignored): the catalogue, the configurator, the
// checkout, a customer's order page and the operations board. Each page must load without a console error.

import { existsSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import type { DemoRole } from '../support/built-server.js';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  SCREENSHOT_VIEWPORTS,
  screenshots,
  startApp,
} from './support/browser.js';

const CHECKOUT = operation('checkout.graphql');
const byTestId = (id: string): string => `[data-testid="${id}"]`;

describe.runIf(browserTestsRun())('screenshots of the main pages, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Opens a page, waits until it is ready, takes its screenshots; returns the files and the page's errors. */
  async function shoot(
    name: string,
    path: string,
    ready: (page: Page) => Promise<unknown>,
    as: DemoRole | 'guest' = 'guest',
  ): Promise<{ files: string[]; errors: string[] }> {
    const { page, context, errors } =
      as === 'guest' ? await newPage(browser) : await newSignedInPage(browser, app, as);
    await page.goto(`${app.base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const files = await screenshots(page, name);
    await context.close();
    return { files, errors };
  }

  function expectShots(shot: { files: string[]; errors: string[] }, name: string): void {
    expect(shot.files).toHaveLength(SCREENSHOT_VIEWPORTS.length);
    for (const { width, height } of SCREENSHOT_VIEWPORTS) {
      const file = shot.files.find((f) => f.endsWith(`${name}-${width}x${height}.png`));
      expect(file, `${name} at ${width}×${height}`).toBeDefined();
      expect(existsSync(file!)).toBe(true);
      expect(statSync(file!).size).toBeGreaterThan(0);
    }
    expect(shot.errors).toEqual([]);
  }

  /** A guest's order placed over GraphQL: its number and tracking token. */
  async function placeOrder(key: string): Promise<{ number: string; trackingToken: string }> {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `screenshots-${key}-${Date.now()}`,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        lines: [
          { productCode: 'standing-desk', quantity: 1, selections: [{ feature: 'width_mm', value: '1700' }] },
        ],
      },
    });
    const placed = (body.data as { placeOrder?: { number: string; trackingToken: string } } | null)
      ?.placeOrder;
    expect(placed?.number, JSON.stringify(body.errors ?? placed)).toBeTruthy();
    return placed!;
  }

  it('the catalogue', async () => {
    const ready = (page: Page) =>
      page
        .locator(`${byTestId('product-list')} > li`)
        .nth(2)
        .waitFor();
    expectShots(await shoot('catalogue', '/', ready), 'catalogue');
  });

  it('the configurator', async () => {
    const ready = async (page: Page) => {
      await page.locator('[data-testid^="feature-"]').first().waitFor();
      await page.locator(byTestId('price-total')).waitFor();
      await page.locator(byTestId('bar-ship-date')).waitFor();
    };
    expectShots(await shoot('configurator', '/configure/standing-desk', ready), 'configurator');
  });

  it('the checkout page, with a configuration', async () => {
    const ready = (page: Page) => page.locator(byTestId('customer-form')).waitFor();
    expectShots(await shoot('checkout', '/checkout/standing-desk?width_mm=1700', ready), 'checkout');
  });

  it("a customer's order page", async () => {
    const { trackingToken } = await placeOrder('track');
    const ready = (page: Page) => page.locator(byTestId('timeline')).waitFor();
    expectShots(await shoot('order', `/track/${trackingToken}`, ready), 'order');
  });

  it('the operations board, signed in as operations', async () => {
    const { number } = await placeOrder('board');
    const sessionToken = await app.session('operations');
    await app.server.graphql(operation('confirm-order.graphql'), { number }, { sessionToken });
    const ready = (page: Page) => page.locator('[data-testid^="board-card-"]').first().waitFor();
    expectShots(await shoot('operations-board', '/operations', ready, 'operations'), 'operations-board');
  });
});
