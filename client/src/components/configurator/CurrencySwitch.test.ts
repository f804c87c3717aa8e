import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { PriceMode } from '../../graphql/graphql';
import CurrencySwitch from './CurrencySwitch.vue';

const offered = ['CHF', 'EUR', 'GBP', 'USD'];

describe('CurrencySwitch', () => {
  it('offers a visitor the currencies, showing the one priced in, and asks for the one picked', async () => {
    const wrapper = mount(CurrencySwitch, {
      props: { currencies: offered, currency: null, pricedIn: 'EUR' },
    });
    const select = wrapper.get<HTMLSelectElement>('[data-testid="currency-select"]');
    expect(wrapper.get('label').attributes('for')).toBe(select.attributes('id'));
    expect(select.findAll('option').map((o) => o.text())).toEqual(offered);
    expect(select.element.value).toBe('EUR');
    await select.setValue('GBP');
    expect(wrapper.emitted('update:currency')).toEqual([['GBP']]);
    await wrapper.setProps({ currency: 'GBP', pricedIn: 'GBP' });
    expect(select.element.value).toBe('GBP');
  });

  it('shows the currency priced in before the server has said which it offers', () => {
    const wrapper = mount(CurrencySwitch, { props: { currencies: [], currency: null, pricedIn: 'EUR' } });
    expect(wrapper.findAll('option').map((o) => o.text())).toEqual(['EUR']);
  });

  it("shows a signed-in customer their account's currency and list instead of a switch", () => {
    const wrapper = mount(CurrencySwitch, {
      props: {
        currencies: offered,
        currency: 'USD',
        pricedIn: 'EUR',
        account: {
          name: 'Demo Customer GmbH',
          currency: 'EUR',
          priceList: { name: 'Nordwerk Architekten, framework agreement 2026', prices: PriceMode.Net },
        },
      },
    });
    expect(wrapper.find('[data-testid="currency-select"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="account-pricing"]').text()).toBe(
      'Prices for Demo Customer GmbH in EUR: Nordwerk Architekten, framework agreement 2026, net of tax',
    );
  });

  it('says why the currency picked was refused', () => {
    const wrapper = mount(CurrencySwitch, {
      props: { currencies: offered, currency: null, pricedIn: 'EUR', error: "We do not price in 'JPY'" },
    });
    const error = wrapper.get('#currency-error');
    expect(error.attributes('role')).toBe('alert');
    expect(wrapper.get('select').attributes('aria-describedby')).toBe('currency-error');
  });
});
