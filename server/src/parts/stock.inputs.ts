import { z } from 'zod';
import { parseDecimal } from '../engine/index.js';
import { actor, reasonText } from '../graphql/input-validation.js';

/** adjustStock's arguments; whether the part exists, and counts in such decimals, is the service's. */
export const adjustStockArguments = {
  partNumber: z.string(),
  quantity: z.string().refine((text) => parseDecimal(text)?.isZero() === false, {
    error: (issue) =>
      `'${String(issue.input).slice(0, 40)}' is not a change of stock: give a signed decimal such as "12" or "-3"`,
  }),
  reason: reasonText('Say why the stock changes (a count, a damaged part...)'),
  by: actor,
};
