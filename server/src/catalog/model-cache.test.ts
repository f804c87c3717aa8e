import { describe, expect, it } from 'vitest';
import { LruCache } from './model-cache.js';

describe('the remembered answers', () => {
  it('keep the most recently used ones and drop the least recently used past capacity', () => {
    const cache = new LruCache<string, number>(2);
    let computed = 0;
    const get = (key: string): number => cache.getOrCompute(key, () => ++computed);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(2);
    expect(get('a')).toBe(1); // a is now the most recent
    expect(get('c')).toBe(3); // drops b
    expect(cache.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // b was dropped: computed again
    expect(computed).toBe(4);
  });
});
