// Who sees what, in a real browser against the BUILT server (its demo users, DEMO_DATA on a new database):
// each role signs in through the sign-in page and gets its header links and pages (others redirect to
// sign-in or say "not allowed"); wrong passwords and the sign-in limit with its wait; an admin invites a
// second customer through the admin page, who sets a password on the invitation page; each customer sees
// their own account's orders and not the other's; a guest's checkout lands on the tracking page with no
// BOM or quality data on screen or on the wire; API keys are created (secret shown once) and revoked.
// Every page runs under the CSP and fails on a violation or any console error (support/browser.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, type DemoRole } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  screenshots,
  sidewaysOverflow,
  startApp,
} from './support/browser.js';
import { placeOrderThroughCheckout } from './support/checkout.js';

const byTestId = (id: string): string => `[data-testid="${id}"]`;
const STAFF_LINKS = ['sales-quotes', 'sales-approvals', 'sales-accounts', 'operations', 'materials', 'admin'];

describe.runIf(browserTestsRun())('roles in the browser, against the built server', () => {
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
    // No page may log an error, throw or violate the CSP.
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  async function open(path: string, width?: number, as: DemoRole | 'guest' = 'guest'): Promise<Page> {
    const { page, errors } =
      as === 'guest' ? await newPage(browser, width) : await newSignedInPage(browser, app, as, width);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  async function signInThroughThePage(page: Page, email: string, password: string): Promise<void> {
    await page.locator(byTestId('sign-in-email')).fill(email);
    await page.locator(byTestId('sign-in-password')).fill(password);
    await page.locator(byTestId('sign-in-submit')).click();
  }

  /** The staff links the header shows, once it knows who is signed in. */
  async function headerLinks(page: Page): Promise<string[]> {
    await page
      .locator(`${byTestId('account-menu')}, ${byTestId('nav-sign-in')}`)
      .first()
      .waitFor();
    const shown: string[] = [];
    for (const name of STAFF_LINKS)
      if ((await page.locator(byTestId(`nav-${name}`)).count()) > 0) shown.push(name);
    return shown;
  }

  /** Where the app lands when this page opens `path` (a client-side navigation, through the guard). */
  async function landing(page: Page, path: string): Promise<string> {
    await page.goto(`${app.base}${path}`);
    await page.locator('main').first().waitFor();
    await page.waitForLoadState('networkidle');
    const url = new URL(page.url());
    return decodeURIComponent(`${url.pathname}${url.search}`);
  }

  it.each([
    [
      'customer',
      [],
      {
        '/operations': 'not-allowed',
        '/materials': 'not-allowed',
        '/admin': 'not-allowed',
        '/my/orders': 'open',
      },
    ],
    [
      'sales',
      ['sales-quotes', 'sales-accounts'],
      {
        '/operations': 'not-allowed',
        '/materials': 'not-allowed',
        '/admin': 'not-allowed',
        '/my/orders': 'open',
        '/sales/quotes': 'open',
        '/sales/approvals': 'not-allowed',
      },
    ],
    [
      'operations',
      ['operations', 'materials'],
      { '/operations': 'open', '/materials': 'open', '/admin': 'not-allowed' },
    ],
    [
      'admin',
      ['sales-quotes', 'sales-accounts', 'materials', 'admin'],
      { '/operations': 'not-allowed', '/materials': 'open', '/admin': 'open' },
    ],
  ] as const)(
    'signed in as %s through the sign-in page: the header shows %j; pages open or say not allowed',
    async (role, links, pages) => {
      const user = DEMO_USERS[role];
      const page = await open('/sign-in');
      expect(await headerLinks(page)).toEqual([]);
      await signInThroughThePage(page, user.email, user.password);
      await page.waitForURL(`${app.base}/`);
      await expect.poll(() => page.locator(byTestId('account-name')).textContent()).toBe(user.name);
      expect(await headerLinks(page)).toEqual(links);
      expect(await page.locator(byTestId('nav-sign-in')).count()).toBe(0);
      for (const [path, expected] of Object.entries(pages)) {
        const landed = await landing(page, path);
        if (expected === 'open') expect(landed, path).toBe(path);
        else {
          expect(landed, path).toBe(`/not-allowed?page=${path}`);
          expect(await page.locator(byTestId('not-allowed')).textContent()).toContain(user.name);
          if (role === 'customer' && path === '/admin') await screenshots(page, 'not-allowed');
        }
      }
      await page.context().close();
    },
  );

  it('an anonymous visitor is sent to sign in, and comes back to the page asked for; signing out ends it', async () => {
    const page = await open('/operations');
    await page.waitForURL(/\/sign-in\?next=/);
    expect(await headerLinks(page)).toEqual([]);
    expect(decodeURIComponent(new URL(page.url()).search)).toBe('?next=/operations');
    await screenshots(page, 'sign-in');
    await signInThroughThePage(page, DEMO_USERS.operations.email, DEMO_USERS.operations.password);
    await page.waitForURL(`${app.base}/operations`);
    await page.locator(byTestId('board')).waitFor();
    expect(await headerLinks(page)).toEqual(['operations', 'materials']);

    await page.locator(byTestId('account-menu-toggle')).click();
    await page.locator(byTestId('sign-out')).click();
    await page.waitForURL(/\/sign-in\?signedOut=1$/);
    await page.locator(byTestId('signed-out')).waitFor();
    expect(await headerLinks(page)).toEqual([]);
    expect(await page.locator(byTestId('nav-sign-in')).count()).toBe(1);
    expect(await landing(page, '/operations')).toBe('/sign-in?next=/operations');
    await page.context().close();
  });

  it('signing out everywhere ends the other browser’s session: its next answer sends it to sign in', async () => {
    const other = await open('/my/orders', 375, 'sales');
    await other
      .locator(byTestId('my-orders'))
      .or(other.locator(byTestId('no-orders')))
      .waitFor();
    const page = await open('/sign-in');
    await signInThroughThePage(page, DEMO_USERS.sales.email, DEMO_USERS.sales.password);
    await page.waitForURL(`${app.base}/`);
    await page.locator(byTestId('account-menu-toggle')).click();
    await page.locator(byTestId('sign-out-everywhere')).click();
    await page.waitForURL(/\/sign-in\?signedOut=everywhere$/);
    expect(await page.locator(byTestId('signed-out')).textContent()).toMatch(/every browser/);
    // The other browser still shows its page; its next question is refused, and it is sent to sign in.
    await other.locator(byTestId('account-menu-toggle')).click();
    await other.locator(byTestId('menu-my-configurations')).click();
    await other.waitForURL(/\/sign-in\?next=/);
    expect(decodeURIComponent(new URL(other.url()).search)).toBe('?next=/my/configurations');
    expect(await other.locator(byTestId('nav-sign-in')).count()).toBe(1);
    await other.context().close();
    await page.context().close();
  });

  it('a wrong password is said as a banner; too many attempts say how long to wait', async () => {
    const page = await open('/sign-in', 375);
    // An empty form is stopped in the browser, next to its fields.
    await page.locator(byTestId('sign-in-submit')).click();
    expect(await page.locator('#sign-in-email-error').textContent()).toMatch(/e-mail/);
    expect(await page.locator(byTestId('sign-in-email')).getAttribute('aria-invalid')).toBe('true');
    const email = 'nobody-here@demo.example';
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Each submit clears the banner at once (before its answer), so this waits for this attempt's answer.
      await signInThroughThePage(page, email, `wrong-password-${attempt}`);
      await expect
        .poll(() => page.locator(byTestId('sign-in-error')).textContent())
        .toBe('The e-mail or password is wrong.');
    }
    await signInThroughThePage(page, email, 'wrong-password-6');
    await expect
      .poll(() => page.locator(byTestId('sign-in-error')).textContent())
      .toMatch(/^Too many sign-in attempts: try again in 15 minutes \(after .+\)\.$/);
    expect(await page.locator(byTestId('sign-in-error')).getAttribute('role')).toBe('alert');
    await screenshots(page, 'sign-in-limited');
    await page.context().close();
  });

  /** An order placed through the checkout page by this page's visitor; the page it lands on. */
  async function checkout(page: Page, name: string): Promise<void> {
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await placeOrderThroughCheckout(page, { name, email: 'buyer@example.com' });
  }

  it('an admin invites a second customer; each customer sees their own account’s orders and not the other’s', async () => {
    // Customer B's account, then their invitation through the admin page.
    const admin = await app.session('admin');
    const { body } = await app.server.graphql(
      'mutation { createCustomerAccount(input: { name: "Other Buyer AG", kind: COMPANY, currency: "EUR" }) { id } }',
      {},
      { sessionToken: admin },
    );
    expect(body.errors).toBeUndefined();
    const adminPage = await open('/admin', undefined, 'admin');
    const form = adminPage.locator(byTestId('invite-form'));
    await form.locator(byTestId('invite-email')).fill('buyer.b@example.com');
    await form.locator(byTestId('invite-name')).fill('Bea Buyer');
    await form.locator(byTestId('invite-role-CUSTOMER')).check();
    await form.locator(byTestId('invite-account')).selectOption({ label: 'Other Buyer AG' });
    await form.locator(byTestId('invite-submit')).click();
    const link = (await adminPage.locator(byTestId('invitation-link')).textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${app.base}/invitation/\\S+$`));
    await adminPage.locator(byTestId('user-buyer.b@example.com')).waitFor();
    await adminPage.context().close();

    // B sets a password on the invitation page and is signed in: their (empty) orders.
    const b = await open(link.slice(app.base.length), 375);
    await b.locator(byTestId('new-password')).fill('bea-buyer-2026');
    await b.locator(byTestId('repeat-password')).fill('bea-buyer-2026');
    await b.locator(byTestId('invitation-submit')).click();
    await b.waitForURL(`${app.base}/my/orders`);
    await b.locator(byTestId('no-orders')).waitFor();
    await expect.poll(() => b.locator(byTestId('account-name')).textContent()).toBe('Bea Buyer');

    // Each places an order through the checkout: a signed-in customer lands on their order page, customer-safe.
    await checkout(b, 'Bea Buyer');
    await b.waitForURL(/\/orders\/MTO-[^/?]+\?placed=1$/);
    const numberB = ((await b.locator(byTestId('order-number')).textContent()) ?? '').trim();
    await b.locator(byTestId('order-line')).first().waitFor();
    expect(await b.locator(byTestId('bom-tree')).count()).toBe(0);
    const a = await open('/', undefined, 'customer');
    await checkout(a, 'Demo Customer');
    await a.waitForURL(/\/orders\/MTO-[^/?]+\?placed=1$/);
    const numberA = ((await a.locator(byTestId('order-number')).textContent()) ?? '').trim();
    expect(numberA).not.toBe(numberB);

    // My orders: each sees their own, not the other's; the other's number opens nothing.
    for (const [page, own, other] of [
      [a, numberA, numberB],
      [b, numberB, numberA],
    ] as const) {
      await page.goto(`${app.base}/my/orders`);
      await page.locator(byTestId(`my-order-${own}`)).waitFor();
      expect(await page.locator(byTestId(`my-order-${other}`)).count()).toBe(0);
      await page.locator(`${byTestId(`my-order-${own}`)} a`).click();
      await page.waitForURL(`${app.base}/orders/${own}`);
      await page.locator(byTestId('order-line')).first().waitFor();
      expect(await page.locator(byTestId('order-number')).textContent()).toBe(own);
      await page.goto(`${app.base}/orders/${other}`);
      await page.locator(byTestId('order-not-found')).waitFor();
    }
    await screenshots(a, 'customer-order-not-theirs');
    await a.goto(`${app.base}/my/orders`);
    await a.locator(byTestId(`my-order-${numberA}`)).waitFor();
    await screenshots(a, 'my-orders');
    await a.context().close();
    await b.context().close();
  });

  it('a customer’s saved configuration is listed in My saved configurations and opens in the configurator', async () => {
    const page = await open('/configure/standing-desk?width_mm=1750', undefined, 'customer');
    await page.locator(byTestId('price-total')).waitFor();
    await page.locator(byTestId('share')).click();
    const shareUrl = page.locator(byTestId('share-url'));
    await expect.poll(() => shareUrl.inputValue()).toMatch(/\?c=\S+$/);
    const code = new URL(await shareUrl.inputValue(), app.base).searchParams.get('c') ?? '';
    await page.locator(byTestId('account-menu-toggle')).click();
    await page.locator(byTestId('menu-my-configurations')).click();
    await page.waitForURL(`${app.base}/my/configurations`);
    const item = page.locator(byTestId(`saved-${code}`));
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Standing desk/);
    const link = item.getByText('Open in the configurator');
    expect(await link.getAttribute('href')).toBe(`/configure/standing-desk?c=${code}`);
    await link.click();
    // The link opens ?c=<code>; once the saved choices are loaded the address shows them instead, so
    // the ?c= address may already be gone when looked for: the choices on screen and in the address are.
    await page.waitForURL(/\/configure\/standing-desk\?/);
    await expect.poll(() => page.locator(byTestId('input-width_mm')).inputValue()).toBe('1750');
    await expect.poll(() => new URL(page.url()).searchParams.get('width_mm')).toBe('1750');
    await page.context().close();
  });

  it('a guest’s checkout lands on the tracking page: no BOM, routing or quality data, on screen or on the wire', async () => {
    const { page, errors } = await newPage(browser, 375);
    pageErrors.push(errors);
    const answers: string[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/graphql')) answers.push(await response.text().catch(() => ''));
    });
    await checkout(page, 'Gus Guest');
    await page.waitForURL(/\/track\/[^/?]+\?placed=1$/);
    await page.locator(byTestId('keep-this-link')).waitFor();
    await page.locator(byTestId('timeline')).waitFor();
    await page.locator(byTestId('order-line')).first().waitFor();
    // The long tracking link wraps on a phone.
    expect(await sidewaysOverflow(page)).toBe(0);
    for (const id of ['bom-tree', 'routing-operation', 'qc-form', 'work-orders']) {
      expect(await page.locator(byTestId(id)).count(), id).toBe(0);
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Bill of materials|Routing|Quality check/);
    await page.waitForLoadState('networkidle');
    const wire = answers.join('\n');
    expect(wire).toContain('"trackedOrder"');
    for (const internal of [
      '"bom"',
      '"operations"',
      '"workOrders"',
      '"qualityChecks"',
      '"checklist"',
      '"actor"',
      'FORBIDDEN',
    ]) {
      expect(wire, internal).not.toContain(internal);
    }
    // Its number alone opens nothing for a guest: /orders/<number> asks to sign in.
    const number = ((await page.locator(byTestId('order-number')).textContent()) ?? '').trim();
    expect(await landing(page, `/orders/${number}`)).toBe(`/sign-in?next=/orders/${number}`);
    await page.context().close();
  });

  it('an admin creates a partner API key (secret shown once, copied), which works until revoked after a confirmation', async () => {
    const page = await open('/admin', 375, 'admin');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.base });
    const form = page.locator(byTestId('create-key-form'));
    await form.locator(byTestId('key-name')).fill('Shop integration');
    await form.locator(byTestId('key-owner-partner')).check();
    await form.locator(byTestId('key-partner')).fill('Example Shop GmbH');
    await form.locator(byTestId('key-scope-ORDERS_READ')).check();
    await form.locator(byTestId('key-limit')).fill('120');
    await form.locator(byTestId('key-origins')).fill('https://shop.example.com');
    await form.locator(byTestId('create-key-submit')).click();
    const created = page.locator(byTestId('created-key'));
    await created.waitFor();
    expect(await created.textContent()).toMatch(/shown only this once/);
    const secret = ((await page.locator(byTestId('api-key-secret')).textContent()) ?? '').trim();
    expect(secret).toMatch(/^mto_live_\S+$/);
    await created.locator(byTestId('copy')).click();
    await expect.poll(() => created.textContent()).toContain('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // On a phone the users' table scrolls inside its card: the page itself never scrolls sideways.
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshots(page, 'admin-api-key-created');

    const asKey = () =>
      fetch(`${app.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: '{ products { code } }' }),
      });
    expect((await asKey()).status).toBe(200);

    // Revoking asks first; "Keep it" keeps it.
    const row = page.locator(byTestId(`api-key-${secret.slice(0, 17)}`));
    await row.locator(byTestId('revoke')).click();
    await row.getByText('Keep it').click();
    expect(await row.locator(byTestId('key-revoked')).count()).toBe(0);
    await row.locator(byTestId('revoke')).click();
    await row.locator(byTestId('confirm-revoke')).click();
    await row.locator(byTestId('key-revoked')).waitFor();
    expect((await asKey()).status).toBe(401);
    await page.context().close();
  });

  it('an admin changes a user’s roles and disables them; their header follows', async () => {
    const page = await open('/admin', undefined, 'admin');
    const row = page.locator(byTestId(`user-${DEMO_USERS.salesManager.email}`));
    await row.waitFor();
    await row.locator(byTestId('edit-roles')).click();
    await row.locator(byTestId('role-OPERATIONS')).check();
    await row.locator(byTestId('save-roles')).click();
    await expect
      .poll(() => row.locator(byTestId('user-roles')).textContent())
      .toBe('Sales manager, Operations');
    // Their next page load reads the new roles.
    const manager = await open('/', undefined, 'salesManager');
    expect(await headerLinks(manager)).toEqual([
      'sales-quotes',
      'sales-approvals',
      'sales-accounts',
      'operations',
      'materials',
    ]);
    // Disabled: their session ends, and the header offers to sign in.
    await row.locator(byTestId('toggle-user')).click();
    await row.locator(byTestId('user-disabled')).waitFor();
    await manager.reload();
    expect(await headerLinks(manager)).toEqual([]);
    expect(await manager.locator(byTestId('nav-sign-in')).count()).toBe(1);
    await manager.context().close();
    await page.context().close();
  });
});
