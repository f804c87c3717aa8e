// The admin page's webhook form, in a real browser against the BUILT server: a refused URL is named at its
// field; a good one is registered, its signing secret shown once (copyable) and never again, and the
// endpoint joins the list. The page runs under the CSP and fails on any console error (support/browser.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchBrowser, newSignedInPage, startApp } from './support/browser.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;

describe.runIf(browserTestsRun())('registering a webhook endpoint on the admin page', () => {
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
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  async function openAdmin(): Promise<Page> {
    const { page, errors } = await newSignedInPage(browser, app, 'admin');
    pageErrors.push(errors);
    await page.goto(`${app.base}/admin`);
    await page.locator(byTestId('register-webhook-form')).waitFor();
    return page;
  }

  it('names a refused URL at its field, then registers the endpoint and shows its secret once', async () => {
    const page = await openAdmin();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.base });
    const form = page.locator(byTestId('register-webhook-form'));
    const url = form.getByLabel('URL (https://…)');
    // A private address is refused (the SSRF guard): the error sits at the URL field, described by it.
    await url.fill('https://192.168.1.5/hooks');
    await form.locator(byTestId('register-webhook-submit')).click();
    const urlError = form.locator('#webhook-url-error');
    await urlError.waitFor();
    expect(await urlError.textContent()).toMatch(/private/);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await url.getAttribute('aria-describedby')).toBe('webhook-url-error');
    expect(await page.locator(byTestId('created-webhook')).count()).toBe(0);

    await url.fill('https://hooks.example.invalid/mto');
    await form.getByLabel('ORDER_PLACED').uncheck();
    await form.getByLabel('ORDER_SHIPPED').check();
    await form.getByLabel('Description (optional)').fill('Shop sync');
    await form.locator(byTestId('register-webhook-submit')).click();
    const created = page.locator(byTestId('created-webhook'));
    await created.waitFor();
    expect(await created.textContent()).toMatch(/shown this once/);
    const secret = ((await page.locator(byTestId('webhook-secret')).textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_\S+$/);
    expect(await url.getAttribute('aria-invalid')).toBeNull();
    await created.locator(byTestId('copy')).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The endpoint is listed, with what it hears of.
    const listed = page
      .locator(byTestId('webhook-endpoints'))
      .locator('li', { hasText: 'hooks.example.invalid' });
    await listed.first().waitFor();
    const hears = await listed.first().textContent();
    expect(hears).toContain('ORDER_CONFIRMED');
    expect(hears).toContain('ORDER_SHIPPED');
    expect(hears).not.toContain('ORDER_PLACED');

    // Dismissed, or the page opened again: the secret is nowhere on it.
    await page.locator(byTestId('webhook-secret-stored')).click();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page.locator(byTestId('webhook-endpoints')).waitFor();
    expect(await page.locator(byTestId('webhook-endpoints')).textContent()).toContain(
      'hooks.example.invalid',
    );
    expect(await page.content()).not.toContain(secret);
  });
});
