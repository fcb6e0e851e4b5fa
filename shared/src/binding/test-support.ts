/** Test support for the binding: valid records, peers (store + doc) and a seeded PRNG. */
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { RECORDS_KEY } from '../layout.js'
import { sampleGeoShape } from '../sample-records.js'
import { createBoardSchema, documentRecordTypes } from '../schema.js'

const schema = createBoardSchema()
const documentTypes = documentRecordTypes(schema)

/** A complete, valid geo shape record (`label` in its meta). */
export function geoShape(id: string, x = 0, y = 0, label = ''): TLRecord {
  return sampleGeoShape(id, x, y, { label })
}

/** The document-scope records of a store, sorted by id, as plain JSON. */
export function documentRecordsOf(store: TLStore): TLRecord[] {
  return store
    .allRecords()
    .filter((record) => documentTypes.has(record.typeName))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** The records of a doc, read straight from the array (rightmost entry of a key wins), sorted by id. */
export function docRecords(doc: Y.Doc): TLRecord[] {
  const byKey = new Map<string, TLRecord>()
  for (const entry of doc.getArray<{ key: string; val: TLRecord }>(RECORDS_KEY).toArray()) byKey.set(entry.key, entry.val)
  return [...byKey.values()].sort((a, b) => a.id.localeCompare(b.id))
}

export { seededRandom } from '../seeded-random.js'
