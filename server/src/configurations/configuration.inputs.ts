import { z } from 'zod';
import { fitsColumn, rangeOf, STOCK_QUANTITY } from '../db/decimal-column.js';
import { parseDecimal } from '../engine/index.js';
import { key, quoted } from '../graphql/input-validation.js';

/** The most units of one configuration in a request. */
export const MAX_QUANTITY = 1_000_000;
/** The most choices in one configuration, and options in one multiple choice (a model has far fewer). */
export const MAX_SELECTIONS = 200;

/**
 * A numeric feature's value (or any value written as a number) fits the stock quantity column: the BOM
 * quantities it drives are counted against stock, and no model needs more.
 */
export const featureValue = key('A value').refine(
  (value) => {
    const number = parseDecimal(value);
    return number === undefined || fitsColumn(number, STOCK_QUANTITY);
  },
  { error: (issue) => `${quoted(issue.input)} is out of range: a number is ${rangeOf(STOCK_QUANTITY)}` },
);

/**
 * One choice (SelectionInput). Which of `value` and `values` a feature takes, and what they may be,
 * depend on the model: the configuration service reads them against it.
 */
export const selectionInput = z.object({
  feature: key('A feature'),
  value: featureValue.nullish(),
  values: z
    .array(key('An option'))
    .max(MAX_SELECTIONS, `A multiple choice has at most ${MAX_SELECTIONS} options`)
    .nullish(),
  source: z.enum(['CHOSEN', 'DEFAULT']).nullish(),
});

/** An ISO 4217 currency code: three capital letters (which ones are priced, the price lists say). */
export const currencyCode = z.string().refine((text) => /^[A-Z]{3}$/.test(text), {
  error: (issue) =>
    `${quoted(issue.input)} is not an ISO 4217 currency code (three capital letters, e.g. USD)`,
});

/** A list of choices on its own (Configuration.changesSince's earlier choices). */
export const choicesInput = z
  .array(selectionInput)
  .max(MAX_SELECTIONS, `A configuration has at most ${MAX_SELECTIONS} choices`);

/** A product, its choices and the quantity (ConfigurationInput); the product and version are looked up. */
export const configurationInput = z.object({
  productCode: key('A product code'),
  selections: choicesInput,
  quantity: z
    .number()
    .refine((quantity) => Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY, {
      error: (issue) =>
        `The quantity must be a whole number from 1 to ${MAX_QUANTITY}, not ${String(issue.input)}`,
    })
    .nullish(),
  modelVersion: z.number().int().nullish(),
  currency: currencyCode.nullish(),
  priceListCode: key('A price list code').nullish(),
});

/** resolveConflict's option to reach, besides its configuration. */
export const conflictArguments = { feature: key('A feature'), value: featureValue };
