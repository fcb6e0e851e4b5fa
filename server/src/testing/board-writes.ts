/**
 * Test support: board records and writes the way our client's binding makes them
 * (shared/src/binding/records-sync.ts): records in one transaction of the binding's origin, and
 * meta only where it differs from the writer's own.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { LAYOUT_VERSION, META_CREATED_AT, META_KEY, META_SCHEMA, META_VERSION, createBoardSchema } from '@quartierboard/shared'
import { canonical } from './expected-board.js'
import { recordsOf } from './records.js'

const schema = createBoardSchema()
/** The origin of the binding's transactions. */
export const bindingOrigin = { source: 'quartierboard-binding' }

/** A valid sticky note with `text`, last edited by `editor` (a presence id). */
export function note(id: string, parentId: string, text: string, editor: string, x: number, meta: Record<string, unknown> = {}): TLRecord {
  return schema.types.shape.create({
    id,
    type: 'note',
    parentId,
    index: 'a1',
    x,
    y: 10,
    meta,
    props: {
      color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle', verticalAlign: 'middle',
      growY: 0, url: '', scale: 1, textLastEditedBy: editor, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  } as never)
}

/** A valid frame on the first page. */
export function frame(id: string): TLRecord {
  return schema.types.shape.create({ id, type: 'frame', parentId: 'page:page', index: 'a0', x: 0, y: 0, props: { w: 2000, h: 1000, name: 'Ideen', color: 'black' } } as never)
}

/** Records as the binding writes them: one transaction, nothing but the records. */
export function writeAsBinding(doc: Y.Doc, put: TLRecord[], removed: string[] = []): void {
  doc.transact(() => recordsOf(doc).apply(put.map((record) => ({ key: record.id, val: record })), removed), bindingOrigin)
}

/** Meta as the binding writes it when it loads a board: only what differs from its own. */
export function writeMetaAsBinding(doc: Y.Doc): void {
  const meta = doc.getMap(META_KEY)
  doc.transact(() => {
    const ours = schema.serialize()
    if (canonical(meta.get(META_SCHEMA)) !== canonical(ours)) meta.set(META_SCHEMA, ours)
    if (!meta.has(META_CREATED_AT)) meta.set(META_CREATED_AT, Date.now())
    if (meta.get(META_VERSION) !== LAYOUT_VERSION) meta.set(META_VERSION, LAYOUT_VERSION)
  }, bindingOrigin)
}
