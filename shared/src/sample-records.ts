/**
 * Small, valid board records for tests, fuzzers and benchmarks in every package: a geo shape and
 * the document and first page a board starts with.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardSchema } from './schema.js'

const schema = createBoardSchema()

/** A complete, valid rectangle on the first page (`meta` as given). */
export function sampleGeoShape(id: string, x = 0, y = 0, meta: Record<string, unknown> = {}): TLRecord {
  return schema.types.shape.create({
    id: `shape:${id}`,
    type: 'geo',
    parentId: 'page:page',
    index: 'a1',
    x,
    y,
    meta,
    props: {
      geo: 'rectangle', w: 100, h: 80, color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      richText: { type: 'doc', content: [] },
    },
  } as never)
}

/** The document record and the first page ("Seite 1") of a new board. */
export function sampleBoardStart(): TLRecord[] {
  return [
    schema.types.document.create({ id: 'document:document', name: '', gridSize: 10, meta: {} } as never),
    schema.types.page.create({ id: 'page:page', name: 'Seite 1', index: 'a1', meta: {} } as never),
  ]
}
