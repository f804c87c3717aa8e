import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import QuoteHeaderForm, { type QuoteHeader } from './QuoteHeaderForm.vue';

const HEADER: QuoteHeader = {
  headerDiscountPercent: '0',
  validUntil: '2026-12-31',
  terms: 'Net 30 days.',
  internalNote: null,
  noteToCustomer: null,
  recipientName: 'Dana Buyer',
  recipientEmail: 'dana@lakeside.example',
  taxRatePercent: null,
};

const get = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.get(`[data-testid="${id}"]`);

describe('QuoteHeaderForm', () => {
  it('hands each change to the page as it is typed, once it reads', async () => {
    const wrapper = mount(QuoteHeaderForm, { props: { header: HEADER, editable: true } });
    await get(wrapper, 'quote-discount').setValue('15');
    await get(wrapper, 'quote-terms').setValue('Net 14 days.');
    await get(wrapper, 'quote-note-internal').setValue('  ');
    expect(wrapper.emitted('change')).toEqual([
      [{ headerDiscountPercent: '15' }],
      [{ terms: 'Net 14 days.' }],
      [{ internalNote: null }],
    ]);
  });

  it('says what is wrong with a discount and sends nothing for it', async () => {
    const wrapper = mount(QuoteHeaderForm, { props: { header: HEADER, editable: true } });
    await get(wrapper, 'quote-discount').setValue('150');
    expect(wrapper.emitted('change')).toBeUndefined();
    expect(get(wrapper, 'quote-discount').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('A discount cannot be more than 100 %.');
  });

  it('shows the server’s refusal at the field it names', () => {
    const wrapper = mount(QuoteHeaderForm, {
      props: { header: HEADER, editable: true, errors: { validUntil: 'The validity date has passed.' } },
    });
    expect(get(wrapper, 'quote-valid-until').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('The validity date has passed.');
  });

  it('asks for the tax rate of net prices only, and checks it and the recipient’s e-mail before sending them', async () => {
    expect(
      mount(QuoteHeaderForm, { props: { header: HEADER, editable: true } })
        .find('[data-testid="quote-tax-rate"]')
        .exists(),
    ).toBe(false);
    const wrapper = mount(QuoteHeaderForm, {
      props: { header: { ...HEADER, taxRatePercent: '19' }, editable: true },
    });
    expect((get(wrapper, 'quote-tax-rate').element as HTMLInputElement).value).toBe('19');
    await get(wrapper, 'quote-tax-rate').setValue('7,7');
    await get(wrapper, 'quote-recipient-email').setValue('not an address');
    expect(wrapper.text()).toContain('Give an e-mail address such as buyer@example.com.');
    await get(wrapper, 'quote-recipient-email').setValue('ops@lakeside.example');
    await get(wrapper, 'quote-recipient-name').setValue('Ops desk');
    expect(wrapper.emitted('change')).toEqual([
      [{ taxRatePercent: '7.7' }],
      [{ recipientEmail: 'ops@lakeside.example' }],
      [{ recipientName: 'Ops desk' }],
    ]);
  });

  it('takes the server’s values when they change, and is read-only once sent', async () => {
    const wrapper = mount(QuoteHeaderForm, { props: { header: HEADER, editable: false } });
    expect(get(wrapper, 'quote-discount').attributes('disabled')).toBeDefined();
    await wrapper.setProps({ header: { ...HEADER, headerDiscountPercent: '12.50', terms: 'Prepayment.' } });
    expect((get(wrapper, 'quote-discount').element as HTMLInputElement).value).toBe('12.5');
    expect((get(wrapper, 'quote-terms').element as HTMLTextAreaElement).value).toBe('Prepayment.');
  });
});
