import { CombinedError } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { shallowRef } from 'vue';
import { SESSION, type Session } from '../../composables/useSession';
import {
  AccountPriceListDocument,
  type AccountPriceListViewFragment,
  type PriceListOptionFragment,
  PriceMode,
  Role,
  SetAccountPriceListDocument,
} from '../../graphql/graphql';
import AccountPriceListForm from './AccountPriceListForm.vue';

function list(
  code: string,
  name: string,
  currency: string,
  more: Partial<PriceListOptionFragment> = {},
): PriceListOptionFragment {
  return {
    code,
    name,
    currency,
    prices: PriceMode.Gross,
    isDefault: false,
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    ...more,
  };
}

const EUR_LIST = list('eur-list', 'List prices EUR', 'EUR', { isDefault: true });
const USD_LIST = list('usd-list', 'List prices USD (North America)', 'USD', {
  isDefault: true,
  prices: PriceMode.Net,
});
const NORDWERK = list('nordwerk-2026', 'Nordwerk Architekten, framework agreement 2026', 'EUR', {
  prices: PriceMode.Net,
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
});
const LISTS = [NORDWERK, USD_LIST, EUR_LIST];

function account(
  own: PriceListOptionFragment | null,
  today: PriceListOptionFragment | null = own ?? EUR_LIST,
): AccountPriceListViewFragment {
  return { id: 7, name: 'Demo Customer GmbH', currency: 'EUR', priceList: today, ownPriceList: own };
}

type Answer = { data?: Record<string, unknown>; error?: CombinedError };

/** The form for account 7, answered by `initial`; `set` answers setAccountPriceList for the code given. */
async function mountForm(
  roles: Role[],
  initial: AccountPriceListViewFragment,
  set: (code: string | null) => Answer = (code) => ({
    data: {
      setAccountPriceList: account(code === null ? null : (LISTS.find((l) => l.code === code) ?? null)),
    },
  }),
) {
  const mutations: Record<string, unknown>[] = [];
  const client = {
    query: vi.fn((doc: unknown, variables: { id: number }) => {
      if (doc !== AccountPriceListDocument || variables.id !== 7) throw new Error('unexpected query');
      return { toPromise: () => Promise.resolve({ data: { customerAccount: initial, priceLists: LISTS } }) };
    }),
    mutation: vi.fn((doc: unknown, variables: { accountId: number; priceListCode: string | null }) => {
      if (doc !== SetAccountPriceListDocument) throw new Error('unexpected mutation');
      mutations.push(variables);
      return { toPromise: () => Promise.resolve(set(variables.priceListCode)) };
    }),
  };
  const session = { hasAnyRole: (wanted: readonly Role[]) => roles.some((r) => wanted.includes(r)) };
  const wrapper = mount(AccountPriceListForm, {
    props: { accountId: 7 },
    global: {
      provide: { $urql: shallowRef(client), [SESSION as symbol]: session as unknown as Session },
    },
    attachTo: document.body,
  });
  await flushPromises();
  const select = () => wrapper.get<HTMLSelectElement>('[data-testid="account-price-list-select"]');
  const save = async () => {
    await wrapper.get('[data-testid="account-price-list-form"]').trigger('submit');
    await flushPromises();
  };
  return { wrapper, mutations, select, save };
}

