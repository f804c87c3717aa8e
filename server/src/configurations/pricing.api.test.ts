import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionService } from '../accounts/session.service.js';
import { User } from '../accounts/user.entity.js';
import { systemClock } from '../db/clock.js';
import {
  type As,
  type Dialect,
  type GraphQLResponse,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { CALLERS } from '../test-support/callers.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import type { ConfigurationView } from './configuration.test-support.js';

/**
 * Who is priced by which price list, over real HTTP on every database: visitors by the default list of the
 * currency they pick, a customer by their account's list (a contract set by a sales manager), sales staff by
 * the list they name; an order is priced as configure priced it; sales staff see cost and margin.
 */

/** A day the demo contract list nordwerk-2026 (1 January to 31 December 2026) is in effect. */
const TODAY = '2026-12-01';
const DEMO_CUSTOMER = 'customer@demo.example';

interface Money {
  currency: string;
  amount: string;
  minorUnits: string;
}
interface Cost {
  currency: string;
  unitCost: Money;
  unitCostExact: string;
  unitMaterialCost: Money;
  unitLabourCost: Money;
  totalCost: Money;
  complete: boolean;
  comparable: boolean;
  margin: Money | null;
  marginPercent: string | null;
}
type Priced = ConfigurationView & {
  price: ConfigurationView['price'] & {
    priceList: { code: string; name: string; currency: string; prices: 'NET' | 'GROSS' } | null;
  };
  cost?: Cost | null;
};

const CONFIGURE = operation('configure');
const DESK = { productCode: 'standing-desk', selections: [] };
const BIKE = { productCode: 'e-bike', selections: [] };
const unit = (configuration: Priced, code: string) =>
  configuration.price.lines.find((line) => line.code === code)?.unitAmount;

describe.each(await testDialects())('price lists and currencies on %s', (dialect: Dialect) => {
  let server: TestServer;
  /** The demo customer's session (the demo users are on in test servers) and account. */
  let demo: { as: As; accountId: number };

  const configureRaw = (input: Record<string, unknown>, as: As = 'anonymous', withCost = false) =>
    server.graphql<{ configure: Priced }>(CONFIGURE, { input, withCost }, { as });
  const configure = async (input: Record<string, unknown>, as: As = 'anonymous', withCost = false) => {
    const answer = await configureRaw(input, as, withCost);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data!.configure;
  };
  /** One BAD_USER_INPUT error, naming its field, and no data. */
  const refusal = (answer: GraphQLResponse<unknown>) => {
    expect(answer.status).toBeLessThan(500);
    expect(answer.errors).toHaveLength(1);
    const error = answer.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    return { field: error.extensions?.field, message: error.message };
  };
  const setList = (accountId: number, priceListCode: string | null, as: As = 'salesManager') =>
    server.graphql<{ setAccountPriceList: { priceList: { code: string } | null } }>(
      operation('set-account-price-list'),
      { accountId, priceListCode },
      { as },
    );

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    const em = server.running.orm.em.fork();
    const user = await em.findOneOrFail(User, { email: DEMO_CUSTOMER }, { populate: ['account'] });
    const { token } = await new SessionService(em, systemClock(TODAY)).start(user);
    demo = { as: { sessionToken: token }, accountId: user.account!.id };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('offers the currencies with a default list today', async () => {
    const { currencies } = await server.data<{ currencies: string[] }>(
      operation('currencies'),
      {},
      {
        as: 'anonymous',
      },
    );
    expect(currencies).toEqual(['CHF', 'EUR', 'GBP', 'USD']);
  });

  it('prices a visitor in USD by the USD list: every line in USD at the EUR figures plus 12 %, and says which list', async () => {
    const eur = await configure(BIKE);
    const usd = await configure({ ...BIKE, currency: 'USD' });
    expect(eur.price.priceList).toEqual({
      code: 'eur-list',
      name: 'List prices EUR',
      currency: 'EUR',
      prices: 'GROSS',
    });
    expect(usd.price.currency).toBe('USD');
    expect(usd.price.priceList).toEqual({
      code: 'usd-list',
      name: 'List prices USD (North America)',
      currency: 'USD',
      prices: 'NET',
    });
    expect(new Set(usd.price.lines.map((line) => line.unitAmount.currency))).toEqual(new Set(['USD']));
    expect(usd.price.total.currency).toBe('USD');
    // The base price: the EUR figure plus 12 %, rounded half-up to the cent.
    const base = Number(unit(eur, 'base')!.minorUnits);
    expect(Number(unit(usd, 'base')!.minorUnits)).toBe(Math.round(base * 1.12));
    // The lines still add up to the total exactly.
    const sum = usd.price.lines.reduce((total, line) => total + Number(line.amount.minorUnits), 0);
    expect(sum).toBe(Number(usd.price.total.minorUnits));
  });

  it('refuses a currency it does not price in, naming input.currency and the currencies offered', async () => {
    const unknown = refusal(await configureRaw({ ...BIKE, currency: 'JPY' }));
    expect(unknown.field).toBe('input.currency');
    expect(unknown.message).toMatch(/'JPY'.*CHF, EUR, GBP, USD/);
    const malformed = refusal(await configureRaw({ ...BIKE, currency: 'usd' }));
    expect(malformed.field).toBe('input.currency');
    expect(malformed.message).toMatch(/ISO 4217/);
  });

  it("gives the demo customer's account its contract list (a manager sets it, audited): the contract's base price, and the EUR list for what the contract leaves out", async () => {
    const before = await configure(DESK, demo.as);
    expect(before.price.priceList?.code).toBe('eur-list');
    expect(unit(before, 'base')?.amount).not.toBe('349.00');

    const set = await setList(demo.accountId, 'nordwerk-2026');
    expect(set.errors).toBeUndefined();
    expect(set.data?.setAccountPriceList.priceList?.code).toBe('nordwerk-2026');

    const after = await configure(DESK, demo.as);
    expect(after.price.priceList).toMatchObject({ code: 'nordwerk-2026', prices: 'NET' });
    expect(unit(after, 'base')).toMatchObject({ amount: '349.00', currency: 'EUR' });
    // The contract prices only the desk: the bike is priced by the EUR list, as for any EUR account.
    expect((await configure(BIKE, demo.as)).price.priceList?.code).toBe('eur-list');
    // Its contacts see the list the account buys by.
    const { me } = await server.data<{ me: { account: { priceList: { code: string } } } }>(
      operation('me'),
      {},
      { as: demo.as },
    );
    expect(me.account.priceList.code).toBe('nordwerk-2026');

    const { accessAudit } = await server.data<{
      accessAudit: { action: string; actor: string; subject: string; detail: string }[];
    }>('{ accessAudit(first: 5) { action actor subject detail } }', {}, { as: 'admin' });
    expect(accessAudit[0]).toMatchObject({
      action: 'ACCOUNT_PRICE_LIST_SET',
      actor: CALLERS.salesManager.email,
      subject: `customer account ${demo.accountId}`,
    });
    expect(accessAudit[0]!.detail).toMatch(/nordwerk-2026/);
  });

  it('refuses a list in another currency than the account’s, or one that does not exist, naming priceListCode; and a sales rep may not set one', async () => {
    const other = refusal(await setList(demo.accountId, 'usd-list'));
    expect(other).toMatchObject({ field: 'priceListCode' });
    expect(other.message).toMatch(/USD.*buys in EUR/);
    const unknown = refusal(await setList(demo.accountId, 'no-such-list'));
    expect(unknown).toMatchObject({ field: 'priceListCode' });
    expect(unknown.message).toMatch(/usd-list/);
    const bySales = await setList(demo.accountId, 'eur-list', 'sales');
    expect(bySales.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a customer another currency or a price list of their choosing, naming the field; their own currency is fine', async () => {
    const currency = refusal(await configureRaw({ ...DESK, currency: 'USD' }, 'customerA'));
    expect(currency.field).toBe('input.currency');
    expect(currency.message).toMatch(/buys in EUR/);
    const list = refusal(await configureRaw({ ...DESK, priceListCode: 'usd-list' }, 'customerA'));
    expect(list.field).toBe('input.priceListCode');
    const key = await server.createApiKey({ scopes: ['configure'], account: 'A' });
    expect(refusal(await configureRaw({ ...DESK, currency: 'GBP' }, { bearer: key })).field).toBe(
      'input.currency',
    );
    expect((await configure({ ...DESK, currency: 'EUR' }, 'customerA')).price.currency).toBe('EUR');
  });

  it('lets sales staff price by a list they name, in its currency only', async () => {
    const contract = await configure({ ...DESK, priceListCode: 'nordwerk-2026' }, 'sales');
    expect(unit(contract, 'base')?.amount).toBe('349.00');
    const wrong = refusal(
      await configureRaw({ ...DESK, priceListCode: 'nordwerk-2026', currency: 'USD' }, 'sales'),
    );
    expect(wrong.field).toBe('input.currency');
    expect(refusal(await configureRaw({ ...DESK, priceListCode: 'nope' }, 'sales')).field).toBe(
      'input.priceListCode',
    );
  });

  it('shows sales staff the cost and the margin of the price; in another currency than the cost, no margin', async () => {
    const eur = await configure(DESK, 'sales', true);
    const cost = eur.cost!;
    expect(cost).toMatchObject({ currency: 'EUR', complete: true, comparable: true });
    expect(Number(cost.unitCost.minorUnits)).toBeGreaterThan(0);
    // Material and labour, each rounded on its own, make the unit cost to within a cent.
    const parts = Number(cost.unitMaterialCost.minorUnits) + Number(cost.unitLabourCost.minorUnits);
    expect(Math.abs(parts - Number(cost.unitCost.minorUnits))).toBeLessThanOrEqual(1);
    expect(Number(cost.unitCostExact)).toBeCloseTo(Number(cost.unitCost.amount), 2);
    const margin = Number(eur.price.total.minorUnits) - Number(cost.totalCost.minorUnits);
    expect(cost.margin?.minorUnits).toBe(String(margin));
    expect(cost.marginPercent).toBe(((margin * 100) / Number(eur.price.total.minorUnits)).toFixed(2));

    const usd = await configure({ ...DESK, currency: 'USD' }, 'salesManager', true);
    expect(usd.cost).toMatchObject({ currency: 'EUR', comparable: false, margin: null, marginPercent: null });
    expect(usd.cost?.unitCost).toEqual(cost.unitCost);
  });

  it('refuses the cost to customers and partner keys (FORBIDDEN on that field), and answers the rest', async () => {
    const key = await server.createApiKey({ scopes: ['configure'], account: null });
    for (const as of ['customerA', { bearer: key }] as As[]) {
      const answer = await configureRaw(DESK, as, true);
      expect(answer.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['configure', 'cost'], 'FORBIDDEN'],
      ]);
      expect(answer.data?.configure.cost).toBeNull();
      expect(answer.data?.configure.price.total.currency).toBe('EUR');
    }
  });

  it('prices an order placed in USD by the USD list: the same lines and total as configure gave; the same key in another currency places nothing', async () => {
    const shown = await configure({ ...BIKE, currency: 'USD' });
    const place = (currency: string) =>
      server.data<{
        placeOrder: {
          __typename: string;
          code?: string;
          total: { currency: string; amount: string };
          lines: { price: Priced['price'] }[];
        };
      }>(
        operation('checkout'),
        {
          input: {
            lines: [{ ...BIKE, currency }],
            ...DEMO_CHECKOUT,
            customer: { name: 'Una US', email: 'una@example.com' },
            idempotencyKey: `usd-order-${dialect}`,
          },
        },
        { as: 'anonymous' },
      );
    const { placeOrder } = await place('USD');
    expect(placeOrder.__typename).toBe('Order');
    // The line is priced as configure priced it; the order's total adds shipping (and tax) to it.
    const [line] = placeOrder.lines;
    expect(line!.price.total).toEqual({ currency: 'USD', amount: shown.price.total.amount });
    expect(Number(placeOrder.total.amount)).toBeGreaterThan(Number(shown.price.total.amount));
    expect(line!.price.priceList?.code).toBe('usd-list');
    expect(line!.price.lines.map((l) => [l.code, l.amount.amount])).toEqual(
      shown.price.lines.map((l) => [l.code, l.amount.amount]),
    );
    expect((await place('GBP')).placeOrder).toMatchObject({
      __typename: 'InvalidOrderInput',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it("prices the demo customer's order by the account's contract, as configure did for them; another currency is refused naming the line's field", async () => {
    const shown = await configure(DESK, demo.as);
    expect(shown.price.priceList?.code).toBe('nordwerk-2026');
    const place = (line: Record<string, unknown>) =>
      server.data<{
        placeOrder: {
          __typename: string;
          field?: string;
          lines?: { price: { total: { amount: string } } }[];
        };
      }>(
        operation('checkout'),
        {
          input: {
            lines: [{ ...line, selections: shown.selections }],
            ...DEMO_CHECKOUT,
            customer: { name: 'Demo Customer', email: DEMO_CUSTOMER },
          },
        },
        { as: demo.as },
      );
    const { placeOrder } = await place(DESK);
    expect(placeOrder).toMatchObject({
      __typename: 'Order',
      lines: [{ price: { total: { amount: shown.price.total.amount } } }],
    });
    const refused = await place({ ...DESK, currency: 'USD' });
    expect(refused.placeOrder).toMatchObject({
      __typename: 'InvalidOrderInput',
      field: 'input.lines[0].currency',
    });
  });

  it('opens a saved configuration in the currency asked for', async () => {
    const { saveConfiguration } = await server.data<{ saveConfiguration: { code: string } }>(
      operation('save-configuration'),
      { input: { ...BIKE, currency: 'GBP' } },
      { as: 'anonymous' },
    );
    const open = (currency: string | null) =>
      server.data<{ savedConfiguration: { configuration: Priced } }>(
        'query($code: String!, $currency: String) { savedConfiguration(code: $code, currency: $currency) { configuration { price { currency priceList { code } total { amount } } } } }',
        { code: saveConfiguration.code, currency },
        { as: 'anonymous' },
      );
    expect((await open('GBP')).savedConfiguration.configuration.price.priceList?.code).toBe('gbp-list');
    expect((await open(null)).savedConfiguration.configuration.price.currency).toBe('EUR');
  });
});
