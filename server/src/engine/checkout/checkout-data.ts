/**
 * The shop's checkout data (server/demo-models/checkout/*.yaml): the seller, where we ship and at what rates,
 * the tax rates of each destination, the payment terms and the terms of sale. Read from one or more files, each
 * holding some of the top-level keys; checked whole, every problem named by its file and place.
 */

import { z } from 'zod';
import { currencyMinorUnits } from '../common/currency.js';
import { Decimal, parseDecimal } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import { yamlData } from '../common/yaml-text.js';

const decimalText = z.union([z.string(), z.number()]);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

const rateTableSchema = z.strictObject({
  /** Ascending weight bands: the first whose upToKg the build's weight does not exceed applies. */
  bands: z.array(z.strictObject({ upToKg: decimalText, amount: decimalText })).min(1),
  /** Above the last band: its amount plus this amount per started `kg` over it. */
  perExtra: z.strictObject({ kg: decimalText, amount: decimalText }),
});

const zoneSchema = z.strictObject({
  code: z.string().min(1),
  label: z.string().min(1),
  countries: z.array(countryCode).min(1),
  /** Rates per ISO 4217 currency of the price lists (no conversion: each currency has its own figures). */
  rates: z.record(z.string(), rateTableSchema),
});

const countryTaxSchema = z.strictObject({
  /** Standard rate in percent, exact ("19", "8.1"); for a country taxed by region, the rate where no region's is given. */
  rate: decimalText,
  /** The tax's name on the charges ("VAT", "Sales tax", "GST/HST"). */
  name: z.string().min(1),
  /** Whether the country is in the EU (VAT area): reverse charge applies between EU countries. */
  eu: z.boolean().optional(),
  /** Destination tax by region (state, province) code; a region not listed pays `rate` (usually 0). */
  regions: z.record(z.string(), decimalText).optional(),
  /** Said when the destination's rate is 0 without reverse charge or export (e.g. a US state we collect none for). */
  zeroNote: z.string().optional(),
});

const paymentTermsSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]+$/, 'must be lower case letters, digits and dashes'),
  label: z.string().min(1),
  depositPercent: z.number().int().min(1).max(100).optional(),
  default: z.boolean().optional(),
});

export const checkoutDataSchema = z.strictObject({
  seller: z.strictObject({ name: z.string().min(1), country: countryCode, vatId: z.string().min(3) }),
  shipping: z.strictObject({ zones: z.array(zoneSchema).min(1) }),
  tax: z.strictObject({
    countries: z.record(z.string(), countryTaxSchema),
    reverseChargeNote: z.string().min(1),
    exportNote: z.string().min(1),
  }),
  paymentTerms: z.array(paymentTermsSchema).min(1),
  termsOfSale: z.strictObject({
    version: z.string().min(1),
    title: z.string().min(1),
    text: z.string().min(1),
  }),
});

export type CheckoutDataSource = z.infer<typeof checkoutDataSchema>;

/** A rate table in one currency, amounts in its minor units, weights exact. */
export interface ShippingRates {
  currency: string;
  digits: number;
  bands: { upToKg: Decimal; amountMinor: number }[];
  perExtra: { kg: Decimal; amountMinor: number };
}

export interface ShippingZone {
  code: string;
  label: string;
  countries: string[];
  rates: ReadonlyMap<string, ShippingRates>;
}

export interface CountryTax {
  country: string;
  rate: Decimal;
  name: string;
  eu: boolean;
  regions: ReadonlyMap<string, Decimal>;
  zeroNote: string | null;
}

export interface PaymentTerms {
  code: string;
  label: string;
  depositPercent: number | null;
  default: boolean;
}

/** The checkout data, checked: what the checkout engine computes from. */
export interface CheckoutData {
  seller: { name: string; country: string; vatId: string };
  zones: ShippingZone[];
  /** Every country we ship to, in zone order, each with its zone. */
  zoneByCountry: ReadonlyMap<string, ShippingZone>;
  taxByCountry: ReadonlyMap<string, CountryTax>;
  reverseChargeNote: string;
  exportNote: string;
  paymentTerms: PaymentTerms[];
  termsOfSale: { version: string; title: string; text: string };
}

