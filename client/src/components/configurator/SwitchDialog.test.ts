import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { blockersOf, switchChoices } from './model';
import SwitchDialog from './SwitchDialog.vue';
import { features, frame } from './test-fixtures';

const choices = [
  { feature: 'width_mm', value: '2100' },
  { feature: 'top_material', value: 'melamine' },
];

function mountDialog() {
  const leg2 = frame.options[0]!;
  return mount(SwitchDialog, {
    props: {
      title: 'Frame: 2-leg T-frame',
      choice: { feature: 'frame', value: 'leg2' },
      blockers: blockersOf(leg2, features),
      reasons: leg2.reasons.map((r) => r.message),
      choices,
    },
    attachTo: document.body,
  });
}

describe('SwitchDialog', () => {
  it('is an accessible dialog that lists the blocking choices and why', () => {
    const wrapper = mountDialog();
    const dialog = wrapper.get('[data-testid="switch-dialog"]');
    expect(dialog.attributes('role')).toBe('dialog');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(wrapper.findAll('[data-testid="switch-blocker"]').map((b) => b.text())).toEqual([
      'Width: 2100 mm',
    ]);
    expect(dialog.text()).toContain('Tops wider than 1800 mm need the 4-leg frame.');
    expect(dialog.text()).toContain('Frame: 2-leg T-frame');
    // Focus moves into the dialog.
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-confirm');
    wrapper.unmount();
  });

  it('confirm emits the new choices without the blocking ones', async () => {
    const wrapper = mountDialog();
    await wrapper.get('[data-testid="switch-confirm"]').trigger('click');
    expect(wrapper.emitted('confirm')).toEqual([
      [
        [
          { feature: 'top_material', value: 'melamine' },
          { feature: 'frame', value: 'leg2' },
        ],
      ],
    ]);
    wrapper.unmount();
  });

  it('Escape cancels, and focus returns where it was', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const wrapper = mountDialog();
    await wrapper.get('[data-testid="switch-dialog"]').trigger('keydown', { key: 'Escape' });
    expect(wrapper.emitted('cancel')).toHaveLength(1);
    wrapper.unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('Tab stays inside the dialog', async () => {
    const wrapper = mountDialog();
    const cancel = wrapper.get('[data-testid="switch-cancel"]');
    (cancel.element as HTMLElement).focus();
    await wrapper.get('[data-testid="switch-dialog"]').trigger('keydown', { key: 'Tab' });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-confirm');
    wrapper.unmount();
  });
});

describe('switchChoices', () => {
  it('replaces an earlier choice of the same feature in place and keeps the rest', () => {
    expect(
      switchChoices([...choices, { feature: 'frame', value: 'leg4' }], ['width_mm'], {
        feature: 'frame',
        value: 'leg2',
      }),
    ).toEqual([
      { feature: 'top_material', value: 'melamine' },
      { feature: 'frame', value: 'leg2' },
    ]);
  });
});
