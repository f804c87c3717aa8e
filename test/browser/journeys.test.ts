// The customer's journeys in a real browser (Debian's chromium via playwright-core) against the BUILT
// server on a fresh SQLite file: the catalogue, configuring the desk, an excluded e-bike option and its
// minimal switch, "complete it for me", sharing a configuration, placing an order as a guest (its tracking
// page) and finding it again as staff (the full view: BOM tree, routing).
// Screenshots of each page at 1440 and 375 px go to artifacts/screenshots/ (git-ignored).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  screenshots,
  startApp,
} from './support/browser.js';
import { fillCheckout, placeOrderThroughCheckout } from './support/checkout.js';

const CHECKOUT = operation('checkout.graphql');
const ORDER_COUNT = 'query OrderCount { orders(first: 1) { totalCount } }';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** The price total once it shows an amount. */
async function total(page: Page): Promise<string> {
  const locator = page.locator(byTestId('price-total'));
  await expect
    .poll(async () => (await locator.textContent())?.trim() ?? '', { timeout: 15_000 })
    .toMatch(/\d/);
  return ((await locator.textContent()) ?? '').trim();
}

/** The test ids of every option shown as selected (data-state="SELECTED"), sorted. */
async function selectedOptions(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="option-"][data-state="SELECTED"]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.sort();
}

