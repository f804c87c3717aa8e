import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import FeatureField from './FeatureField.vue';
import OptionChoice from './OptionChoice.vue';
import { accessories, antiCollision, features, frame } from './test-fixtures';

describe('OptionChoice', () => {
  it('shows the state, the price it adds and that the rules imply it', () => {
    const leg4 = frame.options[1]!;
    const wrapper = mount(OptionChoice, { props: { feature: 'frame', option: leg4, role: 'radio' } });
    const control = wrapper.get('[data-testid="option-frame-leg4"]');
    expect(control.attributes('data-state')).toBe('SELECTED');
    expect(control.attributes('aria-checked')).toBe('true');
    expect(control.attributes('role')).toBe('radio');
    expect(wrapper.text()).toContain('+ €290.00');
    expect(wrapper.text()).toContain('Included with your choices');
    expect(wrapper.find('[role="tooltip"]').exists()).toBe(false);
  });

  it('shows staff how many builds have the option, discreetly; none for an excluded option or an unknown count', () => {
    const leg4 = { ...frame.options[1]!, count: '1234567890123456789012' };
    // A customer sees no count of builds (an engineer's number).
    const customer = mount(OptionChoice, { props: { feature: 'frame', option: leg4, role: 'radio' } });
    expect(customer.find('[data-testid="count-frame-leg4"]').exists()).toBe(false);
    const wrapper = mount(OptionChoice, {
      props: { feature: 'frame', option: leg4, role: 'radio', showCount: true },
    });
    const count = wrapper.get('[data-testid="count-frame-leg4"]');
    expect(count.text()).toBe('1,234,567,890,123,456,789,012 builds');
    expect(count.classes()).toContain('option__count');
    const one = mount(OptionChoice, {
      props: { feature: 'frame', option: { ...leg4, count: '1' }, role: 'radio', showCount: true },
    });
    expect(one.get('[data-testid="count-frame-leg4"]').text()).toBe('1 build');
    const excluded = mount(OptionChoice, {
      props: {
        feature: 'frame',
        option: { ...frame.options[0]!, count: '0' },
        role: 'radio',
        showCount: true,
      },
    });
    expect(excluded.find('[data-testid="count-frame-leg2"]').exists()).toBe(false);
    const unknown = mount(OptionChoice, {
      props: { feature: 'frame', option: frame.options[1]!, role: 'radio', showCount: true },
    });
    expect(unknown.find('[data-testid="count-frame-leg4"]').exists()).toBe(false);
  });

  it('an excluded option shows its reason on keyboard focus and on hover, wired with aria-describedby', async () => {
    const wrapper = mount(OptionChoice, {
      props: {
        feature: 'frame',
        option: frame.options[0]!,
        role: 'radio',
        reason: 'Tops wider than 1800 mm need the 4-leg frame. Because of your choice of Width: 2100 mm.',
      },
      attachTo: document.body,
    });
    const control = wrapper.get('[data-testid="option-frame-leg2"]');
    const tip = wrapper.get('[data-testid="reason-frame-leg2"]');
    expect(control.attributes('data-state')).toBe('EXCLUDED');
    expect(control.attributes('aria-describedby')?.split(' ')).toContain(tip.attributes('id'));
    expect(tip.attributes('role')).toBe('tooltip');
    expect(tip.isVisible()).toBe(false);

    await control.trigger('focus');
    expect(tip.isVisible()).toBe(true);
    expect(tip.text()).toBe(
      'Tops wider than 1800 mm need the 4-leg frame. Because of your choice of Width: 2100 mm.',
    );
    await control.trigger('keydown', { key: 'Escape' });
    expect(tip.isVisible()).toBe(false);
    await control.trigger('blur');
    await wrapper.trigger('mouseenter');
    expect(tip.isVisible()).toBe(true);
    await wrapper.trigger('mouseleave');
    expect(tip.isVisible()).toBe(false);
    wrapper.unmount();
  });

  it('picking an excluded option still emits pick (the page offers to switch)', async () => {
    const wrapper = mount(OptionChoice, {
      props: { feature: 'frame', option: frame.options[0]!, role: 'radio' },
    });
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('pick')).toHaveLength(1);
  });
});

