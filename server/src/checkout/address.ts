import countries from 'i18n-iso-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { type CheckoutData, vatIdCountry } from '../engine/index.js';
import { quoted, text } from '../graphql/input-validation.js';
import { POSTAL_CODES, REGIONS, VAT_ID_FORMATS } from './address-formats.js';

/** An address as checked: trimmed, country and region codes in capitals, the phone in E.164. */
export interface CheckoutAddress {
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
  phone: string | null;
}

/** A caller's text as a message quotes it, in typographic quotes, cut at 40 characters. */
export const quote = (given: unknown): string => quoted(given, 'typographic');

const required = (label: string, max: number) =>
  text({ label, max, required: `${label} is empty`, collapseSpaces: true });
const optional = (label: string, max: number) =>
  text({ label, max, collapseSpaces: true })
    .nullish()
    .transform((given) => given || null);

const addressShape = z.object({
  name: required('The name', 200),
  company: optional('The company', 200),
  line1: required('The street and number', 200),
  line2: optional('The second address line', 200),
  postalCode: required('The postal code', 20),
  city: required('The city', 100),
  region: optional('The state or province', 100),
  country: required('The country', 2).transform((code) => code.toUpperCase()),
  phone: optional('The phone number', 40),
});

/** The English name of a country (i18n-iso-countries), or its code. */
export function countryName(code: string, locale = 'en'): string {
  return countries.getName(code, locale) ?? countries.getName(code, 'en') ?? code;
}

/** Where we ship, as a message lists it: "DE, AT, …" (codes: a message is cut at 300 characters). */
function shippingCountriesText(data: CheckoutData): string {
  return [...data.zoneByCountry.keys()].join(', ');
}

type Issue = { path: string; message: string; input: unknown };

/** The problems of an address whose fields each have their form: country shipped to, postal code, region, phone. */
export function addressProblems(data: CheckoutData, address: CheckoutAddress): Issue[] {
  const { country } = address;
  if (!data.zoneByCountry.has(country)) {
    const known = countries.isValid(country) ? `${countryName(country)} (${country})` : quote(country);
    return [
      {
        path: 'country',
        input: country,
        message: `We do not ship to ${known}; we ship to ${shippingCountriesText(data)}`,
      },
    ];
  }
  const issues: Issue[] = [];
  const postal = POSTAL_CODES[country]!;
  if (!postal.pattern.test(address.postalCode.toUpperCase()))
    issues.push({
      path: 'postalCode',
      input: address.postalCode,
      message: `${quote(address.postalCode)} is not ${article(postal.adjective)} ${postal.adjective} postal code (${postal.format}, e.g. ${postal.example})`,
    });
  const regions = REGIONS[country];
  if (regions) {
    const region = address.region?.toUpperCase() ?? null;
    if (region === null)
      issues.push({
        path: 'region',
        input: null,
        message: `An address in ${countryName(country)} needs its ${country === 'CA' ? 'province' : 'state'} (a code such as ${Object.keys(regions)[0]})`,
      });
    else if (!regions[region])
      issues.push({
        path: 'region',
        input: address.region,
        message: `${quote(address.region)} is not a ${country === 'CA' ? 'province' : 'state'} of ${countryName(country)} (codes such as ${Object.keys(regions).slice(0, 3).join(', ')})`,
      });
  }
  if (address.phone !== null && !phoneE164(address.phone, country))
    issues.push({
      path: 'phone',
      input: address.phone,
      message: `${quote(address.phone)} is not a phone number in ${countryName(country)} (write it with its area code, or with + and the country code)`,
    });
  return issues;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) && !word.startsWith('U') ? 'an' : 'a';
}

/** The phone number in E.164 (+4930123456), read as a number of `country` unless it starts with +; null when invalid. */
export function phoneE164(phone: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(
    phone,
    country as Parameters<typeof parsePhoneNumberFromString>[1],
  );
  return parsed?.isValid() ? parsed.format('E.164') : null;
}

/** The address in its stored form: postal code and region in capitals, the phone in E.164. */
export function normaliseAddress(address: CheckoutAddress): CheckoutAddress {
  return {
    ...address,
    postalCode: address.postalCode.toUpperCase(),
    region: address.region === null ? null : address.region.toUpperCase(),
    phone: address.phone === null ? null : phoneE164(address.phone, address.country),
  };
}

/** An AddressInput checked against the countries we ship to; problems name the field (`postalCode`). */
export function addressInput(data: () => CheckoutData) {
  return addressShape
    .check((context) => {
      for (const issue of addressProblems(data(), context.value as CheckoutAddress))
        context.issues.push({
          code: 'custom',
          input: issue.input,
          path: [issue.path],
          message: issue.message,
        });
    })
    .transform((address) => normaliseAddress(address as CheckoutAddress));
}

/**
 * A buyer's VAT id: spaces, dots and dashes dropped, in capitals, then the form of its EU country (VIES format
 * rules; not looked up online: a rep checks registration before invoicing a reverse-charge order).
 */
export const vatIdInput = text({ label: 'The VAT id', max: 20 })
  .transform((given) => given.replace(/[\s.-]/g, '').toUpperCase())
  .check((context) => {
    const id = context.value;
    if (id === '') return;
    const format = VAT_ID_FORMATS[id.slice(0, 2)];
    if (!format)
      context.issues.push({
        code: 'custom',
        input: id,
        message: `${quote(id)} is not an EU VAT id: it starts with its country’s code (e.g. DE123456789); leave it out for a business outside the EU`,
      });
    else if (!format.pattern.test(id.slice(2)))
      context.issues.push({
        code: 'custom',
        input: id,
        message: `${quote(id)} is not a VAT id of ${countryName(vatIdCountry(id))} (e.g. ${format.example})`,
      });
  })
  .nullish()
  .transform((id) => id || null);
