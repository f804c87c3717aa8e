import { fitsColumn, rangeOf, STOCK_QUANTITY } from '../db/decimal-column.js';
import { parseDecimal } from '../engine/index.js';
import { key, quoted, reasonText, text } from '../graphql/input-validation.js';

/** Longer than any decimal the stock column holds, written out. */
const MAX_DECIMAL_TEXT = 40;

/** adjustStock's arguments; whether the part exists, and counts in such decimals, is the service's. */
export const adjustStockArguments = {
  partNumber: key('A part number'),
  quantity: text({ label: 'A change of stock', max: MAX_DECIMAL_TEXT, untrimmed: true })
    .refine((text) => parseDecimal(text)?.isZero() === false, {
      error: (issue) =>
        `${quoted(issue.input)} is not a change of stock: give a signed decimal such as "12" or "-3"`,
      abort: true,
    })
    .refine((text) => fitsColumn(parseDecimal(text)!, STOCK_QUANTITY), {
      error: (issue) =>
        `${quoted(issue.input)} is out of range: a change of stock is ${rangeOf(STOCK_QUANTITY)}`,
    }),
  reason: reasonText('Say why the stock changes (a count, a damaged part...)'),
};

/** stockMovements' argument. */
export const partNumberArgument = { partNumber: key('A part number') };
