// The checkout page a customer uses without help, in a real browser against the BUILT server: a guest
// configures a desk, goes to checkout and fills in a German address; before ordering, the summary shows the
// 19 % VAT line and a shipping charge, amounts equal to what the `checkout` query answers for that input; a
// postal code the server refuses shows beside its field (focused) and the error goes once it is corrected;
// the order is placed and the guest lands on its page. At desktop (1440×900) and phone (390×844) size, in
// English and in German (?lang=de), with no serious axe violation and nothing wider than a phone.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../../server/src/test-support/smtp.js';
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
import { byTestId, fillCheckout, GERMAN_ADDRESS } from './support/checkout.js';

const CHECKOUT_SUMMARY = operation('checkout-summary.graphql');

interface Money {
  amount: string;
  currency: string;
}
interface Summary {
  goods: Money;
  total: Money & { minorUnits: string };
  charges: { kind: 'SHIPPING' | 'TAX'; rate: string | null; amount: Money; included: boolean }[];
}

/** An amount as shown in any locale ("€1,170.60", "1.170,60 €") and as the server writes it, digits only. */
const digits = (text: string): string => text.replace(/\D/g, '');

const CASES = [
  { lang: 'en', width: 1440, height: 900 },
  { lang: 'en', width: 390, height: 844 },
  { lang: 'de', width: 1440, height: 900 },
  { lang: 'de', width: 390, height: 844 },
] as const;

/** The words the checkout page uses in each language, as the test reads them. */
const WORDS = {
  en: {
    postalCode: 'Postal code',
    street: 'Street and house number',
    place: 'Place order',
    vat: /^VAT 19\s?%/,
  },
  de: {
    postalCode: 'Postleitzahl',
    street: 'Straße und Hausnummer',
    place: 'Zahlungspflichtig bestellen',
    vat: /^MwSt\. 19\s?%/,
  },
} as const;

