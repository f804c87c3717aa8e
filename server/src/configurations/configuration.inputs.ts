import { z } from 'zod';

/** The most units of one configuration in a request. */
export const MAX_QUANTITY = 1_000_000;

/**
 * One choice (SelectionInput). Which of `value` and `values` a feature takes, and what they may be,
 * depend on the model: the configuration service reads them against it.
 */
export const selectionInput = z.object({
  feature: z.string(),
  value: z.string().nullish(),
  values: z.array(z.string()).nullish(),
});

/** A product, its choices and the quantity (ConfigurationInput); the product and version are looked up. */
export const configurationInput = z.object({
  productCode: z.string(),
  selections: z.array(selectionInput),
  quantity: z
    .number()
    .refine((quantity) => Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY, {
      error: (issue) =>
        `The quantity must be a whole number from 1 to ${MAX_QUANTITY}, not ${String(issue.input)}`,
    })
    .nullish(),
  modelVersion: z.number().int().nullish(),
});
