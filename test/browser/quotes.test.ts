// Quoting in a real browser (issue 14), against the BUILT server on a fresh SQLite file with the planning
// date fixed (MTO_TODAY) and its mail going to a real SMTP server in this process (SMTP_URL): a rep quotes
// two products for the demo's USD account, sets a quote discount that needs approval (the editor says so
// as it is typed), submits it; the sales manager approves it from the approval queue; the rep sends it;
// the mail with the customer's link arrives; the customer opens the link, reads the lines and total and
// accepts; the order exists at the quoted USD prices; the quote's PDF says the lines, their option labels
// and the total. Screenshots of each page at 1440 and 375 px go to artifacts/screenshots/ (git-ignored).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../server/src/quotes/document/pdf-text.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../server/src/test-support/smtp.js';
import { type DemoRole, operation } from '../support/built-server.js';
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

const TODAY = '2026-12-01';
const QUOTE = operation('sales-quote.graphql');
const ORDER = operation('order.graphql');

const byTestId = (id: string): string => `[data-testid="${id}"]`;
/** The digits of a price as a page writes it ("1,234.00 USD", "$1,234.00" -> "1234.00"). */
const amountOf = (text: string | null): string => (text ?? '').replace(/[^\d.]/g, '');

interface QuotedLine {
  productCode: string;
  productName: string;
  quantity: number;
  options: { feature: string; value: string }[];
  unitPrice: { amount: string; currency: string };
  net: { amount: string; currency: string };
}
interface Quoted {
  id: number;
  reference: string;
  status: string;
  currency: string;
  lines: QuotedLine[];
  totals: { total: { amount: string; currency: string }; totalWithTax: { amount: string; currency: string } };
  order: { number: string } | null;
}

