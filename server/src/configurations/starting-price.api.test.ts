import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type As,
  type Dialect,
  type GraphQLResponse,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';

/**
 * The catalogue's starting prices by the same price list as configure, over real HTTP on every database: a
 * visitor's by the currency they pick, a customer's (and an account key's) by their account's list, sales
 * staff's by the list they name; bad arguments refused naming the argument.
 */

/** A day the demo contract list nordwerk-2026 (1 January to 31 December 2026) is in effect. */
const TODAY = '2026-12-01';

interface Money {
  amount: string;
  currency: string;
}
interface CatalogueProduct {
  code: string;
  startingPrice: Money | null;
  defaultSelections: { feature: string; value: string | null; values: string[] | null }[];
}

const PRODUCTS = operation('products');
const PRICED = `query($currency: String, $priceListCode: String) {
  products { code startingPrice(currency: $currency, priceListCode: $priceListCode) { amount currency } } }`;

describe.each(await testDialects())('the catalogue priced by price lists on %s', (dialect: Dialect) => {
  let server: TestServer;

  const catalogue = async (as: As, currency: string | null = null) => {
    const answer = await server.graphql<{ products: CatalogueProduct[] }>(PRODUCTS, { currency }, { as });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data!.products;
  };
  const pricesOf = (products: CatalogueProduct[]) =>
    Object.fromEntries(products.map((p) => [p.code, p.startingPrice]));
  /** What configure prices the product's default build at, for the same caller and pricing. */
  const configured = async (product: CatalogueProduct, as: As, pricing: Record<string, string> = {}) => {
    const selections = product.defaultSelections.map(({ feature, value, values }) =>
      values ? { feature, values } : { feature, value },
    );
    const { configure } = await server.data<{ configure: { price: { total: Money } } }>(
      'query($input: ConfigurationInput!) { configure(input: $input) { price { total { amount currency } } } }',
      { input: { productCode: product.code, selections, ...pricing } },
      { as },
    );
    return configure.price.total;
  };
  /** The refusals of a starting price's arguments: one per product, each naming the argument. */
  const refusals = (answer: GraphQLResponse<{ products: CatalogueProduct[] }>) => {
    expect(answer.status).toBeLessThan(500);
    expect(answer.errors?.length).toBe(3);
    for (const product of answer.data?.products ?? []) expect(product.startingPrice).toBeNull();
    return answer.errors!.map((error) => ({
      code: error.extensions?.code,
      field: error.extensions?.field,
      message: error.message,
    }));
  };
  const priced = (as: As, variables: Record<string, unknown>) =>
    server.graphql<{ products: CatalogueProduct[] }>(PRICED, variables, { as });

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("prices a visitor's catalogue in the currency picked, as configure prices each default build in it", async () => {
    const eur = await catalogue('anonymous');
    const usd = await catalogue('anonymous', 'USD');
    expect(pricesOf(eur)['standing-desk']).toEqual({ amount: '1170.60', currency: 'EUR' });
    for (const product of usd) {
      expect(product.startingPrice?.currency, product.code).toBe('USD');
      expect(product.startingPrice, product.code).toEqual(
        await configured(product, 'anonymous', { currency: 'USD' }),
      );
    }
    // The USD list is the EUR figures plus 12 % (the PC plus 10 %), each line rounded to the cent.
    const desk = Number(usd.find((p) => p.code === 'standing-desk')!.startingPrice!.amount);
    expect(desk).toBeCloseTo(1170.6 * 1.12, 0);
    expect(pricesOf(await catalogue('anonymous', 'GBP'))['e-bike']?.currency).toBe('GBP');
  });

  it('refuses a currency it does not price in, or one that is not a currency code, naming currency', async () => {
    const unknown = refusals(await priced('anonymous', { currency: 'JPY' }));
    for (const refusal of unknown) {
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
      expect(refusal.message).toMatch(/'JPY'.*CHF, EUR, GBP, USD/);
    }
    const malformed = refusals(await priced('anonymous', { currency: 'usd' }));
    for (const refusal of malformed) {
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
      expect(refusal.message).toMatch(/ISO 4217/);
    }
    const list = refusals(await priced('anonymous', { priceListCode: 'usd-list' }));
    for (const refusal of list)
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceListCode' });
  });

  it("prices a customer's catalogue by their account's list: the contract a manager sets shows at once", async () => {
    const before = await catalogue('customerA');
    expect(pricesOf(before)).toEqual(pricesOf(await catalogue('anonymous')));

    await server.data(
      operation('set-account-price-list'),
      { accountId: server.callers.accountIds.A, priceListCode: 'nordwerk-2026' },
      { as: 'salesManager' },
    );
    const after = await catalogue('customerA');
    const desk = after.find((p) => p.code === 'standing-desk')!;
    expect(desk.startingPrice).toEqual(await configured(desk, 'customerA'));
    // The contract's lower desk prices (349 base, 380 per m² of oak, delivery included), in EUR.
    expect(Number(desk.startingPrice!.amount)).toBeLessThan(1170.6);
    expect(desk.startingPrice!.currency).toBe('EUR');
    // The contract prices the desk only: the rest by the EUR list, as for any EUR account.
    const bike = after.find((p) => p.code === 'e-bike')!;
    expect(bike.startingPrice).toEqual(pricesOf(before)['e-bike']);
    // A key of the account is priced as its contacts are; the other account as a visitor.
    const key = await server.createApiKey({ scopes: ['catalog:read'], account: 'A' });
    expect(pricesOf(await catalogue({ bearer: key }))).toEqual(pricesOf(after));
    expect(pricesOf(await catalogue('customerB'))).toEqual(pricesOf(before));

    // Its own currency is fine; another, or a list of its choosing, is refused naming the argument.
    expect(pricesOf(await catalogue('customerA', 'EUR'))).toEqual(pricesOf(after));
    for (const refusal of refusals(await priced('customerA', { currency: 'USD' }))) {
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
      expect(refusal.message).toMatch(/buys in EUR/);
    }
    for (const refusal of refusals(await priced('customerA', { priceListCode: 'eur-list' })))
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceListCode' });
  });

  it('lets sales staff price the catalogue by a list they name; a product the list does not price has no price', async () => {
    const answer = await priced('sales', { priceListCode: 'nordwerk-2026' });
    expect(answer.errors).toBeUndefined();
    const prices = pricesOf(answer.data!.products);
    const [desk] = (await catalogue('sales')).filter((p) => p.code === 'standing-desk');
    expect(prices['standing-desk']).toEqual(
      await configured(desk!, 'sales', { priceListCode: 'nordwerk-2026' }),
    );
    expect(Number(prices['standing-desk']!.amount)).toBeLessThan(1170.6);
    expect(prices['e-bike']).toBeNull();
    expect(prices['workstation-pc']).toBeNull();

    for (const refusal of refusals(
      await priced('sales', { priceListCode: 'nordwerk-2026', currency: 'USD' }),
    ))
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    for (const refusal of refusals(await priced('sales', { priceListCode: 'no-such-list' }))) {
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceListCode' });
      expect(refusal.message).toMatch(/nordwerk-2026/);
    }
  });
});
