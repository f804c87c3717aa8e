import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AdjustStockForm from './AdjustStockForm.vue';
import { errorsByField } from './stock';

function mountForm(props: Record<string, unknown> = {}) {
  return mount(AdjustStockForm, { props: { partNumber: 'EB-FRM-L', unit: 'pcs', onHand: '3', ...props } });
}

describe('AdjustStockForm', () => {
  it('submits a signed change and its reason', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="adjust-quantity"]').setValue(' -2 ');
    expect(wrapper.text()).toContain('On hand 3 → 1');
    await wrapper.get('[data-testid="adjust-reason"]').setValue('Scratched in the store');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([['-2', 'Scratched in the store']]);
  });

  it('refuses a change that is not a number, or no reason, next to the field, without submitting', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="adjust-quantity"]').setValue('ten');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[data-testid="adjust-error-quantity"]').text()).toMatch(/signed number/);
    expect(wrapper.get('[data-testid="adjust-error-reason"]').text()).toMatch(/why/);
    const input = wrapper.get('[data-testid="adjust-quantity"]');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe('adjust-EB-FRM-L-quantity-error');
  });

  it("shows the server's errors next to the field they name (extensions.field), the rest above the form", () => {
    const errors = errorsByField([
      {
        message: 'Less than the 5 reserved would be left on hand',
        extensions: { code: 'BAD_USER_INPUT', field: 'quantity' },
      },
      { message: 'A reason is required', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } },
      { message: "There is no part 'NOPE-1'", extensions: { code: 'NOT_FOUND', field: 'partNumber' } },
    ]);
    expect(errors).toEqual({
      quantity: 'Less than the 5 reserved would be left on hand',
      reason: 'A reason is required',
      form: "There is no part 'NOPE-1'",
    });
    const wrapper = mountForm({ errors });
    expect(wrapper.get('[data-testid="adjust-error-quantity"]').text()).toBe(
      'Less than the 5 reserved would be left on hand',
    );
    expect(wrapper.get('[data-testid="adjust-error-reason"]').text()).toBe('A reason is required');
    expect(wrapper.get('[data-testid="adjust-error-form"]').text()).toBe("There is no part 'NOPE-1'");
    expect(wrapper.get('[data-testid="adjust-error-form"]').attributes('role')).toBe('alert');
  });

  it('a server error on one field leaves the other field clear', () => {
    const wrapper = mountForm({
      errors: errorsByField([{ message: 'Too many decimals for pcs', extensions: { field: 'quantity' } }]),
    });
    expect(wrapper.get('[data-testid="adjust-error-quantity"]').text()).toBe('Too many decimals for pcs');
    expect(wrapper.find('[data-testid="adjust-error-reason"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="adjust-error-form"]').exists()).toBe(false);
  });

  it('disables the button while saving', () => {
    const wrapper = mountForm({ busy: true });
    expect(wrapper.get('[data-testid="adjust-submit"]').attributes('disabled')).toBeDefined();
  });
});
