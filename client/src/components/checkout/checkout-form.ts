/**
 * The checkout form's state and the small pure functions the checkout page and its parts share: the
 * address as typed and as sent (AddressInput), where a server error's field path shows on the page, the
 * checks made before asking the server (it checks again), and the address the summary is estimated for.
 */

/** An address as the person types it: every field text (empty: not given). */
export interface AddressForm {
  name: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
  phone: string;
}

/** AddressInput of the schema. */
export interface AddressInputShape {
  name: string;
  company?: string | null;
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  region?: string | null;
  country: string;
  phone?: string | null;
}

/** What the page knows of a country we ship to (ShippingCountry of the schema). */
export interface CountryView {
  code: string;
  name: string;
  regionRequired: boolean;
  regions: readonly { code: string; name: string }[];
  postalCodeExample?: string | null;
}

export type AddressPart = 'delivery' | 'billing';
/** In the order they appear on the page. */
export const ADDRESS_FIELDS = [
  'country',
  'name',
  'line1',
  'line2',
  'postalCode',
  'city',
  'region',
  'phone',
] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/**
 * A place on the form where an error shows: 'contact.email', 'delivery.postalCode', 'billing.city',
 * 'business.company', 'business.vatId', 'paymentTerms', 'terms', 'quantity'.
 */
export type FieldKey =
  | `contact.${'name' | 'email'}`
  | `${AddressPart}.${AddressField}`
  | `business.${'company' | 'vatId'}`
  | 'paymentTerms'
  | 'terms'
  | 'quantity';

/** Field key -> the message shown beside it. */
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The order fields appear in on the page: the first error of this order gets the focus. */
export const FIELD_ORDER: readonly FieldKey[] = [
  'quantity',
  'contact.name',
  'contact.email',
  ...ADDRESS_FIELDS.map((f) => `delivery.${f}` as const),
  ...ADDRESS_FIELDS.map((f) => `billing.${f}` as const),
  'business.company',
  'business.vatId',
  'paymentTerms',
  'terms',
];

export const DEFAULT_COUNTRY = 'DE';

export function emptyAddress(country = DEFAULT_COUNTRY): AddressForm {
  return { name: '', line1: '', line2: '', postalCode: '', city: '', region: '', country, phone: '' };
}

/** The element id of a field (its input, or the first input of a group): 'checkout-delivery-postalCode'. */
export function elementIdOf(field: FieldKey): string {
  return `checkout-${field.replace('.', '-')}`;
}

/** The id of a field's error message (aria-describedby). */
export function errorIdOf(field: FieldKey): string {
  return `${elementIdOf(field)}-error`;
}

function isAddressField(name: string): name is AddressField {
  return (ADDRESS_FIELDS as readonly string[]).includes(name);
}

/**
 * Where a field the server names shows on the page: 'input.deliveryAddress.postalCode' ->
 * 'delivery.postalCode'. A whole address (DELIVERY_ADDRESS_REQUIRED names 'input.deliveryAddress') shows at
 * its first field; an address's company at the business purchase. Null: no field of the form (the message
 * then shows above the button).
 */
export function fieldOfServerPath(path: string | null | undefined): FieldKey | null {
  if (!path) return null;
  const address = /^input\.(delivery|billing)Address(?:\.(\w+))?$/.exec(path);
  if (address) {
    const part: AddressPart = address[1] === 'delivery' ? 'delivery' : 'billing';
    const name = address[2];
    if (name === undefined) return `${part}.name`;
    if (name === 'company') return 'business.company';
    return isAddressField(name) ? `${part}.${name}` : null;
  }
  if (/^input\.customer\.name$/.test(path)) return 'contact.name';
  if (/^input\.customer\.email$/.test(path)) return 'contact.email';
  if (path === 'input.vatId') return 'business.vatId';
  if (path === 'input.paymentTermsCode') return 'paymentTerms';
  if (path === 'input.acceptedTermsVersion') return 'terms';
  if (/^input\.lines\[\d+\]\.quantity$/.test(path)) return 'quantity';
  return null;
}

/** The first field with an error, in page order. */
export function firstErrorField(errors: FieldErrors): FieldKey | null {
  return FIELD_ORDER.find((field) => errors[field]) ?? null;
}

