/** Test support: valid tldraw records for the board schema, written the way our client writes them. */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, META_KEY, RECORDS_KEY, createBoardSchema, sampleBoardStart, sampleGeoShape } from '@quartierboard/shared'

const schema = createBoardSchema()

/** A valid rectangle, written the way our client writes it. */
export const geoShape = (id: string, x = 0, y = 0): TLRecord => sampleGeoShape(id, x, y)

/** The document record and first page of a new board. */
export const documentRecords = sampleBoardStart

const recordMaps = new WeakMap<Y.Doc, KeyedEntries<TLRecord>>()

/** The records of a board doc (one view per doc, as the view observes its array). */
export function recordsOf(doc: Y.Doc): KeyedEntries<TLRecord> {
  let records = recordMaps.get(doc)
  if (!records) {
    records = new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY))
    recordMaps.set(doc, records)
  }
  return records
}

/** Writes records (and our schema into meta) in one transaction, as the client binding does. */
export function writeRecords(doc: Y.Doc, records: TLRecord[]): void {
  const kv = recordsOf(doc)
  doc.transact(() => {
    kv.apply(records.map((record) => ({ key: record.id, val: record })))
    doc.getMap(META_KEY).set('schema', schema.serialize())
  })
}
