// Price lists and currencies in a real browser against the BUILT server (issue 14): a visitor switches the
// configurator to USD and sees every price in USD with the list that priced them named; the choice is kept
// in the URL (a reload keeps it) and on the browser (the next product opens in USD). A signed-in customer
// sees their account's currency and list instead of a switch; a sales rep sees the cost and margin. The
// catalogue prices in the same currency. A sales manager gives the demo customer's account its contract list
// on the account's page, and the customer then sees the contract's prices in the catalogue and the configurator.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  screenshots,
  seriousAxeViolations,
  startApp,
} from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** The text of an element once it matches `pattern` (the answer may still be on its way). */
async function textOnce(page: Page, testId: string, pattern: RegExp): Promise<string> {
  const locator = page.locator(byTestId(testId));
  await expect
    .poll(async () => (await locator.textContent())?.trim() ?? '', { timeout: 15_000 })
    .toMatch(pattern);
  return ((await locator.textContent()) ?? '').trim();
}

describe.runIf(browserTestsRun())('price lists and currencies, in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    // A day the demo contract list nordwerk-2026 (1 January to 31 December 2026) is in effect.
    [app, browser] = await Promise.all([startApp({ env: { MTO_TODAY: '2026-12-01' } }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  it('a visitor switches to USD: every price in USD, the USD list named, kept in the URL and for the next product', async () => {
    const { page, errors } = await newPage(browser);
    pageErrors.push(errors);
    await page.goto(`${app.base}/configure/e-bike`);
    await textOnce(page, 'price-total', /€[\d,]+\.\d\d$/);
    expect(await textOnce(page, 'price-list', /EUR/)).toBe('Prices from List prices EUR, tax included');

    await page.locator(byTestId('currency-select')).selectOption('USD');
    const total = await textOnce(page, 'price-total', /\$[\d,]+\.\d\d$/);
    expect(await textOnce(page, 'price-list', /USD/)).toBe(
      'Prices from List prices USD (North America), net of tax',
    );
    const lines = await page.locator(`${byTestId('price-line')} .price-line__amount`).allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.trim()).toMatch(/\$[\d,]+\.\d\d$/);
    expect(new URL(page.url()).searchParams.get('currency')).toBe('USD');
    expect(await seriousAxeViolations(page, 'configurator in USD')).toEqual([]);
    await screenshots(page, 'configurator-usd');

    // A reload opens the same prices (the URL keeps the currency).
    await page.reload();
    expect(await textOnce(page, 'price-total', /\$[\d,]+\.\d\d$/)).toBe(total);

    // The next product opened on this browser is priced in USD too (remembered on the browser).
    await page.goto(`${app.base}/configure/standing-desk`);
    await textOnce(page, 'price-total', /\$[\d,]+\.\d\d$/);
    expect(await page.locator(byTestId('currency-select')).inputValue()).toBe('USD');

    // So is the catalogue, with the same switch.
    await page.goto(`${app.base}/`);
    expect(await textOnce(page, 'starting-price-standing-desk', /\$[\d,]+\.\d\d$/)).toMatch(
      /\$[\d,]+\.\d\d$/,
    );
    expect(await page.locator(byTestId('currency-select')).inputValue()).toBe('USD');
    await page.locator(byTestId('currency-select')).selectOption('GBP');
    await textOnce(page, 'starting-price-e-bike', /£[\d,]+\.\d\d$/);
    expect(new URL(page.url()).searchParams.get('currency')).toBe('GBP');
    expect(await seriousAxeViolations(page, 'catalogue in GBP')).toEqual([]);
  });

  it('prices and the promise waiting for a new answer stay readable: muted, not faded below the contrast rule', async () => {
    const { page, errors } = await newPage(browser);
    pageErrors.push(errors);
    await page.goto(`${app.base}/configure/e-bike`);
    await textOnce(page, 'price-total', /€[\d,]+\.\d\d$/);
    await page.locator(byTestId('promise')).waitFor();
    // Hold every answer from now on, so the panel stays in its waiting state while axe reads it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator(byTestId('option-battery-b750')).click();
    await page.locator(`${byTestId('promise')}[aria-busy="true"]`).waitFor();
    const violations = await seriousAxeViolations(page, 'configurator waiting for prices');
    release();
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("a signed-in customer sees their account's currency and list instead of a switch, and no cost", async () => {
    const { page, errors } = await newSignedInPage(browser, app, 'customer');
    pageErrors.push(errors);
    await page.goto(`${app.base}/configure/standing-desk?currency=USD`);
    expect(await textOnce(page, 'account-pricing', /Demo Customer GmbH/)).toBe(
      'Prices for Demo Customer GmbH in EUR: List prices EUR, tax included',
    );
    await textOnce(page, 'price-total', /€[\d,]+\.\d\d$/);
    expect(await page.locator(byTestId('currency-select')).count()).toBe(0);
    expect(await page.locator(byTestId('cost')).count()).toBe(0);
  });

  it('a sales rep sees the cost and the margin in the price panel', async () => {
    const { page, errors } = await newSignedInPage(browser, app, 'sales');
    pageErrors.push(errors);
    await page.goto(`${app.base}/configure/standing-desk`);
    expect(await textOnce(page, 'cost-unit', /€[\d,]+\.\d\d$/)).toMatch(/^€/);
    expect(await textOnce(page, 'cost-margin', /%\)$/)).toMatch(/^€[\d,.]+ \(\d+\.\d\d %\)$/);
    await page.locator(byTestId('currency-select')).selectOption('GBP');
    await textOnce(page, 'price-total', /£[\d,]+\.\d\d$/);
    expect(await textOnce(page, 'cost-not-comparable', /GBP/)).toBe(
      'Priced in GBP, costed in EUR: no margin, since prices are never converted.',
    );
  });

  // Last: it gives the demo customer's account a contract list for the rest of this app's life.
  it("a sales manager gives the demo customer's account its contract list; the customer then sees the contract's prices", async () => {
    const visitor = await newPage(browser);
    pageErrors.push(visitor.errors);
    await visitor.page.goto(`${app.base}/`);
    const listPrice = await textOnce(visitor.page, 'starting-price-standing-desk', /€[\d,]+\.\d\d$/);
    await visitor.page.close();

    const manager = await newSignedInPage(browser, app, 'salesManager');
    pageErrors.push(manager.errors);
    await manager.page.goto(`${app.base}/sales/accounts`);
    await manager.page
      .locator(byTestId('accounts-list'))
      .getByRole('link', { name: 'Demo Customer GmbH' })
      .click();
    const select = manager.page.locator(byTestId('account-price-list-select'));
    await select.waitFor();
    expect(await select.inputValue()).toBe('');
    await select.selectOption('nordwerk-2026');
    await manager.page.locator(byTestId('account-price-list-save')).click();
    expect(await textOnce(manager.page, 'account-price-list-saved', /Saved/)).toBe(
      'Saved: Demo Customer GmbH buys by Nordwerk Architekten, framework agreement 2026, net of tax.',
    );
    expect(await seriousAxeViolations(manager.page, 'account with its price list')).toEqual([]);
    await screenshots(manager.page, 'account-price-list');

    const { page, errors } = await newSignedInPage(browser, app, 'customer');
    pageErrors.push(errors);
    await page.goto(`${app.base}/`);
    expect(await textOnce(page, 'account-pricing', /Nordwerk/)).toBe(
      'Prices for Demo Customer GmbH in EUR: Nordwerk Architekten, framework agreement 2026, net of tax',
    );
    const contractPrice = await textOnce(page, 'starting-price-standing-desk', /€[\d,]+\.\d\d$/);
    expect(contractPrice).not.toBe(listPrice);

    await page.goto(`${app.base}/configure/standing-desk`);
    expect(await textOnce(page, 'price-list', /Nordwerk/)).toBe(
      'Prices from Nordwerk Architekten, framework agreement 2026, net of tax',
    );
    // The contract's base price (349.00 EUR, the model's own is higher), and the default build at the
    // catalogue's price.
    const amounts = await page.locator(`${byTestId('price-line')} .price-line__amount`).allTextContents();
    expect(amounts.map((amount) => amount.trim())).toContain('€349.00');
    expect(await textOnce(page, 'price-total', /€[\d,]+\.\d\d$/)).toBe(contractPrice);
  });
});
