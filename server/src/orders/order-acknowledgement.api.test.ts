import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { startTestSmtpServer, type TestSmtpServer } from '../test-support/smtp.js';

const PLACE_ORDER = operation('checkout');
const TRACKED_ORDER = operation('tracked-order');
const CUSTOMER_ORDER = operation('customer-order');
const PUBLIC_URL = 'https://shop.example.test';

/** A desk with an oak top in natural hardwax oil, 1600 mm wide: labels the mail must show instead of codes. */
const OAK_DESK = {
  productCode: 'standing-desk',
  quantity: 2,
  selections: [
    { feature: 'width_mm', value: '1600' },
    { feature: 'top_material', value: 'oak' },
    { feature: 'top_finish', value: 'oil_natural' },
  ],
};

interface Placed {
  placeOrder: {
    __typename: string;
    number?: string;
    trackingToken?: string | null;
    total?: { amount: string; currency: string };
    goods?: { amount: string; currency: string };
    charges?: { label: string; rate: string | null; included: boolean; amount: { amount: string } }[];
    lines?: { options: { featureLabel: string; valueLabel: string; value: string }[] }[];
    code?: string;
  };
}

describe.each(await testDialects())('the order acknowledgement mail on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startTestServer(dialect, {
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Orders <orders@works.example>' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const place = (input: Record<string, unknown>, as: 'anonymous' | 'customerA' = 'anonymous') =>
    server.data<Placed>(PLACE_ORDER, { input }, { as }).then((data) => data.placeOrder);
  const mailsAbout = (number: string) => smtp.messages.filter((mail) => mail.subject?.includes(number));
  const outbox = async () => (await server.rowCounts()).outgoing_mail;

  it('sends a guest one mail with the number, the options by label, the total and the link that opens the order; a retry sends no second', async () => {
    const input = {
      lines: [OAK_DESK],
      customer: { name: 'Greta Guest', email: 'greta@guest.test' },
      idempotencyKey: `ack-${dialect}`,
      ...DEMO_CHECKOUT,
    };
    const placed = await place(input);
    expect(placed.__typename).toBe('Order');
    const number = placed.number!;
    const mail = await smtp.waitForMail((received) => received.subject?.includes(number) === true);
    expect(mail.envelope.to).toEqual(['greta@guest.test']);
    expect(mail.subject).toBe(`Your order ${number} is confirmed`);
    const text = mail.text ?? '';
    expect(text).toContain('Dear Greta Guest,');
    expect(text).toContain('2 × Made-to-measure standing desk');
    expect(text).toContain('Surface finish: Natural hardwax oil');
    expect(text).toContain('Top material: Solid European oak, 25 mm');
    expect(text).toContain('Width: 1600 mm');
    expect(text).not.toContain('oil_natural');
    expect(text).toMatch(/We promise to ship by: \w{3}, \d{1,2} \w{3} \d{4}/);
    const total = `${placed.total!.amount} ${placed.total!.currency}`;
    expect(text).toContain(`Total: ${total}`);
    // Goods, shipping and the VAT contained in the gross prices, the delivery address and the payment terms.
    expect(text).toContain(`Goods: ${placed.goods!.amount} EUR`);
    for (const charge of placed.charges!) expect(text).toContain(charge.label);
    expect(placed.charges!.map((charge) => charge.label).join()).toMatch(/shipping/i);
    expect(text).toContain('Delivery address: Ada Lovelace, Invalidenstraße 117, 10115 Berlin, Germany');
    expect(text).toMatch(/Payment terms: Pay on invoice/);
    // Nothing internal: no part numbers (DSK-TOP-OAK-25), suppliers or work orders.
    expect(text).not.toMatch(/DSK-[A-Z]|supplier|Egger|Forbo|work order|PACK-01/i);
    expect(mail.html).toContain('Natural hardwax oil');
    expect(mail.html).toContain(total);

    // The link opens the order: the guest's tracking link with the token only this placement had.
    const link = text.match(new RegExp(`${PUBLIC_URL}/track/(\\S+)`));
    expect(link?.[1]).toBe(placed.trackingToken);
    const tracked = await server.data<{ trackedOrder: { number: string } | null }>(
      TRACKED_ORDER,
      { token: decodeURIComponent(link![1]!) },
      { as: 'anonymous' },
    );
    expect(tracked.trackedOrder?.number).toBe(number);

    // A retry with the same key answers the same order and writes no second mail.
    const before = await outbox();
    const again = await place(input);
    expect(again.number).toBe(number);
    expect(await outbox()).toBe(before);
    expect(mailsAbout(number)).toHaveLength(1);
  });

  it('links an account’s order to its page, which the customer opens signed in', async () => {
    const placed = await place(
      { lines: [OAK_DESK], customer: { name: 'Anna A', email: 'anna@customer-a.test' }, ...DEMO_CHECKOUT },
      'customerA',
    );
    const number = placed.number!;
    const mail = await smtp.waitForMail((received) => received.subject?.includes(number) === true);
    expect(mail.text).toContain(`${PUBLIC_URL}/orders/${number}`);
    expect(mail.text).not.toContain('/track/');
    const opened = await server.data<{ order: { number: string } | null }>(
      CUSTOMER_ORDER,
      { number },
      { as: 'customerA' },
    );
    expect(opened.order?.number).toBe(number);
  });

  it('shows every value in force in words on the order (public), and writes no mail for a refused order', async () => {
    const placed = await place({
      lines: [OAK_DESK],
      customer: { name: 'Olga', email: 'olga@guest.test' },
      ...DEMO_CHECKOUT,
    });
    const options = placed.lines![0]!.options;
    expect(options).toContainEqual(
      expect.objectContaining({
        featureLabel: 'Surface finish',
        value: 'oil_natural',
        valueLabel: 'Natural hardwax oil',
      }),
    );
    expect(options).toContainEqual(
      expect.objectContaining({ featureLabel: 'Anti-collision sensor', valueLabel: 'Yes' }),
    );
    expect(options).toContainEqual(
      expect.objectContaining({ featureLabel: 'Accessories', valueLabel: 'Steel cable tray' }),
    );

    const before = await outbox();
    const refused = await place({
      lines: [{ ...OAK_DESK, selections: [{ feature: 'top_material', value: 'plywood' }] }],
      customer: { name: 'Rita Refused', email: 'rita@guest.test' },
      ...DEMO_CHECKOUT,
    });
    expect(refused.__typename).not.toBe('Order');
    expect(await outbox()).toBe(before);
  });
});
