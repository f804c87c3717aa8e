import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { PriceMode } from '../../graphql/graphql';
import { buildsText, completenessText, formatCount, formatDelta } from './model';
import PricePanel from './PricePanel.vue';
import { money, price } from './test-fixtures';

const base = { price, quantity: 2, valid: true, complete: true, undecided: [], violations: [] };

describe('PricePanel', () => {
  it('lists the price lines and the total, announced politely', () => {
    const wrapper = mount(PricePanel, { props: base });
    const lines = wrapper.findAll('[data-testid="price-line"]');
    expect(lines.map((l) => l.text())).toEqual([
      'Base price€390.00',
      'Frame: 4-leg frame€290.00',
      'Oak top, per m2€1,234.50',
    ]);
    const total = wrapper.get('[data-testid="price-total"]');
    expect(total.text()).toBe('€3,829.00');
    expect(total.element.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    expect(wrapper.get('[data-testid="price-unit"]').text()).toBe('€1,914.50');
  });

  it('says when the configuration is complete, and what is still to choose', async () => {
    const wrapper = mount(PricePanel, { props: base });
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Complete — ready to order');
    await wrapper.setProps({ complete: false, undecided: ['Top material', 'Frame'] });
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain(
      'Still to choose: Top material, Frame',
    );
  });

  it('a field whose value is refused comes first: never "ready to order" beside it', async () => {
    const wrapper = mount(PricePanel, { props: { ...base, fieldErrors: ['Width'] } });
    const completeness = wrapper.get('[data-testid="completeness"]');
    expect(completeness.text()).toContain('Please correct Width first');
    expect(completeness.text()).not.toContain('ready to order');
    expect(completeness.classes()).toContain('completeness--open');
    await wrapper.setProps({ fieldErrors: [] });
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Complete — ready to order');
  });

  it('keeps the remaining builds behind a "why" disclosure for a customer (in plain view for staff), with thousands separators; nothing when uncounted', async () => {
    const wrapper = mount(PricePanel, { props: { ...base, remaining: '12480' } });
    expect(wrapper.get('[data-testid="remaining-builds"]').text()).toBe('12,480 possible builds');
    const why = wrapper.get<HTMLDetailsElement>('[data-testid="remaining-why"]');
    expect(why.element.tagName).toBe('DETAILS');
    expect(why.element.open).toBe(false);
    expect(why.get('summary').text()).toBe('Why can some options not be picked?');
    await wrapper.setProps({ remaining: '1' });
    expect(wrapper.get('[data-testid="remaining-builds"]').text()).toBe('1 possible build');
    await wrapper.setProps({ remaining: null });
    expect(wrapper.find('[data-testid="remaining-builds"]').exists()).toBe(false);
  });

  it('says when the quantity is more than one order takes (priced all the same)', async () => {
    const wrapper = mount(PricePanel, { props: { ...base, maxPerOrder: 50 } });
    expect(wrapper.find('[data-testid="quantity-over-limit"]').exists()).toBe(false);
    await wrapper.setProps({ quantity: 51 });
    expect(wrapper.get('[data-testid="quantity-over-limit"]').text()).toBe(
      'Priced for 51, but one order takes at most 50: for more, ask us for a quote.',
    );
    await wrapper.setProps({ quantity: 50 });
    expect(wrapper.find('[data-testid="quantity-over-limit"]').exists()).toBe(false);
  });

  it('lists errors and warnings in words', () => {
    const wrapper = mount(PricePanel, {
      props: {
        ...base,
        valid: false,
        violations: [
          {
            ruleId: 'r1',
            message: 'Tops wider than 1800 mm need the 4-leg frame.',
            severity: 'ERROR',
            features: [],
          },
          {
            ruleId: 'r2',
            message: 'Deep tops wobble at standing height.',
            severity: 'WARNING',
            features: [],
          },
        ],
      },
    });
    expect(wrapper.get('[data-testid="violation"]').text()).toBe(
      'Tops wider than 1800 mm need the 4-leg frame.',
    );
    expect(wrapper.get('[data-testid="warning"]').text()).toBe('Deep tops wobble at standing height.');
    expect(wrapper.get('[data-testid="completeness"]').text()).not.toContain('ready to order');
  });

  it('emits a valid quantity and refuses others', async () => {
    const wrapper = mount(PricePanel, { props: base });
    const input = wrapper.get('[data-testid="quantity"]');
    await input.setValue('5');
    await input.trigger('change');
    expect(wrapper.emitted('update:quantity')).toEqual([[5]]);
    await input.setValue('0');
    await input.trigger('change');
    expect(wrapper.text()).toContain('Enter a whole number from 1 to 9999.');
    expect(wrapper.emitted('update:quantity')).toHaveLength(1);
    await wrapper.get('button[aria-label="One more"]').trigger('click');
    expect(wrapper.emitted('update:quantity')![1]).toEqual([3]);
  });
});

describe('texts', () => {
  it('completeness and price deltas', () => {
    expect(completenessText(true, true, [])).toBe('Complete — ready to order');
    expect(completenessText(false, true, ['Frame'])).toBe('Still to choose: Frame');
    expect(formatDelta({ amount: '120.00', currency: 'EUR' })).toBe('+ €120.00');
    expect(formatDelta({ amount: '-20.00', currency: 'EUR' })).toBe('− €20.00');
    expect(formatDelta({ amount: '0.00', currency: 'EUR' })).toBeNull();
  });

  it('counts: exact digits, never through Number', () => {
    expect(formatCount('0')).toBe('0');
    expect(formatCount('999')).toBe('999');
    expect(formatCount('1000')).toBe('1,000');
    expect(formatCount('98765432109876543210987654321')).toBe('98,765,432,109,876,543,210,987,654,321');
    expect(formatCount(null)).toBeNull();
    expect(formatCount('1e9')).toBeNull();
    expect(buildsText('2', 'option')).toBe('2 builds');
    expect(buildsText('1', 'option')).toBe('1 build');
  });

  it('says which price list priced it, and whether its prices include tax; nothing for the model’s own prices', async () => {
    const usd = {
      ...price,
      currency: 'USD',
      priceList: {
        code: 'usd-list',
        name: 'List prices USD (North America)',
        currency: 'USD',
        prices: PriceMode.Net,
      },
    };
    const wrapper = mount(PricePanel, { props: { ...base, price: usd } });
    expect(wrapper.get('[data-testid="price-list"]').text()).toBe(
      'Prices from List prices USD (North America), net of tax',
    );
    await wrapper.setProps({ price: { ...price } });
    expect(wrapper.get('[data-testid="price-list"]').text()).toBe(
      'Prices from List prices EUR, tax included',
    );
    await wrapper.setProps({ price: { ...price, priceList: null } });
    expect(wrapper.find('[data-testid="price-list"]').exists()).toBe(false);
  });

  const cost = {
    currency: 'EUR',
    quantity: 2,
    unitCost: money('1210.35'),
    unitCostExact: '1210.345',
    unitMaterialCost: money('1040.10'),
    unitLabourCost: money('170.25'),
    totalCost: money('2420.69'),
    complete: true,
    missing: [],
    comparable: true,
    margin: money('1408.31'),
    marginPercent: '36.78',
  };

  it('shows sales staff the unit cost, its material and labour, and the margin; nothing without a cost', async () => {
    const wrapper = mount(PricePanel, { props: { ...base, cost } });
    const section = wrapper.get('[data-testid="cost"]');
    expect(section.get('h3').text()).toBe('Cost and margin (staff only)');
    expect(wrapper.get('[data-testid="cost-unit"]').text()).toBe('€1,210.35');
    expect(section.text()).toContain('Material€1,040.10');
    expect(section.text()).toContain('Labour€170.25');
    expect(wrapper.get('[data-testid="cost-margin"]').text()).toBe('€1,408.31 (36.78 %)');
    expect(section.text()).toContain('Margin for 2');
    await wrapper.setProps({ cost: null });
    expect(wrapper.find('[data-testid="cost"]').exists()).toBe(false);
  });

  it('gives no margin when the price is in another currency than the cost, and says why', () => {
    const usd = { ...price, currency: 'USD' };
    const wrapper = mount(PricePanel, {
      props: { ...base, price: usd, cost: { ...cost, comparable: false, margin: null, marginPercent: null } },
    });
    expect(wrapper.find('[data-testid="cost-margin"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="cost-not-comparable"]').text()).toBe(
      'Priced in USD, costed in EUR: no margin, since prices are never converted.',
    );
  });
});
