import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { OrderStatus, PriceMode } from '../../graphql/graphql';
import CustomerOrderDetails from './CustomerOrderDetails.vue';
import { customerOrder, deskLine } from './customer-order.fixture';

describe('CustomerOrderDetails', () => {
  it('words each line for its customer: "2 desks", the options by label with numbers in the locale, yes/no; never codes, pcs or model versions', () => {
    const wrapper = mount(CustomerOrderDetails, { props: { order: customerOrder() } });
    expect(wrapper.get('h1').text()).toBe('Order MTO-AB12-CD34');
    expect(wrapper.get('[data-testid="order-status"]').text()).toBe('Placed');
    expect(wrapper.get('[data-testid="order-total"]').text()).toBe('€2,439.20');
    const line = wrapper.get('[data-testid="order-line"]');
    expect(line.get('[data-testid="line-quantity"]').text()).toBe('2 desks');
    const options = line
      .findAll('[data-testid="line-option"]')
      .map((row) => [row.get('dt').text(), row.get('dd').text()]);
    expect(options).toEqual([
      ['Width', '1,600 mm'],
      ['Top material', 'Solid European oak, 25 mm'],
      ['Surface finish', 'Natural hardwax oil'],
      ['Anti-collision sensor', 'Yes'],
      ['Accessories', 'Steel cable tray and Under-desk drawer, 450 mm'],
    ]);
    const text = wrapper.text();
    for (const code of ['oil_natural', 'width_mm', 'cable_tray', 'pcs', 'model version', 'Model version'])
      expect(text).not.toContain(code);
    expect(wrapper.find('[data-testid="preview"]').exists()).toBe(true);
  });

  it('says "1 desk" for one, and under each line which price list priced it', () => {
    const own = { ...deskLine(1), price: { ...deskLine(1).price, priceList: null } };
    const listed = deskLine(1);
    listed.price = {
      ...listed.price,
      priceList: {
        code: 'nordwerk',
        name: 'Nordwerk Architekten 2026',
        currency: 'EUR',
        prices: PriceMode.Net,
      },
    };
    const wrapper = mount(CustomerOrderDetails, {
      props: { order: customerOrder(OrderStatus.Confirmed, {}, [listed, own]) },
    });
    const lines = wrapper.findAll('[data-testid="order-line"]');
    expect(lines[0]!.get('[data-testid="line-quantity"]').text()).toBe('1 desk');
    expect(lines[0]!.get('[data-testid="price-lines-list"]').text()).toBe(
      'Prices from Nordwerk Architekten 2026, net of tax',
    );
    expect(lines[1]!.find('[data-testid="price-lines-list"]').exists()).toBe(false);
  });
});
