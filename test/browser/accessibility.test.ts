// axe-core in the browser: no serious or critical accessibility violation on the catalogue, the
// configurator, the tracking and order pages, the operations board, the materials page, the quality check
// form, the identity pages (sign-in, invitation, not allowed, my orders and configurations, password,
// admin), and the sales workspace (quotes, a quote, approvals, accounts, the configurator opened for a
// quote) with the customer's quote page (each violation found is printed with its elements).
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
  seriousAxeViolations,
  startApp,
} from './support/browser.js';
import { fillCheckout } from './support/checkout.js';

const CHECKOUT = operation('checkout.graphql');

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

  async function scan(
    path: string,
    ready: (page: Page) => Promise<unknown>,
    label: string,
    width = 1440,
    as: DemoRole | 'guest' = 'guest',
  ) {
    const { page, context } =
      as === 'guest' ? await newPage(browser, width) : await newSignedInPage(browser, app, as, width);
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

  /** A guest's order: its number and tracking token. */
  async function placeGuestOrder(key: string): Promise<{ number: string; trackingToken: string }> {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `axe-${key}-${Date.now()}`,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        lines: [{ productCode: 'standing-desk', quantity: 2, selections: [] }],
      },
    });
    return (body.data as { placeOrder: { number: string; trackingToken: string } }).placeOrder;
  }

  it('the tracking page, the staff order page and the order lookup', async () => {
    const { number, trackingToken } = await placeGuestOrder('order');
    const tracked = (page: Page) => page.locator(byTestId('timeline')).waitFor();
    expect(await scan(`/track/${trackingToken}?placed=1`, tracked, 'tracking')).toEqual([]);
    expect(await scan(`/track/${trackingToken}`, tracked, 'tracking', 375)).toEqual([]);
    const ready = (page: Page) => page.locator(byTestId('bom-tree')).waitFor();
    expect(await scan(`/orders/${number}`, ready, 'order (staff)', 1440, 'operations')).toEqual([]);
    expect(await scan(`/orders/${number}`, ready, 'order (staff)', 375, 'operations')).toEqual([]);
    const lookupReady = (page: Page) => page.locator(byTestId('order-lookup')).waitFor();
    expect(await scan('/orders', lookupReady, 'order lookup', 1440, 'operations')).toEqual([]);
    const guestReady = (page: Page) => page.locator(byTestId('guest-lookup')).waitFor();
    expect(await scan('/orders', guestReady, 'order lookup (guest)', 375)).toEqual([]);
  });

  it('the sign-in, invitation and not-allowed pages, and a customer’s pages', async () => {
    const form = (id: string) => (page: Page) => page.locator(byTestId(id)).waitFor();
    expect(await scan('/sign-in?next=/operations', form('sign-in-form'), 'sign-in')).toEqual([]);
    expect(await scan('/sign-in', form('sign-in-form'), 'sign-in', 375)).toEqual([]);
    expect(await scan('/invitation/some-token', form('invitation-form'), 'invitation', 375)).toEqual([]);
    expect(await scan('/operations', form('not-allowed'), 'not allowed', 375, 'customer')).toEqual([]);
    expect(await scan('/my/orders', form('no-orders'), 'my orders', 375, 'customer')).toEqual([]);
    expect(
      await scan('/my/configurations', form('no-configurations'), 'my configurations', 375, 'customer'),
    ).toEqual([]);
    expect(
      await scan('/my/password', form('change-password-form'), 'change password', 375, 'customer'),
    ).toEqual([]);
    const menu = async (page: Page) => {
      await page.locator(byTestId('account-menu-toggle')).click();
      await page.locator(byTestId('sign-out-everywhere')).waitFor();
    };
    expect(await scan('/', menu, 'account menu open', 375, 'customer')).toEqual([]);
  });

  it('the admin page', async () => {
    const ready = async (page: Page) => {
      await page
        .locator(`${byTestId('users-table')} tbody tr`)
        .first()
        .waitFor();
      await page.locator(byTestId('create-key-form')).waitFor();
    };
    expect(await scan('/admin', ready, 'admin', 1440, 'admin')).toEqual([]);
    expect(await scan('/admin', ready, 'admin', 375, 'admin')).toEqual([]);
  });

  it('the checkout page, filled in (its summary worked out), at both widths', async () => {
    const ready = async (page: Page) => {
      await fillCheckout(page);
      await page.locator(byTestId('checkout-total')).waitFor();
    };
    expect(await scan('/checkout/standing-desk?width_mm=1700', ready, 'checkout')).toEqual([]);
    expect(await scan('/checkout/standing-desk?width_mm=1700', ready, 'checkout', 375)).toEqual([]);
  });

  it('the operations board, the materials page and the quality check form', async () => {
    const sessionToken = await app.session('operations');
    const asOperations = (query: string, variables: Record<string, unknown>) =>
      app.server.graphql(query, variables, { sessionToken });
    const place = async (selections: { feature: string; value: string }[]) => {
      const { body } = await app.server.graphql(CHECKOUT, {
        input: {
          ...DEMO_CHECKOUT,
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
    await asOperations(operation('confirm-order.graphql'), { number: checked });
    const { body } = await asOperations(operation('order-tracking.graphql'), { number: checked });
    const workOrders = (body.data as { order: { fulfilment: { workOrders: { id: number }[] } } }).order
      .fulfilment.workOrders;
    for (const { id } of workOrders) {
      await asOperations(operation('start-work-order.graphql'), { id });
      await asOperations(operation('complete-work-order.graphql'), { id });
    }

    const boardReady = (page: Page) => page.locator('[data-testid^="board-card-"]').first().waitFor();
    const ops = 'operations' as const;
    expect(await scan('/operations', boardReady, 'operations board', 1440, ops)).toEqual([]);
    expect(await scan('/operations', boardReady, 'operations board', 375, ops)).toEqual([]);
    const materialsReady = (page: Page) => page.locator('[data-testid^="requisition-"]').first().waitFor();
    expect(await scan('/materials', materialsReady, 'materials', 1440, ops)).toEqual([]);
    expect(await scan('/materials', materialsReady, 'materials', 375, ops)).toEqual([]);
    const qcReady = (page: Page) => page.locator(byTestId('qc-form')).waitFor();
    expect(await scan(`/operations/orders/${checked}/quality`, qcReady, 'quality check', 1440, ops)).toEqual(
      [],
    );
    const orderReady = (page: Page) => page.locator(byTestId('timeline')).waitFor();
    expect(await scan(`/orders/${checked}`, orderReady, 'order with its timeline', 375, ops)).toEqual([]);
  });

  it('the sales workspace and the customer’s quote page', async () => {
    const sessionToken = await app.session('sales');
    const asSales = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await app.server.graphql(query, variables, { sessionToken });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data as Record<string, Record<string, unknown>>;
    };
    const accounts = await asSales('{ customerAccounts { id name } }', {});
    const account = (accounts.customerAccounts as unknown as { id: number }[])[0]!;
    const started = await asSales(operation('start-quote.graphql'), { accountId: account.id });
    const quoteId = started.createQuote!.id as number;
    await asSales(operation('add-line-to-quote.graphql'), {
      quoteId,
      configuration: { productCode: 'standing-desk', selections: [], quantity: 2 },
    });

    const sales = 'sales' as const;
    const ready = (id: string) => (page: Page) => page.locator(byTestId(id)).first().waitFor();
    expect(await scan('/sales/quotes', ready('quotes-table'), 'quotes', 1440, sales)).toEqual([]);
    expect(await scan('/sales/quotes', ready('quotes-table'), 'quotes', 375, sales)).toEqual([]);
    expect(await scan(`/sales/quotes/${quoteId}`, ready('quote-lines'), 'quote editor', 1440, sales)).toEqual(
      [],
    );
    expect(await scan(`/sales/quotes/${quoteId}`, ready('quote-lines'), 'quote editor', 375, sales)).toEqual(
      [],
    );
    expect(
      await scan(
        `/configure/standing-desk?quote=${quoteId}`,
        ready('add-to-quote'),
        'configurator for a quote',
        375,
        sales,
      ),
    ).toEqual([]);
    expect(await scan('/sales/accounts', ready('accounts-list'), 'accounts', 375, sales)).toEqual([]);
    expect(
      await scan(`/sales/accounts/${account.id}`, ready('account-quotes'), 'account', 1440, sales),
    ).toEqual([]);
    const queue = async (page: Page) =>
      page
        .locator(`${byTestId('no-approvals')}, [data-testid^="approval-Q-"]`)
        .first()
        .waitFor();
    expect(await scan('/sales/approvals', queue, 'approvals', 375, 'salesManager')).toEqual([]);

    const sent = await asSales(operation('send-quote.graphql'), { id: quoteId });
    const link = sent.sendQuote!.customerLink as string;
    expect(link).toMatch(/^\/quotes\//);
    expect(await scan(link, ready('customer-quote-lines'), 'customer quote', 375)).toEqual([]);
    expect(await scan(link, ready('customer-quote-lines'), 'customer quote', 1440)).toEqual([]);
    const confirm = async (page: Page) => {
      await page.locator(byTestId('accept-quote')).click();
      await page.locator(byTestId('confirm-dialog')).waitFor();
    };
    expect(await scan(link, confirm, 'customer quote, accepting', 375)).toEqual([]);
  });
});
