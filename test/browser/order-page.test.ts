// The customer's order page, against the built server: a guest places an order (over GraphQL, as the checkout
// page would) and opens the tracking link at 1440×900 and on a phone (390×844). The page words everything
// for the customer (labels, not codes), shows nothing internal (no part numbers, suppliers, QC notes), stays
// short on a phone, has no serious accessibility violation, and speaks German with ?lang=de.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  screenshots,
  seriousAxeViolations,
  sidewaysOverflow,
  startApp,
} from './support/browser.js';

const CHECKOUT = operation('checkout.graphql');
const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** A desk of oak in natural hardwax oil, 1600 mm wide, two of them. */
const OAK_DESKS = {
  productCode: 'standing-desk',
  quantity: 2,
  selections: [
    { feature: 'width_mm', value: '1600' },
    { feature: 'top_material', value: 'oak' },
    { feature: 'top_finish', value: 'oil_natural' },
  ],
};

describe.runIf(browserTestsRun())('the customer’s order page, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let token: string;
  let number: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ env: { MTO_TODAY: '2026-12-01' } }), launchBrowser()]);
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        idempotencyKey: `order-page-${Date.now()}`,
        customer: { name: 'Greta Guest', email: 'greta@example.com' },
        lines: [OAK_DESKS],
        ...DEMO_CHECKOUT,
        deliveryAddress: { ...DEMO_CHECKOUT.deliveryAddress, name: 'Greta Guest' },
      },
    });
    const placed = (
      body.data as { placeOrder: { __typename: string; number: string; trackingToken: string } }
    ).placeOrder;
    expect(placed.__typename, JSON.stringify(body)).toBe('Order');
    token = placed.trackingToken;
    number = placed.number;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(
    width: number,
    height: number,
    query = '',
  ): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const { page, context, errors } = await newPage(browser, width);
    await page.setViewportSize({ width, height });
    await page.goto(`${app.base}/track/${token}${query}`);
    await page.locator(byTestId('order-line')).first().waitFor();
    await page.waitForLoadState('networkidle');
    return { page, errors, close: () => context.close() };
  }

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`at ${width}×${height}: labels not codes, the promise in words, nothing internal, no serious axe violation`, async () => {
      const { page, errors, close } = await open(width, height);
      expect(await page.locator('h1').textContent()).toBe(`Order ${number}`);
      const line = page.locator(byTestId('order-line')).first();
      expect(await line.locator(byTestId('line-quantity')).textContent()).toBe('2 desks');
      const options = await line.locator(byTestId('line-option')).allTextContents();
      expect(options.join(' | ')).toContain('Natural hardwax oil');
      expect(options.join(' | ')).toContain('Solid European oak, 25 mm');
      expect(options.join(' | ')).toMatch(/Width\s*1,600 mm/);
      await line.locator(byTestId('preview')).waitFor();
      expect(await page.locator(byTestId('promise')).textContent()).toMatch(
        /We promise to ship by \w{3}, (\d{1,2} \w{3}|\w{3} \d{1,2},) 202\d/,
      );
      // What the customer pays, and where it goes.
      expect(await page.locator(byTestId('order-goods')).textContent()).toBe('€2,341.20');
      const charges = await page.locator(byTestId('order-charge')).allTextContents();
      expect(charges.join(' | ')).toMatch(/Shipping to Germany/);
      expect(charges.join(' | ')).toMatch(/VAT 19 %.*\(included\)/);
      expect(await page.locator(byTestId('order-amounts-total')).textContent()).toBe(
        await page.locator(byTestId('order-total')).textContent(),
      );
      expect(await page.locator(byTestId('order-payment-terms')).textContent()).toBe(
        'Pay on invoice, 14 days net',
      );
      expect(await page.locator(byTestId('order-delivery-address')).textContent()).toContain('10115 Berlin');

      const text = (await page.locator('main').textContent()) ?? '';
      for (const code of ['oil_natural', 'width_mm', 'top_material', 'model version', 'pcs'])
        expect(text, code).not.toContain(code);
      // Nothing internal: no part numbers (DSK-…), suppliers, work centres or quality notes.
      expect(text).not.toMatch(
        /DSK-[A-Z]|supplier|Egger|Forbo|PACK-01|quality note|Bill of materials|Routing/i,
      );
      expect(await page.locator(byTestId('bom-tree')).count()).toBe(0);

      expect(await sidewaysOverflow(page)).toBe(0);
      if (width === 390) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(height).toBeLessThan(3000);
      }
      expect(await seriousAxeViolations(page, `order page at ${width} px`)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('in German (?lang=de): German headings, status and quantity', async () => {
    const { page, errors, close } = await open(1440, 900, '?lang=de');
    expect(await page.locator('h1').textContent()).toBe(`Bestellung ${number}`);
    expect(await page.locator('#delivery-heading').textContent()).toBe('Lieferung');
    expect(await page.locator(byTestId('line-quantity')).first().textContent()).toBe('2 Schreibtische');
    expect(await page.locator(byTestId('order-status')).textContent()).toBe('Eingegangen');
    expect(await page.locator(byTestId('promise')).textContent()).toMatch(/Wir versprechen den Versand bis/);
    expect(await page.locator('#amounts-heading').textContent()).toBe('Was Sie bezahlen');
    expect(await page.locator(byTestId('order-payment-terms')).textContent()).toBe(
      'Zahlung auf Rechnung, 14 Tage netto',
    );
    expect(await page.locator(byTestId('order-delivery-address')).textContent()).toContain('Deutschland');
    expect(await page.locator(byTestId('line-option')).allTextContents()).toContainEqual(
      expect.stringMatching(/1\.600 mm/),
    );
    expect(errors).toEqual([]);
    await screenshots(page, 'order-page-de');
    await close();
  });

  it('a signed-in customer’s own order (/orders/<number>) reads the same way, without internal data', async () => {
    const sessionToken = await app.session('customer');
    const { body } = await app.server.graphql(
      CHECKOUT,
      {
        input: {
          idempotencyKey: `order-page-customer-${Date.now()}`,
          customer: { name: 'Demo Customer', email: 'customer@demo.example' },
          lines: [{ ...OAK_DESKS, quantity: 1 }],
          ...DEMO_CHECKOUT,
        },
      },
      { sessionToken },
    );
    const own = (body.data as { placeOrder: { __typename: string; number: string } }).placeOrder;
    expect(own.__typename, JSON.stringify(body)).toBe('Order');
    const { page, context, errors } = await newSignedInPage(browser, app, 'customer', 390);
    await page.goto(`${app.base}/orders/${own.number}`);
    await page.locator(byTestId('order-line')).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator(byTestId('line-quantity')).textContent()).toBe('1 desk');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Natural hardwax oil');
    expect(text).not.toMatch(/oil_natural|DSK-[A-Z]|Bill of materials|Routing|model version/i);
    expect(await page.locator(byTestId('order-amounts-total')).textContent()).toBe(
      await page.locator(byTestId('order-total')).textContent(),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('screenshots of the English page at 1440 and 375 px', async () => {
    const { page, close } = await open(1440, 900);
    expect(await screenshots(page, 'order-page')).toHaveLength(2);
    await close();
  });
});
