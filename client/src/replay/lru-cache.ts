/** A small least-recently-used cache: a bounded Map where reading an entry makes it the newest. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>()

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('LruCache capacity must be at least 1')
  }

  get size(): number {
    return this.entries.size
  }

  has(key: K): boolean {
    return this.entries.has(key)
  }

  /** The value for `key`, marking it most recently used. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined
    const value = this.entries.get(key) as V
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  /** Stores `value` as the most recently used entry, dropping the least recently used beyond capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as K
      this.entries.delete(oldest)
    }
  }

  clear(): void {
    this.entries.clear()
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.entries.keys()]
  }
}
