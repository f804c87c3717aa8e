import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { checkModel, loadProductModelText, type ModelProblem, modelCheckProblems } from '../engine/index.js';
import { WorkCentre } from '../fulfilment/work-centre.entity.js';
import { Part } from '../parts/part.entity.js';
import type { LoadedVersion, ModelCache, ModelVersionRecord } from './model-cache.js';
import { ProductModelVersion } from './product-model-version.entity.js';

export type PublishResult =
  /** warnings: options no valid configuration can contain (dead options), with the rules responsible. */
  | { ok: true; version: ProductModelVersion; created: boolean; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[] };

/** Product models and their versions: publishing, finding the version in force, and the loaded model. */
export class CatalogService {
  constructor(
    private readonly em: EntityManager,
    private readonly cache: ModelCache,
  ) {}

  /**
   * Publishes a model file. The same text again returns the version it already is; a changed model
   * becomes the next version (a published version is never changed). Parts the model lists are created
   * or updated in the same transaction.
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
    return this.em.transactional(async (em) => {
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
      const existing = await em.find(Part, { partNumber: { $in: [...model.parts.keys()] } });
      const byNumber = new Map(existing.map((part) => [part.partNumber, part]));
      for (const part of model.parts.values()) {
        const record =
          byNumber.get(part.partNumber) ??
          em.create(Part, { partNumber: part.partNumber, stockOnHand: '0' } as Part);
        Object.assign(record, {
          description: part.description,
          unit: part.unit,
          kind: part.kind,
          costMinor: part.costMinor,
          currency: model.currency,
          supplier: part.supplier,
          leadTimeDays: part.leadTimeDays,
          minimumOrderQuantity: part.minimumOrderQuantity.toFixed(),
          quantityScale: part.quantityScale,
        });
      }
      // Work centres are the plant's: the model that names one sets its name and capacity.
      const centres = model.fulfilment.workCentres;
      const knownCentres = await em.find(WorkCentre, { code: { $in: centres.map((centre) => centre.code) } });
      const centreByCode = new Map(knownCentres.map((centre) => [centre.code, centre]));
      for (const centre of centres) {
        const record =
          centreByCode.get(centre.code) ?? em.create(WorkCentre, { code: centre.code } as WorkCentre);
        record.name = centre.name;
        record.minutesPerDay = centre.minutesPerDay;
      }
      await em.flush();
      this.cache.forgetLatest(model.code);
      return { ok: true as const, version, created: true, warnings };
    });
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
   * never changes, so it is remembered; which version is in force is remembered for a moment only
   * (LATEST_VERSION_TTL_MS), so that a version published by another process is seen within it.
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
}
