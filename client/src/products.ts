/**
 * The product catalogue as GET /api/products serves it (the server's catalog/product-summaries.ts).
 * A stopgap until the GraphQL API and its typed operations replace it.
 */

/** A product of the catalogue, with its starting price and its size. */
export interface Product {
  code: string;
  name: string;
  pitch: string;
  description: string;
  /** ISO 4217 currency code. */
  currency: string;
  /** The price of the default configuration: exact decimal text in major units, e.g. "1170.60". */
  startingPrice: string;
  /** Every feature of the default configuration: option code(s), true/false or decimal text. */
  defaultConfiguration: Record<string, string | string[] | boolean | number | null>;
  features: number;
  options: number;
  rules: number;
  parts: number;
}

export type ProductsResult = { ok: true; products: Product[] } | { ok: false };

const REQUEST_TIMEOUT_MS = 5000;

function isProduct(value: unknown): value is Product {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    ['code', 'name', 'pitch', 'currency', 'startingPrice'].every((key) => typeof p[key] === 'string') &&
    ['features', 'options', 'rules', 'parts'].every((key) => typeof p[key] === 'number')
  );
}

/** Fetches the catalogue; `{ ok: false }` when the server cannot be reached or answers something else. */
export async function fetchProducts(fetchFn: typeof fetch = fetch): Promise<ProductsResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetchFn('/api/products', {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    if (!response.ok) return { ok: false };
    const body: unknown = await response.json();
    const products = (body as { products?: unknown } | null)?.products;
    if (!Array.isArray(products) || !products.every(isProduct)) return { ok: false };
    return { ok: true, products };
  } catch {
    return { ok: false };
  } finally {
    clearTimeout(timer);
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

/** "1 rule", "14 rules". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
