import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import QuoteActions from './QuoteActions.vue';

describe('QuoteActions', () => {
  it('offers the steps the server allows, in the lifecycle’s order, and names the one clicked', async () => {
    const wrapper = mount(QuoteActions, { props: { allowed: ['EDIT', 'SEND', 'SUBMIT_FOR_APPROVAL'] } });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['Submit for approval', 'Send to the customer']);
    await buttons[1]!.trigger('click');
    expect(wrapper.emitted('act')).toEqual([['SEND']]);
  });

  it('leaves out the steps that are not the rep’s (approve, reject, decline, expire)', () => {
    const wrapper = mount(QuoteActions, { props: { allowed: ['APPROVE', 'REJECT', 'DECLINE', 'EXPIRE'] } });
    expect(wrapper.findAll('button')).toHaveLength(0);
    expect(wrapper.get('[data-testid="no-actions"]').text()).toContain('Nothing to do');
  });

  it('disables every step while one is on its way', () => {
    const wrapper = mount(QuoteActions, { props: { allowed: ['REVISE', 'ACCEPT'], busy: true } });
    expect(wrapper.findAll('button').every((b) => b.attributes('disabled') !== undefined)).toBe(true);
  });

  it('offers "Duplicate quote" whatever the status, beside the steps, and says it was clicked', async () => {
    const wrapper = mount(QuoteActions, { props: { allowed: ['DECLINE'], duplicable: true } });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['Duplicate quote']);
    await buttons[0]!.trigger('click');
    expect(wrapper.emitted('duplicate')).toEqual([[]]);
    expect(wrapper.emitted('act')).toBeUndefined();
    // Not offered unless the page says so.
    expect(
      mount(QuoteActions, { props: { allowed: ['SEND'] } })
        .find('[data-testid="action-DUPLICATE"]')
        .exists(),
    ).toBe(false);
  });
});