describe.runIf(browserTestsRun())('quoting in the browser, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let smtp: TestSmtpServer;
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    [app, browser] = await Promise.all([
      startApp({ env: { MTO_TODAY: TODAY, SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
  });

  afterEach(() => {
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  async function open(path: string, as: DemoRole | 'guest', width?: number): Promise<Page> {
    const { page, errors } =
      as === 'guest' ? await newPage(browser, width) : await newSignedInPage(browser, app, as, width);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  /** The quote as the server has it (read as the rep: the staff fields too). */
  async function quoted(id: number): Promise<Quoted> {
    const { body } = await app.server.graphql(QUOTE, { id }, { sessionToken: await app.session('sales') });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return (body.data as { quote: Quoted }).quote;
  }

  /** Configures a product for the quote from the editor's "Add a line" and puts it on the quote. */
  /** Answers the price the configurator showed for it. */
  async function addLine(
    page: Page,
    productCode: string,
    choose: (page: Page) => Promise<void>,
  ): Promise<string> {
    await page.locator(byTestId(`add-line-${productCode}`)).click();
    await page.waitForURL(new RegExp(`/configure/${productCode}\\?`));
    await page.locator(byTestId('price-total')).waitFor();
    // Opened in the quote's currency: the configurator prices as the quote will.
    // (The configurator writes money in the reader's locale: "$1,311.07" or "US$1,311.07".)
    await expect.poll(() => page.locator(byTestId('price-total')).textContent()).toMatch(/\$[\d,]+\.\d\d$/);
    await choose(page);
    const add = page.locator(byTestId('add-to-quote'));
    await expect.poll(() => add.isEnabled()).toBe(true);
    expect(await add.textContent()).toMatch(/Add to quote Q-\d{4}-\d{6}/);
    const shown = (await page.locator(byTestId('price-total')).textContent())?.trim() ?? '';
    await add.click();
    await page.waitForURL(/\/sales\/quotes\/\d+\?added=1$/);
    await page.locator(byTestId('line-added')).waitFor();
    return shown;
  }

  it('a rep quotes two products in USD, a manager approves the discount, the customer accepts by the mailed link, and the order keeps the quoted prices', async () => {
    // ----- the rep: a new quote for the demo's USD account -----
    const rep = await open('/sales/quotes', 'sales');
    await rep.locator(byTestId('new-quote')).click();
    const picker = rep.locator(byTestId('account-picker'));
    await picker.locator(byTestId('account-choices')).locator('li').first().waitFor();
    const usdAccount = picker.locator(byTestId('account-choices')).locator('li', { hasText: 'USD' }).first();
    const accountName = (await usdAccount.locator('strong').textContent())?.trim() ?? '';
    expect(accountName).not.toBe('');
    await usdAccount.getByRole('button').click();
    await rep.waitForURL(/\/sales\/quotes\/\d+$/);
    const quoteId = Number(new URL(rep.url()).pathname.split('/').pop());
    const reference = (await rep.locator(byTestId('quote-reference')).textContent())?.trim() ?? '';
    expect(reference).toMatch(/^Q-\d{4}-\d{6}/);
    expect(await rep.locator(byTestId('quote-account')).textContent()).toBe(accountName);
    expect(await rep.locator(byTestId('quote-price-list')).textContent()).toContain('USD');
    expect(await rep.locator(byTestId('quote-status')).getAttribute('data-status')).toBe('DRAFT');

    // Two lines from the configurator: a desk as it comes, and an e-bike with the 750 Wh battery.
    const deskPrice = await addLine(rep, 'standing-desk', async () => {});
    await addLine(rep, 'e-bike', async (page) => {
      await page.locator(byTestId('option-battery-b750')).click();
      await expect.poll(() => page.locator(byTestId('add-to-quote')).isEnabled()).toBe(true);
    });
    const lines = rep.locator(byTestId('quote-line'));
    expect(await lines.count()).toBe(2);
    expect(await lines.nth(1).locator(byTestId('line-options')).textContent()).toMatch(/750/);
    // The account buys by the USD list prices: the line is priced as the configurator showed it.
    // The editor writes money in the reader's locale (formatMoney: "$1,234.00" in this en-US browser).
    const unitPrice = (await lines.nth(0).locator(byTestId('line-unit-price')).textContent()) ?? '';
    expect(amountOf(unitPrice)).toBe(amountOf(deskPrice));
    expect(unitPrice).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(deskPrice).toMatch(/USD|\$/);
    // Sales staff see each line's cost (the models cost in EUR: no USD margin, never converted) and when it ships.
    expect(await lines.nth(0).locator(byTestId('line-cost')).textContent()).toMatch(/€[\d,]+\.\d\d each/);
    expect(await lines.nth(1).locator(byTestId('line-ship-date')).textContent()).toMatch(/\d{4}/);

    // A quote discount above the rule's 10 %: the editor says it needs approval as it is typed.
    // Who it goes to, typed in the editor.
    await rep.locator(byTestId('quote-recipient-email')).fill('purchasing@lakeside.example');
    await rep.locator(byTestId('quote-discount')).fill('15');
    await rep.locator(byTestId('approval-trigger')).first().waitFor();
    expect(await rep.locator(byTestId('approval-trigger')).first().textContent()).toMatch(/approval/);
    await expect.poll(() => rep.locator(byTestId('save-state')).textContent()).toBe('All changes saved.');
    expect(await rep.locator(byTestId('totals-header-discount')).textContent()).toMatch(/\$[\d,]+\.\d\d$/);
    expect(await rep.locator(byTestId('action-SEND')).count()).toBe(0);
    await screenshots(rep, 'quote-editor');
    await rep.locator(byTestId('action-SUBMIT_FOR_APPROVAL')).click();
    await expect
      .poll(() => rep.locator(byTestId('quote-status')).getAttribute('data-status'))
      .toBe('PENDING_APPROVAL');
    const before = await quoted(quoteId);
    expect(before.currency).toBe('USD');
    expect(before.lines.map((l) => l.productCode)).toEqual(['standing-desk', 'e-bike']);

    // ----- the manager approves it from the queue, with a comment -----
    const manager = await open('/sales/approvals', 'salesManager');
    const pending = manager.locator(byTestId(`approval-${reference}`));
    await pending.waitFor();
    expect(await pending.locator(byTestId('approval-trigger')).first().textContent()).toMatch(/15/);
    await screenshots(manager, 'approval-queue');
    await pending.locator(byTestId('approval-comment')).fill('Fine for a first order.');
    await pending.locator(byTestId('approve')).click();
    await manager.locator(byTestId('decided')).waitFor();
    expect(await manager.locator(byTestId(`approval-${reference}`)).count()).toBe(0);
    await manager.context().close();

    // ----- the rep sends it: the link is shown once, and mailed -----
    await rep.reload();
    await expect
      .poll(() => rep.locator(byTestId('quote-status')).getAttribute('data-status'))
      .toBe('APPROVED');
    await rep.locator(byTestId('action-SEND')).click();
    const shown = rep.locator(byTestId('customer-link'));
    await shown.waitFor();
    const link = (await shown.textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${app.base}/quotes/[A-Za-z0-9_-]{20,}$`));
    expect(await rep.locator(byTestId('quote-status')).getAttribute('data-status')).toBe('SENT');
    expect(await rep.locator(byTestId('quote-event')).allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Approved.*manager@demo\.example.*Fine for a first order/),
      ]),
    );
    // The rep's own copy of the document, signed in.
    const staffPdf = await rep.request.get(`${app.base}/staff/quotes/${quoteId}/document.pdf`);
    expect(staffPdf.status()).toBe(200);
    expect(staffPdf.headers()['content-type']).toContain('application/pdf');
    expect(await rep.locator(byTestId('download-pdf')).getAttribute('href')).toBe(
      `/staff/quotes/${quoteId}/document.pdf`,
    );
    const mail = await smtp.waitForMail((m) => (m.subject ?? '').includes(reference.slice(0, 14)));
    const token = link.split('/quotes/')[1]!;
    expect(mail.envelope.to).toEqual(['purchasing@lakeside.example']);
    expect(mail.text ?? '').toContain(`/quotes/${token}`);
    await rep.context().close();

    // ----- the customer opens the link, reads the quote and accepts -----
    const customer = await open(`/quotes/${token}`, 'guest', 390);
    await customer.locator(byTestId('customer-quote-lines')).waitFor();
    expect(await sidewaysOverflow(customer)).toBe(0);
    const customerLines = customer.locator(byTestId('customer-quote-line'));
    expect(await customerLines.count()).toBe(2);
    expect(await customerLines.nth(0).textContent()).toContain(before.lines[0]!.productName);
    expect(await customerLines.nth(1).textContent()).toContain(
      before.lines[1]!.options.find((o) => /750/.test(o.value))!.value,
    );
    expect(await customerLines.nth(0).locator(byTestId('customer-line-ship-date')).textContent()).toContain(
      'Estimated ship date if accepted today',
    );
    const total = (await customer.locator(byTestId('customer-quote-total')).textContent())?.trim() ?? '';
    expect(total).toMatch(/^\$[\d,]+\.\d\d$/);
    // No cost, margin or internal note for the customer.
    expect(await customer.locator('main').textContent()).not.toMatch(/margin|cost|internal/i);
    expect(await seriousAxeViolations(customer, 'customer quote at 390 px')).toEqual([]);
    await screenshots(customer, 'customer-quote');
    await customer.locator(byTestId('accept-quote')).click();
    await customer.locator(byTestId('confirm-dialog')).waitFor();
    await customer.locator(byTestId('confirm-yes')).click();
    await customer.locator(byTestId('customer-quote-accepted')).waitFor();
    const orderNumber =
      (await customer.locator(byTestId('customer-order-number')).textContent())?.trim() ?? '';
    expect(orderNumber).toMatch(/^MTO-/);
    expect(await customer.locator(byTestId('follow-order')).count()).toBe(1);
    await customer.context().close();

    // ----- the order exists at the quoted USD prices -----
    const accepted = await quoted(quoteId);
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.order?.number).toBe(orderNumber);
    const { body } = await app.server.graphql(
      ORDER,
      { number: orderNumber },
      { sessionToken: await app.session('sales') },
    );
    const order = (
      body.data as {
        order: {
          total: { amount: string; currency: string };
          lines: {
            quantity: number;
            product: { code: string };
            price: { unitPrice: { amount: string; currency: string } };
          }[];
        };
      }
    ).order;
    expect(order.total).toEqual(accepted.totals.total);
    expect(order.total.currency).toBe('USD');
    expect(order.lines.map((l) => [l.product.code, l.quantity, l.price.unitPrice.currency])).toEqual(
      accepted.lines.map((l) => [l.productCode, l.quantity, 'USD']),
    );

    // ----- the rep's list: filtered by status in the URL, the pipeline's value in USD -----
    const list = await open('/sales/quotes?status=ACCEPTED', 'sales');
    const row = list.locator(byTestId(`quote-row-${accepted.reference}`));
    await row.waitFor();
    expect(await row.locator(byTestId('quote-status')).getAttribute('data-status')).toBe('ACCEPTED');
    expect(await list.locator(byTestId('filter-status')).inputValue()).toBe('ACCEPTED');
    expect(await list.locator(byTestId('pipeline-ACCEPTED')).textContent()).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
        Number(accepted.totals.total.amount),
      ),
    );
    await screenshots(list, 'quotes-list');
    await list.context().close();

    // ----- the quote's PDF: the lines, their option labels and the total -----
    const pdf = await fetch(`${app.base}/quotes/${token}/document.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain(reference.slice(0, 14));
    for (const line of accepted.lines) {
      expect(text).toContain(line.productName);
      for (const option of line.options) expect(text).toContain(option.value);
    }
    expect(text).toMatch(
      new RegExp(accepted.totals.total.amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',').replace('.', '\\.')),
    );
  });

  it('a sent quote revised in the editor: the customer’s link opens the new revision and says what changed', async () => {
    const sessionToken = await app.session('sales');
    const asSales = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await app.server.graphql(query, variables, { sessionToken });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data as Record<string, Record<string, unknown>>;
    };
    const { customerAccounts } = (await asSales('{ customerAccounts { id currency } }', {})) as unknown as {
      customerAccounts: { id: number; currency: string }[];
    };
    const account = customerAccounts.find((a) => a.currency === 'EUR')!;
    const started = await asSales(operation('start-quote.graphql'), { accountId: account.id });
    const quoteId = started.createQuote!.id as number;
    await asSales(operation('add-line-to-quote.graphql'), {
      quoteId,
      configuration: { productCode: 'standing-desk', selections: [], quantity: 1 },
    });
    const sent = await asSales(operation('send-quote.graphql'), { id: quoteId });
    const link = sent.sendQuote!.customerLink as string;
    const first = sent.sendQuote!.reference as string;

    // The rep revises it: the editor opens the next revision, a draft to change.
    const rep = await open(`/sales/quotes/${quoteId}`, 'sales');
    await rep.locator(byTestId('action-REVISE')).click();
    await expect
      .poll(() => rep.locator(byTestId('quote-reference')).textContent())
      .toBe(first.replace(/-R1$/, '-R2'));
    expect(new URL(rep.url()).pathname).not.toBe(`/sales/quotes/${quoteId}`);
    expect(await rep.locator(byTestId('quote-status')).getAttribute('data-status')).toBe('DRAFT');
    await rep.locator(byTestId('line-quantity')).fill('2');
    await expect.poll(() => rep.locator(byTestId('save-state')).textContent()).toBe('All changes saved.');
    expect(await rep.locator(byTestId('line-quantity')).inputValue()).toBe('2');
    // The rep reads what changed since the revision sent, as the customer will.
    await expect
      .poll(async () => (await rep.locator(byTestId('quote-change')).allTextContents()).join(' '))
      .toMatch(/quantity/i);
    expect(await rep.locator(byTestId('quote-changes')).textContent()).toContain(`since ${first}`);
    // The first revision says it was replaced, and links to the new one.
    const old = await open(`/sales/quotes/${quoteId}`, 'sales');
    await old.locator(byTestId('superseded')).waitFor();
    expect(await old.locator(byTestId('superseded')).textContent()).toContain(first.replace(/-R1$/, '-R2'));
    await old.context().close();
    // Two desks in EUR trigger no rule (the demo's margin rule is met): it goes out again as it is.
    expect(await rep.locator(byTestId('approval-none')).count()).toBe(1);
    expect(await rep.locator(byTestId('action-SUBMIT_FOR_APPROVAL')).count()).toBe(0);
    await rep.locator(byTestId('action-SEND')).click();
    await rep.locator(byTestId('customer-link')).waitFor();
    await rep.context().close();

    // The customer's first link shows the latest revision and what changed since theirs.
    const customer = await open(link, 'guest', 390);
    await customer.locator(byTestId('customer-quote-lines')).waitFor();
    expect(await customer.locator(byTestId('customer-quote-reference')).textContent()).toBe(
      first.replace(/-R1$/, '-R2'),
    );
    expect(await customer.locator(byTestId('quote-changes')).textContent()).toContain(`since ${first}`);
    expect((await customer.locator(byTestId('quote-change')).allTextContents()).join(' ')).toMatch(
      /quantity/i,
    );
    expect(
      await customer.locator(byTestId('customer-quote-line')).first().locator('h3').textContent(),
    ).toMatch(/^2 × /);
    await screenshots(customer, 'customer-quote-revised');
    await customer.context().close();
  });
});
