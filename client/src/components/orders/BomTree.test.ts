import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { PartKind } from '../../graphql/graphql';
import BomTree from './BomTree.vue';
import type { BomLine } from './bom-tree';

const lines: BomLine[] = [
  {
    partNumber: 'DSK-FRM-2L',
    description: 'Lifting frame',
    quantity: '1',
    unit: 'pcs',
    kind: PartKind.Made,
    level: 1,
    parentPartNumber: null,
  },
  {
    partNumber: 'DSK-COL-2S',
    description: 'Lifting column',
    quantity: '2',
    unit: 'pcs',
    kind: PartKind.Purchased,
    level: 2,
    parentPartNumber: 'DSK-FRM-2L',
  },
  {
    partNumber: 'DSK-XBAR',
    description: 'Crossbar',
    quantity: '1.28',
    unit: 'm',
    kind: PartKind.Purchased,
    level: 2,
    parentPartNumber: 'DSK-FRM-2L',
  },
  {
    partNumber: 'DSK-TOP',
    description: 'Oak top',
    quantity: '1.38',
    unit: 'm2',
    kind: PartKind.Purchased,
    level: 1,
    parentPartNumber: null,
  },
];

describe('BomTree', () => {
  it('shows the BOM as nested lists with quantities and units', () => {
    const wrapper = mount(BomTree, { props: { lines } });
    const root = wrapper.get('[data-testid="bom-tree"]');
    expect(root.element.tagName).toBe('UL');
    const top = root.findAll(':scope > li');
    expect(top.map((li) => li.attributes('data-part'))).toEqual(['DSK-FRM-2L', 'DSK-TOP']);
    const nested = top[0]!.findAll('ul > li');
    expect(nested.map((li) => li.attributes('data-part'))).toEqual(['DSK-COL-2S', 'DSK-XBAR']);
    expect(nested[1]!.get('[data-testid="bom-quantity"]').text()).toBe('1.28 m');
    expect(top[1]!.get('[data-testid="bom-quantity"]').text()).toBe('1.38 m2');
  });

  it('folds and unfolds a sub-assembly with a button that says whether it is open', async () => {
    const wrapper = mount(BomTree, { props: { lines }, attachTo: document.body });
    const toggle = wrapper.get('button.bom__toggle');
    expect(wrapper.findAll('button.bom__toggle')).toHaveLength(1); // only the sub-assembly has one
    expect(toggle.attributes('aria-expanded')).toBe('true');
    const parts = wrapper.get(`#${toggle.attributes('aria-controls')}`);
    expect(parts.isVisible()).toBe(true);
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(parts.isVisible()).toBe(false);
    await toggle.trigger('click');
    expect(parts.isVisible()).toBe(true);
    wrapper.unmount();
  });

  it('says so when there is no BOM', () => {
    const wrapper = mount(BomTree, { props: { lines: [] } });
    expect(wrapper.find('[data-testid="bom-tree"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('No bill of materials');
  });
});