export interface CheckoutDataProblem {
  /** `shipping.yaml: shipping.zones[1].rates.USD.bands[0].amount` */
  path: string;
  message: string;
}

export type CheckoutDataLoad =
  | { ok: true; data: CheckoutData }
  | { ok: false; problems: CheckoutDataProblem[] };

/** Reads the checkout files (name -> YAML text), merges their top-level keys and checks the whole. */
export function loadCheckoutDataTexts(files: Record<string, string>): CheckoutDataLoad {
  const problems: CheckoutDataProblem[] = [];
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) {
    const read = yamlData(text);
    if (!read.ok) {
      problems.push(...read.problems.map((p) => ({ path: `${name}: ${p.place}`, message: p.message })));
      continue;
    }
    if (typeof read.data !== 'object' || read.data === null || Array.isArray(read.data)) {
      problems.push({
        path: name,
        message: 'must be a mapping of top-level keys (seller, shipping, tax...)',
      });
      continue;
    }
    for (const [key, value] of Object.entries(read.data)) {
      if (origin.has(key)) {
        problems.push({
          path: `${name}: ${key}`,
          message: `'${key}' is given in ${origin.get(key)} already`,
        });
        continue;
      }
      origin.set(key, name);
      merged[key] = value;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return loadCheckoutData(merged, (key) => origin.get(key) ?? '(checkout data)');
}

/** Checks the merged checkout data; `fileOf` names the file a top-level key came from. */
export function loadCheckoutData(
  input: unknown,
  fileOf: (key: string) => string = () => 'checkout',
): CheckoutDataLoad {
  const parsed = checkoutDataSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
        const top = String(issue.path[0] ?? '');
        return { path: `${fileOf(top)}: ${path.join('').replace(/^\./, '')}`, message: issue.message };
      }),
    };
  }
  return new CheckoutDataChecker(parsed.data, fileOf).check();
}

class CheckoutDataChecker {
  private readonly problems: CheckoutDataProblem[] = [];

  constructor(
    private readonly source: CheckoutDataSource,
    private readonly fileOf: (key: string) => string,
  ) {}

  check(): CheckoutDataLoad {
    const zones = this.source.shipping.zones.map((zone, index) => this.zone(zone, index));
    const zoneByCountry = new Map<string, ShippingZone>();
    for (const [index, zone] of zones.entries()) {
      for (const country of zone.countries) {
        const earlier = zoneByCountry.get(country);
        if (earlier)
          this.problem(
            `shipping.zones[${index}].countries`,
            `${country} is in zone '${earlier.code}' already`,
          );
        else zoneByCountry.set(country, zone);
      }
    }
    const taxByCountry = this.taxes();
    for (const country of zoneByCountry.keys())
      if (!taxByCountry.has(country))
        this.problem(
          'tax.countries',
          `${country} is shipped to (zone '${zoneByCountry.get(country)!.code}') but has no tax entry`,
        );
    const seller = this.source.seller;
    if (!taxByCountry.get(seller.country)?.eu)
      this.problem(
        'seller.country',
        `${seller.country} must have a tax entry with eu: true (the seller charges VAT)`,
      );
    const paymentTerms = this.paymentTerms();
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    return {
      ok: true,
      data: {
        seller: { ...seller },
        zones,
        zoneByCountry,
        taxByCountry,
        reverseChargeNote: this.source.tax.reverseChargeNote,
        exportNote: this.source.tax.exportNote,
        paymentTerms,
        termsOfSale: { ...this.source.termsOfSale },
      },
    };
  }

