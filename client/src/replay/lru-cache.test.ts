import { describe, expect, it } from 'vitest'
import { LruCache } from './lru-cache'

describe('LruCache', () => {
  it('drops the least recently used entry beyond capacity', () => {
    const cache = new LruCache<number, string>(2)
    cache.set(1, 'a')
    cache.set(2, 'b')
    cache.set(3, 'c')
    expect(cache.has(1)).toBe(false)
    expect(cache.keys()).toEqual([2, 3])
  })

  it('treats a read as a use', () => {
    const cache = new LruCache<number, string>(2)
    cache.set(1, 'a')
    cache.set(2, 'b')
    expect(cache.get(1)).toBe('a')
    cache.set(3, 'c')
    expect(cache.keys()).toEqual([1, 3])
    expect(cache.get(2)).toBeUndefined()
  })

  it('overwrites without growing', () => {
    const cache = new LruCache<string, number>(3)
    cache.set('x', 1)
    cache.set('x', 2)
    expect(cache.size).toBe(1)
    expect(cache.get('x')).toBe(2)
  })

  it('rejects a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow()
  })
})
