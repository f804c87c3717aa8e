// Pages that update live (issue 16), in a real browser against the BUILT server: two browser contexts, the
// plant's operations staff on the board and the customer on their order's page. A change made in one (staff
// confirm the order on the board; the customer places another order) shows in the other within 2 s, without a
// reload: the pages listen over GraphQL subscriptions (graphql-ws on /graphql) and refetch on each change.
// Both say "Live" while updates flow. A guest's tracking page (/track/<token>, nobody signed in) listens too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { operation } from '../support/built-server.js';
import { browserTestsRun, launchBrowser, newPage, newSignedInPage, startApp } from './support/browser.js';

const CHECKOUT = operation('checkout.graphql');
const CONFIRM = operation('confirm-order.graphql');
const TRACKED = operation('tracked-order.graphql');
/** How soon a change must show on the other page. */
const LIVE_MS = 2000;

const byTestId = (id: string): string => `[data-testid="${id}"]`;

describe.runIf(browserTestsRun())('pages that update live, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** An order of the demo customer's account, placed as they would (over GraphQL, as the checkout does). */
  async function customersOrder(tag: string): Promise<string> {
    const { body } = await app.server.graphql(
      CHECKOUT,
      {
        input: {
          idempotencyKey: `live-${tag}-${Date.now()}`,
          customer: { name: 'Demo Customer', email: 'customer@demo.example' },
          lines: [{ productCode: 'e-bike', quantity: 1, selections: [] }],
          ...DEMO_CHECKOUT,
        },
      },
      { sessionToken: await app.session('customer') },
    );
    const placed = (body.data as { placeOrder: { __typename: string; number: string } }).placeOrder;
    expect(placed.__typename, JSON.stringify(body)).toBe('Order');
    return placed.number;
  }

  /** Waits until the page says its updates are live (its subscription's socket is open). */
  async function live(page: Page): Promise<void> {
    await page
      .locator(`${byTestId('live-state')}[data-state="live"]`)
      .first()
      .waitFor();
  }

  it('staff confirming an order on the board shows on the customer’s open order page, and a new order of the customer shows on the board, each within 2 s', async () => {
    const number = await customersOrder('first');
    const customer = await newSignedInPage(browser, app, 'customer');
    const staff = await newSignedInPage(browser, app, 'operations');
    try {
      await customer.page.goto(`${app.base}/orders/${number}`);
      const status = customer.page.locator(byTestId('order-status'));
      await status.filter({ hasText: 'Placed' }).waitFor();
      await live(customer.page);
      await staff.page.goto(`${app.base}/operations`);
      const card = staff.page.locator(byTestId(`board-card-${number}`));
      await card.waitFor();
      await live(staff.page);

      // In the staff's browser: confirm. In the customer's: the order is no longer "Placed", unreloaded.
      await card.locator(byTestId('action-confirm')).click();
      await status.filter({ hasNotText: 'Placed' }).waitFor({ timeout: LIVE_MS });

      // The customer orders again (another tab of theirs, or a partner's system): the board shows it.
      const second = await customersOrder('second');
      await staff.page.locator(byTestId(`board-card-${second}`)).waitFor({ timeout: LIVE_MS });

      expect(customer.errors).toEqual([]);
      expect(staff.errors).toEqual([]);
    } finally {
      await customer.context.close();
      await staff.context.close();
    }
  });

  it('staff confirming a guest’s order shows on the guest’s open tracking page within 2 s, without a reload', async () => {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        idempotencyKey: `live-guest-${Date.now()}`,
        customer: { name: 'Greta Guest', email: 'greta@example.com' },
        lines: [{ productCode: 'e-bike', quantity: 1, selections: [] }],
        ...DEMO_CHECKOUT,
      },
    });
    const placed = (
      body.data as { placeOrder: { __typename: string; number: string; trackingToken: string } }
    ).placeOrder;
    expect(placed.__typename, JSON.stringify(body)).toBe('Order');
    const guest = await newPage(browser);
    try {
      await guest.page.goto(`${app.base}/track/${placed.trackingToken}`);
      const status = guest.page.locator(byTestId('order-status'));
      await status.filter({ hasText: 'Placed' }).waitFor();
      await live(guest.page);
      // Gone if the page reloads: what shows next must have come without one.
      await guest.page.evaluate(() => Object.assign(window, { unreloaded: true }));

      const confirmed = await app.server.graphql(
        CONFIRM,
        { number: placed.number },
        { sessionToken: await app.session('operations') },
      );
      expect(JSON.stringify(confirmed.body)).not.toContain('"errors"');
      // The status after confirming (a build short of parts moves on to AWAITING_MATERIALS with it).
      const tracked = await app.server.graphql(TRACKED, { token: placed.trackingToken });
      const now = (tracked.body.data as { trackedOrder: { status: string } }).trackedOrder.status;
      expect(now).not.toBe('PLACED');
      await expect
        .poll(() => status.getAttribute('class'), { timeout: LIVE_MS, interval: 50 })
        .toContain(`badge--${now.toLowerCase()}`);
      expect(await status.textContent()).not.toMatch(/Placed/);
      expect(await guest.page.evaluate(() => (window as { unreloaded?: boolean }).unreloaded)).toBe(true);
      expect(guest.errors).toEqual([]);
    } finally {
      await guest.context.close();
    }
  });

  it('the materials page listens too, and shows it is live', async () => {
    const staff = await newSignedInPage(browser, app, 'operations');
    try {
      await staff.page.goto(`${app.base}/materials`);
      await live(staff.page);
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
