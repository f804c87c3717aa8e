/**
 * What a guest's or a customer's order needs besides its lines since the checkout (placeOrder refuses it
 * without): a delivery address in a country we ship to and the terms of sale in force. Plain data, so that the
 * tests of the built server (test/) and the benchmarks can use it too; checkout.api.test.ts checks that the
 * version is the one in server/demo-models/checkout/terms-of-sale.yaml.
 */

/** The demo plant's own city: Germany, so EUR gross prices carry 19 % VAT and the domestic shipping rate. */
export const DEMO_DELIVERY_ADDRESS = {
  name: 'Ada Lovelace',
  line1: 'Invalidenstraße 117',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
} as const;

/** The terms of sale version in force in the demo data. */
export const DEMO_TERMS_VERSION = '2026-12';

/** Spread into a PlaceOrderInput: `{ lines, customer, ...DEMO_CHECKOUT }`. */
export const DEMO_CHECKOUT = {
  deliveryAddress: DEMO_DELIVERY_ADDRESS,
  acceptedTermsVersion: DEMO_TERMS_VERSION,
} as const;
