/** Test support: valid tldraw records for the board schema, written the way our client writes them. */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, META_KEY, RECORDS_KEY, createBoardSchema } from '@quartierboard/shared'

const schema = createBoardSchema()

export function geoShape(id: string, x = 0, y = 0): TLRecord {
  return schema.types.shape.create({
    id: `shape:${id}`,
    type: 'geo',
    parentId: 'page:page',
    index: 'a1',
    x,
    y,
    props: {
      geo: 'rectangle', w: 100, h: 80, color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      richText: { type: 'doc', content: [] },
    },
  } as never)
}

export function documentRecords(): TLRecord[] {
  return [
    schema.types.document.create({ id: 'document:document', name: '', gridSize: 10, meta: {} } as never),
    schema.types.page.create({ id: 'page:page', name: 'Seite 1', index: 'a1', meta: {} } as never),
  ]
}

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
