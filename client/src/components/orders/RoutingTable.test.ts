import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RoutingTable from './RoutingTable.vue';

describe('RoutingTable', () => {
  it('lists the operations with work centre and minutes, and the total time', () => {
    const wrapper = mount(RoutingTable, {
      props: {
        operations: [
          { code: 'CUT', description: 'Cut the top', workCentre: 'SAW-01', minutes: '32.24' },
          { code: 'FRAME', description: 'Assemble the frame', workCentre: 'ASSY-01', minutes: '50' },
        ],
      },
    });
    const rows = wrapper.findAll('[data-testid="routing-operation"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('SAW-01');
    expect(rows[0]!.text()).toContain('32.24');
    expect(wrapper.get('[data-testid="routing-total"]').text()).toBe('1 h 22 min');
  });

  it('says so when nothing is made', () => {
    expect(mount(RoutingTable, { props: { operations: [] } }).text()).toContain('No operations');
  });
});
