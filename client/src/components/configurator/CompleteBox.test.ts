import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CompleteBox from './CompleteBox.vue';

describe('CompleteBox', () => {
  it('asks to complete with the defaults, or with the cheapest options when chosen', async () => {
    const wrapper = mount(CompleteBox, { props: {} });
    const button = wrapper.get('[data-testid="complete-it"]');
    expect(button.text()).toBe('Complete it for me');
    await button.trigger('click');
    await wrapper.get('[data-testid="complete-preference"]').setValue('CHEAPEST');
    await button.trigger('click');
    expect(wrapper.emitted('complete')).toEqual([['DEFAULTS'], ['CHEAPEST']]);
    // The select has a visible label.
    const select = wrapper.get('select');
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Fill in with');
  });

  it('waits while busy and shows why no build was found', () => {
    const wrapper = mount(CompleteBox, {
      props: { busy: true, error: 'No complete build keeps all your choices: Cargo box needs frame M or L.' },
    });
    expect(wrapper.get('[data-testid="complete-it"]').attributes('disabled')).toBeDefined();
    const error = wrapper.get('[data-testid="complete-error"]');
    expect(error.attributes('role')).toBe('alert');
    expect(error.text()).toContain('Cargo box needs frame M or L.');
  });
});
