import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import QuoteTotals from './QuoteTotals.vue';
import { quoteMargin, totals, usd } from './test-fixtures';

const text = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.get(`[data-testid="${id}"]`).text();

describe('QuoteTotals', () => {
  it('shows gross, discounts, subtotal and total in the quote currency', () => {
    const wrapper = mount(QuoteTotals, { props: { totals: totals() } });
    expect(text(wrapper, 'totals-gross')).toBe('$3,000.00');
    expect(text(wrapper, 'totals-line-discounts')).toBe('− $150.00');
    expect(text(wrapper, 'totals-subtotal')).toBe('$2,850.00');
    expect(wrapper.text()).toContain('Quote discount (12%)');
    expect(text(wrapper, 'totals-header-discount')).toBe('− $342.00');
    expect(text(wrapper, 'totals-total')).toBe('$2,508.00');
    expect(text(wrapper, 'totals-discount-percent')).toBe('16.4%');
  });

  it('leaves out discount rows that are zero', () => {
    const wrapper = mount(QuoteTotals, {
      props: {
        totals: totals({
          lineDiscounts: usd('0.00'),
          headerDiscount: usd('0.00'),
          headerDiscountPercent: '0',
          discountPercent: '0',
        }),
      },
    });
    expect(wrapper.find('[data-testid="totals-line-discounts"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="totals-header-discount"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="totals-discount-percent"]').exists()).toBe(false);
  });

  it('shows cost and margin to sales staff only, and says when the cost is not known', () => {
    expect(
      mount(QuoteTotals, { props: { totals: totals() } })
        .find('[data-testid="totals-staff"]')
        .exists(),
    ).toBe(false);
    const staff = mount(QuoteTotals, { props: { totals: totals(), margin: quoteMargin(), staff: true } });
    expect(text(staff, 'totals-cost')).toBe('$1,650.40');
    expect(text(staff, 'totals-margin')).toBe('$857.60 (34.19%)');
    const unknown = mount(QuoteTotals, {
      props: {
        totals: totals(),
        margin: quoteMargin({ cost: null, margin: null, marginPercent: null }),
        staff: true,
      },
    });
    expect(text(unknown, 'totals-cost')).toBe('not known');
    expect(text(unknown, 'totals-margin')).toBe('not known');
  });

  it('adds the tax to a total of net prices', () => {
    const wrapper = mount(QuoteTotals, {
      props: { totals: totals({ tax: usd('476.52'), totalWithTax: usd('2984.52') }) },
    });
    expect(wrapper.text()).toContain('Total before tax');
    expect(text(wrapper, 'totals-tax')).toBe('$476.52');
    expect(text(wrapper, 'totals-with-tax')).toBe('$2,984.52');
    expect(
      mount(QuoteTotals, { props: { totals: totals() } })
        .find('[data-testid="totals-tax"]')
        .exists(),
    ).toBe(false);
  });

  it('marks itself busy while the server recalculates', () => {
    const wrapper = mount(QuoteTotals, { props: { totals: totals(), updating: true } });
    expect(wrapper.get('table').attributes('aria-busy')).toBe('true');
  });
});
