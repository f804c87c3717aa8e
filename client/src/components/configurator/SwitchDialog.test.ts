import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ConflictResolutionView } from './SwitchDialog.vue';
import SwitchDialog from './SwitchDialog.vue';
import { leg2Resolution } from './test-fixtures';

function mountDialog(
  resolution: ConflictResolutionView | null = leg2Resolution,
  error: string | null = null,
) {
  return mount(SwitchDialog, {
    props: {
      title: 'Frame: 2-leg T-frame',
      resolution,
      reasons: ['Tops wider than 1800 mm need the 4-leg frame.'],
      error,
    },
    attachTo: document.body,
  });
}

describe('SwitchDialog', () => {
  it("is an accessible dialog that lists resolveConflict's minimal changes and why", () => {
    const wrapper = mountDialog();
    const dialog = wrapper.get('[data-testid="switch-dialog"]');
    expect(dialog.attributes('role')).toBe('dialog');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(wrapper.findAll('[data-testid="switch-change"]').map((c) => c.text())).toEqual([
      'Width: 2100 mm → 1800 mm',
    ]);
    expect(dialog.text()).toContain('To take Frame: 2-leg T-frame, change this earlier choice');
    expect(dialog.text()).toContain('Tops wider than 1800 mm need the 4-leg frame.');
    // Everything that changes, the values re-chosen to fit included, each with its price delta.
    expect(
      wrapper.findAll('[data-testid="switch-effect"]').map((c) => c.text().replace(/\s+/g, ' ')),
    ).toEqual([
      'Width: 2100 mm → 1600 mm, no change in price',
      'Top material: White melamine → Solid oak (chosen to fit), + €336.00',
      'Surface finish: Factory surface → Natural oil (chosen to fit), no change in price',
      'Frame: 4-leg frame → 2-leg T-frame, − €290.00',
    ]);
    // The total now and then (no count of builds: an engineer's number, not the customer's).
    expect(wrapper.get('[data-testid="switch-after"]').text().replace(/\s+/g, ' ')).toBe(
      'Now: €3,783.00 · then: €3,829.00 (+ €46.00).',
    );
    // Focus moves into the dialog, on the switch.
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-confirm');
    wrapper.unmount();
  });

  it('the deltas listed add up to the difference between the totals now and then', () => {
    const wrapper = mountDialog();
    const deltas = wrapper
      .findAll('[data-delta-minor]')
      .reduce((sum, item) => sum + BigInt(item.attributes('data-delta-minor')!), 0n);
    const after = wrapper.get('[data-testid="switch-after"]');
    expect(deltas).toBe(
      BigInt(after.attributes('data-then-minor')!) - BigInt(after.attributes('data-now-minor')!),
    );
    expect(deltas).toBe(4600n);
    wrapper.unmount();
  });

  it("confirm emits the resolution's selections as the new choices", async () => {
    const wrapper = mountDialog();
    await wrapper.get('[data-testid="switch-confirm"]').trigger('click');
    expect(wrapper.emitted('confirm')).toEqual([
      [
        [
          { feature: 'width_mm', value: '1800' },
          { feature: 'frame', value: 'leg2' },
          { feature: 'accessories', values: ['cable_tray'] },
        ],
      ],
    ]);
    wrapper.unmount();
  });

  it('waits for the answer with the switch disabled, then moves focus to it', async () => {
    const wrapper = mountDialog(null);
    expect(wrapper.get('[data-testid="switch-loading"]').text()).toContain('Finding the fewest changes');
    expect(wrapper.get('[data-testid="switch-confirm"]').attributes('disabled')).toBeDefined();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-cancel');
    await wrapper.setProps({ resolution: leg2Resolution });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(wrapper.get('[data-testid="switch-confirm"]').attributes('disabled')).toBeUndefined();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-confirm');
    wrapper.unmount();
  });

  it('says when no build has the option at all, and offers no switch', () => {
    const wrapper = mountDialog({ ...leg2Resolution, possible: false, changes: [], selections: [] });
    expect(wrapper.get('[data-testid="switch-impossible"]').text()).toBe(
      'No build has Frame: 2-leg T-frame, whatever else you change.',
    );
    expect(wrapper.find('[data-testid="switch-confirm"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="switch-cancel"]').text()).toBe('Close');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('switch-cancel');
    wrapper.unmount();
  });

  it('shows an error when the server could not answer', () => {
    const wrapper = mountDialog(null, "Can't reach the server; try again in a moment.");
    expect(wrapper.get('[data-testid="switch-error"]').attributes('role')).toBe('alert');
    expect(wrapper.find('[data-testid="switch-confirm"]').exists()).toBe(false);
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