describe('AccountPriceListForm', () => {
  it("offers a sales manager the lists in the account's currency and the default list, and gives it the one picked", async () => {
    const { wrapper, mutations, select, save } = await mountForm([Role.SalesManager], account(null));
    expect(wrapper.get('[data-testid="account-price-list-now"]').text()).toBe(
      'Buys by List prices EUR, tax included today.',
    );
    // EUR lists only (the USD list is another currency's); the default list is the empty choice.
    expect(
      select()
        .findAll('option')
        .map((o) => [o.attributes('value'), o.text()]),
    ).toEqual([
      ['', 'Default list of EUR (List prices EUR)'],
      ['nordwerk-2026', 'Nordwerk Architekten, framework agreement 2026, Jan 1, 2026 to Dec 31, 2026'],
    ]);
    expect(select().element.value).toBe('');
    expect(wrapper.get('[data-testid="account-price-list-save"]').attributes('disabled')).toBeDefined();

    await select().setValue('nordwerk-2026');
    await save();
    expect(mutations).toEqual([{ accountId: 7, priceListCode: 'nordwerk-2026' }]);
    expect(wrapper.get('[data-testid="account-price-list-saved"]').text()).toBe(
      'Saved: Demo Customer GmbH buys by Nordwerk Architekten, framework agreement 2026, net of tax.',
    );
    expect(wrapper.get('[data-testid="account-price-list-now"]').text()).toContain('Nordwerk Architekten');
    expect(wrapper.emitted('changed')?.[0]?.[0]).toMatchObject({ ownPriceList: { code: 'nordwerk-2026' } });
    wrapper.unmount();
  });

  it("clears an account's own list with 'default list of EUR' (null to the server)", async () => {
    const { wrapper, mutations, select, save } = await mountForm([Role.Admin], account(NORDWERK));
    expect(select().element.value).toBe('nordwerk-2026');
    await select().setValue('');
    await save();
    expect(mutations).toEqual([{ accountId: 7, priceListCode: null }]);
    expect(wrapper.get('[data-testid="account-price-list-saved"]').text()).toBe(
      'Saved: Demo Customer GmbH buys by List prices EUR, tax included.',
    );
    expect(select().element.value).toBe('');
    wrapper.unmount();
  });

  it("shows the server's refusal at the field, and keeps the list picked", async () => {
    const refusal = new CombinedError({
      graphQLErrors: [
        {
          message:
            'Nordwerk Architekten, framework agreement 2026 (nordwerk-2026) prices in EUR, and Demo Customer GmbH buys in CHF: give it a CHF list',
          extensions: { code: 'BAD_USER_INPUT', field: 'priceListCode' },
        },
      ],
    });
    const { wrapper, select, save } = await mountForm([Role.SalesManager], account(null), () => ({
      error: refusal,
    }));
    await select().setValue('nordwerk-2026');
    await save();
    const error = wrapper.get('#account-price-list-error');
    expect(error.text()).toMatch(/buys in CHF: give it a CHF list/);
    expect(error.attributes('role')).toBe('alert');
    expect(select().attributes('aria-invalid')).toBe('true');
    expect(select().attributes('aria-describedby')).toBe('account-price-list-error');
    expect(select().element.value).toBe('nordwerk-2026');
    expect(wrapper.get('[data-testid="account-price-list-saved"]').text()).toBe('');
    // Picking again clears the refusal.
    await select().setValue('');
    expect(wrapper.find('#account-price-list-error').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says when the list given is not in effect today (the account buys by the default list meanwhile)', async () => {
    const { wrapper, select } = await mountForm([Role.SalesManager], account(NORDWERK, EUR_LIST));
    expect(wrapper.get('[data-testid="account-price-list-given"]').text()).toBe(
      'Given Nordwerk Architekten, framework agreement 2026, in effect Jan 1, 2026 to Dec 31, 2026: not today.',
    );
    expect(wrapper.get('[data-testid="account-price-list-now"]').text()).toContain('List prices EUR');
    expect(select().element.value).toBe('nordwerk-2026');
    wrapper.unmount();
  });

  it('shows a sales rep the list without the form', async () => {
    const { wrapper } = await mountForm([Role.Sales], account(NORDWERK));
    expect(wrapper.get('[data-testid="account-price-list-now"]').text()).toContain('Nordwerk Architekten');
    expect(wrapper.find('[data-testid="account-price-list-form"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('A sales manager or an admin gives the account its price list.');
    wrapper.unmount();
  });
});
