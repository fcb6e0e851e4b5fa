/**
 * Compares two lists of board records (two moments or two snapshots): which shapes were added,
 * removed or changed. "Changed" means the same id with different JSON; key order does not count.
 */

/** A tldraw record as the API sends it: JSON with at least `id` and `typeName`. */
export type BoardRecord = Readonly<Record<string, unknown>>

export interface ChangedRecord {
  before: BoardRecord
  after: BoardRecord
}

export interface BoardDiff {
  added: BoardRecord[]
  removed: BoardRecord[]
  changed: ChangedRecord[]
}

export function recordId(record: BoardRecord): string | null {
  return typeof record.id === 'string' ? record.id : null
}

export function isShapeRecord(record: BoardRecord): boolean {
  return record.typeName === 'shape'
}

/** JSON with object keys sorted, so equal records compare equal however their keys were ordered. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key]
    return sorted
  })
}

/** Shapes (or whatever `include` accepts) added, removed and changed from `before` to `after`, sorted by id. */
export function diffRecords(
  before: readonly BoardRecord[],
  after: readonly BoardRecord[],
  include: (record: BoardRecord) => boolean = isShapeRecord,
): BoardDiff {
  const byId = (records: readonly BoardRecord[]) => {
    const map = new Map<string, BoardRecord>()
    for (const record of records) {
      const id = recordId(record)
      if (id !== null && include(record)) map.set(id, record)
    }
    return map
  }
  const a = byId(before)
  const b = byId(after)
  const diff: BoardDiff = { added: [], removed: [], changed: [] }
  for (const [id, record] of b) {
    const old = a.get(id)
    if (!old) diff.added.push(record)
    else if (old !== record && stableJson(old) !== stableJson(record)) diff.changed.push({ before: old, after: record })
  }
  for (const [id, record] of a) if (!b.has(id)) diff.removed.push(record)
  const order = (x: BoardRecord, y: BoardRecord) => (recordId(x)! < recordId(y)! ? -1 : recordId(x)! > recordId(y)! ? 1 : 0)
  diff.added.sort(order)
  diff.removed.sort(order)
  diff.changed.sort((x, y) => order(x.after, y.after))
  return diff
}
