import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CustomerQuoteLines from './CustomerQuoteLines.vue';
import { deskLine } from './test-fixtures';

describe('CustomerQuoteLines', () => {
  it('shows each line in the customer’s words: options by feature, prices, and the ship date if accepted today', () => {
    const wrapper = mount(CustomerQuoteLines, { props: { lines: [deskLine()] } });
    const line = wrapper.get('[data-testid="customer-quote-line"]');
    expect(line.get('h3').text()).toBe('2 × Standing desk');
    expect(line.findAll('.summary__row').map((row) => row.text())).toEqual([
      'Width1600 mm',
      'AccessoriesCable tray, Drawer',
    ]);
    expect(line.text()).toContain('$1,000.00 each');
    expect(line.text()).toContain('less 5%');
    expect(line.get('[data-testid="customer-line-total"]').text()).toBe('$1,900.00');
    expect(line.get('[data-testid="customer-line-ship-date"]').text()).toBe(
      'Estimated ship date if accepted today: Dec 18, 2026',
    );
    // Never the staff's figures, nor the bottleneck's internals.
    expect(line.text()).not.toMatch(/1,100.20|571.80|Assembly/);
  });

  it('says no discount when there is none', () => {
    const wrapper = mount(CustomerQuoteLines, { props: { lines: [deskLine({ discountPercent: '0' })] } });
    expect(wrapper.text()).not.toContain('less');
  });
});
