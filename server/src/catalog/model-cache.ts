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

type VersionRow = Pick<
  ProductModelVersion,
  'id' | 'productCode' | 'version' | 'name' | 'source' | 'sourceHash' | 'publishedAt'
>;

export class ModelCache {
  private readonly byVersionId = new Map<number, LoadedVersion>();
  private readonly versions = new Map<string, VersionRow>();
  private readonly latest = new Map<string, { row: VersionRow; until: number }>();
  /** Evaluated configurations, by model version, quantity and choices (see ConfigurationService). */
  readonly configurations = new LruCache<string, unknown>(CONFIGURATION_CACHE_ENTRIES);

  rememberedVersion(productCode: string, version: number | null): VersionRow | undefined {
    if (version !== null) return this.versions.get(`${productCode}@${version}`);
    const latest = this.latest.get(productCode);
    return latest && latest.until > Date.now() ? latest.row : undefined;
  }

  rememberVersion(entity: ProductModelVersion, isLatest: boolean): void {
    const row: VersionRow = {
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

  forgetLatest(productCode: string): void {
    this.latest.delete(productCode);
  }

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
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
