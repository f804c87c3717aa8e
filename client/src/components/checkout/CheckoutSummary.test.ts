import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CheckoutSummary from './CheckoutSummary.vue';
import type { CheckoutSummaryView } from './summary';

const EUR = (amount: string) => ({ amount, currency: 'EUR' });

const SUMMARY: CheckoutSummaryView = {
  currency: 'EUR',
  pricesIncludeTax: false,
  goods: EUR('1000.00'),
  charges: [
    {
      code: 'shipping',
      kind: 'SHIPPING',
      label: 'Shipping',
      amount: EUR('89.00'),
      rate: null,
      included: false,
    },
    { code: 'tax', kind: 'TAX', label: 'VAT 19 %', amount: EUR('206.91'), rate: '19', included: false },
  ],
  shipping: EUR('89.00'),
  tax: EUR('206.91'),
  total: { ...EUR('1295.91'), minorUnits: '129591' },
  taxNote: null,
  shippingZone: 'Germany',
  shippingWeightKg: '61.97875',
  deposit: EUR('388.77'),
  paymentTerms: { code: 'deposit-30', label: 'Deposit of 30 %', depositPercent: 30 },
  promise: { shipDate: '2026-12-15' },
  termsVersion: '2026-12',
};

function mountSummary(props: Record<string, unknown> = {}) {
  return mount(CheckoutSummary, {
    props: {
      productCode: 'standing-desk',
      productName: 'Standing desk',
      quantity: 1,
      lineTotal: EUR('1000.00'),
      chosen: [
        { code: 'width_mm', label: 'Width', value: '1700 mm', own: true },
        { code: 'frame', label: 'Frame', value: 'T-frame', own: false },
      ],
      previewValues: {},
      modelVersion: 1,
      summary: SUMMARY,
      country: 'DE',
      countryName: 'Germany',
      state: 'ready',
      ...props,
    },
  });
}

const text = (wrapper: ReturnType<typeof mountSummary>, id: string) =>
  wrapper.get(`[data-testid="${id}"]`).text();

describe('CheckoutSummary', () => {
  it('shows the server’s amounts: goods, shipping with zone and weight, VAT, total, deposit, ship date', () => {
    const wrapper = mountSummary();
    expect(text(wrapper, 'summary-goods')).toBe('€1,000.00');
    expect(text(wrapper, 'summary-charge-shipping')).toContain('Shipping to Germany');
    expect(text(wrapper, 'summary-shipping-detail')).toBe('Zone Germany, 62.0 kg');
    expect(text(wrapper, 'summary-charge-tax')).toMatch(/^VAT 19%\s*€206\.91$/);
    expect(text(wrapper, 'checkout-total')).toBe('€1,295.91');
    expect(text(wrapper, 'summary-deposit')).toBe('€388.77');
    expect(wrapper.get('[data-testid="promise-date"]').attributes('datetime')).toBe('2026-12-15');
    expect(text(wrapper, 'promise')).toMatch(/^Ships by Tuesday, (15 December|December 15,) 2026$/);
  });

  it('lists what the customer chose; the standard values folded away', () => {
    const wrapper = mountSummary();
    expect(text(wrapper, 'summary-chosen')).toContain('Width');
    expect(wrapper.get('[data-testid="summary-chosen"]').text()).not.toContain('Frame');
    expect(wrapper.get('details').text()).toContain('1 standard choice');
  });

  it('says when tax is contained in gross prices, and a reverse charge in the reader’s words', () => {
    const gross = mountSummary({
      summary: {
        ...SUMMARY,
        deposit: null,
        charges: [{ ...SUMMARY.charges[1], included: true }],
        taxNote: 'Prices include 19 % VAT',
      },
    });
    expect(text(gross, 'summary-tax-note')).toBe('Prices include 19% VAT.');
    expect(text(gross, 'summary-charge-tax')).toContain('(included)');
    expect(gross.find('[data-testid="summary-deposit"]').exists()).toBe(false);
    const reverse = mountSummary({
      summary: {
        ...SUMMARY,
        taxNote: 'Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC',
      },
    });
    expect(text(reverse, 'summary-tax-note')).toMatch(/^Reverse charge/);
  });

  it('waits for a US state, and for staff without an address says shipping and tax are agreed', () => {
    expect(mountSummary({ state: 'region' }).find('[data-testid="summary-needs-region"]').exists()).toBe(
      true,
    );
    expect(mountSummary({ state: 'region' }).find('[data-testid="checkout-total"]').exists()).toBe(false);
    expect(text(mountSummary({ state: 'agreed' }), 'summary-agreed')).toBe('Shipping and tax: to be agreed');
  });

  it('says why the server could not work it out when no field of the form is at fault', () => {
    const wrapper = mountSummary({ summary: null, problem: 'A line has at most 50 units' });
    expect(text(wrapper, 'summary-problem')).toBe('A line has at most 50 units');
    expect(wrapper.get('[data-testid="summary-problem"]').attributes('role')).toBe('alert');
  });
});