describe.runIf(browserTestsRun())('in the browser, against the built server', () => {
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
    // No page may log an error or throw (a missing favicon counts, docs/stack.md, trap 6).
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  /** A page, anonymous or signed in as the demo user of a role. */
  async function open(path: string, width?: number, as: 'guest' | 'operations' = 'guest'): Promise<Page> {
    const { page, errors } =
      as === 'guest' ? await newPage(browser, width) : await newSignedInPage(browser, app, as, width);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  async function orderCount(): Promise<number> {
    const { body } = await app.server.graphql(
      ORDER_COUNT,
      {},
      { sessionToken: await app.session('operations') },
    );
    return (body.data as { orders: { totalCount: number } }).orders.totalCount;
  }

  it('(a) the catalogue lists the 3 products with a picture of their default build, each linking to its configurator', async () => {
    const page = await open('/');
    const products = page.locator(`${byTestId('product-list')} > li`);
    await expect.poll(() => products.count()).toBe(3);
    // Each card pictures its default build: the desk at its default 1600 x 800 mm.
    expect(await page.locator(`${byTestId('product-list')} ${byTestId('preview')}`).count()).toBe(3);
    expect(
      await page
        .locator(`${byTestId('product-list')} svg[role="img"]`)
        .first()
        .getAttribute('aria-label'),
    ).toBeTruthy();
    expect(await page.locator(`${byTestId('product-list')}`).textContent()).toContain('1600 × 800 mm');
    for (const code of ['standing-desk', 'e-bike', 'workstation-pc']) {
      const link = page.locator(byTestId(`configure-${code}`));
      expect(await link.getAttribute('href')).toBe(`/configure/${code}`);
    }
    await screenshots(page, 'catalogue');
    await page.locator(byTestId('configure-standing-desk')).click();
    await page.waitForURL(/\/configure\/standing-desk$/);
    await page.locator(byTestId('feature-width_mm')).waitFor();
    await page.context().close();
  });

  it('(b) configuring the desk: a new width changes the total', async () => {
    const page = await open('/configure/standing-desk');
    const before = await total(page);
    const width = page.locator(byTestId('input-width_mm'));
    await width.fill('1900');
    await width.press('Enter');
    await expect.poll(() => total(page), { timeout: 15_000 }).not.toBe(before);
    expect(await page.locator(byTestId('input-error-width_mm')).count()).toBe(0);
    expect(await page.locator(byTestId('price-line')).count()).toBeGreaterThan(0);
    await screenshots(page, 'configurator');
    await page.context().close();
  });

  it('(c) an excluded e-bike option shows why, and the minimal switch takes it and gives up the cargo box', async () => {
    const page = await open('/configure/e-bike');
    const cargo = page.locator(byTestId('option-cargo_box-true'));
    await cargo.click();
    await expect.poll(() => cargo.getAttribute('data-state')).toBe('SELECTED');
    const small = page.locator(byTestId('option-frame_size-s'));
    await expect.poll(() => small.getAttribute('data-state')).toBe('EXCLUDED');
    // The remaining builds, discreetly, in the price panel.
    await expect
      .poll(async () => (await page.locator(byTestId('remaining-builds')).textContent())?.trim() ?? '')
      .toMatch(/^[\d,]+ possible builds?$/);

    // The reason, in words, on hover.
    await small.hover();
    const reason = page.locator(byTestId('reason-frame_size-s'));
    await reason.waitFor({ state: 'visible' });
    expect((await reason.textContent())?.trim()).toMatch(/\w{3,}/);

    // Picking it offers the server's minimal switch: the one earlier choice to give up, in words.
    await small.click();
    const dialog = page.locator(byTestId('switch-dialog'));
    await dialog.waitFor({ state: 'visible' });
    const changes = page.locator(byTestId('switch-change'));
    await expect.poll(() => changes.allTextContents()).toEqual(['Front cargo box: Yes → No']);
    await screenshots(page, 'configurator-switch');
    await page.locator(byTestId('switch-confirm')).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => small.getAttribute('data-state')).toBe('SELECTED');
    await expect.poll(() => cargo.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => cargo.getAttribute('data-state')).not.toBe('SELECTED');
    expect(new URL(page.url()).searchParams.get('frame_size')).toBe('s');
    await page.context().close();
  });

  it('(c1) the S frame’s 20-inch wheel says why: 20-inch wheels need the cargo box, which needs a bigger frame (issue 13, defect 1); a standard value is called one', async () => {
    const page = await open('/configure/e-bike?frame_size=s');
    const w20 = page.locator(byTestId('option-wheel_size-w20'));
    await expect.poll(() => w20.getAttribute('data-state'), { timeout: 15_000 }).toBe('EXCLUDED');
    await w20.hover();
    const reason = page.locator(byTestId('reason-wheel_size-w20'));
    await reason.waitFor({ state: 'visible' });
    const text = (await reason.textContent())?.trim() ?? '';
    expect(text).toContain('20-inch wheels are only for the cargo version');
    expect(text).toContain('A cargo box needs the L or XL frame');
    expect(text).toContain('Because of your choice of Frame size: S');
    expect(text).not.toContain('28-inch wheels do not fit the S frame');
    await screenshots(page, 'configurator-reason');

    // The M frame kept as the default filled in (a completion's): the cargo box is locked because of
    // the default, and the reason says so rather than blaming a choice the person never made.
    await page.goto(`${app.base}/configure/e-bike?frame_size=default:m`);
    const cargo = page.locator(byTestId('option-cargo_box-true'));
    await expect
      .poll(() => cargo.getAttribute('aria-describedby'), { timeout: 15_000 })
      .toBe('reason-cargo_box-true');
    await cargo.focus();
    const locked = page.locator(byTestId('reason-cargo_box-true'));
    await locked.waitFor({ state: 'visible' });
    const lockedText = (await locked.textContent())?.trim() ?? '';
    expect(lockedText).toContain('A cargo box needs the L or XL frame');
    expect(lockedText).toContain('Because the standard Frame size is M');
    expect(lockedText).not.toContain('your choice');
    await page.context().close();
  });

  it('(c2) "Complete it for me" on a fresh desk makes the configuration complete', async () => {
    const page = await open('/configure/standing-desk');
    await total(page);
    // Fresh: nothing chosen, the values in force are the model's defaults; every build is still open.
    expect(new URL(page.url()).searchParams.size).toBe(0);
    const remaining = async (): Promise<string> =>
      (await page.locator(byTestId('remaining-builds')).textContent())?.trim() ?? '';
    await expect.poll(remaining).toBe('92,139,300 possible builds');

    await page.locator(byTestId('complete-preference')).selectOption('DEFAULTS');
    await page.locator(byTestId('complete-it')).click();
    // Every feature is now decided (in the address), each marked as filled in for the person, not
    // picked by them: complete, ready to order.
    await page.waitForURL(
      (url) =>
        ['width_mm', 'depth_mm', 'top_material', 'frame', 'motors'].every((f) => url.searchParams.has(f)),
      { timeout: 15_000 },
    );
    expect(new URL(page.url()).searchParams.get('frame')).toBe('default:leg2');
    await expect
      .poll(async () => (await page.locator(byTestId('completeness')).textContent()) ?? '', {
        timeout: 15_000,
      })
      .toContain('Complete — ready to order');
    await expect
      .poll(() => page.locator(byTestId('go-to-order')).isEnabled(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.locator(byTestId('complete-error')).count()).toBe(0);
    // Every feature decided: exactly one build is left.
    await expect.poll(remaining).toBe('1 possible build');
    await screenshots(page, 'configurator-completed');
    await page.context().close();
  });

  it('(d) a shared URL opened in a new page shows the same configuration and total', async () => {
    const page = await open('/configure/standing-desk');
    const before = await total(page);
    await page.locator(byTestId('option-top_material-walnut')).click();
    await expect.poll(() => total(page)).not.toBe(before);
    const width = page.locator(byTestId('input-width_mm'));
    await width.fill('1700');
    await width.press('Enter');
    await expect.poll(() => page.locator(byTestId('input-width_mm')).inputValue()).toBe('1700');
    // Let the last answer land before reading the state.
    await page.waitForLoadState('networkidle');
    const expectedTotal = await total(page);
    const expectedSelected = await selectedOptions(page);
    expect(expectedSelected).toContain('option-top_material-walnut');

    await page.locator(byTestId('share')).click();
    const shareUrl = page.locator(byTestId('share-url'));
    await expect.poll(() => shareUrl.inputValue()).toMatch(/\S/);
    const url = new URL(await shareUrl.inputValue(), app.base).toString();

    // Someone else, in another browser context, opens the link.
    const other = await open(url.slice(app.base.length));
    await expect.poll(() => total(other)).toBe(expectedTotal);
    await other.waitForLoadState('networkidle');
    expect(await selectedOptions(other)).toEqual(expectedSelected);
    expect(await other.locator(byTestId('input-width_mm')).inputValue()).toBe('1700');
    await other.context().close();
    await page.context().close();
  });

  it('(e) a guest places an order from the configurator: its tracking page (no BOM), a double click places one; staff see its BOM tree', async () => {
    const page = await open('/configure/standing-desk');
    await total(page);
    await page.locator(byTestId('go-to-order')).click();
    await page.waitForURL(/\/checkout\/standing-desk/);
    await fillCheckout(page, { name: 'Ada Lovelace', email: 'ada@example.com' });
    await page.locator(byTestId('quantity')).fill('2');
    await page.locator(byTestId('quantity')).press('Tab');
    await expect.poll(() => page.locator(byTestId('summary-line')).textContent()).toContain('× 2');
    await page.locator(byTestId('checkout-total')).waitFor();
    await screenshots(page, 'checkout');

    const ordersBefore = await orderCount();
    await page.locator(byTestId('place-order')).dblclick();
    await page.waitForURL(/\/track\/[^/?]+\?placed=1$/);
    const number = ((await page.locator(byTestId('order-number')).textContent()) ?? '').trim();
    expect(number).toMatch(/^MTO-/);
    await page.locator(byTestId('order-placed-banner')).waitFor();
    expect(await page.locator(byTestId('order-placed-banner')).textContent()).toMatch(
      /Thank you, your order is placed/,
    );
    // The link to keep: this page, bookmarkable, without ?placed=1.
    const link = (await page.locator(byTestId('tracking-link')).textContent())?.trim() ?? '';
    expect(await page.locator(byTestId('keep-this-link')).textContent()).toMatch(/Keep this link/);
    expect(link).toBe(page.url().replace(/\?placed=1$/, ''));
    await page.locator(byTestId('order-line')).first().waitFor();
    expect(await page.locator(byTestId('bom-tree')).count()).toBe(0);
    expect(await page.locator(byTestId('routing-operation')).count()).toBe(0);
    expect(await orderCount()).toBe(ordersBefore + 1);
    await screenshots(page, 'order-tracking');
    await page.context().close();

    // Bookmarked: the link opens it again, in another browser.
    const again = await open(link.slice(app.base.length), 375);
    await expect.poll(() => again.locator(byTestId('order-number')).textContent()).toBe(number);
    expect(await again.locator(byTestId('order-placed-banner')).count()).toBe(0);
    await again.context().close();

    // Staff see the order in full: the tailored BOM as a tree, the routing, the customer.
    const staff = await open(`/orders/${number}`, undefined, 'operations');
    const tree = staff.locator(byTestId('bom-tree'));
    await tree.waitFor();
    // An indented tree: top-level items and, under a sub-assembly, nested ones.
    expect(await tree.locator(':scope > li').count()).toBeGreaterThan(0);
    expect(await tree.locator('li ul > li').count()).toBeGreaterThan(0);
    const quantities = await tree.locator(byTestId('bom-quantity')).allTextContents();
    expect(quantities.length).toBeGreaterThan(3);
    for (const q of quantities) expect(q.trim()).toMatch(/^\d+(\.\d+)? \S+$/);
    expect(await staff.locator(byTestId('routing-operation')).count()).toBeGreaterThan(0);
    expect(await staff.locator(byTestId('order-customer')).textContent()).toContain('ada@example.com');
    await screenshots(staff, 'order');
    await staff.context().close();
  });

  it('(e2) the checkout puts the server’s message next to the field it names', async () => {
    const page = await open('/checkout/standing-desk?width_mm=1700');
    // Filled in, so the page's own checks pass; the server refuses the postal code (4 digits, not German).
    await placeOrderThroughCheckout(page, { address: { postalCode: '1234' } });
    await page.locator(byTestId('error-delivery-postalCode')).waitFor();
    expect(page.url()).toContain('/checkout/standing-desk');
    await page.context().close();
  });

  it('(f) staff find an order by its number from /orders; an unknown number says so; a guest is told to use their link', async () => {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `browser-f-${Date.now()}`,
        customer: { name: 'Grace Hopper', email: 'grace@example.com' },
        lines: [{ productCode: 'e-bike', quantity: 1, selections: [] }],
      },
    });
    const placed = (body.data as { placeOrder: { __typename: string; number: string } }).placeOrder;
    expect(placed.__typename).toBe('Order');

    const guest = await open('/orders', 375);
    await guest.locator(byTestId('guest-lookup')).waitFor();
    expect(await guest.locator(byTestId('guest-lookup')).textContent()).toMatch(
      /link from your order confirmation/,
    );
    expect(await guest.locator(byTestId('order-lookup')).count()).toBe(0);
    await guest.context().close();

    const page = await open('/orders', 375, 'operations');
    await page.locator(byTestId('order-number-input')).fill(placed.number);
    await page.locator(byTestId('order-lookup-submit')).click();
    await page.waitForURL(new RegExp(`/orders/${placed.number}$`));
    await expect.poll(() => page.locator(byTestId('order-number')).textContent()).toBe(placed.number);
    expect(await page.locator(byTestId('order-status')).textContent()).toMatch(/placed/i);
    expect(await page.locator(byTestId('order-placed-banner')).count()).toBe(0);
    await page.locator(byTestId('bom-tree')).waitFor();
    await screenshots(page, 'order-status');

    await page.goto(`${app.base}/orders/MTO-NONE-0000`);
    await page.locator(byTestId('order-not-found')).waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/No order with this number/);
    await page.locator(byTestId('order-lookup')).waitFor();
    await page.context().close();
  });

  it('(h) with the server unreachable the tracking page says so, retries, and shows the order once it answers', async () => {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `browser-h-${Date.now()}`,
        customer: { name: 'Grace Hopper', email: 'grace@example.com' },
        lines: [{ productCode: 'standing-desk', quantity: 1, selections: [] }],
      },
    });
    const placed = (body.data as { placeOrder: { number: string; trackingToken: string } }).placeOrder;
    // Failed requests log console errors here by design: this page's errors are not collected.
    const { page, context } = await newPage(browser);
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto(`${app.base}/track/${placed.trackingToken}`);
    const message = page.locator(byTestId('order-status-message'));
    await expect.poll(() => message.textContent()).toMatch(/cannot be reached/);
    await page.unroute('**/graphql');
    await expect
      .poll(() => page.locator(byTestId('order-number')).textContent(), { timeout: 15_000 })
      .toBe(placed.number);
    await context.close();
  });
});
