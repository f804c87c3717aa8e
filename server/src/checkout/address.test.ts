import { describe, expect, it } from 'vitest';
import { addressProblems, type CheckoutAddress, normaliseAddress, phoneE164, vatIdInput } from './address.js';
import { checkoutData } from './checkout-data.js';
import { InvoicePaymentProvider, type PaymentProvider } from './payment.js';

const data = checkoutData();
const address = (overrides: Partial<CheckoutAddress>): CheckoutAddress => ({
  name: 'A',
  company: null,
  line1: 'Street 1',
  line2: null,
  postalCode: '10115',
  city: 'Berlin',
  region: null,
  country: 'DE',
  phone: null,
  ...overrides,
});

describe('address checks', () => {
  it.each([
    ['GB', 'SW1A 1AA'],
    ['GB', 'm1 1ae'],
    ['IE', 'D02 X285'],
    ['NL', '1012AB'],
    ['PL', '00-950'],
    ['PT', '1000-001'],
    ['CZ', '110 00'],
    ['SE', '11455'],
    ['LU', 'L-1111'],
    ['CH', '8001'],
    ['US', '10118-0110'],
  ])('accepts a postal code of %s: %s', (country, postalCode) => {
    const region = country === 'US' ? 'NY' : null;
    expect(addressProblems(data, address({ country, postalCode, region }))).toEqual([]);
  });

  it.each([
    [
      'GB',
      'SW1A',
      '“SW1A” is not a UK postal code (2 to 4 characters, a space, 3 characters, e.g. SW1A 1AA)',
    ],
    ['IE', '12345', '“12345” is not an Irish postal code (an Eircode: 3 and 4 characters, e.g. D02 X285)'],
    ['AT', '10115', '“10115” is not an Austrian postal code (4 digits, e.g. 1010)'],
    [
      'CA',
      'K1A0B',
      '“K1A0B” is not a Canadian postal code (letter digit letter, digit letter digit, e.g. K1A 0B1)',
    ],
  ])('refuses a postal code of %s: %s', (country, postalCode, message) => {
    const region = country === 'CA' ? 'ON' : null;
    expect(addressProblems(data, address({ country, postalCode, region }))).toEqual([
      { path: 'postalCode', input: postalCode, message },
    ]);
  });

  it('stores the phone in E.164, read for the country unless it starts with +', () => {
    expect(phoneE164('030 1234567', 'DE')).toBe('+49301234567');
    expect(phoneE164('+41 44 668 18 00', 'DE')).toBe('+41446681800');
    expect(phoneE164('(212) 736-3100', 'US')).toBe('+12127363100');
    expect(phoneE164('12', 'DE')).toBeNull();
    expect(
      normaliseAddress(
        address({ country: 'CA', postalCode: 'k1a 0b1', region: 'on', phone: '613 555 0100' }),
      ),
    ).toMatchObject({
      postalCode: 'K1A 0B1',
      region: 'ON',
      phone: '+16135550100',
    });
  });

  it('reads a VAT id without spaces, dots or dashes, in capitals, and checks its country’s form', () => {
    expect(vatIdInput.parse('de 814 736 295')).toBe('DE814736295');
    expect(vatIdInput.parse('EL094259216')).toBe('EL094259216');
    expect(vatIdInput.parse('nl123456789b01')).toBe('NL123456789B01');
    expect(vatIdInput.parse(null)).toBeNull();
    expect(vatIdInput.parse('  ')).toBeNull();
    expect(vatIdInput.safeParse('DE12345678').error?.issues[0]?.message).toBe(
      '“DE12345678” is not a VAT id of Germany (e.g. DE123456789)',
    );
  });
});

describe('payment on invoice', () => {
  it('records the terms and asks for no money now', async () => {
    const provider: PaymentProvider = new InvoicePaymentProvider();
    expect(
      await provider.requestPayment({
        orderNumber: 'MTO-ABCD-EFGH',
        purpose: 'deposit',
        amount: { currency: 'EUR', minor: 98_910 },
        paymentTermsCode: 'deposit-30',
        customer: { name: 'Ada', email: 'ada@example.com' },
      }),
    ).toEqual({
      kind: 'recorded',
      reference: 'MTO-ABCD-EFGH/deposit',
      instructions: 'Pay the deposit by bank transfer, quoting MTO-ABCD-EFGH (deposit-30)',
    });
    expect(provider.confirmPayment).toBeUndefined();
  });
});
