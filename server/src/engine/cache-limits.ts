/**
 * The bounds of every in-memory cache of the server, in one place (pure constants, so the engine can
 * use its own without importing anything from outside; the server reads them through the engine's
 * index). Each cache is a least-recently-used one (lru-cache): past its bound the least recently used
 * entries go, and any of them can be computed again from the database or the model.
 */
export const CACHE_LIMITS = {
  /** Compiled product model versions (the model, its default build and price), by version id. */
  compiledModels: { maxEntries: 200 },
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
  /** Per model: one choice's supports held alone (propagation); the next request shares most choices. */
  supportsPerModel: { maxEntries: 2_000 },
  /**
   * Per model: the rules behind an explanation, by the values it holds (the option and the choices
   * behind it); a few dozen bytes each, and the same explanations come back request after request.
   */
  explanationsPerModel: { maxEntries: 5_000 },
};
