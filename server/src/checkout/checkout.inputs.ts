import { z } from 'zod';
import { configurationInput } from '../configurations/configuration.inputs.js';
import { key, text } from '../graphql/input-validation.js';
import { addressInput, vatIdInput } from './address.js';
import { checkoutData } from './checkout-data.js';

/** The most lines of one order (and one checkout). */
export const MAX_CHECKOUT_LINES = 100;

/** A delivery or billing address (AddressInput), checked against the countries we ship to. */
export const checkoutAddress = addressInput(checkoutData);

/** A payment terms code as named: checked against the data by the service (an unknown one lists the codes). */
export const paymentTermsCode = key('A payment terms code').nullish();

/** The terms of sale version a customer accepted. */
export const acceptedTermsVersion = text({ label: 'The accepted terms version', max: 40 }).nullish();

export { vatIdInput };

/** What `checkout` reads (CheckoutInput). */
export const checkoutInput = z.object({
  lines: z
    .array(configurationInput)
    .min(1, 'A checkout needs at least one line')
    .max(
      MAX_CHECKOUT_LINES,
      `A checkout has at most ${MAX_CHECKOUT_LINES} lines: a line can have a quantity`,
    ),
  deliveryAddress: checkoutAddress,
  billingAddress: checkoutAddress.nullish().transform((address) => address ?? null),
  vatId: vatIdInput,
  paymentTermsCode,
});

/** `shippingCountries(locale)`: a BCP 47 language such as en, de or fr-CH. */
export const localeArgument = {
  locale: text({ label: 'A locale', max: 35 })
    .refine((locale) => /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(locale), {
      error: (issue) => `'${String(issue.input)}' is not a locale (en, de, fr-CH)`,
    })
    .nullish(),
};
