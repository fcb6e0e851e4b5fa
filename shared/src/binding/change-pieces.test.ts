import fs from 'node:fs'
import path from 'node:path'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../layout.js'
import { createBoardSchema, documentRecordTypes } from '../schema.js'
import { KeyedEntries } from './keyed-entries.js'
import { MAX_PIECE_BYTES, recordBytes, splitChange } from './change-pieces.js'
import { bindStoreToDoc, createBoardStore } from './index.js'
import { docRecords, documentRecordsOf, geoShape } from './test-support.js'

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures')

/** The records of a real tldraw 4.x board (frames with children, arrows bound to shapes), migrated to our schema. */
function fixtureBoard(): TLRecord[] {
  const file = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tldraw-4.0-4.2-robot-states.tldr'), 'utf8'))
  const doc = new Y.Doc()
  const types = documentRecordTypes(createBoardSchema())
  const records = new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY))
  doc.transact(() => {
    records.apply(file.records.filter((r: TLRecord) => types.has(r.typeName)).map((r: TLRecord) => ({ key: r.id, val: r })))
    doc.getMap(META_KEY).set('schema', file.schema)
  })
  const store = createBoardStore()
  bindStoreToDoc({ store, doc }).dispose()
  return documentRecordsOf(store).filter((r) => r.typeName === 'shape' || r.typeName === 'binding')
}

/** Problems of a store state: bindings to missing shapes, shapes whose parent is missing. */
function danglingReferences(store: TLStore): string[] {
  const problems: string[] = []
  for (const record of store.allRecords()) {
    if (record.typeName === 'binding') {
      if (!store.has(record.fromId)) problems.push(`${record.id} from missing ${record.fromId}`)
      if (!store.has(record.toId)) problems.push(`${record.id} to missing ${record.toId}`)
    }
    if (record.typeName === 'shape' && !store.has(record.parentId)) problems.push(`${record.id} in missing ${record.parentId}`)
  }
  return problems
}

describe('splitting a large change', () => {
  it('keeps a change that fits in one piece, in its own order', () => {
    const put = [geoShape('b'), geoShape('a')]
    expect(splitChange(put, ['shape:x'])).toEqual([{ put, removed: ['shape:x'] }])
  })

  it('orders pieces so that parents come before children and shapes before their bindings, removals last', () => {
    const board = fixtureBoard()
    // Bindings and children first, the way a careless writer might list them.
    const shuffled = [...board].reverse()
    const pieces = splitChange(shuffled, ['shape:gone'], 2048)
    expect(pieces.length).toBeGreaterThan(10)
    const seen = new Set<string>()
    for (const [index, piece] of pieces.entries()) {
      for (const record of piece.put) {
        if (record.typeName === 'binding') {
          expect(seen.has(record.fromId) && seen.has(record.toId), record.id).toBe(true)
        }
        if (record.typeName === 'shape' && record.parentId.startsWith('shape:')) expect(seen.has(record.parentId), record.id).toBe(true)
        seen.add(record.id)
      }
      expect(piece.removed).toEqual(index === pieces.length - 1 ? ['shape:gone'] : [])
    }
    expect(pieces.flatMap((piece) => piece.put).map((r) => r.id).sort()).toEqual(board.map((r) => r.id).sort())
  })

  it('writes 8,000 pasted shapes in transactions under the bound, and a peer gets every one, never a dangling reference', () => {
    const board = fixtureBoard()
    const shapes = Array.from({ length: 8000 }, (_, i) => geoShape(`paste-${i}`, (i % 100) * 120, Math.floor(i / 100) * 100))
    const pasted = [...board, ...shapes]
    const changeBytes = pasted.reduce((sum, record) => sum + recordBytes(record), 0)
    expect(changeBytes).toBeGreaterThan(2 * 1024 * 1024) // over the server's default frame limit as one update

    const store = createBoardStore()
    const doc = new Y.Doc()
    bindStoreToDoc({ store, doc })
    const peerStore = createBoardStore()
    const peerDoc = new Y.Doc()
    Y.applyUpdate(peerDoc, Y.encodeStateAsUpdate(doc))
    bindStoreToDoc({ store: peerStore, doc: peerDoc })

    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    store.put(pasted)

    expect(updates.length).toBeGreaterThanOrEqual(Math.ceil(changeBytes / MAX_PIECE_BYTES))
    // A piece is at most MAX_PIECE_BYTES of records; its update adds the entry keys and Yjs framing.
    for (const update of updates) expect(update.byteLength).toBeLessThan(MAX_PIECE_BYTES * 1.25)
    for (const update of updates) {
      Y.applyUpdate(peerDoc, update, 'network')
      expect(danglingReferences(peerStore)).toEqual([])
    }
    expect(documentRecordsOf(peerStore)).toEqual(documentRecordsOf(store))
    expect(documentRecordsOf(peerStore).filter((r) => r.id.startsWith('shape:paste-'))).toHaveLength(8000)
    expect(docRecords(peerDoc)).toEqual(docRecords(doc))
  })
})
