import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StateLoader } from './state-loader'

interface Deferred {
  at: number
  resolve: (value: string) => void
  reject: (error: unknown) => void
}

function setup(options: { capacity?: number; debounceMs?: number; maxWaitMs?: number } = {}) {
  const requests: Deferred[] = []
  const shown: Array<[number, string]> = []
  const errors: number[] = []
  const loader = new StateLoader<string>({
    fetch: (at) => new Promise<string>((resolve, reject) => requests.push({ at, resolve, reject })),
    onState: (at, value) => shown.push([at, value]),
    onError: (at) => errors.push(at),
    debounceMs: 100,
    maxWaitMs: 300,
    ...options,
  })
  return { loader, requests, shown, errors }
}

const flush = () => vi.advanceTimersByTimeAsync(0)

describe('StateLoader', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('waits for a pause while dragging, then loads only the last moment', async () => {
    const { loader, requests, shown } = setup()
    loader.show(1)
    await vi.advanceTimersByTimeAsync(50)
    loader.show(2)
    await vi.advanceTimersByTimeAsync(50)
    loader.show(3)
    expect(requests).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(100)
    expect(requests.map((request) => request.at)).toEqual([3])
    requests[0]!.resolve('three')
    await flush()
    expect(shown).toEqual([[3, 'three']])
  })

  it('still loads during a long drag after the maximum wait', async () => {
    const { loader, requests } = setup()
    for (let i = 0; i < 8; i++) {
      loader.show(i)
      await vi.advanceTimersByTimeAsync(50)
    }
    expect(requests.length).toBeGreaterThanOrEqual(1)
  })

  it('never shows an older answer that arrives late', async () => {
    const { loader, requests, shown } = setup()
    loader.show(10, { immediate: true })
    loader.show(20, { immediate: true })
    requests[1]!.resolve('twenty')
    await flush()
    requests[0]!.resolve('ten')
    await flush()
    expect(shown).toEqual([[20, 'twenty']])
    // The late answer is cached: going back to it is immediate.
    loader.show(10)
    expect(shown.at(-1)).toEqual([10, 'ten'])
    expect(requests).toHaveLength(2)
  })

  it('serves cached and prefetched moments without asking again', async () => {
    const { loader, requests, shown } = setup()
    loader.prefetch([5, 6, 7])
    expect(requests.map((request) => request.at)).toEqual([5, 6])
    requests[0]!.resolve('five')
    await flush()
    expect(requests.map((request) => request.at)).toEqual([5, 6, 7])
    loader.show(5)
    expect(shown).toEqual([[5, 'five']])
    loader.show(6)
    expect(requests).toHaveLength(3)
    requests[1]!.resolve('six')
    await flush()
    expect(shown.at(-1)).toEqual([6, 'six'])
  })

  it('keeps the cache bounded', async () => {
    const { loader, requests } = setup({ capacity: 2 })
    for (const at of [1, 2, 3]) {
      loader.show(at, { immediate: true })
      requests.at(-1)!.resolve(String(at))
      await flush()
    }
    expect(loader.isCached(1)).toBe(false)
    expect(loader.isCached(3)).toBe(true)
  })

  it('reports errors only for the moment asked for last', async () => {
    const { loader, requests, errors } = setup()
    loader.show(1, { immediate: true })
    loader.show(2, { immediate: true })
    requests[0]!.reject(new Error('old'))
    requests[1]!.reject(new Error('new'))
    await flush()
    expect(errors).toEqual([2])
  })

  it('stops after dispose', async () => {
    const { loader, requests, shown } = setup()
    loader.show(1, { immediate: true })
    loader.dispose()
    requests[0]!.resolve('one')
    await flush()
    expect(shown).toEqual([])
  })
})
