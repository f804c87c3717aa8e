import {
  autocomplete,
  loadProductModelText,
  type Price,
  type ProductModel,
  price,
  propagate,
  type SelectionValue,
} from '../engine/index.js';
import type { ProductModelVersion } from './product-model-version.entity.js';

export interface LoadedVersion {
  model: ProductModel;
  /** The price of the default build: the catalogue's starting point. */
  defaultPrice: Price | null;
  /** The default build: every feature's value in force with nothing chosen (null if there is none). */
  defaultSelection: Readonly<Record<string, SelectionValue | null>> | null;
}

/**
 * Loaded and compiled product model versions, shared by every request
 * of this process. A published version never changes, so an entry never goes stale; any process can
 * rebuild it from the database.
 */
/**
 * Remembered answers (an evaluated configuration, its GraphQL view, a read selection): a few hundred
 * kilobytes at most each for the demo models, so this bounds the memory they take to tens of MB.
 */
export const CONFIGURATION_CACHE_ENTRIES = 600;

/** How long this process trusts its memory of which version of a product is in force. */
export const LATEST_VERSION_TTL_MS = 2000;

/**
 * A published version as read once from the database: requests use it as it is, since merging an
 * entity into every request's entity manager cost more than answering a remembered configuration.
 */
export type ModelVersionRecord = Pick<
  ProductModelVersion,
  'id' | 'productCode' | 'version' | 'name' | 'source' | 'sourceHash' | 'publishedAt'
>;

export class ModelCache {
  private readonly byVersionId = new Map<number, LoadedVersion>();
  private readonly versions = new Map<string, ModelVersionRecord>();
  private readonly latest = new Map<string, { row: ModelVersionRecord; until: number }>();
  private latestGeneration = 0;
  /** Evaluated configurations, by model version, quantity and choices (see ConfigurationService). */
  readonly configurations = new LruCache<string, unknown>(CONFIGURATION_CACHE_ENTRIES);

  rememberedVersion(productCode: string, version: number | null): ModelVersionRecord | undefined {
    if (version !== null) return this.versions.get(`${productCode}@${version}`);
    const latest = this.latest.get(productCode);
    return latest && latest.until > Date.now() ? latest.row : undefined;
  }

  rememberVersion(entity: ProductModelVersion, isLatest: boolean): void {
    const row: ModelVersionRecord = {
      id: entity.id,
      productCode: entity.productCode,
      version: entity.version,
      name: entity.name,
      source: entity.source,
      sourceHash: entity.sourceHash,
      publishedAt: entity.publishedAt,
    };
    this.versions.set(`${row.productCode}@${row.version}`, row);
    if (isLatest) this.latest.set(row.productCode, { row, until: Date.now() + LATEST_VERSION_TTL_MS });
  }

  /** Changes whenever this process learns that a product's version in force changed. */
  get generation(): number {
    return this.latestGeneration;
  }

  forgetLatest(productCode: string): void {
    this.latest.delete(productCode);
    this.latestGeneration++;
  }

  /** Models checked on publish by this process, by source hash: compiled once, not again when first used. */
  private readonly checked = new Map<string, ProductModel>();

  adoptChecked(sourceHash: string, model: ProductModel): void {
    this.checked.set(sourceHash, model);
  }

  get(version: ModelVersionRecord): LoadedVersion {
    let entry = this.byVersionId.get(version.id);
    if (!entry) {
      const adopted = this.checked.get(version.sourceHash);
      this.checked.delete(version.sourceHash);
      const loaded = adopted ? { ok: true as const, model: adopted } : loadProductModelText(version.source);
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
      entry = {
        model: loaded.model,
        defaultPrice: priced?.ok ? priced.price : null,
        defaultSelection: completion.found ? completion.selection : null,
      };
      this.byVersionId.set(version.id, entry);
    }
    return entry;
  }
}

/**
 * A bounded least-recently-used memo. The engine's answers are pure functions of an immutable model
 * version and the input, and the same configurations come back again and again (the defaults, shared
 * links, a page re-asking after each choice), so they are kept here instead of computed again.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  getOrCompute(key: K, compute: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = compute();
    this.set(key, value);
    return value;
  }

  get(key: K): V | undefined {
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}
