/// <reference lib="dom" />
// The interface language in a real browser: ?lang=de opens a page in German (the page, the header, the
// tab's title, html lang and the server's refusals in our words); the language switch in the header changes
// the language at once and this browser remembers it after a reload and on the next page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  seriousAxeViolations,
  startApp,
} from './support/browser.js';

const byTestId = (id: string) => `[data-testid="${id}"]`;

function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

// A tab's title is set once the route's page has loaded (router.afterEach), which may come after the header
// shows the language: titles are polled, not read once.
describe.runIf(browserTestsRun())('the interface language', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('?lang=de shows the sign-in page in German, its checks and the server’s refusal included', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${app.base}/sign-in?lang=de`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Anmelden');
    expect(await htmlLang(page)).toBe('de');
    await expect.poll(() => page.title()).toBe('Anmelden · MTO Configurator');
    expect(await page.locator('label[for="sign-in-password"]').textContent()).toBe('Passwort');
    expect(await page.locator(byTestId('nav-sign-in')).textContent()).toMatch(/^\s*Anmelden\s*$/);

    await page.locator(byTestId('sign-in-submit')).click();
    expect(await page.locator('#sign-in-email-error').textContent()).toBe(
      'Bitte geben Sie Ihre E-Mail-Adresse ein.',
    );
    await page.locator(byTestId('sign-in-email')).fill('nobody@example.com');
    await page.locator(byTestId('sign-in-password')).fill('not-the-password');
    await page.locator(byTestId('sign-in-submit')).click();
    await expect
      .poll(() => page.locator(byTestId('sign-in-error')).textContent())
      .toBe('Die E-Mail-Adresse oder das Passwort ist falsch.');
    expect(await seriousAxeViolations(page, 'sign-in in German')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('?lang=de shows the catalogue’s header and title in German', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${app.base}/?lang=de`);
    const nav = page.locator('header nav');
    await expect.poll(() => nav.textContent()).toContain('Produkte');
    expect(await nav.textContent()).toContain('Bestellung finden');
    expect(await page.locator('.skip-link').textContent()).toBe('Zum Inhalt springen');
    await expect.poll(() => page.title()).toBe('Produkte · MTO Configurator');
    expect(await htmlLang(page)).toBe('de');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the switch in the header changes the language, and the browser remembers it after a reload', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${app.base}/sign-in`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    expect(await htmlLang(page)).toBe('en');
    await expect.poll(() => page.title()).toBe('Sign in · MTO Configurator');

    await page.locator(byTestId('locale-switch')).selectOption('de');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Anmelden');
    expect(await htmlLang(page)).toBe('de');
    await expect.poll(() => page.title()).toBe('Anmelden · MTO Configurator');

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Anmelden');
    expect(await htmlLang(page)).toBe('de');
    expect(await page.locator(byTestId('locale-switch')).inputValue()).toBe('de');

    // Another page of the site, without ?lang: still German.
    await page.goto(`${app.base}/not-a-page`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Seite nicht gefunden');
    await expect.poll(() => page.title()).toBe('Nicht gefunden · MTO Configurator');

    await page.locator(byTestId('locale-switch')).selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    expect(await htmlLang(page)).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signed-in customer’s pages and menu in German: saved configurations, password change', async () => {
    const { page, context, errors } = await newSignedInPage(browser, app, 'customer');
    await page.goto(`${app.base}/my/configurations?lang=de`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Meine gespeicherten Konfigurationen');
    await expect.poll(() => page.title()).toBe('Meine gespeicherten Konfigurationen · MTO Configurator');
    await page.locator(byTestId('account-menu-toggle')).click();
    expect(await page.locator(byTestId('sign-out-everywhere')).textContent()).toMatch(
      /^\s*Überall abmelden\s*$/,
    );
    await page.locator(byTestId('menu-change-password')).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Passwort ändern');
    await page.locator(byTestId('current-password')).fill('not-the-password');
    await page.locator(byTestId('new-password')).fill('short');
    await page.locator(byTestId('change-password-submit')).click();
    expect(await page.locator('#new-password-error').textContent()).toBe(
      'Bitte wählen Sie ein Passwort mit mindestens 10 Zeichen.',
    );
    expect(await seriousAxeViolations(page, 'change password in German')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
