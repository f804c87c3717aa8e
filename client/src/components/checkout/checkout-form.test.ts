import { describe, expect, it, vi } from 'vitest';
import {
  addressInputOf,
  type CheckoutFormState,
  type CountryView,
  debounced,
  deliveryLeftOut,
  emptyAddress,
  estimateAddress,
  fieldOfServerPath,
  firstErrorField,
  localProblems,
  prefillFromAccount,
  withoutError,
} from './checkout-form';
import { expectedTotalOf, includedRate, taxLabelKey, taxNoteKind } from './summary';

const GERMANY: CountryView = {
  code: 'DE',
  name: 'Germany',
  regionRequired: false,
  regions: [],
  postalCodeExample: '10115',
};
const US: CountryView = {
  code: 'US',
  name: 'United States',
  regionRequired: true,
  regions: [{ code: 'NY', name: 'New York' }],
  postalCodeExample: '10001',
};

const filled = {
  ...emptyAddress('DE'),
  name: ' Ada Lovelace ',
  line1: 'Invalidenstraße 117',
  postalCode: '10115',
  city: 'Berlin',
};

function state(overrides: Partial<CheckoutFormState> = {}): CheckoutFormState {
  return {
    name: 'Ada',
    email: 'ada@example.com',
    quantity: 1,
    delivery: filled,
    billingSameAsDelivery: true,
    billing: emptyAddress(),
    termsAccepted: true,
    addressOptional: false,
    ...overrides,
  };
}

describe('where a server error shows on the checkout form', () => {
  it('maps the field paths the server names to the form’s fields', () => {
    expect(fieldOfServerPath('input.deliveryAddress.postalCode')).toBe('delivery.postalCode');
    expect(fieldOfServerPath('input.billingAddress.city')).toBe('billing.city');
    expect(fieldOfServerPath('input.deliveryAddress')).toBe('delivery.name');
    expect(fieldOfServerPath('input.deliveryAddress.company')).toBe('business.company');
    expect(fieldOfServerPath('input.customer.email')).toBe('contact.email');
    expect(fieldOfServerPath('input.vatId')).toBe('business.vatId');
    expect(fieldOfServerPath('input.acceptedTermsVersion')).toBe('terms');
    expect(fieldOfServerPath('input.lines[0].quantity')).toBe('quantity');
    expect(fieldOfServerPath('input.lines[0].selections[2].value')).toBeNull();
    expect(fieldOfServerPath(null)).toBeNull();
  });

  it('focuses the first error in page order, and an edited field loses its error', () => {
    const errors = { terms: 'accept', 'delivery.postalCode': 'bad', 'contact.email': 'bad' } as const;
    expect(firstErrorField(errors)).toBe('contact.email');
    expect(withoutError(errors, 'contact.email')).toEqual({ terms: 'accept', 'delivery.postalCode': 'bad' });
    expect(firstErrorField({})).toBeNull();
  });
});

describe('the address as sent', () => {
  it('trims, leaves optional fields null and sends a region only where the country has them', () => {
    expect(addressInputOf({ ...filled, region: 'Berlin', line2: ' ' }, ' ACME GmbH ', GERMANY)).toEqual({
      name: 'Ada Lovelace',
      company: 'ACME GmbH',
      line1: 'Invalidenstraße 117',
      line2: null,
      postalCode: '10115',
      city: 'Berlin',
      region: null,
      country: 'DE',
      phone: null,
    });
    expect(addressInputOf({ ...filled, country: 'US', region: 'NY' }, '', US).region).toBe('NY');
  });

  it('estimates the summary by country (its example postal code), waiting for a US state', () => {
    expect(estimateAddress(emptyAddress('DE'), GERMANY)).toMatchObject({
      country: 'DE',
      postalCode: '10115',
      region: null,
    });
    expect(estimateAddress(emptyAddress('US'), US)).toBeNull();
    expect(estimateAddress({ ...emptyAddress('US'), region: 'NY' }, US)).toMatchObject({
      country: 'US',
      region: 'NY',
    });
    expect(estimateAddress(emptyAddress('XX'), undefined)).toBeNull();
  });
});

