import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PipelineSummary from './PipelineSummary.vue';
import { usd } from './test-fixtures';

describe('PipelineSummary', () => {
  it('shows each status once, in the lifecycle’s order, with its value in each currency (never added up)', () => {
    const wrapper = mount(PipelineSummary, {
      props: {
        pipeline: [
          { status: 'SENT', currency: 'USD', count: 2, total: usd('5000.00') },
          { status: 'DRAFT', currency: 'EUR', count: 1, total: { amount: '1200.00', currency: 'EUR' } },
          { status: 'SENT', currency: 'EUR', count: 1, total: { amount: '800.00', currency: 'EUR' } },
          { status: 'DECLINED', currency: 'USD', count: 0, total: usd('0.00') },
        ],
      },
    });
    const statuses = wrapper.findAll('.pipeline__status');
    expect(statuses.map((s) => s.attributes('data-testid'))).toEqual(['pipeline-DRAFT', 'pipeline-SENT']);
    expect(statuses[1]!.text()).toContain('3 quotes');
    expect(statuses[1]!.findAll('.pipeline__amounts li').map((li) => li.text())).toEqual([
      '€800.00',
      '$5,000.00',
    ]);
  });

  it('says when nothing matches', () => {
    expect(mount(PipelineSummary, { props: { pipeline: [] } }).text()).toContain('No quotes match.');
  });
});
