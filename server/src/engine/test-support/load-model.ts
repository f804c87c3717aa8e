import { loadProductModelText } from '../model/load.js';
import type { ProductModel } from '../model/product-model.js';

/** Loads a model written in a test; a model that does not load fails the test with every problem. */
export function loadModelOrThrow(text: string): ProductModel {
  const result = loadProductModelText(text);
  if (!result.ok)
    throw new Error(
      `model does not load:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`,
    );
  return result.model;
}
