import { CombinedError } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref, shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SESSION, type Session, type SessionUser } from '../../composables/useSession';
import { CURRENCY_STORAGE_KEY } from '../../currency-choice';
import { CurrenciesDocument, PriceMode, ProductsDocument, Role } from '../../graphql/graphql';
import ProductList from './ProductList.vue';

/** The desk's default build in each currency, as the server prices it by each default list. */
const DESK_PRICES: Record<string, string> = { EUR: '1170.60', USD: '1311.07', GBP: '1030.13' };

function products(currency: string) {
  return [
    {
      code: 'standing-desk',
      name: 'Made-to-measure standing desk',
      pitch: 'Your size.',
      modelVersion: 1,
      startingPrice: { amount: DESK_PRICES[currency]!, currency },
      defaultSelections: [],
    },
  ];
}

/** Answers Products in the currency asked (EUR when none); `refused`: a currency the server refuses. */
async function mountList(url: string, options: { refused?: string; session?: Session } = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'catalogue', component: ProductList },
      { path: '/configure/:productCode', name: 'configure', component: { template: '<p>configure</p>' } },
    ],
  });
  const asked: (string | null)[] = [];
  const client = {
    query: vi.fn((doc: unknown, variables: { currency?: string | null }) => {
      if (doc === CurrenciesDocument)
        return { toPromise: () => Promise.resolve({ data: { currencies: ['CHF', 'EUR', 'GBP', 'USD'] } }) };
      if (doc !== ProductsDocument) throw new Error('unexpected query');
      const currency = variables.currency ?? null;
      asked.push(currency);
      if (currency !== null && currency === options.refused) {
        const error = new CombinedError({
          graphQLErrors: [
            {
              message: `We do not price in '${currency}' (currencies: CHF, EUR, GBP, USD)`,
              extensions: { code: 'BAD_USER_INPUT', field: 'currency' },
            },
          ],
        });
        return { toPromise: () => Promise.resolve({ error }) };
      }
      return { toPromise: () => Promise.resolve({ data: { products: products(currency ?? 'EUR') } }) };
    }),
    mutation: vi.fn(),
  };
  await router.push(url);
  await router.isReady();
  const wrapper = mount(
    { template: '<RouterView />' },
    {
      global: {
        plugins: [
          router,
          [
            {
              install: (app: { provide: (k: string, v: unknown) => void }) =>
                app.provide('$urql', shallowRef(client)),
            },
          ],
        ],
        provide: options.session ? { [SESSION as symbol]: options.session } : {},
        stubs: { ProductPreview: true },
      },
    },
  );
  await flushPromises();
  const price = () => wrapper.get('[data-testid="starting-price-standing-desk"]').text();
  const configureLink = () => wrapper.get('[data-testid="configure-standing-desk"]').attributes('href');
  return { wrapper, router, asked, price, configureLink };
}

/** A session whose user is already known (the list asks nothing of it). */
function sessionOf(user: SessionUser): Session {
  return { me: ref(user), known: ref(true), ensureKnown: () => Promise.resolve() } as unknown as Session;
}

describe('ProductList', () => {
  // The currency a visitor picks is remembered on the browser: each test starts without one.
  beforeEach(() => localStorage.clear());

  it('prices a visitor in EUR by default; picking USD asks again in USD, puts it in the URL, on this browser and in the links', async () => {
    const { wrapper, router, asked, price, configureLink } = await mountList('/');
    expect(asked).toEqual([null]);
    expect(price()).toBe('€1,170.60');
    // A customer's words: "from" a price, a count with a correct plural, no version numbers.
    expect(wrapper.get('.product__price').text()).toBe('from €1,170.60');
    expect(wrapper.get('[data-testid="products-status"]').text()).toBe('1 product');
    expect(wrapper.text()).not.toContain('Model version');
    const select = wrapper.get<HTMLSelectElement>('[data-testid="currency-select"]');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['CHF', 'EUR', 'GBP', 'USD']);
    expect(select.element.value).toBe('EUR');
    expect(configureLink()).toBe('/configure/standing-desk');

    await select.setValue('USD');
    await flushPromises();
    expect(asked).toEqual([null, 'USD']);
    expect(price()).toBe('$1,311.07');
    expect(router.currentRoute.value.query).toEqual({ currency: 'USD' });
    expect(localStorage.getItem(CURRENCY_STORAGE_KEY)).toBe('USD');
    expect(configureLink()).toBe('/configure/standing-desk?currency=USD');
    wrapper.unmount();
  });

  it("opens in the currency of the URL, else in this browser's last (the configurator's choice)", async () => {
    localStorage.setItem(CURRENCY_STORAGE_KEY, 'GBP');
    const stored = await mountList('/');
    expect(stored.asked).toEqual(['GBP']);
    expect(stored.price()).toBe('£1,030.13');
    expect(stored.wrapper.get<HTMLSelectElement>('[data-testid="currency-select"]').element.value).toBe(
      'GBP',
    );
    stored.wrapper.unmount();

    const linked = await mountList('/?currency=USD');
    expect(linked.asked).toEqual(['USD']);
    expect(linked.price()).toBe('$1,311.07');
    linked.wrapper.unmount();
  });

  it('goes back to the default when the server refuses the currency, and says why', async () => {
    localStorage.setItem(CURRENCY_STORAGE_KEY, 'JPY');
    const { wrapper, router, asked, price } = await mountList('/?currency=JPY', { refused: 'JPY' });
    expect(asked).toEqual(['JPY', null]);
    expect(price()).toBe('€1,170.60');
    expect(wrapper.get('#currency-error').text()).toBe(
      "We do not price in 'JPY' (currencies: CHF, EUR, GBP, USD)",
    );
    expect(localStorage.getItem(CURRENCY_STORAGE_KEY)).toBeNull();
    expect(router.currentRoute.value.query).toEqual({});
    wrapper.unmount();
  });

  it("shows a signed-in customer their account's currency and list instead of a switch, and sends no currency", async () => {
    localStorage.setItem(CURRENCY_STORAGE_KEY, 'USD');
    const customer: SessionUser = {
      id: 5,
      email: 'customer@demo.example',
      name: 'Demo Customer',
      roles: [Role.Customer],
      account: {
        id: 1,
        name: 'Demo Customer GmbH',
        currency: 'EUR',
        priceList: {
          code: 'nordwerk-2026',
          name: 'Nordwerk Architekten, framework agreement 2026',
          currency: 'EUR',
          prices: PriceMode.Net,
        },
      },
    };
    const { wrapper, asked, price, configureLink } = await mountList('/', { session: sessionOf(customer) });
    expect(asked).toEqual([null]);
    expect(price()).toBe('€1,170.60');
    expect(wrapper.find('[data-testid="currency-select"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="account-pricing"]').text()).toBe(
      'Prices for Demo Customer GmbH in EUR: Nordwerk Architekten, framework agreement 2026, net of tax',
    );
    expect(configureLink()).toBe('/configure/standing-desk');
    wrapper.unmount();
  });
});
