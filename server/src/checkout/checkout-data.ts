import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CheckoutData, loadCheckoutDataTexts } from '../engine/index.js';
import { POSTAL_CODES, REGIONS } from './address-formats.js';

/**
 * The shop's checkout data shipped with the server (server/demo-models/checkout/*.yaml): seller, shipping zones
 * and rates, tax, payment terms, terms of sale. Found relative to this module, two levels below server/ both as
 * source (server/src/checkout) and built (server/dist/checkout).
 */
export const CHECKOUT_DATA_DIR = fileURLToPath(new URL('../../demo-models/checkout/', import.meta.url));

/** The checkout files by name, in file-name order. */
export function checkoutDataFiles(directory: string = CHECKOUT_DATA_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .sort())
    files[name] = readFileSync(join(directory, name), 'utf8');
  return files;
}

/**
 * Loads and checks the checkout data: the engine's checks, and the server's own (every country shipped to has a
 * postal code format to check addresses by). A mistake throws one Error listing every problem with its file and
 * place: the server does not start with checkout data it cannot use.
 */
export function loadCheckoutData(directory: string = CHECKOUT_DATA_DIR): CheckoutData {
  const load = loadCheckoutDataTexts(checkoutDataFiles(directory));
  const problems = load.ok ? [] : load.problems.map((p) => `${p.path}: ${p.message}`);
  if (load.ok) {
    for (const country of load.data.zoneByCountry.keys()) {
      if (!POSTAL_CODES[country])
        problems.push(
          `shipping: ${country} is shipped to, but addresses there cannot be checked: add its postal code format to server/src/checkout/address-formats.ts`,
        );
      const tax = load.data.taxByCountry.get(country);
      for (const region of tax?.regions.keys() ?? [])
        if (!REGIONS[country]?.[region])
          problems.push(`tax: tax.countries.${country}.regions.${region} is not a region of ${country}`);
    }
  }
  if (!load.ok || problems.length > 0)
    throw new Error(`Checkout data failed to load (${problems.length} problem(s)):\n${problems.join('\n')}`);
  return load.data;
}

let loaded: CheckoutData | undefined;

/** The checkout data of this process, loaded once (at start: `server.ts` calls it so a mistake stops the start). */
export function checkoutData(): CheckoutData {
  loaded ??= loadCheckoutData();
  return loaded;
}
