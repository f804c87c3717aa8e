import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CACHE_LIMITS, importXcsp, loadProductModel } from '../engine/index.js';
import { readRenaultBenchmark } from '../test-support/renault-benchmark.js';
import { estimatedModelBytes, ModelCache } from './model-cache.js';

describe('the remembered answers', () => {
  it('keep the most recently used ones and drop the least recently used past their limit', () => {
    const cache = new ModelCache({ ...CACHE_LIMITS, configurations: { maxEntries: 2 } });
    let computed = 0;
    const get = (key: string): number => cache.remember(key, () => ++computed);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(2);
    expect(get('a')).toBe(1); // a is now the most recent
    expect(get('c')).toBe(3); // drops b
    expect(cache.rememberedCount).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // b was dropped: computed again
    expect(computed).toBe(4);
  });

  it('remember null as an answer (a configuration with no cheapest completion)', () => {
    const cache = new ModelCache();
    let computed = 0;
    const get = (): null =>
      cache.remember('none', () => {
        computed++;
        return null;
      });
    expect(get()).toBeNull();
    expect(get()).toBeNull();
    expect(computed).toBe(1);
  });

  it('are bounded by default by the limit stated in CACHE_LIMITS', () => {
    const cache = new ModelCache();
    const limit = CACHE_LIMITS.configurations.maxEntries;
    for (let i = 0; i < limit + 50; i++) cache.remember(`k${i}`, () => ({ i }));
    expect(cache.rememberedCount).toBe(limit);
  });
});

describe('the compiled model versions', () => {
  it('stay within their stated memory: ten Renault big versions loaded one after another keep the heap under the limit', () => {
    // A real collection between loads (the flag can be set at run time; gc is then a global of a new context).
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const imported = importXcsp(readRenaultBenchmark('big.xml'), {});
    if (!imported.ok) throw new Error('big.xml does not import');
    const source = JSON.stringify(imported.source);
    const limit = 100 * 1024 * 1024;
    const cache = new ModelCache({
      ...CACHE_LIMITS,
      compiledModels: { maxEntries: 200, maxEstimatedBytes: limit },
    });
    const fits = Math.floor(limit / estimatedModelBytes(source));
    expect(fits).toBeGreaterThanOrEqual(2);
    expect(fits).toBeLessThan(10);
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    for (let id = 1; id <= 10; id++) {
      // Loaded as publishing does (checked, then adopted): parsing 6 MB of source as YAML is not what is measured.
      const checked = loadProductModel(imported.source);
      if (!checked.ok) throw new Error('big does not load');
      cache.adoptChecked(`hash-${id}`, checked.model);
      const loaded = cache.get({
        id,
        productCode: `renault-${id}`,
        version: 1,
        name: 'Renault big',
        source,
        sourceHash: `hash-${id}`,
        publishedAt: new Date(),
      });
      expect(loaded.model.features).toHaveLength(268);
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      console.info(
        `after ${id}: ${cache.compiledCount} held, heap +${Math.round((process.memoryUsage().heapUsed - before) / 1e6)} MB`,
      );
      expect(cache.compiledCount).toBeLessThanOrEqual(fits);
    }
    // What the cache holds is what its estimate says (the estimate does not undercount): without the
    // bound, ten versions would keep about 250 MB.
    expect(peak).toBeLessThan(limit);
    // Ten loads and compilations of a 268-feature model: about 20 s alone, up to twice that beside the
    // other suites in CI.
  }, 240_000);
});