describe.runIf(browserTestsRun())('the checkout page, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let smtp: TestSmtpServer;
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    // The order acknowledgement goes out through a real SMTP server in this process.
    smtp = await startTestSmtpServer();
    [app, browser] = await Promise.all([
      startApp({ env: { MTO_TODAY: '2026-12-07', SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
  });

  afterEach(() => {
    // No page may log an error or throw, a CSP violation included.
    expect(pageErrors.splice(0).flat()).toEqual([]);
  });

  /** The variables of the page's last `checkout` query (the summary), as it sent them. */
  function watchSummaryRequests(page: Page): () => Record<string, unknown> | null {
    let last: Record<string, unknown> | null = null;
    page.on('request', (request: Request) => {
      const body = request.postDataJSON() as { query?: string; variables?: Record<string, unknown> } | null;
      if (body?.query?.includes('query CheckoutSummary')) last = body.variables ?? null;
    });
    return () => last;
  }

  /** What the `checkout` query answers for the page's lines delivered to the address typed in. */
  async function serverSummary(variables: Record<string, unknown> | null): Promise<Summary> {
    expect(variables).not.toBeNull();
    const input = { ...(variables?.input as object), deliveryAddress: GERMAN_ADDRESS };
    const { body } = await app.server.graphql(CHECKOUT_SUMMARY, { input });
    expect(body.errors).toBeUndefined();
    return (body.data as { checkout: Summary }).checkout;
  }

  /** The summary once it is worked out for what is on the form (not being asked again). */
  async function settledSummary(page: Page): Promise<void> {
    await page.locator(byTestId('checkout-total')).waitFor();
    await expect
      .poll(() => page.locator(byTestId('summary-amounts')).getAttribute('aria-busy'), { timeout: 15_000 })
      .toBeNull();
  }

  async function summaryMatchesServer(
    page: Page,
    lang: 'en' | 'de',
    variables: Record<string, unknown> | null,
  ) {
    const expected = await serverSummary(variables);
    const tax = expected.charges.find((c) => c.kind === 'TAX');
    const shipping = expected.charges.find((c) => c.kind === 'SHIPPING');
    expect(tax?.rate).toBe('19');
    expect(Number(shipping?.amount.amount)).toBeGreaterThan(0);
    const shown = (id: string) => page.locator(byTestId(id));
    const taxRow = shown('summary-charge-tax');
    expect((await taxRow.locator('th').textContent())?.trim()).toMatch(WORDS[lang].vat);
    expect(digits((await taxRow.locator('td').textContent()) ?? '')).toBe(digits(tax?.amount.amount ?? 'x'));
    const shippingRow = shown('summary-charge-shipping');
    expect(digits((await shippingRow.locator('td').textContent()) ?? '')).toBe(
      digits(shipping?.amount.amount ?? 'x'),
    );
    expect(digits((await shown('summary-goods').textContent()) ?? '')).toBe(digits(expected.goods.amount));
    expect(digits((await shown('checkout-total').textContent()) ?? '')).toBe(digits(expected.total.amount));
    return expected;
  }

  /** A bad postal code: the server's message beside the field, focused; gone once the field is edited. */
  async function postalCodeRefusedThenFixed(page: Page): Promise<void> {
    const postal = page.locator(byTestId('input-delivery-postalCode'));
    await postal.fill('1234');
    await page.locator(byTestId('place-order')).click();
    const error = page.locator(byTestId('error-delivery-postalCode'));
    await error.waitFor();
    expect(await error.textContent()).toMatch(/1234|10115/);
    expect(await postal.getAttribute('aria-invalid')).toBe('true');
    expect(await postal.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('input-delivery-postalCode');
    expect(page.url()).toContain('/checkout/standing-desk');
    // Beside the button, far from the field on a desktop: a note to look at the fields.
    expect(await page.locator(byTestId('order-error')).count()).toBe(1);
    await postal.fill('10115');
    expect(await error.count()).toBe(0);
    expect(await page.locator(byTestId('order-error')).count()).toBe(0);
    expect(await postal.getAttribute('aria-invalid')).toBeNull();
  }

  for (const { lang, width, height } of CASES) {
    it(`a guest configures a desk and orders it with a German address (${lang}, ${width}×${height})`, async () => {
      const { page, errors } = await newPage(browser, width);
      pageErrors.push(errors);
      await page.setViewportSize({ width, height });
      const summaryVariables = watchSummaryRequests(page);

      await page.goto(`${app.base}/configure/standing-desk?width_mm=1700&lang=${lang}`);
      await page.locator(byTestId('price-total')).waitFor();
      await page.locator(byTestId('go-to-order')).click();
      await page.waitForURL(/\/checkout\/standing-desk/);
      await fillCheckout(page);

      // The form speaks the reader's language.
      expect((await page.locator('label[for="checkout-delivery-postalCode"]').textContent())?.trim()).toBe(
        WORDS[lang].postalCode,
      );
      expect((await page.locator('label[for="checkout-delivery-line1"]').textContent())?.trim()).toBe(
        WORDS[lang].street,
      );
      expect((await page.locator(byTestId('place-order')).textContent())?.trim()).toBe(WORDS[lang].place);
      expect(await page.locator(byTestId('input-delivery-postalCode')).getAttribute('autocomplete')).toBe(
        'shipping postal-code',
      );

      // Before ordering: the summary the server works out for this desk delivered to Germany.
      await settledSummary(page);
      const expected = await summaryMatchesServer(page, lang, summaryVariables());
      expect(await page.locator(byTestId('promise-date')).getAttribute('datetime')).toMatch(
        /^\d{4}-\d\d-\d\d$/,
      );
      expect(await sidewaysOverflow(page)).toBe(0);
      const axe = await seriousAxeViolations(page, `checkout ${lang} at ${width} px`);
      expect(axe.map((v) => v.id)).toEqual([]);
      if (width === 1440) await screenshots(page, `checkout-${lang}`);

      await postalCodeRefusedThenFixed(page);

      await page.locator(byTestId('place-order')).click();
      await page.waitForURL(/\/track\/[^/?]+\?placed=1$/);
      const number = ((await page.locator(byTestId('order-number')).textContent()) ?? '').trim();
      expect(number).toMatch(/^MTO-/);
      await page.context().close();

      // The acknowledgement reaches the customer's inbox, with the total the summary showed.
      const mail = await smtp.waitForMail((m) => m.subject?.includes(number) ?? false, 15_000);
      expect(mail.envelope.to).toEqual(['ada@example.com']);
      expect(mail.text).toContain(`${expected.total.amount} ${expected.total.currency}`);
    });
  }

  it('the terms of sale must be accepted, and are readable on the page', async () => {
    const { page, errors } = await newPage(browser, 1440);
    pageErrors.push(errors);
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await fillCheckout(page, { skipTerms: true });
    await page.locator(byTestId('terms-text')).locator('summary').click();
    expect(((await page.locator(byTestId('terms-text')).textContent()) ?? '').length).toBeGreaterThan(200);
    await page.locator(byTestId('place-order')).click();
    await page.locator(byTestId('error-terms')).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('accept-terms');
    // By keyboard: the box has the focus, Space ticks it.
    await page.keyboard.press('Space');
    expect(await page.locator(byTestId('accept-terms')).isChecked()).toBe(true);
    expect(await page.locator(byTestId('error-terms')).count()).toBe(0);
    await page.context().close();
  });

  it('a deposit and a US state: the summary is asked again and shows the deposit due now and sales tax', async () => {
    const { page, errors } = await newPage(browser, 1440);
    pageErrors.push(errors);
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await fillCheckout(page);
    await settledSummary(page);
    expect(await page.locator(byTestId('summary-deposit')).count()).toBe(0);
    // The payment cards are radios: the arrow key moves to the deposit.
    await page.locator(`${byTestId('payment-invoice-14')} input`).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(`${byTestId('payment-deposit-30')} input`).isChecked()).toBe(true);
    await settledSummary(page);
    await page.locator(byTestId('summary-deposit')).waitFor();
    const total = digits((await page.locator(byTestId('checkout-total')).textContent()) ?? '');
    const deposit = digits((await page.locator(byTestId('summary-deposit')).textContent()) ?? '');
    expect(Number(deposit)).toBeGreaterThan(0);
    expect(Number(deposit)).toBeLessThan(Number(total));

    // The United States: a state is asked for (a select), then the summary follows it.
    await page.locator(byTestId('input-delivery-country')).selectOption('US');
    await page.locator(byTestId('summary-needs-region')).waitFor();
    const region = page.locator(byTestId('input-delivery-region'));
    expect(await region.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await page.locator(byTestId('input-delivery-postalCode')).getAttribute('placeholder')).toMatch(
      /^\d{5}$/,
    );
    await region.selectOption('NY');
    await settledSummary(page);
    expect(await page.locator(byTestId('summary-charge-shipping')).count()).toBe(1);
    expect((await page.locator(byTestId('summary-charge-tax')).locator('th').textContent())?.trim()).toMatch(
      /^Sales tax \d/,
    );
    await page.context().close();
  });

  it('a total that changed since it was shown places nothing: the new summary asks to confirm, then the order is placed', async () => {
    const { page, errors } = await newPage(browser, 1440);
    pageErrors.push(errors);
    // The first order request says the customer saw another total (as when prices changed meanwhile).
    let tampered = 0;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as {
        query?: string;
        variables?: { input?: Record<string, unknown> };
      };
      if (tampered === 0 && body?.query?.includes('mutation Checkout') && body.variables?.input) {
        tampered++;
        body.variables.input.expectedTotal = '100';
        return route.continue({ postData: JSON.stringify(body) });
      }
      return route.continue();
    });
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await fillCheckout(page);
    await settledSummary(page);
    const shown = (await page.locator(byTestId('checkout-total')).textContent())?.trim() ?? '';
    await page.locator(byTestId('place-order')).click();
    const notice = page.locator(byTestId('price-changed'));
    await notice.waitFor();
    expect(await notice.textContent()).toContain(shown);
    expect(page.url()).toContain('/checkout/standing-desk');
    await page.locator(byTestId('place-order')).click();
    await page.waitForURL(/\/track\/[^/?]+\?placed=1$/);
    expect(tampered).toBe(1);
    await page.context().close();
  });

  it('staff may leave the address out: shipping and tax are then agreed, and the order is placed', async () => {
    const { page, errors } = await newSignedInPage(browser, app, 'sales', 1440);
    pageErrors.push(errors);
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await page.locator(byTestId('staff-address-hint')).waitFor();
    await page.locator(byTestId('summary-agreed')).waitFor();
    expect(await page.locator(byTestId('checkout-total')).count()).toBe(0);
    await page.locator(byTestId('customer-name')).fill('Phoned-in Customer');
    await page.locator(byTestId('customer-email')).fill('phone@example.com');
    await page.locator(byTestId('place-order')).click();
    await page.waitForURL(/\/orders\/MTO-[^/?]+\?placed=1$/);
    await page.context().close();
  });

  it('a signed-in customer finds their details and their account’s addresses filled in, and only accepts the terms', async () => {
    const { page, errors } = await newSignedInPage(browser, app, 'customer', 1440);
    pageErrors.push(errors);
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    const line1 = page.locator(byTestId('input-delivery-line1'));
    await expect.poll(() => line1.inputValue()).toBe('Musterstraße 1');
    expect(await page.locator(byTestId('customer-email')).inputValue()).toBe('customer@demo.example');
    expect(await page.locator(byTestId('input-delivery-name')).inputValue()).toBe('Goods receiving, gate 2');
    // The account's billing address goes to accounts payable: another address, so not "the same".
    expect(await page.locator(byTestId('billing-same')).isChecked()).toBe(false);
    expect(await page.locator(byTestId('input-billing-name')).inputValue()).toBe('Accounts payable');
    await settledSummary(page);
    await page.locator(byTestId('accept-terms')).check();
    await page.locator(byTestId('place-order')).click();
    await page.waitForURL(/\/orders\/MTO-[^/?]+\?placed=1$/);
    await page.context().close();
  });

  it('a VAT id: a malformed one is refused beside its field; a French one delivered to France is a reverse charge', async () => {
    const { page, errors } = await newPage(browser, 1440);
    pageErrors.push(errors);
    await page.goto(`${app.base}/checkout/standing-desk?width_mm=1700`);
    await fillCheckout(page, {
      address: { country: 'FR', postalCode: '75001', city: 'Paris', line1: '1 rue de Rivoli' },
    });
    await settledSummary(page);
    const vatId = page.locator(byTestId('input-business-vatId'));
    await vatId.fill('FR12');
    await vatId.press('Tab');
    const error = page.locator(byTestId('error-business-vatId'));
    await error.waitFor();
    expect(await vatId.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    await vatId.fill('FR40303265045');
    expect(await error.count()).toBe(0);
    await vatId.press('Tab');
    await expect
      .poll(() => page.locator(byTestId('summary-tax-note')).textContent(), { timeout: 15_000 })
      .toMatch(/^Reverse charge/);
    await settledSummary(page);
    const tax = page.locator(byTestId('summary-charge-tax'));
    expect((await tax.locator('th').textContent())?.trim()).toMatch(/^VAT 0\s?%/);
    expect(digits((await tax.locator('td').textContent()) ?? '')).toMatch(/^0+$/);
    // The desk's list is gross: the German VAT it contains is taken out, so the business pays the net.
    const removed = page.locator(byTestId('summary-charge-seller-vat-removed'));
    expect((await removed.locator('th').textContent())?.trim()).toMatch(
      /^German VAT 19\s?% in the prices, not charged/,
    );
    expect((await removed.locator('td').textContent())?.trim()).toMatch(/^[−-]/);
    await page.context().close();
  });
});
