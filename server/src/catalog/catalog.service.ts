import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { announceChange } from '../db/change-notices.js';
import {
  checkModel,
  loadProductModelText,
  type ModelProblem,
  modelCheckProblems,
  type ProductModel,
} from '../engine/index.js';
import type { LoadedVersion, ModelCache, ModelVersionRecord } from './model-cache.js';
import { ProductModelVersion } from './product-model-version.entity.js';

export type PublishResult =
  /** warnings: options no valid configuration can contain (dead options), with the rules responsible. */
  | { ok: true; version: ProductModelVersion; created: boolean; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[] };

/**
 * What publishing a new version asks of the modules that own what a model names (its parts, its work
 * centres), in the publishing transaction.
 */
export type ModelPublished = (em: EntityManager, model: ProductModel) => Promise<void>;

/** Product models and their versions: publishing, finding the version in force, and the loaded model. */
export class CatalogService {
  constructor(
    private readonly em: EntityManager,
    private readonly cache: ModelCache,
    /** Records a new version's parts and work centres (see createCatalogService in services.ts). */
    private readonly published: ModelPublished,
  ) {}

  /**
   * Publishes a model file. The same text again returns the version it already is; a changed model
   * becomes the next version (a published version is never changed). Parts and work centres the model
   * lists are created or updated in the same transaction (by their modules, through `published`).
   */
  async publish(source: string): Promise<PublishResult> {
    const loaded = loadProductModelText(source);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const { model } = loaded;
    const sourceHash = createHash('sha256').update(source).digest('hex');
    const published = await this.em
      .fork()
      .findOne(ProductModelVersion, { productCode: model.code }, { orderBy: { version: 'desc' } });
    if (published && published.sourceHash === sourceHash)
      return { ok: true, version: published, created: false, warnings: [] };
    // A new version: a model with no valid configuration is refused; dead options are reported.
    const { problems, warnings } = modelCheckProblems(checkModel(model));
    if (problems.length > 0) return { ok: false, problems };
    this.cache.adoptChecked(sourceHash, model);
    const result = await this.em.transactional(async (em) => {
      const latest = await em.findOne(
        ProductModelVersion,
        { productCode: model.code },
        { orderBy: { version: 'desc' } },
      );
      if (latest && latest.sourceHash === sourceHash)
        return { ok: true as const, version: latest, created: false, warnings: [] };
      const version = em.create(ProductModelVersion, {
        productCode: model.code,
        version: (latest?.version ?? 0) + 1,
        name: model.name,
        source,
        sourceHash,
        publishedAt: new Date(),
      });
      await this.published(em, model);
      await em.flush();
      // Every other process forgets its version in force when (and only if) this commits.
      await announceChange(em, { kind: 'model', productCode: model.code });
      return { ok: true as const, version, created: true, warnings };
    });
    // After the commit: forgotten before it, a request in between could remember the old version again.
    if (result.created) this.cache.forgetLatest(model.code);
    return result;
  }

  /** The version in force of every product (the latest), in name order. One query. */
  async latestVersions(): Promise<ProductModelVersion[]> {
    const versions = await this.em.find(
      ProductModelVersion,
      {},
      { orderBy: { productCode: 'asc', version: 'desc' } },
    );
    const latest = new Map<string, ProductModelVersion>();
    for (const version of versions)
      if (!latest.has(version.productCode)) latest.set(version.productCode, version);
    return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The version in force of one product, or a given version; null when there is none. A given version
   * never changes, so it is remembered; which version is in force is remembered until a publication is
   * heard of (change-listener.ts: at once on PostgreSQL, by NOTIFY), or for ModelCache.latestTtlMs.
   */
  async findVersion(productCode: string, version?: number | null): Promise<ModelVersionRecord | null> {
    const remembered = this.cache.rememberedVersion(productCode, version ?? null);
    if (remembered) return remembered;
    const found =
      version !== undefined && version !== null
        ? await this.em.findOne(ProductModelVersion, { productCode, version })
        : await this.em.findOne(ProductModelVersion, { productCode }, { orderBy: { version: 'desc' } });
    if (found) this.cache.rememberVersion(found, version === undefined || version === null);
    return found;
  }

  loaded(version: ModelVersionRecord): LoadedVersion {
    return this.cache.get(version);
  }

  /** Memoises a pure computation on a model version (evaluated configurations), shared by every request. */
  memoConfiguration<T>(key: string, compute: () => T): T {
    return this.cache.remember(key, compute);
  }

  /**
   * A price some answers read changed (an account's price list), committed: whole answers remembered are
   * not given again, by this process or (on PostgreSQL, by NOTIFY) any other.
   */
  async pricesChanged(): Promise<void> {
    this.cache.answersChanged();
    await announceChange(this.em, { kind: 'prices' });
  }
}
