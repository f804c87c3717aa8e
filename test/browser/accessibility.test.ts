// axe-core in the browser: no serious or critical accessibility violation on the catalogue, the
// configurator and the order page (each violation found is printed with its elements).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  seriousAxeViolations,
  startApp,
} from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

describe.runIf(browserTestsRun())('accessibility (axe-core), against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function scan(path: string, ready: (page: Page) => Promise<unknown>, label: string, width = 1440) {
    const { page, context } = await newPage(browser, width);
    await page.goto(`${app.base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const serious = await seriousAxeViolations(page, `${label} at ${width} px`);
    await context.close();
    return serious.map(
      (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  }

  it('the catalogue', async () => {
    const ready = (page: Page) =>
      page
        .locator(`${byTestId('product-list')} > li`)
        .nth(2)
        .waitFor();
    expect(await scan('/', ready, 'catalogue')).toEqual([]);
    expect(await scan('/', ready, 'catalogue', 375)).toEqual([]);
  });

  it('the configurator', async () => {
    const ready = async (page: Page) => {
      await page.locator('[data-testid^="feature-"]').first().waitFor();
      await page.locator(byTestId('price-total')).waitFor();
    };
    expect(await scan('/configure/standing-desk', ready, 'configurator (desk)')).toEqual([]);
    expect(await scan('/configure/e-bike', ready, 'configurator (e-bike)', 375)).toEqual([]);
  });

  it('the order page', async () => {
    const { body } = await app.server.graphql(operation('place-order.graphql'), {
      input: {
        idempotencyKey: `axe-${Date.now()}`,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        lines: [{ productCode: 'standing-desk', quantity: 2, selections: [] }],
      },
    });
    const number = (body.data as { placeOrder: { number: string } }).placeOrder.number;
    const ready = (page: Page) => page.locator(byTestId('bom-tree')).waitFor();
    expect(await scan(`/orders/${number}?placed=1`, ready, 'order')).toEqual([]);
    expect(await scan(`/orders/${number}`, ready, 'order', 375)).toEqual([]);
    const lookupReady = (page: Page) => page.locator(byTestId('order-lookup')).waitFor();
    expect(await scan('/orders', lookupReady, 'order lookup')).toEqual([]);
  });

  it('the checkout page', async () => {
    const ready = (page: Page) => page.locator(byTestId('customer-form')).waitFor();
    expect(await scan('/checkout/standing-desk?width_mm=1700', ready, 'checkout')).toEqual([]);
  });
});
