/// <reference lib="dom" />
// GraphiQL at /graphiql (client/graphiql.html, its own bundle): served with a CSP it runs under, and a signed-in
// staff member runs a query with their session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchBrowser, newSignedInPage, startApp } from './support/browser.js';

describe.runIf(browserTestsRun())('GraphiQL at /graphiql', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('answers GET /graphiql with the page, under a CSP that allows only its own scripts and styles', async () => {
    const response = await fetch(`${app.base}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/src="https?:/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("font-src 'self' data:");
  });

  it('runs a query as the signed-in staff member, without a page error or CSP violation', async () => {
    const { page, context, errors } = await newSignedInPage(browser, app, 'sales');
    await page.goto(`${app.base}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();
    // Replace the default query with our own, through the editor's own API (typing would auto-close braces).
    await page.evaluate(() => {
      const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as {
        CodeMirror: { setValue(text: string): void };
      };
      editor.CodeMirror.setValue('{ orders(first: 1) { nodes { number } } }');
    });
    await page.locator('button.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response .CodeMirror');
    await expect
      .poll(async () => (await result.textContent()) ?? '', { timeout: 10_000 })
      .toContain('"orders"');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('"nodes"');
    expect(text).not.toContain('"errors"');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });
});
