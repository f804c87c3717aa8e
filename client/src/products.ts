/** The product catalogue, from the GraphQL `Products` operation (schema/operations/products.graphql). */
import productsQuery from '../../schema/operations/products.graphql?raw';
import { type GraphQLRequestOptions, graphqlRequest } from './graphql-request';

/** An amount of money as the server writes it: exact decimal text in major units ("1170.60"). */
export interface Money {
  amount: string;
  /** ISO 4217 currency code. */
  currency: string;
}

/** A product of the catalogue, in the version of its model now in force. */
export interface Product {
  code: string;
  name: string;
  pitch: string;
  modelVersion: number;
  /** The price of one unit of the default build; null when the model has none. */
  startingPrice: Money | null;
  /** The default build's values (they draw the product's picture). */
  defaultSelections: { feature: string; value: string | null; values: string[] | null }[];
}

/** feature code -> value, as the preview takes them. */
export function previewValues(product: Product): Record<string, string | string[] | null> {
  return Object.fromEntries(product.defaultSelections.map((s) => [s.feature, s.values ?? s.value]));
}

export type ProductsResult = { ok: true; products: Product[] } | { ok: false };

function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.amount === 'string' && typeof m.currency === 'string';
}

function isProduct(value: unknown): value is Product {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    ['code', 'name', 'pitch'].every((key) => typeof p[key] === 'string') &&
    typeof p.modelVersion === 'number' &&
    (p.startingPrice === null || isMoney(p.startingPrice)) &&
    Array.isArray(p.defaultSelections)
  );
}

/** Fetches the catalogue; `{ ok: false }` when the server cannot be reached or answers something else. */
export async function fetchProducts(options: GraphQLRequestOptions = {}): Promise<ProductsResult> {
  try {
    const data = await graphqlRequest<{ products?: unknown }>(productsQuery, undefined, options);
    const products = data.products;
    if (!Array.isArray(products) || !products.every(isProduct)) return { ok: false };
    return { ok: true, products };
  } catch {
    return { ok: false };
  }
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
