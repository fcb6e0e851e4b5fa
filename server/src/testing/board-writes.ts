/**
 * Test support: board records and writes the way our client's binding makes them
 * (shared/src/binding/records-sync.ts): records in one transaction of the binding's origin, and
 * meta only where it differs from the writer's own.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { LAYOUT_VERSION, META_CREATED_AT, META_KEY, META_SCHEMA, META_VERSION, createBoardSchema } from '@quartierboard/shared'
import { canonical } from './expected-board.js'
import { frameShape, noteShape, recordsOf } from './records.js'

const schema = createBoardSchema()
/** The origin of the binding's transactions. */
export const bindingOrigin = { source: 'quartierboard-binding' }

/** A valid sticky note `id` (with its `shape:` prefix) with `text`, last edited by `editor` (a presence id). */
export function note(id: string, parentId: string, text: string, editor: string, x: number, meta: Record<string, unknown> = {}): TLRecord {
  return noteShape(id.replace(/^shape:/, ''), parentId, text, { x, editor, meta })
}

/** A valid frame `id` (with its prefix) on the first page, wide enough for every person's notes. */
export function frame(id: string): TLRecord {
  return frameShape(id.replace(/^shape:/, ''), { w: 2000, h: 1000 })
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
