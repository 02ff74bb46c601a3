import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    // given
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');

    // when
    cache.set('c', 3);

    // then
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps null as a cached value, distinct from a miss', () => {
    // given
    const cache = new BoundedCache<string, string | null>(10);

    // when
    cache.set('valid', null);

    // then
    expect(cache.get('valid')).toBeNull();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('forgets every entry when cleared', () => {
    // given
    const cache = new BoundedCache<string, number>(10);
    cache.set('a', 1);
    cache.set('b', 2);

    // when
    cache.clear();

    // then
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
