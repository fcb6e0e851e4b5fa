/**
 * Heavy reads of a workshop (its history, the board at a moment, an export), one at a time per
 * workshop. Each rebuilds a board from a checkpoint and up to CHECKPOINT_EVERY_UPDATES updates,
 * or reads the whole log: tens of milliseconds of decoding and as many megabytes each. The
 * decoding runs in a board worker (board-worker-pool.ts); this queue bounds how many boards of one
 * workshop are held at once. A reviewer who opens the replay in ten tabs, or a script that asks
 * ten times at once, would otherwise have ten copies of one board built side by side.
 *
 * So reads of one workshop queue behind each other, and a read that asks for the same thing as
 * one already queued or running (same key) does not queue again: it gets that read's result.
 * Results are shared, so callers must not change them. Different workshops do not wait for each
 * other.
 *
 * The store answers synchronously (better-sqlite3), so reads chained by promises alone would run
 * their store queries back to back; each read therefore starts on a fresh turn of the event loop
 * (`setImmediate`), so sockets and `/healthz` are served in between.
 */

/** Resolves on the next turn of the event loop, after pending I/O. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export class HeavyReads {
  /** The last read queued per workshop; the next one starts when it settled. */
  private readonly tails = new Map<string, Promise<unknown>>()
  /** Reads queued or running, by workshop and key. */
  private readonly pending = new Map<string, Promise<unknown>>()

  /** Runs `read` after the other reads of `workshopId`, or joins a pending read with the same `key`. */
  run<T>(workshopId: string, key: string, read: () => Promise<T>): Promise<T> {
    const id = `${workshopId}\u0000${key}`
    const joined = this.pending.get(id) as Promise<T> | undefined
    if (joined) return joined
    const before = this.tails.get(workshopId) ?? Promise.resolve()
    const start = () => yieldToEventLoop().then(read)
    const result = before.then(start, start)
    const settled = result.then(
      () => undefined,
      () => undefined,
    )
    this.pending.set(id, result)
    this.tails.set(workshopId, settled)
    void settled.then(() => {
      this.pending.delete(id)
      if (this.tails.get(workshopId) === settled) this.tails.delete(workshopId)
    })
    return result
  }
}