describe('the checks before asking the server', () => {
  it('passes a complete form', () => {
    expect(localProblems(state(), [GERMANY])).toEqual({});
  });

  it('names each missing field, a bad e-mail, quantity and unaccepted terms', () => {
    const problems = localProblems(
      state({ name: ' ', email: 'nobody', quantity: 0, delivery: emptyAddress('US'), termsAccepted: false }),
      [GERMANY, US],
    );
    expect(problems).toEqual({
      quantity: 'quantity',
      'contact.name': 'required',
      'contact.email': 'email',
      'delivery.name': 'required',
      'delivery.line1': 'required',
      'delivery.postalCode': 'required',
      'delivery.city': 'required',
      'delivery.region': 'required',
      terms: 'terms',
    });
  });

  it('checks a separate billing address only when it is not the delivery address', () => {
    expect(localProblems(state({ billingSameAsDelivery: false }), [GERMANY])).toHaveProperty(
      'billing.line1',
      'required',
    );
    expect(localProblems(state({ billingSameAsDelivery: true }), [GERMANY])).toEqual({});
  });

  it('lets staff leave the whole delivery address (and the terms) out, but not half of it', () => {
    const staff = state({ addressOptional: true, delivery: emptyAddress(), termsAccepted: false });
    expect(localProblems(staff, [GERMANY])).toEqual({});
    expect(deliveryLeftOut(staff)).toBe(true);
    const half = { ...staff, delivery: { ...emptyAddress(), city: 'Berlin' } };
    expect(deliveryLeftOut(half)).toBe(false);
    expect(localProblems(half, [GERMANY])).toHaveProperty('delivery.line1', 'required');
    expect(deliveryLeftOut(state({ delivery: emptyAddress() }))).toBe(false);
  });
});

describe('the summary’s words', () => {
  it('names the tax line by destination and recognises the server’s notes', () => {
    expect(taxLabelKey('DE')).toBe('checkout.summary.vat');
    expect(taxLabelKey('US')).toBe('checkout.summary.salesTax');
    expect(taxNoteKind('Reverse charge: VAT to be accounted for by the recipient')).toBe('reverseCharge');
    expect(taxNoteKind('Export: no German VAT')).toBe('export');
    expect(taxNoteKind('Prices include 19 % VAT')).toBe('pricesInclude');
    expect(taxNoteKind('Sales tax not collected for this state')).toBeNull();
    expect(taxNoteKind(null)).toBeNull();
  });

  it('finds the rate contained in gross prices, and sends the total shown in minor units', () => {
    const tax = { code: 'tax', kind: 'TAX' as const, label: 'VAT', rate: '19', included: true };
    const amount = { amount: '206.48', currency: 'EUR' };
    expect(includedRate([{ ...tax, amount }])).toBe('19');
    expect(includedRate([{ ...tax, included: false, amount }])).toBeNull();
    expect(expectedTotalOf(null)).toBeNull();
  });
});

describe('debounced', () => {
  it('runs once after the last of a burst of calls, and not at all when cancelled', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const later = debounced(run, 300);
    later();
    vi.advanceTimersByTime(200);
    later();
    vi.advanceTimersByTime(299);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    later();
    later.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('a signed-in customer’s account fills in the addresses', () => {
  const place = {
    line1: 'Musterstraße 1',
    line2: null,
    postalCode: '70173',
    city: 'Stuttgart',
    country: 'DE',
  };

  it('takes the delivery address; the billing one only when it is another (then not the same)', () => {
    const same = prefillFromAccount(
      [
        { kind: 'BILLING', recipient: 'Goods in', ...place },
        { kind: 'DELIVERY', recipient: 'Goods in', ...place },
      ],
      [GERMANY],
    );
    expect(same.delivery).toMatchObject({
      name: 'Goods in',
      line1: 'Musterstraße 1',
      country: 'DE',
      line2: '',
    });
    expect(same.billing).toBeNull();
    const other = prefillFromAccount(
      [
        { kind: 'BILLING', recipient: 'Accounts payable', ...place },
        { kind: 'DELIVERY', recipient: 'Goods in', ...place },
      ],
      [GERMANY],
    );
    expect(other.billing).toMatchObject({ name: 'Accounts payable', city: 'Stuttgart' });
  });

  it('skips addresses in countries we do not ship to', () => {
    const found = prefillFromAccount(
      [{ kind: 'DELIVERY', recipient: 'Depot', ...place, country: 'JP' }],
      [GERMANY],
    );
    expect(found).toEqual({ delivery: null, billing: null });
  });
});
