import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { PriceMode } from '../../graphql/graphql';
import PriceLines from './PriceLines.vue';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('PriceLines', () => {
  it('lists each price line and the total, formatted', () => {
    const wrapper = mount(PriceLines, {
      props: {
        lines: [
          { code: 'base', label: 'Standing desk', kind: 'base', amount: eur('899.00') },
          { code: 'top', label: 'Oak top', kind: 'option', amount: eur('1240.50') },
          { code: 'disc', label: 'Volume discount', kind: 'discount', amount: eur('-50.00') },
        ],
        total: eur('2089.50'),
        totalTestid: 'the-total',
      },
    });
    const rows = wrapper.findAll('[data-testid="price-lines-row"]');
    expect(rows.map((r) => r.get('th').text())).toEqual(['Standing desk', 'Oak top', 'Volume discount']);
    expect(rows[1]!.get('td').text()).toBe('€1,240.50');
    expect(rows[2]!.classes()).toContain('price-lines__row--discount');
    expect(wrapper.get('[data-testid="the-total"]').text()).toBe('€2,089.50');
  });

  it('shows the unit price and the quantity when there are several units', () => {
    const wrapper = mount(PriceLines, {
      props: { lines: [], total: eur('200.00'), unitPrice: eur('100.00'), quantity: 2 },
    });
    expect(wrapper.text()).toContain('Unit price');
    expect(wrapper.text()).toContain('Total for 2 units');
    expect(wrapper.get('[data-testid="price-lines-total"]').text()).toBe('€200.00');
  });

  it("names the price list that priced it under the total, and nothing for the model's own prices", () => {
    const usd = (amount: string) => ({ amount, currency: 'USD' });
    const wrapper = mount(PriceLines, {
      props: {
        lines: [{ code: 'base', label: 'Standing desk', kind: 'base', amount: usd('436.80') }],
        total: usd('436.80'),
        priceList: { name: 'List prices USD (North America)', prices: PriceMode.Net },
      },
    });
    expect(wrapper.get('[data-testid="price-lines-list"]').text()).toBe(
      'Prices from List prices USD (North America), net of tax',
    );
    // In the table's footing, after the total: read with the price it qualifies.
    expect(wrapper.get('tfoot').find('[data-testid="price-lines-list"]').exists()).toBe(true);
    const own = mount(PriceLines, { props: { lines: [], total: eur('100.00'), priceList: null } });
    expect(own.find('[data-testid="price-lines-list"]').exists()).toBe(false);
  });
});