/** The errors without this field's (it was edited). */
export function withoutError(errors: FieldErrors, field: FieldKey): FieldErrors {
  if (!(field in errors)) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Whether the country asks for a region (a US state, a Canadian province). */
export function needsRegion(country: CountryView | undefined): boolean {
  return Boolean(country && (country.regionRequired || country.regions.length > 0));
}

/** The address as sent: trimmed, optional fields null; the region only where the country has one. */
export function addressInputOf(
  form: AddressForm,
  company: string,
  country: CountryView | undefined,
): AddressInputShape {
  return {
    name: form.name.trim(),
    company: optional(company),
    line1: form.line1.trim(),
    line2: optional(form.line2),
    postalCode: form.postalCode.trim(),
    city: form.city.trim(),
    region: needsRegion(country) ? optional(form.region) : null,
    country: form.country,
    phone: optional(form.phone),
  };
}

/**
 * The address the summary is worked out for before the person has typed theirs: shipping and tax depend
 * only on the country (and a US state or Canadian province), so the country's example postal code stands
 * in for the rest. Null while a country that needs a region has none chosen (nothing to estimate yet).
 * The order itself is placed with the address as typed, and the server checks it and prices it again.
 */
export function estimateAddress(
  form: AddressForm,
  country: CountryView | undefined,
): AddressInputShape | null {
  if (!country) return null;
  const region = optional(form.region);
  if (needsRegion(country) && !region) return null;
  return {
    name: 'Estimate',
    line1: 'Estimate',
    postalCode: country.postalCodeExample ?? '0',
    city: 'Estimate',
    region: needsRegion(country) ? region : null,
    country: country.code,
  };
}

/** The form as the page holds it, for the checks made before asking the server. */
export interface CheckoutFormState {
  name: string;
  email: string;
  quantity: number;
  delivery: AddressForm;
  billingSameAsDelivery: boolean;
  billing: AddressForm;
  termsAccepted: boolean;
  /** Staff may leave the delivery address out (shipping and tax then agreed with the customer). */
  addressOptional: boolean;
}

/** The kinds of problem found before asking the server; the page says each in the reader's language. */
export type LocalProblem = 'required' | 'email' | 'quantity' | 'terms';

const REQUIRED_ADDRESS_FIELDS = ['name', 'line1', 'postalCode', 'city'] as const;

function addressBlank(form: AddressForm): boolean {
  return ADDRESS_FIELDS.every((f) => f === 'country' || form[f].trim() === '');
}

function checkAddress(
  part: AddressPart,
  form: AddressForm,
  country: CountryView | undefined,
  found: Partial<Record<FieldKey, LocalProblem>>,
): void {
  for (const field of REQUIRED_ADDRESS_FIELDS) {
    if (form[field].trim() === '') found[`${part}.${field}`] = 'required';
  }
  if (needsRegion(country) && form.region.trim() === '') found[`${part}.region`] = 'required';
}

/** What is missing or malformed before the order is sent (the server checks everything again). */
export function localProblems(
  state: CheckoutFormState,
  countries: readonly CountryView[],
): Partial<Record<FieldKey, LocalProblem>> {
  const found: Partial<Record<FieldKey, LocalProblem>> = {};
  if (!Number.isInteger(state.quantity) || state.quantity < 1) found.quantity = 'quantity';
  if (state.name.trim() === '') found['contact.name'] = 'required';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(state.email.trim())) found['contact.email'] = 'email';
  const countryOf = (code: string) => countries.find((c) => c.code === code);
  const deliveryGiven = !(state.addressOptional && addressBlank(state.delivery));
  if (deliveryGiven) checkAddress('delivery', state.delivery, countryOf(state.delivery.country), found);
  if (deliveryGiven && !state.billingSameAsDelivery)
    checkAddress('billing', state.billing, countryOf(state.billing.country), found);
  if (!state.termsAccepted && !state.addressOptional) found.terms = 'terms';
  return found;
}

/** Whether the delivery address is left out (staff only: shipping and tax then agreed). */
export function deliveryLeftOut(state: CheckoutFormState): boolean {
  return state.addressOptional && addressBlank(state.delivery);
}

/**
 * Calls `run` once `delayMs` after the last call (the summary is asked again once the person stops typing);
 * cancel() drops a pending call.
 */
export function debounced(run: () => void, delayMs: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delayMs);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}

/** An address of a customer's account (AccountAddress of the schema). */
export interface AccountAddressView {
  kind: 'BILLING' | 'DELIVERY';
  recipient: string;
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
}

function formOf(address: AccountAddressView): AddressForm {
  return {
    ...emptyAddress(address.country),
    name: address.recipient,
    line1: address.line1,
    line2: address.line2 ?? '',
    postalCode: address.postalCode,
    city: address.city,
  };
}

function sameAddress(a: AddressForm, b: AddressForm): boolean {
  return ADDRESS_FIELDS.every((field) => a[field].trim() === b[field].trim());
}

/**
 * What a signed-in customer's account fills in: its first delivery address (in a country we ship to) and,
 * when its billing address is another, that one too (then "same as delivery" is unticked).
 */
export function prefillFromAccount(
  addresses: readonly AccountAddressView[],
  countries: readonly CountryView[],
): { delivery: AddressForm | null; billing: AddressForm | null } {
  const shipped = (a: AccountAddressView) => countries.some((c) => c.code === a.country);
  const delivery = addresses.find((a) => a.kind === 'DELIVERY' && shipped(a));
  const billing = addresses.find((a) => a.kind === 'BILLING' && shipped(a));
  const deliveryForm = delivery ? formOf(delivery) : null;
  const billingForm = billing ? formOf(billing) : null;
  if (!deliveryForm || !billingForm || sameAddress(deliveryForm, billingForm))
    return { delivery: deliveryForm, billing: null };
  return { delivery: deliveryForm, billing: billingForm };
}
