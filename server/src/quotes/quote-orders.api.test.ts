import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModelFiles } from '../catalog/demo-models.js';
import { systemClock } from '../db/clock.js';
import { createCatalogService } from '../services.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { Quote } from './quote.entity.js';
import { expireDueQuotes } from './quote-expiry.js';
import { DESK, E_BIKE, QuoteApi, refusal } from './quotes.test-support.js';

const TODAY = '2026-12-01';
const bikeSource = demoModelFiles().find((file) => file.code === 'e-bike')!.text;

describe.each(await testDialects())('quotes into orders on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  let accountA: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    accountA = server.callers.accountIds.A;
    await api.setRules([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function configuredPrice(): Promise<string> {
    const { configure } = await server.data<{ configure: { price: { unitPrice: { amount: string } } } }>(
      'query($input: ConfigurationInput!) { configure(input: $input) { price { unitPrice { amount } } } }',
      { input: E_BIKE },
    );
    return configure.price.unitPrice.amount;
  }

  it('keeps a sent quote and the order accepted from it at the quoted prices and version when the model is published again with other prices', async () => {
    const { quote, token } = await api.sent(accountA, [
      { configuration: { ...E_BIKE, quantity: 2 }, discountPercent: '5' },
    ]);
    const before = await api.quote(quote.id);
    expect(before!.lines[0]!.modelVersion).toBe(1);
    const oldPrice = await configuredPrice();

    const dearer = bikeSource.replace('basePrice: "1990.00"', 'basePrice: "2290.00"');
    expect(dearer).not.toBe(bikeSource);
    const published = await createCatalogService(server.running.orm.em.fork(), server.running.cache).publish(
      dearer,
    );
    if (!published.ok) throw new Error(JSON.stringify(published.problems));
    expect(published.version.version).toBe(2);
    // The model's price did change: a configuration now costs 300.00 more.
    expect(Number(await configuredPrice()) - Number(oldPrice)).toBeCloseTo(300, 2);

    // The quote, as staff and as the customer read it, is exactly as sent.
    expect(await api.quote(quote.id)).toEqual(before);
    const view = await api.customerQuote(token);
    expect(view!.quote.lines).toEqual(
      before!.lines.map(({ cost, margin, marginPercent, unitCost, ...line }) => line),
    );

    const accepted = await api.accept(token);
    expect(accepted.order.total).toEqual(before!.totals.total);
    expect(accepted.order.lines).toHaveLength(1);
    expect(accepted.order.lines[0]).toMatchObject({
      modelVersion: 1,
      quantity: 2,
      price: { total: { amount: before!.lines[0]!.netAfterHeaderDiscount.amount } },
    });
    expect(accepted.order.lines[0]!.price.lines.find((line) => line.code === 'base')!.amount.amount).toBe(
      '3980.00',
    );
    // And the order, read again later, still is.
    const { order } = await server.data<{
      order: { total: { amount: string }; lines: { modelVersion: number }[] };
    }>('query($n: String!) { order(number: $n) { total { amount } lines { modelVersion } } }', {
      n: accepted.order.number,
    });
    expect(order).toEqual({ total: { amount: before!.totals.total.amount }, lines: [{ modelVersion: 1 }] });
  });

  it('quotes a US account in USD by its net list with tax, and a rep’s acceptance on its behalf orders at the quoted USD prices', async () => {
    const { createCustomerAccount } = await server.data<{ createCustomerAccount: { id: number } }>(
      'mutation { createCustomerAccount(input: { name: "Lakeside Test Inc.", kind: COMPANY, currency: "USD" }) { id } }',
      {},
      { as: 'sales' },
    );
    const { quote } = await api.sent(
      createCustomerAccount.id,
      [{ configuration: E_BIKE, discountPercent: '7.5' }, { configuration: DESK }],
      { recipientName: 'Dana Buyer', recipientEmail: 'dana@lakeside.test', headerDiscountPercent: '2' },
    );
    expect(quote).toMatchObject({
      currency: 'USD',
      priceList: { code: 'usd-list', basis: 'NET', taxRatePercent: '19' },
      recipient: { name: 'Dana Buyer', email: 'dana@lakeside.test' },
    });
    for (const line of quote.lines) expect(line.unitPrice.currency).toBe('USD');
    // Net prices: 19 % tax on the total after discounts, rounded half-up once.
    const totalCents = Math.round(Number(quote.totals.total.amount) * 100);
    expect(Math.round(Number(quote.totals.tax.amount) * 100)).toBe(Math.round((totalCents * 19) / 100));
    expect(Number(quote.totals.totalWithTax.amount)).toBeCloseTo(
      Number(quote.totals.total.amount) + Number(quote.totals.tax.amount),
      2,
    );
    // The models' costs are in EUR: never converted, so a USD quote has no margin, and says why.
    expect(quote.cost).toBeNull();
    expect(quote.lines[0]!.unitCost!.currency).toBe('EUR');

    const accepted = await api.acceptOnBehalf(quote.id, 'Dana said yes on the phone');
    expect(accepted.quote).toMatchObject({ status: 'ACCEPTED', acceptedOnBehalf: true });
    expect(accepted.order.total).toEqual({ amount: quote.totals.total.amount, currency: 'USD' });
    accepted.order.lines.forEach((line, index) => {
      expect(line.price.currency).toBe('USD');
      expect(line.price.total.amount).toBe(quote.lines[index]!.netAfterHeaderDiscount.amount);
      const amounts = line.price.lines.map((priceLine) => Math.round(Number(priceLine.amount.amount) * 100));
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(Math.round(Number(line.price.total.amount) * 100));
    });
    const events = (await api.quote(quote.id))!.events!;
    expect(events.at(-1)).toMatchObject({
      kind: 'ACCEPTED',
      actor: 'sam@sales.test',
      onBehalf: true,
      comment: 'Dana said yes on the phone',
    });
  });

  it('refuses to accept a quote past its validity, expires it once, and a rep revises it', async () => {
    const { quote, token } = await api.sent(accountA);
    // The days pass: the quote was valid until yesterday.
    const em = server.running.orm.em.fork();
    await em.nativeUpdate(Quote, { id: quote.id }, { validUntil: '2026-11-30' });

    const late = refusal(await api.acceptAttempt(token));
    expect(late).toMatchObject({ code: 'QUOTE_EXPIRED' });
    expect(late!.message).toContain('2026-11-30');

    expect(await expireDueQuotes(server.running.orm.em.fork(), systemClock(TODAY))).toEqual([
      quote.reference,
    ]);
    expect(await expireDueQuotes(server.running.orm.em.fork(), systemClock(TODAY))).toEqual([]);
    const expired = await api.quote(quote.id);
    expect(expired).toMatchObject({ status: 'EXPIRED', allowedActions: ['REVISE'] });
    expect(expired!.events!.filter((event) => event.kind === 'EXPIRED')).toEqual([
      expect.objectContaining({ actor: 'system', fromStatus: 'SENT', toStatus: 'EXPIRED' }),
    ]);
    expect(refusal(await api.acceptAttempt(token))).toMatchObject({ code: 'NOT_ALLOWED_IN_STATUS' });
    expect((await api.customerQuote(token))!.quote).toMatchObject({ status: 'EXPIRED', allowedActions: [] });

    const next = await api.act('reviseQuote', quote.id);
    expect(next).toMatchObject({ status: 'DRAFT', revision: 2, validUntil: '2026-12-31' });
  });

  it('still places a quote whose parts ran out since it was sent: the shortage is requisitioned and the order promised anew', async () => {
    // The e-bike's 625 Wh battery: plenty in stock when the quote is sent...
    const battery = async () =>
      Number(
        (
          await server.data<{ materials: { parts: { available: string }[] } }>(
            'query { materials(search: "EB-BAT-625") { parts { available } } }',
            {},
            { as: 'operations' },
          )
        ).materials.parts[0]!.available,
      );
    const adjust = (quantity: number) =>
      server.data(
        'mutation($q: String!) { adjustStock(partNumber: "EB-BAT-625", quantity: $q, reason: "stock count") { part { onHand } } }',
        { q: String(quantity) },
        { as: 'operations' },
      );
    await adjust(50);
    const { quote, token } = await api.sent(accountA);
    const promised = (
      await api.ok<{ lines: { promise: { shipDate: string } }[] }>(
        'query($id: Int!) { quote(id: $id) { lines { promise { shipDate } } } }',
        { id: quote.id },
        'sales',
      )
    ).lines[0]!.promise.shipDate;
    // ...and none left when it is accepted.
    await adjust(-(await battery()));
    expect(await battery()).toBe(0);

    const accepted = await api.accept(token);
    expect(accepted.order.status).toBe('PLACED');
    const { order } = await server.data<{
      order: {
        fulfilment: {
          promise: { shipDate: string; bottleneck: { subject: string } } | null;
          requisitions: { partNumber: string; status: string }[];
        };
      };
    }>(
      'query($n: String!) { order(number: $n) { fulfilment { promise { shipDate bottleneck { subject } } requisitions { partNumber status } } } }',
      { n: accepted.order.number },
    );
    expect(order.fulfilment.requisitions).toContainEqual({ partNumber: 'EB-BAT-625', status: 'OPEN' });
    expect(order.fulfilment.promise).not.toBeNull();
    // The battery's supplier now sets the date: later than the quote's promise from stock.
    expect(order.fulfilment.promise!.shipDate > promised).toBe(true);
  });
});