  private zone(source: CheckoutDataSource['shipping']['zones'][number], index: number): ShippingZone {
    const path = `shipping.zones[${index}]`;
    const rates = new Map<string, ShippingRates>();
    for (const [currency, table] of Object.entries(source.rates)) {
      const digits = currencyMinorUnits(currency);
      if (digits === undefined) {
        this.problem(
          `${path}.rates.${currency}`,
          `'${currency}' is not an ISO 4217 currency this shop knows`,
        );
        continue;
      }
      const at = `${path}.rates.${currency}`;
      const bands = table.bands.map((band, i) => ({
        upToKg: this.positive(band.upToKg, `${at}.bands[${i}].upToKg`),
        amountMinor: this.amount(band.amount, digits, currency, `${at}.bands[${i}].amount`),
      }));
      for (let i = 1; i < bands.length; i++)
        if (!bands[i]!.upToKg.greaterThan(bands[i - 1]!.upToKg))
          this.problem(`${at}.bands[${i}].upToKg`, 'bands must go up in weight, each above the one before');
      const perExtra = {
        kg: this.positive(table.perExtra.kg, `${at}.perExtra.kg`),
        amountMinor: this.amount(table.perExtra.amount, digits, currency, `${at}.perExtra.amount`),
      };
      rates.set(currency, { currency, digits, bands, perExtra });
    }
    return { code: source.code, label: source.label, countries: [...source.countries], rates };
  }

  private taxes(): Map<string, CountryTax> {
    const out = new Map<string, CountryTax>();
    for (const [country, source] of Object.entries(this.source.tax.countries)) {
      const path = `tax.countries.${country}`;
      if (!/^[A-Z]{2}$/.test(country)) this.problem(path, `'${country}' is not an ISO 3166-1 alpha-2 code`);
      const regions = new Map<string, Decimal>();
      for (const [region, rate] of Object.entries(source.regions ?? {}))
        regions.set(region, this.percent(rate, `${path}.regions.${region}`));
      out.set(country, {
        country,
        rate: this.percent(source.rate, `${path}.rate`),
        name: source.name,
        eu: source.eu ?? false,
        regions,
        zeroNote: source.zeroNote ?? null,
      });
    }
    return out;
  }

  private paymentTerms(): PaymentTerms[] {
    const terms = this.source.paymentTerms.map((source) => ({
      code: source.code,
      label: source.label,
      depositPercent: source.depositPercent ?? null,
      default: source.default ?? false,
    }));
    const defaults = terms.filter((term) => term.default).length;
    if (defaults !== 1)
      this.problem('paymentTerms', `exactly one payment term must be the default, not ${defaults}`);
    const codes = new Set<string>();
    for (const [index, term] of terms.entries()) {
      if (codes.has(term.code)) this.problem(`paymentTerms[${index}].code`, `'${term.code}' is given twice`);
      codes.add(term.code);
    }
    return terms;
  }

  private percent(text: string | number, path: string): Decimal {
    const value = parseDecimal(text);
    if (!value || value.isNegative() || value.greaterThan(100)) {
      this.problem(path, `'${text}' is not a percentage from 0 to 100`);
      return new Decimal(0);
    }
    return value;
  }

  private positive(text: string | number, path: string): Decimal {
    const value = parseDecimal(text);
    if (!value?.greaterThan(0)) {
      this.problem(path, `'${text}' is not a weight above 0`);
      return new Decimal(1);
    }
    return value;
  }

  private amount(text: string | number, digits: number, currency: string, path: string): number {
    const value = parseDecimal(text);
    if (!value || value.isNegative()) {
      this.problem(path, `'${text}' is not an amount of 0 or more`);
      return 0;
    }
    if (value.decimalPlaces() > digits) {
      this.problem(path, `${text} has more decimals than ${currency} has (${digits})`);
      return 0;
    }
    return toMinorUnits(value, digits);
  }

  private problem(path: string, message: string): void {
    const top = path.split('.')[0]!.replace(/\[.*$/, '');
    this.problems.push({ path: `${this.fileOf(top)}: ${path}`, message });
  }
}
