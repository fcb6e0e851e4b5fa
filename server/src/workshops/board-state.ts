/**
 * Reading a board's records out of a Yjs state (a snapshot, a checkpoint, a room's document)
 * without binding a tldraw store: the `records` array in YKeyValue layout, rightmost entry wins.
 */
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { KeyedEntries, RECORDS_KEY } from '@quartierboard/shared'

/** The records of a board document, in array order with duplicates resolved. */
export function recordsOfDoc(doc: Y.Doc): TLRecord[] {
  const byKey = new Map<string, TLRecord>()
  for (const entry of doc.getArray<{ key: string; val: TLRecord }>(RECORDS_KEY).toArray()) {
    byKey.delete(entry.key) // re-insert so the map keeps the winner's position
    byKey.set(entry.key, entry.val)
  }
  return [...byKey.values()]
}

/** The records of a board stored as one Yjs update. */
export function recordsOfState(state: Uint8Array): TLRecord[] {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return recordsOfDoc(doc)
  } finally {
    doc.destroy()
  }
}

export function countShapes(records: readonly TLRecord[]): number {
  return records.filter((record) => record.typeName === 'shape').length
}

/** Writes and deletes records in a board document (in the caller's transaction, if any). */
export function applyRecordChanges(doc: Y.Doc, put: readonly TLRecord[], remove: readonly string[]): void {
  const records = new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY))
  try {
    records.apply(
      put.map((record) => ({ key: record.id, val: record })),
      remove,
    )
  } finally {
    records.dispose()
  }
}
