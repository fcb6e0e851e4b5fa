/**
 * A key-value view of the board's `records` array, in y-utility's `YKeyValue` layout: the array holds
 * `{ key, val }` entries, a write appends a new entry and deletes the old one, and when concurrent
 * writes leave several entries for one key, the rightmost wins and the others are deleted.
 *
 * Why not `YKeyValue` itself: its change handler assumes at most one new entry per key per
 * transaction. A merged update (a reconnect's sync step 2, an offline backlog) can bring several,
 * and then `YKeyValue` either keeps a shadowed duplicate (a later delete removes the duplicate and
 * the key lives on) or drops the key from its map while an entry stays in the array. Peers then
 * disagree for good. This class recomputes the winner of every key a transaction touched from the
 * array itself, so the outcome depends only on the array, which Yjs makes identical on every peer.
 *
 * Stock clients that use `YKeyValue` on the same array stay compatible: the layout and the
 * "rightmost wins" rule are the same.
 */
import type * as Y from 'yjs'

/** One element of the records array. */
export interface KeyedEntry<T> {
  key: string
  val: T
}

/** What happened to one key in a transaction, as the doc sees it after the transaction. */
export type KeyChange<T> =
  | { action: 'add'; newValue: T }
  | { action: 'update'; oldValue: T; newValue: T }
  | { action: 'delete'; oldValue: T }

export type KeyChangeListener<T> = (changes: Map<string, KeyChange<T>>, transaction: Y.Transaction) => void

export class KeyedEntries<T> {
  /** The winning entry of every key. */
  private readonly winners = new Map<string, KeyedEntry<T>>()
  private readonly listeners = new Set<KeyChangeListener<T>>()

  constructor(readonly yarray: Y.Array<KeyedEntry<T>>) {
    const all = yarray.toArray()
    this.deleteShadowed(this.resolve(all, null))
    yarray.observe(this.onArrayChange)
  }

  /** Stops observing the array. */
  dispose(): void {
    this.yarray.unobserve(this.onArrayChange)
    this.listeners.clear()
  }

  get size(): number {
    return this.winners.size
  }

  get(key: string): T | undefined {
    return this.winners.get(key)?.val
  }

  has(key: string): boolean {
    return this.winners.has(key)
  }

  keys(): IterableIterator<string> {
    return this.winners.keys()
  }

  /** Every key with its current value. */
  *entries(): IterableIterator<[string, T]> {
    for (const [key, entry] of this.winners) yield [key, entry.val]
  }

  /** Calls `listener` after every transaction that changed the value of a key. */
  onChange(listener: KeyChangeListener<T>): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Writes and deletes several keys with one scan of the array. Call inside `doc.transact` to
   * give the change an origin.
   */
  apply(put: ReadonlyArray<KeyedEntry<T>>, remove: Iterable<string> = []): void {
    const doc = this.yarray.doc
    if (!doc) throw new Error('the records array is not part of a document')
    const replaced = new Set<string>(remove)
    for (const entry of put) replaced.add(entry.key)
    if (replaced.size === 0) return
    doc.transact(() => {
      const all = this.yarray.toArray()
      for (let index = all.length - 1; index >= 0; index--) {
        if (replaced.has(all[index]!.key)) this.yarray.delete(index, 1)
      }
      if (put.length > 0) this.yarray.push(put.map((entry) => ({ key: entry.key, val: entry.val })))
    })
  }

  set(key: string, val: T): void {
    this.apply([{ key, val }])
  }

  delete(key: string): void {
    this.apply([], [key])
  }

  private readonly onArrayChange = (event: Y.YArrayEvent<KeyedEntry<T>>, transaction: Y.Transaction): void => {
    const touched = new Set<string>()
    for (const item of event.changes.added) for (const entry of item.content.getContent()) touched.add(keyOf(entry))
    for (const item of event.changes.deleted) for (const entry of item.content.getContent()) touched.add(keyOf(entry))
    if (touched.size === 0) return
    const changes = new Map<string, KeyChange<T>>()
    const shadowed = this.resolve(this.yarray.toArray(), touched, changes)
    this.deleteShadowed(shadowed)
    if (changes.size === 0) return
    for (const listener of this.listeners) listener(changes, transaction)
  }

  /**
   * Sets the winner of each key in `only` (every key when null) from the array and returns the
   * indices, highest first, of entries that lost to an entry further right.
   */
  private resolve(all: KeyedEntry<T>[], only: Set<string> | null, changes?: Map<string, KeyChange<T>>): number[] {
    const found = new Map<string, KeyedEntry<T>>()
    const shadowed: number[] = []
    for (let index = all.length - 1; index >= 0; index--) {
      const entry = all[index]!
      if (only && !only.has(entry.key)) continue
      if (found.has(entry.key)) shadowed.push(index)
      else found.set(entry.key, entry)
    }
    for (const key of only ?? found.keys()) {
      const before = this.winners.get(key)
      const after = found.get(key)
      if (before === after) continue
      if (after) this.winners.set(key, after)
      else this.winners.delete(key)
      if (before && after) changes?.set(key, { action: 'update', oldValue: before.val, newValue: after.val })
      else if (after) changes?.set(key, { action: 'add', newValue: after.val })
      else if (before) changes?.set(key, { action: 'delete', oldValue: before.val })
    }
    return shadowed
  }

  /**
   * Deletes losing duplicates. Inside an observer this opens a follow-up transaction (Yjs runs it
   * after the current one); it changes no winner, so it produces no change event.
   */
  private deleteShadowed(indicesHighestFirst: number[]): void {
    if (indicesHighestFirst.length === 0) return
    this.yarray.doc?.transact(() => {
      for (const index of indicesHighestFirst) this.yarray.delete(index, 1)
    }, this)
  }
}

function keyOf(entry: unknown): string {
  return typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string'
    ? (entry as { key: string }).key
    : ''
}
