import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type CustomerOrderViewFragment, OrderStatus } from '../../graphql/graphql';
import { setLocale } from '../../i18n';
import { customerOrder } from './customer-order.fixture';
import OrderAmounts from './OrderAmounts.vue';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('OrderAmounts', () => {
  afterEach(() => setLocale('en'));

  it('shows goods, shipping, the VAT contained in gross prices, the total, the terms and the addresses', () => {
    const wrapper = mount(OrderAmounts, { props: { order: customerOrder() } });
    expect(wrapper.get('[data-testid="order-goods"]').text()).toBe('€2,341.20');
    const charges = wrapper.findAll('[data-testid="order-charge"]').map((row) => row.text());
    expect(charges[0]).toMatch(/^Shipping to Germany \(120 kg\)\s*€98\.00$/);
    expect(charges[1]).toMatch(/^VAT 19 %\s*€389\.45 \(included\)$/);
    expect(wrapper.get('[data-testid="order-amounts-total"]').text()).toBe('€2,439.20');
    expect(wrapper.get('[data-testid="order-tax-note"]').text()).toBe('Prices include 19 % VAT');
    expect(wrapper.get('[data-testid="order-payment-terms"]').text()).toBe('Pay on invoice, 14 days net');
    expect(wrapper.get('[data-testid="order-delivery-address"]').text()).toContain('Invalidenstraße 117');
    expect(wrapper.get('[data-testid="order-delivery-address"]').text()).toContain('10115 Berlin');
    expect(wrapper.get('[data-testid="order-delivery-address"]').text()).toContain('Germany');
    expect(wrapper.get('[data-testid="order-billing-address"]').text()).toBe('Same as the delivery address');
    expect(wrapper.find('[data-testid="order-deposit"]').exists()).toBe(false);
  });

  it('in German: the kinds and terms in German, the country by its German name, the deposit when there is one', async () => {
    setLocale('de');
    const order = {
      ...customerOrder(),
      deposit: eur('731.76'),
      paymentTerms: {
        code: 'deposit-30',
        label: 'Deposit of 30 %, the rest before shipping',
        depositPercent: 30,
      },
    } as CustomerOrderViewFragment;
    const wrapper = mount(OrderAmounts, { props: { order } });
    const charges = wrapper.findAll('[data-testid="order-charge"] th').map((cell) => cell.text());
    expect(charges[0]).toBe('Versand');
    expect(charges[1]).toMatch(/^MwSt\. 19\s%, in den Preisen enthalten$/);
    expect(wrapper.get('[data-testid="order-payment-terms"]').text()).toBe(
      'Anzahlung von 30 %, der Rest vor dem Versand',
    );
    expect(wrapper.get('[data-testid="order-delivery-address"]').text()).toContain('Deutschland');
    expect(wrapper.get('[data-testid="order-deposit"]').text()).toMatch(/731,76\s€/);
  });

  it('in German: a sales tax as a tax, and the German VAT taken out of gross prices as not charged', () => {
    setLocale('de');
    const order = {
      ...customerOrder(),
      charges: [
        {
          code: 'tax',
          kind: 'TAX',
          label: 'Sales tax 7.25 %',
          amount: eur('170.00'),
          rate: '7.25',
          included: false,
        },
        {
          code: 'seller-vat-removed',
          kind: 'TAX',
          label: 'VAT 19 % contained in the prices, not charged (export)',
          amount: eur('-389.45'),
          rate: '19',
          included: false,
        },
      ],
    } as CustomerOrderViewFragment;
    const labels = mount(OrderAmounts, { props: { order } })
      .findAll('[data-testid="order-charge"] th')
      .map((cell) => cell.text());
    expect(labels[0]).toMatch(/^Steuer 7,25\s%$/);
    expect(labels[1]).toMatch(/^In den Preisen enthaltene MwSt\. 19\s%, nicht berechnet$/);
  });

  it('an order placed before checkout shows only its total', () => {
    const order = {
      ...customerOrder(OrderStatus.Delivered),
      charges: [],
      deliveryAddress: null,
      paymentTerms: null,
      taxNote: null,
    } as CustomerOrderViewFragment;
    const wrapper = mount(OrderAmounts, { props: { order } });
    expect(wrapper.find('[data-testid="order-goods"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="order-delivery-address"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="order-amounts-total"]').text()).toBe('€2,439.20');
  });
});
