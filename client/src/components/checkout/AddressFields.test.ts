import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AddressFields from './AddressFields.vue';
import { type AddressForm, type CountryView, emptyAddress } from './checkout-form';

const COUNTRIES: CountryView[] = [
  { code: 'DE', name: 'Germany', regionRequired: false, regions: [], postalCodeExample: '10115' },
  {
    code: 'US',
    name: 'United States',
    regionRequired: true,
    regions: [
      { code: 'CA', name: 'California' },
      { code: 'NY', name: 'New York' },
    ],
    postalCodeExample: '10001',
  },
];

function mountAddress(address: AddressForm, errors = {}) {
  return mount(AddressFields, {
    props: {
      part: 'delivery',
      countries: COUNTRIES,
      errors,
      modelValue: address,
      'onUpdate:modelValue': () => {},
    },
  });
}

describe('AddressFields', () => {
  it('asks for no region in Germany; shows its postal code example; fields say what the browser may fill', () => {
    const wrapper = mountAddress(emptyAddress('DE'));
    expect(wrapper.find('[data-testid="input-delivery-region"]').exists()).toBe(false);
    const postal = wrapper.get('[data-testid="input-delivery-postalCode"]');
    expect(postal.attributes('placeholder')).toBe('10115');
    expect(postal.attributes('autocomplete')).toBe('shipping postal-code');
    expect(postal.attributes('aria-describedby')).toBe('checkout-delivery-postalCode-hint');
    expect(wrapper.get('[data-testid="input-delivery-country"]').attributes('autocomplete')).toBe(
      'shipping country',
    );
    expect(wrapper.get('[data-testid="input-delivery-phone"]').attributes('autocomplete')).toBe(
      'shipping tel',
    );
    expect(wrapper.get('label[for="checkout-delivery-postalCode"]').text()).toBe('Postal code');
  });

  it('asks a US address for its state, as a select, and names the ZIP code', () => {
    const wrapper = mountAddress(emptyAddress('US'));
    const region = wrapper.get('[data-testid="input-delivery-region"]');
    expect(region.element.tagName).toBe('SELECT');
    expect(region.findAll('option').map((o) => o.text())).toEqual(['Choose…', 'California', 'New York']);
    expect(wrapper.get('label[for="checkout-delivery-region"]').text()).toBe('State');
    expect(wrapper.get('label[for="checkout-delivery-postalCode"]').text()).toBe('ZIP code');
  });

  it('shows an error beside its field, tied to it, and tells the page when that field is edited', async () => {
    const wrapper = mountAddress(emptyAddress('DE'), {
      'delivery.postalCode': '“1234” is not a German postal code',
    });
    const postal = wrapper.get('[data-testid="input-delivery-postalCode"]');
    expect(wrapper.get('[data-testid="error-delivery-postalCode"]').text()).toBe(
      '“1234” is not a German postal code',
    );
    expect(postal.attributes('aria-invalid')).toBe('true');
    expect(postal.attributes('aria-describedby')).toContain('checkout-delivery-postalCode-error');
    await postal.setValue('10115');
    expect(wrapper.emitted('edited')).toEqual([['delivery.postalCode']]);
    const update = wrapper.emitted('update:modelValue')?.[0]?.[0] as AddressForm;
    expect(update.postalCode).toBe('10115');
  });

  it('a new country clears the region chosen for the old one', async () => {
    const wrapper = mountAddress({ ...emptyAddress('US'), region: 'NY' });
    await wrapper.get('[data-testid="input-delivery-country"]').setValue('DE');
    const update = wrapper.emitted('update:modelValue')?.[0]?.[0] as AddressForm;
    expect(update).toMatchObject({ country: 'DE', region: '' });
  });
});
