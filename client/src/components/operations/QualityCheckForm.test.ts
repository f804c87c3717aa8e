import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import QualityCheckForm from './QualityCheckForm.vue';
import { CHECKLIST } from './test-fixtures';

function mountForm(props: Record<string, unknown> = {}) {
  return mount(QualityCheckForm, { props: { orderNumber: 'MTO-AB12-CD34', checklist: CHECKLIST, ...props } });
}

describe('QualityCheckForm', () => {
  it('lists the checklist, each item with pass, fail and a note', () => {
    const wrapper = mountForm();
    const items = wrapper.findAll('[data-testid^="qc-item-"]');
    expect(items.map((item) => item.get('legend').text())).toEqual(CHECKLIST.map((item) => item.label));
    for (const item of CHECKLIST) {
      expect(wrapper.find(`[data-testid="qc-pass-${item.code}"]`).exists()).toBe(true);
      expect(wrapper.find(`[data-testid="qc-fail-${item.code}"]`).exists()).toBe(true);
      expect(wrapper.find(`[data-testid="qc-note-${item.code}"]`).exists()).toBe(true);
    }
  });

  it('refuses to send a check with unanswered items, saying which', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="qc-pass-FRAME"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[data-testid="qc-missing"]').text()).toBe('2 items are not answered yet.');
    expect(wrapper.get('[data-testid="qc-item-BRAKES"]').classes()).toContain('qc-item--missing');
    expect(wrapper.get('[data-testid="qc-item-FRAME"]').classes()).not.toContain('qc-item--missing');
  });

  it('every item passed: a passing check with the notes', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="qc-all-passed"]').trigger('click');
    expect((wrapper.get('[data-testid="qc-verdict-pass"]').element as HTMLInputElement).checked).toBe(true);
    await wrapper.get('[data-testid="qc-note-BATTERY"]').setValue('charged to 100%');
    await wrapper.get('[data-testid="qc-notes"]').setValue('Ready');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([
      [
        {
          passed: true,
          items: [
            { code: 'FRAME', passed: true, note: null },
            { code: 'BRAKES', passed: true, note: null },
            { code: 'BATTERY', passed: true, note: 'charged to 100%' },
          ],
          notes: 'Ready',
        },
      ],
    ]);
  });

  it('a failed item makes the verdict a fail (a pass cannot be chosen)', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="qc-all-passed"]').trigger('click');
    await wrapper.get('[data-testid="qc-fail-BRAKES"]').setValue(true);
    await wrapper.get('[data-testid="qc-note-BRAKES"]').setValue('rubbing');
    const pass = wrapper.get('[data-testid="qc-verdict-pass"]');
    expect(pass.attributes('disabled')).toBeDefined();
    expect((wrapper.get('[data-testid="qc-verdict-fail"]').element as HTMLInputElement).checked).toBe(true);
    await wrapper.get('form').trigger('submit');
    const answer = wrapper.emitted('submit')?.[0]?.[0] as { passed: boolean; items: unknown[] };
    expect(answer.passed).toBe(false);
    expect(answer.items[1]).toEqual({ code: 'BRAKES', passed: false, note: 'rubbing' });
  });

  it("shows the server's refusal and disables the button while recording", () => {
    const wrapper = mountForm({ busy: true, refusal: 'Every checklist item must be answered.' });
    expect(wrapper.get('[data-testid="qc-refusal"]').text()).toBe('Every checklist item must be answered.');
    expect(wrapper.get('[data-testid="qc-refusal"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-testid="qc-submit"]').attributes('disabled')).toBeDefined();
  });

  it('a fail with every item passed asks for notes, and the error goes as soon as notes are typed', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="qc-all-passed"]').trigger('click');
    await wrapper.get('[data-testid="qc-verdict-fail"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[data-testid="qc-notes-error"]').text()).toMatch(/why/);
    expect(wrapper.get('[data-testid="qc-notes"]').attributes('aria-invalid')).toBe('true');
    await wrapper.get('[data-testid="qc-notes"]').setValue('Paint runs on the fork');
    expect(wrapper.find('[data-testid="qc-notes-error"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')?.[0]?.[0]).toMatchObject({
      passed: false,
      notes: 'Paint runs on the fork',
    });
  });

  it('pass and fail are one radio group per item (arrow keys move within it), marked invalid while unanswered', async () => {
    const wrapper = mountForm();
    const pass = wrapper.get('[data-testid="qc-pass-FRAME"]');
    const fail = wrapper.get('[data-testid="qc-fail-FRAME"]');
    expect(pass.attributes('type')).toBe('radio');
    expect(pass.attributes('name')).toBe(fail.attributes('name'));
    expect(pass.attributes('name')).not.toBe(
      wrapper.get('[data-testid="qc-pass-BRAKES"]').attributes('name'),
    );
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="qc-item-FRAME"] fieldset').attributes('aria-invalid')).toBe('true');
    await fail.setValue(true);
    expect(wrapper.get('[data-testid="qc-item-FRAME"] fieldset').attributes('aria-invalid')).toBeUndefined();
  });
});
