/**
 * The bounds of every in-memory cache of the server, in one place (pure constants, so the engine can
 * use its own without importing anything from outside; the server reads them through the engine's
 * index). Each cache is a least-recently-used one (lru-cache): past its bound the least recently used
 * entries go, and any of them can be computed again from the database or the model.
 */
export const CACHE_LIMITS = {
  /**
   * Compiled product model versions (the model, its compiled rules, counting tree or decision graph,
   * default build and price), by version id: at most this many, and at most this much memory by
   * estimate (5 bytes per character of the model's source, plus 64 kB: Renault big, 6.0M characters,
   * keeps about 24 MB once loaded and compiled, measured in catalog/model-cache.test.ts; a demo model
   * well under 1 MB). Within the engine, every per-model structure (compiled rules, counting tree,
   * decision graph, kept passes) hangs off the model object and goes with it.
   */
  compiledModels: { maxEntries: 200, maxEstimatedBytes: 256 * 1024 * 1024 },
  /** Published versions as read from the database, sized by their source text. */
  versionRecords: { maxBytes: 64 * 1024 * 1024 },
  /** Which version of each product is in force, each trusted for LATEST_VERSION_TTL_MS. */
  latestVersions: { maxEntries: 10_000 },
  /** Models just checked on publish, waiting to be used once. */
  checkedModels: { maxEntries: 20 },
  /**
   * Remembered answers (an evaluated configuration, its GraphQL view, a read selection, promise
   * effects): a few hundred kilobytes at most each for the demo models, so tens of MB in all.
   */
  configurations: { maxEntries: 600 },
  /** Whole answers to pure queries, sized by their JSON text. */
  rememberedResponses: { maxBytes: 32 * 1024 * 1024 },
  /**
   * Per model: one choice's supports held alone (propagation); the next request shares most choices. Also
   * bounded by the counts they hold (on Renault big, past 2^53, each is about 100 kB).
   */
  supportsPerModel: { maxEntries: 2_000, maxEstimatedBytes: 16 * 1024 * 1024 },
  /**
   * Per model: the rules behind an explanation, by the values it holds (the option and the choices
   * behind it); a few dozen bytes each, and the same explanations come back request after request.
   */
  explanationsPerModel: { maxEntries: 5_000 },
};
