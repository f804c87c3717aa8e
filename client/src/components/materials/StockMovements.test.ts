import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import StockMovements from './StockMovements.vue';

describe('StockMovements', () => {
  it('lists the movements with a signed quantity, on hand after, the reason, the order and who', () => {
    const wrapper = mount(StockMovements, {
      props: {
        partNumber: 'EB-BAT-750',
        movements: [
          {
            at: '2026-12-02T10:00:00.000Z',
            kind: 'RECEIPT',
            quantity: '1',
            onHandAfter: '1',
            reason: 'Requisition received',
            actor: 'Rita Receiving',
            orderNumber: 'MTO-AB12-CD34',
          },
          {
            at: '2026-12-01T09:00:00.000Z',
            kind: 'ADJUSTMENT',
            quantity: '-2',
            onHandAfter: '0',
            reason: 'Cycle count',
            actor: 'Sam Stock',
            orderNumber: null,
          },
        ],
      },
    });
    const items = wrapper.findAll('[data-testid="movement"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('Receipt');
    expect(items[0]!.text()).toContain('+1');
    expect(items[0]!.text()).toContain('(MTO-AB12-CD34) · Rita Receiving');
    expect(items[1]!.text()).toContain('-2');
    expect(items[1]!.text()).toContain('→ 0');
    expect(items[1]!.text()).toContain('Cycle count · Sam Stock');
  });

  it('says so when there is none', () => {
    const wrapper = mount(StockMovements, { props: { partNumber: 'EB-FRM-M', movements: [] } });
    expect(wrapper.text()).toContain('No movement yet');
  });
});
