/** Which price list priced a price (client/src/price-lists.ts), wherever a price is shown. */
export default {
  netOfTax: '{list}, net of tax',
  taxIncluded: '{list}, tax included',
};
