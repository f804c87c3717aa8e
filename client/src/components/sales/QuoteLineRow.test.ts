import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import QuoteLineRow from './QuoteLineRow.vue';
import { deskLine } from './test-fixtures';

const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/', component: { template: '<p/>' } },
    { path: '/configure/:productCode', name: 'configure', component: { template: '<p/>' } },
  ],
});

function mountRow(props: Partial<InstanceType<typeof QuoteLineRow>['$props']> = {}) {
  const table = {
    components: { QuoteLineRow },
    props: ['rowProps'],
    emits: ['edit', 'duplicate', 'remove'],
    template:
      '<table><tbody><QuoteLineRow v-bind="rowProps" @edit="(e) => $emit(\'edit\', e)" @duplicate="$emit(\'duplicate\')" @remove="$emit(\'remove\')" /></tbody></table>',
  };
  return mount(table, {
    props: { rowProps: { line: deskLine(), index: 0, quoteId: 42, editable: true, staff: true, ...props } },
    global: { plugins: [router] },
  });
}

const get = (wrapper: ReturnType<typeof mountRow>, id: string) => wrapper.get(`[data-testid="${id}"]`);

describe('QuoteLineRow', () => {
  it('shows the product, its options in words, prices, cost, margin and the ship date with its bottleneck', () => {
    const wrapper = mountRow();
    expect(get(wrapper, 'line-product').text()).toBe('Standing desk');
    expect(get(wrapper, 'line-options').text()).toBe('Width: 1600 mm; Accessories: Cable tray, Drawer');
    expect(get(wrapper, 'line-unit-price').text()).toBe('$1,000.00');
    expect(get(wrapper, 'line-total').text()).toBe('$1,900.00');
    expect(get(wrapper, 'line-cost').text()).toBe('$1,100.20');
    expect(get(wrapper, 'line-margin').text()).toBe('$571.8034.19%');
    expect(get(wrapper, 'line-ship-date').text()).toContain('Dec 18, 2026');
    expect(get(wrapper, 'line-ship-date').text()).toContain('Assembly is booked until 2026-12-14');
  });

  it('says a cost in another currency than the quote’s as it is, and gives no margin (never converted)', () => {
    const wrapper = mountRow({
      line: deskLine({
        unitCost: { amount: '480.10', currency: 'EUR' },
        cost: null,
        margin: null,
        marginPercent: null,
      }),
    });
    expect(get(wrapper, 'line-cost').text()).toBe('€480.10 each in EUR: no margin in USD');
    expect(get(wrapper, 'line-margin').text()).toBe('–');
  });

  it('hides cost and margin from anyone but sales staff', () => {
    const wrapper = mountRow({ staff: false });
    expect(wrapper.find('[data-testid="line-cost"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="line-margin"]').exists()).toBe(false);
  });

  it('sends a quantity and discount typed in place once both are readable; says what is wrong otherwise', async () => {
    const wrapper = mountRow();
    expect((get(wrapper, 'line-discount').element as HTMLInputElement).value).toBe('5');
    await get(wrapper, 'line-discount').setValue('12,5');
    expect(wrapper.emitted('edit')).toEqual([[{ quantity: 2, discountPercent: '12.5' }]]);
    await get(wrapper, 'line-quantity').setValue('0');
    expect(wrapper.emitted('edit')).toHaveLength(1);
    expect(get(wrapper, 'line-quantity').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('Give a whole number of at least 1.');
    await get(wrapper, 'line-quantity').setValue('3');
    expect(wrapper.emitted('edit')?.[1]).toEqual([{ quantity: 3, discountPercent: '12.5' }]);
  });

  it('opens the configurator with the line’s choices: to replace it, or to add a changed copy', () => {
    const wrapper = mountRow();
    const change = decodeURIComponent(get(wrapper, 'line-change').attributes('href') ?? '');
    expect(change).toBe(
      '/configure/standing-desk?quote=42&line=7&width_mm=1600&accessories=list:cable_tray,drawer&qty=2&currency=USD',
    );
    const duplicate = decodeURIComponent(get(wrapper, 'line-duplicate').attributes('href') ?? '');
    expect(duplicate).toBe(
      '/configure/standing-desk?quote=42&width_mm=1600&accessories=list:cable_tray,drawer&qty=2&currency=USD',
    );
  });

  it('duplicates the line as it is, or removes it', async () => {
    const wrapper = mountRow();
    await get(wrapper, 'line-copy').trigger('click');
    await get(wrapper, 'line-remove').trigger('click');
    expect(wrapper.emitted('duplicate')).toHaveLength(1);
    expect(wrapper.emitted('remove')).toHaveLength(1);
  });

  it('shows fixed figures and no actions once the quote is not editable', () => {
    const wrapper = mountRow({ editable: false });
    expect(get(wrapper, 'line-quantity').element.tagName).toBe('SPAN');
    expect(get(wrapper, 'line-discount').text()).toBe('5%');
    expect(wrapper.find('[data-testid="line-remove"]').exists()).toBe(false);
  });
});
