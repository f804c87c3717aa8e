import {
  autocomplete,
  loadProductModelText,
  type Price,
  type ProductModel,
  price,
  propagate,
} from '../engine/index.js';
import type { ProductModelVersion } from './product-model-version.entity.js';

export interface LoadedVersion {
  model: ProductModel;
  /** The price of the default build: the catalogue's starting point. */
  defaultPrice: Price | null;
}

/**
 * Loaded and compiled product model versions, shared by every request
 * of this process. A published version never changes, so an entry never goes stale; any process can
 * rebuild it from the database.
 */
export class ModelCache {
  private readonly byVersionId = new Map<number, LoadedVersion>();

  get(version: ProductModelVersion): LoadedVersion {
    let entry = this.byVersionId.get(version.id);
    if (!entry) {
      const loaded = loadProductModelText(version.source);
      if (!loaded.ok) {
        // Published sources were validated when published: this is a bug or a database edited by hand.
        throw new Error(
          `stored model ${version.productCode} v${version.version} does not load: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        );
      }
      // The first propagation compiles the model and its root state once; every request reuses them.
      propagate(loaded.model, {});
      const completion = autocomplete(loaded.model, {});
      const priced = completion.found ? price(loaded.model, completion.selection, 1) : null;
      entry = { model: loaded.model, defaultPrice: priced?.ok ? priced.price : null };
      this.byVersionId.set(version.id, entry);
    }
    return entry;
  }
}
