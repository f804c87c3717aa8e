import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { ROLES } from '../graphql/authorization.js';
import { key, quoted, text } from '../graphql/input-validation.js';
import { AddressKind, CustomerAccountKind } from './customer-account.entity.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';

export const MAX_EMAIL_LENGTH = 320;
export const MAX_NAME_LENGTH = 200;
export const MAX_ADDRESSES = 20;
export const MAX_SEARCH_LENGTH = 100;

/** name@domain.tld, without spaces; what a person can check in a form. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const emailOf = (given: string): string => given.trim().toLowerCase();

/** A new user's e-mail: trimmed, lower case, name@domain.tld. */
export const emailInput = text({ label: 'The e-mail address', max: Number.POSITIVE_INFINITY })
  .refine((given) => emailOf(given).length <= MAX_EMAIL_LENGTH && EMAIL.test(emailOf(given)), {
    error: (issue) => `${quoted(issue.input)} is not an e-mail address (name@example.com)`,
  })
  .transform(emailOf);

/** A password as given (never trimmed); its rules for a new one are checked with the e-mail (passwordProblem). */
const passwordInput = (label: string) =>
  z.string().max(MAX_PASSWORD_LENGTH, `${label} has at most ${MAX_PASSWORD_LENGTH} characters`);

/** Sign-in: any e-mail (an unknown or malformed one is just wrong credentials), a bounded password. */
export const signInArguments = {
  email: text({ label: 'The e-mail address', max: MAX_EMAIL_LENGTH }).transform(emailOf),
  password: passwordInput('A password'),
};

export const changePasswordArguments = {
  currentPassword: passwordInput('The current password'),
  newPassword: z.string(),
};

export const acceptInvitationArguments = {
  token: text({ label: 'The invitation token', max: 100, required: 'The invitation token is empty' }),
  password: z.string(),
};

const personName = text({
  label: 'The name',
  max: MAX_NAME_LENGTH,
  required: 'The name is empty',
  collapseSpaces: true,
});

export const rolesInput = z
  .array(z.enum(ROLES, { error: (issue) => `${quoted(issue.input)} is not a role` }))
  .min(1, 'A user needs at least one role')
  .transform((roles) => [...new Set(roles)]);

export const inviteUserArguments = {
  input: z.object({
    email: emailInput,
    name: personName,
    roles: rolesInput,
    accountId: z
      .number()
      .int()
      .positive('accountId is a customer account’s id (a positive number)')
      .nullish(),
  }),
};

export const searchArgument = {
  search: text({ label: 'A search', max: MAX_SEARCH_LENGTH }).nullish(),
};

/** ISO 4217 codes the runtime knows (Intl), e.g. EUR, CHF, USD. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const required = (label: string, max: number) =>
  text({ label, max, required: `${label} is empty`, collapseSpaces: true });

export const addressInput = z.object({
  kind: z.enum(Object.values(AddressKind)),
  recipient: required('The recipient', 200),
  line1: required('The first address line', 200),
  line2: text({ label: 'The second address line', max: 200, collapseSpaces: true })
    .nullish()
    .transform((line) => line || null),
  postalCode: required('The postal code', 20),
  city: required('The city', 100),
  country: text({ label: 'The country', max: 2, tooLong: 'A country is a two-letter ISO 3166 code, e.g. DE' })
    .transform((code) => code.toUpperCase())
    .refine((code) => countries.isValid(code) && /^[A-Z]{2}$/.test(code), {
      error: (issue) => `${quoted(issue.input)} is not an ISO 3166 country code (e.g. DE, AT, CH)`,
    }),
});

export const newCustomerAccountArguments = {
  input: z.object({
    name: required('The account’s name', MAX_NAME_LENGTH),
    kind: z.enum(Object.values(CustomerAccountKind)),
    currency: text({
      label: 'The currency',
      max: 3,
      tooLong: 'A currency is a three-letter ISO 4217 code, e.g. EUR',
    }).refine((code) => /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code), {
      error: (issue) =>
        `${quoted(issue.input)} is not an ISO 4217 currency code in capitals (e.g. EUR, CHF, USD)`,
    }),
    addresses: z
      .array(addressInput)
      .max(MAX_ADDRESSES, `An account has at most ${MAX_ADDRESSES} addresses`)
      .nullish()
      .transform((addresses) => addresses ?? []),
  }),
};

export const addAccountAddressArguments = { input: addressInput };

/** setAccountPriceList: the account and the list's code (null: back to the default list of its currency). */
export const setAccountPriceListArguments = {
  accountId: z.number().refine((id) => Number.isSafeInteger(id) && id > 0, {
    error: (issue) => `'accountId' must be a customer account's id, not ${String(issue.input)}`,
  }),
  priceListCode: key('A price list code').nullish(),
};
