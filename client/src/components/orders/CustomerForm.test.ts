import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CustomerForm from './CustomerForm.vue';

function mountForm(props: Record<string, unknown> = {}) {
  return mount(CustomerForm, {
    props: { name: '', email: '', quantity: 1, ...props },
  });
}

describe('CustomerForm', () => {
  it('refuses an empty name and a bad e-mail next to their fields, without submitting', async () => {
    const wrapper = mountForm({ name: '  ', email: 'nobody' });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[data-testid="error-name"]').text()).toMatch(/name/);
    expect(wrapper.get('[data-testid="error-email"]').text()).toMatch(/e-mail/);
    const email = wrapper.get('[data-testid="customer-email"]');
    expect(email.attributes('aria-invalid')).toBe('true');
    expect(email.attributes('aria-describedby')).toBe('customer-email-error');
  });

  it('submits a good form, with the quantity prefilled', async () => {
    const wrapper = mountForm({ name: 'Ada Lovelace', email: 'ada@example.com', quantity: 3 });
    expect((wrapper.get('[data-testid="quantity"]').element as HTMLInputElement).value).toBe('3');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toHaveLength(1);
  });

  it("shows the server's message next to the field it names", () => {
    const wrapper = mountForm({ errors: { email: "'x' is not an e-mail address" } });
    expect(wrapper.get('[data-testid="error-email"]').text()).toBe("'x' is not an e-mail address");
    expect(wrapper.find('[data-testid="error-name"]').exists()).toBe(false);
  });

  it('disables the button while the order is being placed', () => {
    const wrapper = mountForm({ submitting: true });
    const button = wrapper.get('[data-testid="place-order"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toMatch(/Placing/);
  });

  it('updates the models as the customer types', async () => {
    const wrapper = mountForm();
    await wrapper.get('[data-testid="customer-name"]').setValue('Grace');
    expect(wrapper.emitted('update:name')?.[0]).toEqual(['Grace']);
    await wrapper.get('[data-testid="quantity"]').setValue('4');
    expect(wrapper.emitted('update:quantity')?.[0]).toEqual([4]);
  });
});
