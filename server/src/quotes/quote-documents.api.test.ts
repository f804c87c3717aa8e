import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { startTestSmtpServer, type TestSmtpServer } from '../test-support/smtp.js';
import { formatDate, formatMoney } from './document/format.js';
import { pdfText } from './document/pdf-text.js';
import { DESK, E_BIKE, QuoteApi } from './quotes.test-support.js';

const TODAY = '2026-12-01';
const PUBLIC_URL = 'https://shop.example.test';

const minor = (amount: string): number => Math.round(Number(amount) * 100);

describe.each(await testDialects())('the quote document and its mail on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let api: QuoteApi;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startTestServer(dialect, {
      today: TODAY,
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Quotes <quotes@works.example>' },
    });
    api = new QuoteApi(server);
    await api.setRules([]);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}${path}`, { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  }

  it('sends the quote by mail with the link to its page and its PDF, which holds the lines, their labels, the total and the ship dates', async () => {
    const { quote, token } = await api.sent(
      server.callers.accountIds.A,
      [{ configuration: { ...E_BIKE, quantity: 2 }, discountPercent: '5' }, { configuration: DESK }],
      { terms: 'Payment within 30 days', noteToCustomer: 'Thank you for your visit' },
    );
    const mail = await smtp.waitForMail((received) => received.subject?.includes(quote.reference) === true);
    expect(mail.envelope.to).toEqual(['anna@customer-a.test']);
    expect(mail.subject).toBe(`Quote ${quote.reference} from MTO Works GmbH`);
    expect(mail.text).toContain(`${PUBLIC_URL}/quotes/${token}`);
    expect(mail.text).toContain(`valid until ${quote.validUntil}`);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: `${quote.reference}.pdf`, contentType: 'application/pdf' });

    const text = await pdfText(attachment!.content);
    expect(text).toContain(quote.reference);
    expect(text).toContain('Custom e-bike');
    expect(text).toContain('Motor');
    expect(text).toContain('500 W mid-drive motor, 85 Nm');
    expect(text).toContain('Payment within 30 days');
    expect(text).toContain('Estimated ship date if accepted today');
    expect(text).toContain(formatMoney(minor(quote.totals.totalWithTax.amount), 'EUR'));
    expect(text).toContain(formatMoney(minor(quote.lines[0]!.discount.amount), 'EUR'));
    const { quote: withPromise } = await server.data<{
      quote: { lines: { promise: { shipDate: string } }[] };
    }>('query($id: Int!) { quote(id: $id) { lines { promise { shipDate } } } }', { id: quote.id });
    expect(text).toContain(formatDate(withPromise.lines[0]!.promise.shipDate));

    // The customer's link serves the same document, the latest revision sent.
    const page = await get(`/quotes/${token}/document.pdf`);
    expect(page).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(await pdfText(page.body)).toContain(quote.reference);
  });

  it('serves the latest sent revision on the link, any revision to sales staff, and nothing to anyone else', async () => {
    const { quote, token } = await api.sent(server.callers.accountIds.A);
    const next = await api.act('reviseQuote', quote.id);
    await api.updateLine(next.lines[0]!.id, { quantity: 4 });
    // A draft is not the customer's yet.
    expect(await pdfText((await get(`/quotes/${token}/document.pdf`)).body)).toContain(quote.reference);
    await api.act('sendQuote', next.id);
    const latest = await pdfText((await get(`/quotes/${token}/document.pdf`)).body);
    expect(latest).toContain(next.reference);
    expect(latest).not.toContain(quote.reference);

    const staff = await get(`/staff/quotes/${quote.id}/document.pdf`, server.headersFor('sales'));
    expect(staff).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(await pdfText(staff.body)).toContain(quote.reference);
    expect((await get(`/staff/quotes/${quote.id}/document.pdf`, server.headersFor('customerA'))).status).toBe(
      403,
    );
    expect((await get(`/staff/quotes/${quote.id}/document.pdf`)).status).toBe(401);
    expect((await get(`/staff/quotes/987654/document.pdf`, server.headersFor('sales'))).status).toBe(404);
    expect((await get(`/quotes/${'x'.repeat(43)}/document.pdf`)).status).toBe(404);
    expect((await get('/quotes/short/document.pdf')).status).toBe(404);
  });
});
