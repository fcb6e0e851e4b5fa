/**
 * Loads board states for moments on the timeline. Keeps a bounded LRU cache by time, shares one
 * request per moment, waits while the slider is being dragged (debounce, with a maximum wait so a
 * long drag still updates), prefetches moments the user is likely to ask for next, and only ever
 * delivers the moment asked for last: a slow answer for an older moment is cached, never shown.
 */
import { LruCache } from './lru-cache'

export interface StateLoaderOptions<T> {
  fetch: (at: number) => Promise<T>
  /** The newest requested moment is ready. */
  onState: (at: number, value: T) => void
  /** Loading the newest requested moment failed. */
  onError?: (at: number, error: unknown) => void
  /** Whether the newest requested moment is still on its way. */
  onPending?: (pending: boolean) => void
  capacity?: number
  debounceMs?: number
  maxWaitMs?: number
  /** Prefetch requests at once (the shown moment's request does not count). */
  prefetchConcurrency?: number
}

export class StateLoader<T> {
  private readonly cache: LruCache<number, T>
  private readonly inFlight = new Map<number, Promise<T>>()
  private readonly options: Required<Omit<StateLoaderOptions<T>, 'onError' | 'onPending'>> & Pick<StateLoaderOptions<T>, 'onError' | 'onPending'>
  private target: number | null = null
  private shown: number | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private waitingSince: number | null = null
  private prefetchQueue: number[] = []
  private prefetching = 0
  private disposed = false

  constructor(options: StateLoaderOptions<T>) {
    this.options = { capacity: 40, debounceMs: 80, maxWaitMs: 300, prefetchConcurrency: 2, ...options }
    this.cache = new LruCache(this.options.capacity)
  }

  /** The moment asked for last. */
  get requested(): number | null {
    return this.target
  }

  isCached(at: number): boolean {
    return this.cache.has(at)
  }

  /**
   * Asks to show moment `at`. Cached moments are delivered at once; others are fetched after the
   * debounce (`immediate` skips it, e.g. for a click or a playback frame).
   */
  show(at: number, { immediate = false }: { immediate?: boolean } = {}): void {
    if (this.disposed) return
    this.target = at
    const cached = this.cache.get(at)
    if (cached !== undefined) {
      this.clearTimer()
      this.deliver(at, cached)
      return
    }
    this.options.onPending?.(true)
    if (this.inFlight.has(at) || immediate) {
      this.clearTimer()
      void this.load(at)
      return
    }
    const now = Date.now()
    this.waitingSince ??= now
    const waited = now - this.waitingSince
    if (this.timer !== null) clearTimeout(this.timer)
    const delay = Math.max(0, Math.min(this.options.debounceMs, this.options.maxWaitMs - waited))
    this.timer = setTimeout(() => {
      this.timer = null
      this.waitingSince = null
      if (this.target !== null) void this.load(this.target)
    }, delay)
  }

  /** Loads these moments in the background (nearest wish first), replacing earlier wishes. */
  prefetch(times: readonly number[]): void {
    if (this.disposed) return
    this.prefetchQueue = times.filter((at) => !this.cache.has(at) && !this.inFlight.has(at))
    this.pumpPrefetch()
  }

  /** Forgets everything (another session, or the page goes away). */
  dispose(): void {
    this.disposed = true
    this.clearTimer()
    this.prefetchQueue = []
    this.cache.clear()
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.waitingSince = null
  }

  private async load(at: number): Promise<void> {
    try {
      const value = await this.request(at)
      if (this.disposed || at !== this.target) return
      this.deliver(at, value)
    } catch (error) {
      if (this.disposed || at !== this.target) return
      this.options.onPending?.(false)
      this.options.onError?.(at, error)
    }
  }

  private request(at: number): Promise<T> {
    const existing = this.inFlight.get(at)
    if (existing) return existing
    const promise = this.options.fetch(at).then(
      (value) => {
        this.inFlight.delete(at)
        if (!this.disposed) this.cache.set(at, value)
        return value
      },
      (error: unknown) => {
        this.inFlight.delete(at)
        throw error
      },
    )
    this.inFlight.set(at, promise)
    return promise
  }

  private deliver(at: number, value: T): void {
    this.shown = at
    this.options.onPending?.(false)
    this.options.onState(at, value)
  }

  private pumpPrefetch(): void {
    while (this.prefetching < this.options.prefetchConcurrency && this.prefetchQueue.length > 0) {
      const at = this.prefetchQueue.shift()!
      if (this.cache.has(at) || this.inFlight.has(at)) continue
      this.prefetching++
      this.request(at)
        .catch(() => undefined)
        .finally(() => {
          this.prefetching--
          this.pumpPrefetch()
        })
    }
  }

  /** The moment delivered last (for tests and diagnostics). */
  get delivered(): number | null {
    return this.shown
  }
}
