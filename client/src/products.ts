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
