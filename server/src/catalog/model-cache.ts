import { LRUCache } from 'lru-cache';
import {
  autocomplete,
  CACHE_LIMITS,
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
  /** The memory it keeps, by estimate (CACHE_LIMITS.compiledModels). */
  estimatedBytes: number;
}

/** What a loaded and compiled model keeps in memory, by estimate from its source (see CACHE_LIMITS). */
export function estimatedModelBytes(source: string): number {
  return 5 * source.length + 64 * 1024;
}

/**
 * How long this process trusts its memory of which version of a product is in force when nothing tells
 * it of changes made by other processes: on SQLite (a second process on the same file is possible), and
 * on PostgreSQL while its change listener is not connected.
 */
export const LATEST_VERSION_TTL_MS = 2000;

/**
 * The same while the change listener (change-listener.ts) hears every change by NOTIFY at once: a
 * safety net only, bounding what a listening connection that died without a word (until TCP keepalive
 * finds it) could leave unseen.
 */
export const LATEST_VERSION_SAFETY_TTL_MS = 60_000;

/**
 * A published version as read once from the database: requests use it as it is, since merging an
 * entity into every request's entity manager cost more than answering a remembered configuration.
 */
export type ModelVersionRecord = Pick<
  ProductModelVersion,
  'id' | 'productCode' | 'version' | 'name' | 'source' | 'sourceHash' | 'publishedAt'
>;

/** The bounds ModelCache keeps to (CACHE_LIMITS; smaller ones in tests). */
export type ModelCacheLimits = Pick<
  typeof CACHE_LIMITS,
  'compiledModels' | 'versionRecords' | 'latestVersions' | 'checkedModels' | 'configurations'
>;

/**
 * Loaded and compiled product model versions and remembered answers, shared by every request of this
 * process, each bounded (CACHE_LIMITS). A published version never changes, so an entry never goes
 * stale; any process can rebuild it from the database.
 */
export class ModelCache {
  private readonly byVersionId: LRUCache<number, LoadedVersion>;
  private readonly versions: LRUCache<string, ModelVersionRecord>;
  private readonly latest: LRUCache<string, ModelVersionRecord>;
  private latestGeneration = 0;
  /**
   * How long a remembered version in force (and an answer built on it) is trusted from now on: raised to
   * LATEST_VERSION_SAFETY_TTL_MS while changes are heard by NOTIFY, back to LATEST_VERSION_TTL_MS without.
   */
  latestTtlMs = LATEST_VERSION_TTL_MS;
  /**
   * Evaluated configurations, by model version, quantity and choices (see ConfigurationService): the
   * engine's answers are pure functions of an immutable model version and the input, and the same
   * configurations come back again and again (the defaults, shared links, a page re-asking after
   * each choice), so they are kept here instead of computed again.
   */
  private readonly configurations: LRUCache<string, { answer: unknown }>;
  /** Models checked on publish by this process, by source hash: compiled once, not again when first used. */
  private readonly checked: LRUCache<string, ProductModel>;

  constructor(limits: ModelCacheLimits = CACHE_LIMITS) {
    this.byVersionId = new LRUCache({
      max: limits.compiledModels.maxEntries,
      maxSize: limits.compiledModels.maxEstimatedBytes,
      sizeCalculation: (entry) => entry.estimatedBytes,
    });
    this.versions = new LRUCache({
      maxSize: limits.versionRecords.maxBytes,
      sizeCalculation: (row) => Math.max(1, row.source.length),
    });
    // Each entry's TTL is given when it is set (latestTtlMs); ttlResolution 0: the clock is read on
    // every look-up (a remembered reading could outlive the TTL).
    this.latest = new LRUCache({ max: limits.latestVersions.maxEntries, ttlResolution: 0 });
    this.configurations = new LRUCache({ max: limits.configurations.maxEntries });
    this.checked = new LRUCache({ max: limits.checkedModels.maxEntries });
  }

  /** The answer remembered under `key`, else `compute()`'s, remembered (null is an answer too). */
  remember<T>(key: string, compute: () => T): T {
    const found = this.configurations.get(key);
    if (found !== undefined) return found.answer as T;
    const answer = compute();
    this.configurations.set(key, { answer });
    return answer;
  }

  /** How many compiled model versions are held now. */
  get compiledCount(): number {
    return this.byVersionId.size;
  }

  /** How many answers are remembered now. */
  get rememberedCount(): number {
    return this.configurations.size;
  }

  rememberedVersion(productCode: string, version: number | null): ModelVersionRecord | undefined {
    if (version !== null) return this.versions.get(`${productCode}@${version}`);
    return this.latest.get(productCode);
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
    if (isLatest) this.latest.set(row.productCode, row, { ttl: this.latestTtlMs });
  }

  /** Changes whenever this process learns that a product's version in force (or a price an answer read) changed. */
  get generation(): number {
    return this.latestGeneration;
  }

  forgetLatest(productCode: string): void {
    this.latest.delete(productCode);
    this.latestGeneration++;
  }

  /** Any product's version in force may have changed unseen (a change notification may have been missed). */
  forgetAllLatest(): void {
    this.latest.clear();
    this.latestGeneration++;
  }

  /**
   * Something else that answers read changed (a customer account's price list): answers remembered
   * under the current generation are not given again.
   */
  answersChanged(): void {
    this.latestGeneration++;
  }

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
        estimatedBytes: estimatedModelBytes(version.source),
      };
      this.byVersionId.set(version.id, entry);
    }
    return entry;
  }
}
