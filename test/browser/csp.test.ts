/// <reference lib="dom" />
// The Content-Security-Policy the server sends (helmet, server/src/http/app.ts) in a real browser: every
// page of the other browser tests runs under it and fails on a violation (support/browser.ts reports each
// as a console error); here, that the header is there and that a violation is indeed counted.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchBrowser, newPage, newSignedInPage, startApp } from './support/browser.js';

describe.runIf(browserTestsRun())('the Content-Security-Policy in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each(['/', '/configure/standing-desk', '/sign-in', '/orders', '/invitation/some-token'])(
    '%s is served with the CSP and runs under it without a violation',
    async (path) => {
      const { page, context, errors } = await newPage(browser);
      const response = await page.goto(`${app.base}${path}`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("object-src 'none'");
      await page.locator('main').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it.each([
    ['admin', '/admin', 'create-key-form'],
    ['operations', '/operations', 'board'],
    ['customer', '/my/orders', 'no-orders'],
  ] as const)('signed in as %s, %s runs under the CSP without a violation', async (role, path, ready) => {
    const { page, context, errors } = await newSignedInPage(browser, app, role);
    await page.goto(`${app.base}${path}`);
    await page.locator(`[data-testid="${ready}"]`).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts a violation as a page error: an inline script and an inline style attribute are refused', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${app.base}/`);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      const styled = document.createElement('div');
      styled.setAttribute('style', 'color: red');
      document.body.append(styled);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(errors).toContainEqual(
      expect.stringMatching(/^console: CSP violation: script-src-elem blocked inline/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^console: CSP violation: style-src-attr blocked inline/),
    );
    await context.close();
  });
});
