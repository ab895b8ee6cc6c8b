import { describe, expect, it } from 'vitest';
import { createLruCache } from './lruCache.ts';

describe('LRU cache', () => {
  it('forgets the least recently used entry beyond its bound', () => {
    const cache = createLruCache<number>(2);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    expect(cache.get('a', 0)).toBe(1); // a is now the most recent
    cache.set('c', 3, 100);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.get('c', 0)).toBe(3);
    expect(cache.size()).toBe(2);
  });

  it('forgets an entry once its time is over', () => {
    const cache = createLruCache<string>(10);
    cache.set('a', 'x', 50);
    expect(cache.get('a', 49)).toBe('x');
    expect(cache.get('a', 50)).toBeUndefined();
    expect(cache.size()).toBe(0);
  });
});
