/** The product catalogue (the generated `Products` operation, schema/operations/products.graphql) in words. */
import type { ProductsQuery } from './graphql/graphql';

/** A product of the catalogue, in the version of its model now in force. */
export type Product = ProductsQuery['products'][number];

/** An amount of money as the server writes it: exact decimal text in major units ("1170.60") and its currency. */
export type Money = NonNullable<Product['startingPrice']>;

/** feature code -> value, as the preview takes them. */
export function previewValues(product: Product): Record<string, string | string[] | null> {
  return Object.fromEntries(product.defaultSelections.map((s) => [s.feature, s.values ?? s.value]));
}

/**
 * A price for people: "1170.60" EUR -> "1,170.60 EUR", keeping the digits the server wrote.
 * The amount goes through a float for display only; it has at most a few decimals, so nothing is lost.
 */
export function formatPrice(decimal: string, currency: string, locale = 'en'): string {
  const digits = decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
  const amount = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(decimal));
  return `${amount} ${currency}`;
}

/** "1 product", "3 products". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
