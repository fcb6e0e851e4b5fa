/** Test support: valid tldraw records for the board schema, written the way our client writes them. */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, META_KEY, RECORDS_KEY, createBoardSchema, sampleBoardStart, sampleGeoShape } from '@quartierboard/shared'

const schema = createBoardSchema()

/** A valid rectangle, written the way our client writes it. */
export const geoShape = (id: string, x = 0, y = 0): TLRecord => sampleGeoShape(id, x, y)

/** A valid sticky note `shape:<id>` with `text`, inside `parentId` (the page or a frame), last edited by `editor`. */
export function noteShape(
  id: string,
  parentId: string,
  text: string,
  { x = 10, y = 10, editor = null, meta = {} }: { x?: number; y?: number; editor?: string | null; meta?: Record<string, unknown> } = {},
): TLRecord {
  return schema.types.shape.create({
    id: `shape:${id}`,
    type: 'note',
    parentId,
    index: 'a1',
    x,
    y,
    meta,
    props: {
      color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle', verticalAlign: 'middle',
      growY: 0, url: '', scale: 1, textLastEditedBy: editor, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  } as never)
}

/** A valid frame `shape:<id>` named "Ideen" on the first page. */
export function frameShape(id: string, { w = 800, h = 600 }: { w?: number; h?: number } = {}): TLRecord {
  return schema.types.shape.create({ id: `shape:${id}`, type: 'frame', parentId: 'page:page', index: 'a0', x: 0, y: 0, props: { w, h, name: 'Ideen', color: 'black' } } as never)
}

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
