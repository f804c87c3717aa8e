// axe-core in the browser: no serious or critical accessibility violation on the catalogue, the
// configurator, the order page, the operations board, the materials page and the quality check form
// (each violation found is printed with its elements).
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

  it('the operations board, the materials page and the quality check form', async () => {
    const place = async (selections: { feature: string; value: string }[]) => {
      const { body } = await app.server.graphql(operation('place-order.graphql'), {
        input: {
          idempotencyKey: `axe-ops-${Date.now()}-${selections.length}`,
          customer: { name: 'Grace Hopper', email: 'grace@example.com' },
          lines: [{ productCode: 'e-bike', quantity: 1, selections }],
        },
      });
      return (body.data as { placeOrder: { number: string } }).placeOrder.number;
    };
    // One order waiting for its battery, one taken to quality control.
    await place([{ feature: 'battery', value: 'b750' }]);
    const checked = await place([]);
    await app.server.graphql(operation('confirm-order.graphql'), { number: checked });
    const { body } = await app.server.graphql(operation('order-tracking.graphql'), { number: checked });
    const workOrders = (body.data as { order: { fulfilment: { workOrders: { id: number }[] } } }).order
      .fulfilment.workOrders;
    for (const { id } of workOrders) {
      await app.server.graphql(operation('start-work-order.graphql'), { id });
      await app.server.graphql(operation('complete-work-order.graphql'), { id });
    }

    const boardReady = (page: Page) => page.locator('[data-testid^="board-card-"]').first().waitFor();
    expect(await scan('/operations', boardReady, 'operations board')).toEqual([]);
    expect(await scan('/operations', boardReady, 'operations board', 375)).toEqual([]);
    const materialsReady = (page: Page) => page.locator('[data-testid^="requisition-"]').first().waitFor();
    expect(await scan('/materials', materialsReady, 'materials')).toEqual([]);
    expect(await scan('/materials', materialsReady, 'materials', 375)).toEqual([]);
    const qcReady = (page: Page) => page.locator(byTestId('qc-form')).waitFor();
    expect(await scan(`/operations/orders/${checked}/quality`, qcReady, 'quality check')).toEqual([]);
    const orderReady = (page: Page) => page.locator(byTestId('timeline')).waitFor();
    expect(await scan(`/orders/${checked}`, orderReady, 'order with its timeline', 375)).toEqual([]);
  });
});
