import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { type CustomerOrderViewFragment, OrderStatus, PriceMode } from '../../graphql/graphql';
import { trackedOrder } from '../operations/test-fixtures';
import CustomerOrderDetails from './CustomerOrderDetails.vue';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** A line priced by `list` (null: the model's own prices). */
function line(
  code: string,
  name: string,
  amount: string,
  list: { code: string; name: string; prices: PriceMode } | null,
) {
  return {
    product: { code, name },
    modelVersion: 1,
    quantity: 1,
    chosenFeatures: [],
    selections: [],
    price: {
      currency: 'EUR',
      priceList: list ? { ...list, currency: 'EUR' } : null,
      quantity: 1,
      lines: [{ code: 'base', label: name, kind: 'base', unitAmount: eur(amount), amount: eur(amount) }],
      unitPrice: eur(amount),
      total: eur(amount),
    },
  };
}

describe('CustomerOrderDetails', () => {
  it('says under each line which price list priced it', () => {
    const order = {
      ...trackedOrder(OrderStatus.Placed),
      total: eur('4467.60'),
      lines: [
        line('standing-desk', 'Made-to-measure standing desk', '1170.60', {
          code: 'nordwerk-2026',
          name: 'Nordwerk Architekten, framework agreement 2026',
          prices: PriceMode.Net,
        }),
        line('e-bike', 'Custom e-bike', '3297.00', {
          code: 'eur-list',
          name: 'List prices EUR',
          prices: PriceMode.Gross,
        }),
        line('workstation-pc', 'Workstation PC', '3019.40', null),
      ],
    } as unknown as CustomerOrderViewFragment;
    const wrapper = mount(CustomerOrderDetails, { props: { order } });
    const lines = wrapper.findAll('[data-testid="order-line"]');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.get('[data-testid="price-lines-list"]').text()).toBe(
      'Prices from Nordwerk Architekten, framework agreement 2026, net of tax',
    );
    expect(lines[1]!.get('[data-testid="price-lines-list"]').text()).toBe(
      'Prices from List prices EUR, tax included',
    );
    expect(lines[2]!.find('[data-testid="price-lines-list"]').exists()).toBe(false);
  });
});