describe('FeatureField', () => {
  it('builds the reason from the rule messages and the blocking choices', async () => {
    const wrapper = mount(FeatureField, { props: { feature: frame, features } });
    const tip = wrapper.get('[data-testid="reason-frame-leg2"]');
    expect(tip.text()).toBe(
      'Tops wider than 1800 mm need the 4-leg frame. Because of your choice of Width: 2100 mm.',
    );
    expect(wrapper.get('[data-testid="feature-frame"] fieldset legend').text()).toContain('Frame');
    expect(wrapper.get('[role="radiogroup"]').attributes('aria-labelledby')).toBe('legend-frame');
  });

  it('a single choice is a radio group with one tab stop; picking emits the choice or asks first', async () => {
    const wrapper = mount(FeatureField, { props: { feature: frame, features } });
    const radios = wrapper.findAll('[role="radio"]');
    expect(radios.map((r) => r.attributes('tabindex'))).toEqual(['-1', '0']);
    await wrapper.get('[data-testid="option-frame-leg2"]').trigger('click');
    expect(wrapper.emitted('choose')).toBeUndefined();
    const [excludedOption, choice] = wrapper.emitted('excluded')![0]!;
    expect((excludedOption as { code: string }).code).toBe('leg2');
    expect(choice).toEqual({ feature: 'frame', value: 'leg2' });
    await wrapper.get('[data-testid="option-frame-leg4"]').trigger('click');
    expect(wrapper.emitted('choose')![0]).toEqual([{ feature: 'frame', value: 'leg4' }]);
  });

  it('a multiple choice is checkboxes: ticking adds to the values in force, unticking removes', async () => {
    const wrapper = mount(FeatureField, { props: { feature: accessories, features } });
    expect(wrapper.findAll('[role="checkbox"]')).toHaveLength(3);
    await wrapper.get('[data-testid="option-accessories-drawer"]').trigger('click');
    await wrapper.get('[data-testid="option-accessories-cable_tray"]').trigger('click');
    expect(wrapper.emitted('choose')).toEqual([
      [{ feature: 'accessories', values: ['cable_tray', 'drawer'] }],
      [{ feature: 'accessories', values: [] }],
    ]);
    await wrapper.get('[data-testid="option-accessories-castors"]').trigger('click');
    expect(wrapper.emitted('excluded')![0]![1]).toEqual({
      feature: 'accessories',
      values: ['cable_tray', 'castors'],
    });
  });

  it("a quick second tick builds on the user's newer choice, not on the answer still on screen", async () => {
    const wrapper = mount(FeatureField, {
      props: {
        feature: accessories,
        features,
        choice: { feature: 'accessories', values: ['cable_tray', 'drawer'] },
      },
    });
    await wrapper.get('[data-testid="option-accessories-castors"]').trigger('click');
    expect(wrapper.emitted('excluded')![0]![1]).toEqual({
      feature: 'accessories',
      values: ['cable_tray', 'drawer', 'castors'],
    });
    await wrapper.get('[data-testid="option-accessories-drawer"]').trigger('click');
    expect(wrapper.emitted('choose')![0]).toEqual([{ feature: 'accessories', values: ['cable_tray'] }]);
  });

  it('an optional single choice can be left open with a None card', async () => {
    const gpu = {
      ...frame,
      code: 'gpu',
      label: 'Graphics card',
      required: false,
      source: 'DEFAULT' as const,
    };
    const wrapper = mount(FeatureField, { props: { feature: gpu, features } });
    const none = wrapper.get('[data-testid="option-gpu-none"]');
    expect(none.text()).toContain('No graphics card');
    expect(none.attributes('data-state')).toBe('AVAILABLE');
    await none.trigger('click');
    expect(wrapper.emitted('choose')![0]).toEqual([{ feature: 'gpu', value: null }]);
    await wrapper.setProps({ feature: { ...gpu, selected: [], source: 'USER' } });
    expect(wrapper.get('[data-testid="option-gpu-none"]').attributes('data-state')).toBe('SELECTED');
  });

  it('a boolean is a switch', async () => {
    const wrapper = mount(FeatureField, { props: { feature: antiCollision, features } });
    const control = wrapper.get('[data-testid="option-anti_collision-true"]');
    expect(control.attributes('role')).toBe('switch');
    expect(control.attributes('aria-checked')).toBe('true');
    expect(control.attributes('data-state')).toBe('SELECTED');
    await control.trigger('click');
    expect(wrapper.emitted('choose')![0]).toEqual([{ feature: 'anti_collision', value: 'false' }]);
  });
});
