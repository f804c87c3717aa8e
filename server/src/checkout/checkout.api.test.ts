import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT, DEMO_DELIVERY_ADDRESS, DEMO_TERMS_VERSION } from '../test-support/checkout.js';
import { checkoutData } from './checkout-data.js';

const dialects = await testDialects();

interface Money {
  currency: string;
  amount: string;
  minorUnits: string;
}
interface Charge {
  code: string;
  kind: string;
  label: string;
  amount: Money;
  rate: string | null;
  included: boolean;
}
interface Summary {
  currency: string;
  pricesIncludeTax: boolean;
  goods: Money;
  charges: Charge[];
  shipping: Money;
  tax: Money;
  total: Money;
  taxNote: string | null;
  shippingZone: string;
  shippingWeightKg: string;
  deposit: Money | null;
  paymentTerms: { code: string; label: string; depositPercent: number | null; default: boolean };
  promise: { shipDate: string } | null;
  termsVersion: string;
}

const MONEY = 'currency amount minorUnits';
const CHECKOUT = `query ($input: CheckoutInput!) { checkout(input: $input) {
  currency pricesIncludeTax goods { ${MONEY} } charges { code kind label amount { ${MONEY} } rate included }
  shipping { ${MONEY} } tax { ${MONEY} } total { ${MONEY} } taxNote shippingZone shippingWeightKg
  deposit { ${MONEY} } paymentTerms { code label depositPercent default } promise { shipDate } termsVersion } }`;
