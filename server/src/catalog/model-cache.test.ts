import { describe, expect, it } from 'vitest';
import { CACHE_LIMITS } from '../engine/index.js';
import { ModelCache } from './model-cache.js';

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
