import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PaymentTermsChoice from './PaymentTermsChoice.vue';
import TermsAcceptance from './TermsAcceptance.vue';

const OPTIONS = [
  { code: 'invoice-14', label: 'Pay on invoice, 14 days net', depositPercent: null, default: true },
  {
    code: 'deposit-30',
    label: 'Deposit of 30 %, the rest before shipping',
    depositPercent: 30,
    default: false,
  },
  { code: 'deposit-50', label: 'Deposit of 50 %', depositPercent: 50, default: false },
];

describe('PaymentTermsChoice', () => {
  it('offers each way to pay as a radio card in words, the chosen one checked; a click chooses', async () => {
    const wrapper = mount(PaymentTermsChoice, {
      props: { options: OPTIONS, modelValue: 'invoice-14', 'onUpdate:modelValue': () => {} },
    });
    const radios = wrapper.findAll('input[type="radio"]');
    expect(radios.map((r) => (r.element as HTMLInputElement).checked)).toEqual([true, false, false]);
    expect(wrapper.get('[data-testid="payment-deposit-30"]').text()).toContain('30 % deposit');
    // A code the page has no words for: the server's label, and its deposit in words.
    expect(wrapper.get('[data-testid="payment-deposit-50"]').text()).toContain('Deposit of 50 %');
    expect(wrapper.get('[data-testid="payment-deposit-50"]').text()).toMatch(/You pay 50\s?% now/);
    await radios[1]?.setValue(true);
    expect(wrapper.emitted('update:modelValue')).toEqual([['deposit-30']]);
    expect(wrapper.emitted('edited')).toHaveLength(1);
  });
});

describe('TermsAcceptance', () => {
  const terms = { version: '2026-12', title: 'Terms of sale', text: 'First paragraph.\n\nSecond paragraph.' };

  it('shows the terms in a disclosure, paragraph by paragraph, and the box names the version', () => {
    const wrapper = mount(TermsAcceptance, { props: { terms, modelValue: false } });
    expect(
      wrapper
        .get('details')
        .findAll('p')
        .map((p) => p.text()),
    ).toEqual(['First paragraph.', 'Second paragraph.']);
    expect(wrapper.get('label').text()).toContain('2026-12');
  });

  it('an error is tied to the box; ticking it tells the page', async () => {
    const wrapper = mount(TermsAcceptance, {
      props: { terms, modelValue: false, error: 'Please accept', 'onUpdate:modelValue': () => {} },
    });
    const box = wrapper.get('[data-testid="accept-terms"]');
    expect(box.attributes('aria-invalid')).toBe('true');
    expect(box.attributes('aria-describedby')).toBe('checkout-terms-error');
    await box.setValue(true);
    expect(wrapper.emitted('update:modelValue')).toEqual([[true]]);
    expect(wrapper.emitted('edited')).toHaveLength(1);
  });
});
