/**
 * Why a number is not an order quantity (a whole number of at least 1, small enough to count
 * exactly), or undefined when it is one. Shared by pricing and BOM explosion.
 */
export function orderQuantityProblem(quantity: number): string | undefined {
  if (Number.isSafeInteger(quantity) && quantity >= 1) return undefined;
  return `the quantity must be a whole number of at least 1, not ${String(quantity)}`;
}