const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename
  ... on Order { number trackingToken total { ${MONEY} } }
  ... on InvalidOrderInput { code field message } ... on ConfigurationRejected { code message } } }`;
const ORDER_FIELDS = `number total { ${MONEY} } goods { ${MONEY} } charges { code kind label amount { ${MONEY} } rate included }
  deliveryAddress { name company line1 line2 postalCode city region country countryName phone }
  billingAddress { name postalCode city country countryName }
  vatId taxNote paymentTerms { code depositPercent } deposit { ${MONEY} } acceptedTermsVersion acceptedTermsAt`;

/** An e-bike as it comes (EUR list, gross). */
const BIKE = { productCode: 'e-bike', selections: [] };
const minor = (money: Money) => Number(money.minorUnits);
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe.each(dialects)('checkout over GraphQL on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    // The Nordwerk contract list (net EUR) is in effect in 2026.
    server = await startTestServer(dialect, { today: '2026-12-07' });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function checkout(
    input: Record<string, unknown>,
    as: 'anonymous' | 'sales' = 'anonymous',
  ): Promise<Summary> {
    return (await server.data<{ checkout: Summary }>(CHECKOUT, { input }, { as })).checkout;
  }
  async function refusal(input: Record<string, unknown>): Promise<{ field: unknown; message: string }> {
    const answer = await server.graphql(CHECKOUT, { input }, { as: 'anonymous' });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const error = answer.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    return { field: error.extensions?.field, message: error.message };
  }
  async function place(
    input: Record<string, unknown>,
    as: 'anonymous' | 'sales' | 'customerA' = 'anonymous',
  ) {
    const answer = await server.data<{
      placeOrder: {
        __typename: string;
        number?: string;
        code?: string;
        field?: string;
        message?: string;
        total?: Money;
      };
    }>(PLACE, { input }, { as });
    return answer.placeOrder;
  }
  async function orderView(number: string) {
    return (
      await server.data<{ order: Record<string, unknown> }>(
        `query ($n: String!) { order(number: $n) { ${ORDER_FIELDS} } }`,
        { n: number },
        { as: 'staff' },
      )
    ).order;
  }

  it('Germany, a net list: 19 % VAT on goods and shipping added to the total', async () => {
    const line = { productCode: 'standing-desk', selections: [], priceListCode: 'nordwerk-2026' };
    const summary = await checkout({ lines: [line], deliveryAddress: DEMO_DELIVERY_ADDRESS }, 'sales');
    expect(summary.pricesIncludeTax).toBe(false);
    expect(summary.shippingZone).toBe('Germany');
    const [shipping, tax] = summary.charges;
    expect(shipping).toMatchObject({ code: 'shipping', kind: 'SHIPPING', rate: null, included: false });
    expect(shipping!.label).toBe(`Shipping to Germany (${summary.shippingWeightKg} kg)`);
    expect(tax).toMatchObject({ code: 'tax', kind: 'TAX', label: 'VAT 19 %', rate: '19', included: false });
    const base = minor(summary.goods) + minor(summary.shipping);
    expect(minor(tax!.amount)).toBe(Math.round((base * 19) / 100));
    expect(minor(summary.total)).toBe(base + minor(tax!.amount));
    expect(summary.taxNote).toBeNull();
    expect(summary.deposit).toBeNull();
    expect(summary.paymentTerms).toEqual({
      code: 'invoice-14',
      label: 'Pay on invoice, 14 days net',
      depositPercent: null,
      default: true,
    });
    expect(summary.termsVersion).toBe(DEMO_TERMS_VERSION);
    expect(DEMO_TERMS_VERSION).toBe(checkoutData().termsOfSale.version);
    expect(summary.promise?.shipDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the weight comes from the BOM: two desks weigh twice one, and heavier goes to a higher band', async () => {
    const desk = (quantity: number) => ({ productCode: 'standing-desk', selections: [], quantity });
    const one = await checkout({ lines: [desk(1)], deliveryAddress: DEMO_DELIVERY_ADDRESS });
    const two = await checkout({ lines: [desk(2)], deliveryAddress: DEMO_DELIVERY_ADDRESS });
    // Twice the parts, each BOM line rounded up once for the whole line: at least twice, less than a kg more.
    const [w1, w2] = [Number(one.shippingWeightKg), Number(two.shippingWeightKg)];
    expect(w2).toBeGreaterThanOrEqual(2 * w1 - 0.5);
    expect(w2).toBeLessThan(2 * w1 + 0.5);
    expect(minor(two.shipping)).toBeGreaterThan(minor(one.shipping));
  });

  it('Germany, the gross EUR list: the VAT contained is shown and not added', async () => {
    const summary = await checkout({ lines: [BIKE], deliveryAddress: DEMO_DELIVERY_ADDRESS });
    expect(summary.pricesIncludeTax).toBe(true);
    const tax = summary.charges[1]!;
    expect(tax).toMatchObject({ label: 'VAT 19 %', rate: '19', included: true });
    const gross = minor(summary.goods) + minor(summary.shipping);
    expect(minor(summary.total)).toBe(gross);
    expect(minor(tax.amount)).toBe(gross - Math.round((gross * 100) / 119));
    expect(summary.taxNote).toBe('Prices include 19 % VAT');
  });

  it('France with a French VAT id: reverse charge at 0 % with the legal note', async () => {
    const summary = await checkout({
      lines: [BIKE],
      deliveryAddress: {
        name: 'Atelier Roux',
        company: 'Roux SARL',
        line1: '12 rue de Rivoli',
        postalCode: '75001',
        city: 'Paris',
        country: 'fr',
      },
      vatId: 'FR 40 303 265 045',
    });
    expect(summary.shippingZone).toBe('European Union');
    const tax = summary.charges.find((charge) => charge.code === 'tax');
    expect(tax).toMatchObject({ label: 'VAT 0 % (reverse charge)', rate: '0', amount: { minorUnits: '0' } });
    expect(summary.taxNote).toBe(
      'Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC',
    );
    // The EUR list is gross: the German VAT its prices contain is taken out, the business pays the net.
    const gross = minor(summary.goods) + minor(summary.shipping);
    const removed = summary.charges.find((charge) => charge.code === 'seller-vat-removed')!;
    expect(removed).toMatchObject({ kind: 'TAX', rate: '19', included: false });
    expect(minor(removed.amount)).toBe(Math.round((gross * 100) / 119) - gross);
    expect(minor(summary.total)).toBe(gross + minor(removed.amount));
  });

  it('Switzerland, priced in CHF: an export, Swiss VAT collected', async () => {
    const summary = await checkout({
      lines: [{ ...BIKE, currency: 'CHF' }],
      deliveryAddress: {
        name: 'Heidi Muster',
        line1: 'Bahnhofstrasse 1',
        postalCode: '8001',
        city: 'Zürich',
        country: 'CH',
        phone: '044 668 18 00',
      },
    });
    expect(summary.currency).toBe('CHF');
    expect(summary.shippingZone).toBe('Rest of Europe');
    expect(summary.charges[1]).toMatchObject({ label: 'Swiss VAT 8.1 %', rate: '8.1' });
    expect(summary.taxNote).toBe('Export: no German VAT.');
  });

  it('the US, priced in USD (net): New York’s sales tax added; a state not listed pays none, with the note', async () => {
    const address = {
      name: 'Una US',
      line1: '350 5th Ave',
      postalCode: '10118',
      city: 'New York',
      region: 'ny',
      country: 'US',
      phone: '(212) 736-3100',
    };
    const ny = await checkout({ lines: [{ ...BIKE, currency: 'USD' }], deliveryAddress: address });
    expect(ny.pricesIncludeTax).toBe(false);
    expect(ny.shippingZone).toBe('North America');
    const tax = ny.charges[1]!;
    expect(tax).toMatchObject({ label: 'Sales tax 4 %', rate: '4', included: false });
    const base = minor(ny.goods) + minor(ny.shipping);
    expect(minor(tax.amount)).toBe(Math.round((base * 4) / 100));
    expect(minor(ny.total)).toBe(base + minor(tax.amount));
    const oregon = await checkout({
      lines: [{ ...BIKE, currency: 'USD' }],
      deliveryAddress: { ...address, postalCode: '97201', city: 'Portland', region: 'OR', phone: null },
    });
    expect(oregon.charges[1]).toMatchObject({ rate: '0', amount: { minorUnits: '0' } });
    expect(oregon.taxNote).toContain('No sales tax collected for this state');
  });

  it('deposit terms: 30 % of the total, rounded half-up', async () => {
    const summary = await checkout({
      lines: [BIKE],
      deliveryAddress: DEMO_DELIVERY_ADDRESS,
      paymentTermsCode: 'deposit-30',
    });
    expect(summary.paymentTerms.code).toBe('deposit-30');
    expect(minor(summary.deposit!)).toBe(Math.round(minor(summary.total) * 0.3));
  });

  const bad: [string, Record<string, unknown>, string, string | RegExp][] = [
    [
      'a German postal code of 4 digits',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, postalCode: '1234' } },
      'input.deliveryAddress.postalCode',
      '“1234” is not a German postal code (5 digits, e.g. 10115)',
    ],
    [
      'a country we do not ship to',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, country: 'JP' } },
      'input.deliveryAddress.country',
      'We do not ship to Japan (JP); we ship to DE, AT, BE, CZ, DK, ES, FI, FR, IE, IT, LU, NL, PL, PT, SE, CH, GB, NO, US, CA',
    ],
    [
      'a country that is none',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, country: 'XQ' } },
      'input.deliveryAddress.country',
      /^We do not ship to “XQ”; we ship to DE, AT/,
    ],
    [
      'a US address without its state',
      {
        deliveryAddress: {
          name: 'U',
          line1: '1 Main St',
          postalCode: '10001',
          city: 'New York',
          country: 'US',
        },
      },
      'input.deliveryAddress.region',
      'An address in United States of America needs its state (a code such as AL)',
    ],
    [
      'a Canadian province that is none',
      {
        deliveryAddress: {
          name: 'C',
          line1: '1 Rue',
          postalCode: 'H2X 1Y4',
          city: 'Montréal',
          region: 'XX',
          country: 'CA',
        },
      },
      'input.deliveryAddress.region',
      '“XX” is not a province of Canada (codes such as AB, BC, MB)',
    ],
    [
      'a Dutch postal code without letters',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, postalCode: '1012', country: 'NL' } },
      'input.deliveryAddress.postalCode',
      '“1012” is not a Dutch postal code (4 digits and 2 letters, e.g. 1012 AB)',
    ],
    [
      'a phone that is no number',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, phone: '12' } },
      'input.deliveryAddress.phone',
      /^“12” is not a phone number in Germany/,
    ],
    [
      'an empty street',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, line1: '  ' } },
      'input.deliveryAddress.line1',
      'The street and number is empty',
    ],
    [
      'a bad billing postal code',
      {
        deliveryAddress: DEMO_DELIVERY_ADDRESS,
        billingAddress: { ...DEMO_DELIVERY_ADDRESS, postalCode: 'ABCDE' },
      },
      'input.billingAddress.postalCode',
      '“ABCDE” is not a German postal code (5 digits, e.g. 10115)',
    ],
    [
      'a French VAT id too short',
      { deliveryAddress: DEMO_DELIVERY_ADDRESS, vatId: 'FR123' },
      'input.vatId',
      '“FR123” is not a VAT id of France (e.g. FR40303265045)',
    ],
    [
      'a VAT id of no EU country',
      { deliveryAddress: DEMO_DELIVERY_ADDRESS, vatId: 'CHE-123.456.789' },
      'input.vatId',
      /^“CHE123456789” is not an EU VAT id/,
    ],
    [
      'unknown payment terms',
      { deliveryAddress: DEMO_DELIVERY_ADDRESS, paymentTermsCode: 'cash' },
      'input.paymentTermsCode',
      "'cash' is not a payment term (invoice-14, deposit-30)",
    ],
  ];
  it.each(bad)('refuses %s, naming the field', async (_what, input, field, message) => {
    const answer = await refusal({ lines: [BIKE], ...input });
    expect(answer.field).toBe(field);
    if (typeof message === 'string') expect(answer.message).toBe(message);
    else expect(answer.message).toMatch(message);
  });

  it('places a guest’s order with its checkout: addresses, VAT id, charges, terms stored and returned', async () => {
    const deliveryAddress = {
      name: 'Atelier Roux',
      company: 'Roux SARL',
      line1: '12 rue de Rivoli',
      line2: '3e étage',
      postalCode: '75001',
      city: 'Paris',
      country: 'FR',
      phone: '01 42 60 00 00',
    };
    const billingAddress = {
      name: 'Roux SARL Comptabilité',
      line1: '1 place Bellecour',
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
    };
    const input = {
      lines: [BIKE],
      deliveryAddress,
      billingAddress,
      vatId: 'FR40303265045',
      paymentTermsCode: 'deposit-30',
    };
    const summary = await checkout(input);
    const placed = await place({
      ...input,
      customer: ada,
      acceptedTermsVersion: DEMO_TERMS_VERSION,
      expectedTotal: summary.total.minorUnits,
    });
    expect(placed.__typename).toBe('Order');
    expect(placed.total).toEqual(summary.total);
    const order = await orderView(placed.number!);
    expect(order).toMatchObject({
      total: summary.total,
      goods: summary.goods,
      charges: summary.charges,
      deliveryAddress: { ...deliveryAddress, region: null, countryName: 'France', phone: '+33142600000' },
      billingAddress: {
        name: 'Roux SARL Comptabilité',
        postalCode: '69002',
        city: 'Lyon',
        country: 'FR',
        countryName: 'France',
      },
      vatId: 'FR40303265045',
      taxNote: summary.taxNote,
      paymentTerms: { code: 'deposit-30', depositPercent: 30 },
      deposit: summary.deposit,
      acceptedTermsVersion: DEMO_TERMS_VERSION,
    });
    expect(Date.parse(order.acceptedTermsAt as string)).not.toBeNaN();
    // A customer sees it on their own order too: the tracking link opens it with the same fields.
    const tracked = await server.data<{ trackedOrder: Record<string, unknown> }>(
      `query ($t: String!) { trackedOrder(token: $t) { ${ORDER_FIELDS} } }`,
      { t: (placed as { trackingToken?: string }).trackingToken },
    );
    expect(tracked.trackedOrder).toEqual(order);
  });

  const refusals: [
    string,
    Record<string, unknown>,
    'anonymous' | 'customerA',
    string,
    string,
    string | RegExp,
  ][] = [
    [
      'a guest without a delivery address',
      { deliveryAddress: null },
      'anonymous',
      'DELIVERY_ADDRESS_REQUIRED',
      'input.deliveryAddress',
      'Where should it go? An order needs a delivery address',
    ],
    [
      'a customer without a delivery address',
      { deliveryAddress: null },
      'customerA',
      'DELIVERY_ADDRESS_REQUIRED',
      'input.deliveryAddress',
      'Where should it go? An order needs a delivery address',
    ],
    [
      'a guest without the terms accepted',
      { acceptedTermsVersion: null },
      'anonymous',
      'TERMS_NOT_ACCEPTED',
      'input.acceptedTermsVersion',
      'An order needs the terms of sale accepted (version 2026-12)',
    ],
    [
      'a guest who accepted older terms',
      { acceptedTermsVersion: '2025-01' },
      'anonymous',
      'TERMS_NOT_ACCEPTED',
      'input.acceptedTermsVersion',
      /^The terms of sale are now version 2026-12, not 2025-01/,
    ],
    [
      'a bad postal code',
      { deliveryAddress: { ...DEMO_DELIVERY_ADDRESS, postalCode: '1234' } },
      'anonymous',
      'INVALID_ADDRESS',
      'input.deliveryAddress.postalCode',
      '“1234” is not a German postal code (5 digits, e.g. 10115)',
    ],
    [
      'a total that changed',
      { expectedTotal: '1' },
      'anonymous',
      'PRICE_CHANGED',
      'input.expectedTotal',
      /^The total is now \d+\.\d\d EUR, not 0\.01 EUR: check the order again/,
    ],
    [
      'a total that is no number',
      { expectedTotal: '12.50' },
      'anonymous',
      'INVALID_EXPECTED_TOTAL',
      'input.expectedTotal',
      /is not a total in minor units/,
    ],
  ];
  it.each(refusals)('refuses %s and writes nothing', async (_what, change, as, code, field, message) => {
    const before = await server.rowCounts();
    const answer = await place(
      { lines: [BIKE], customer: ada, ...DEMO_CHECKOUT, ...change },
      as === 'anonymous' ? undefined : as,
    );
    expect(answer).toMatchObject({ __typename: 'InvalidOrderInput', code, field });
    if (typeof message === 'string') expect(answer.message).toBe(message);
    else expect(answer.message).toMatch(message);
    expect(await server.rowCounts()).toEqual(before);
  });

  it('staff may leave the address out: no shipping or tax, to be agreed', async () => {
    const placed = await place({ lines: [BIKE], customer: ada }, 'sales');
    expect(placed.__typename).toBe('Order');
    const order = await orderView(placed.number!);
    expect(order).toMatchObject({
      charges: [],
      deliveryAddress: null,
      taxNote: 'Shipping and tax to be agreed',
      acceptedTermsVersion: null,
    });
    expect(order.total).toEqual(order.goods);
  });

  it('lists where we ship in the locale asked for, with what addresses there need', async () => {
    const { shippingCountries } = await server.data<{
      shippingCountries: {
        code: string;
        name: string;
        regionRequired: boolean;
        regions: { code: string; name: string }[];
        postalCodeExample: string | null;
      }[];
    }>(
      'query { shippingCountries(locale: "de") { code name regionRequired regions { code name } postalCodeExample } }',
    );
    expect(shippingCountries.map((country) => country.code)).toEqual([
      ...checkoutData().zoneByCountry.keys(),
    ]);
    expect(shippingCountries[0]).toEqual({
      code: 'DE',
      name: 'Deutschland',
      regionRequired: false,
      regions: [],
      postalCodeExample: '10115',
    });
    const us = shippingCountries.find((country) => country.code === 'US')!;
    expect(us.regionRequired).toBe(true);
    expect(us.regions).toContainEqual({ code: 'NY', name: 'New York' });
    const { paymentTermsOptions, termsOfSale } = await server.data<{
      paymentTermsOptions: { code: string; default: boolean; depositPercent: number | null }[];
      termsOfSale: { version: string; title: string; text: string };
    }>('query { paymentTermsOptions { code default depositPercent } termsOfSale { version title text } }');
    expect(paymentTermsOptions).toEqual([
      { code: 'invoice-14', default: true, depositPercent: null },
      { code: 'deposit-30', default: false, depositPercent: 30 },
    ]);
    expect(termsOfSale.version).toBe(DEMO_TERMS_VERSION);
    expect(termsOfSale.text).toContain('made to order');
  });
});
