import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToDoc, createBoardStore } from './index.js'
import { docRecords, geoShape } from './test-support.js'
import { splitUpdate } from './update-pieces.js'

const PIECE_BYTES = 512 * 1024

describe('splitting a Yjs update', () => {
  it('returns a small update whole', () => {
    const doc = new Y.Doc()
    doc.getArray('records').push([{ key: 'a', val: 1 }])
    const update = Y.encodeStateAsUpdate(doc)
    expect(splitUpdate(update, PIECE_BYTES)).toEqual([update])
  })

  it('splits an offline paste of 8,000 shapes (with deletions) into pieces that each integrate and together give the same doc', () => {
    const store = createBoardStore()
    const doc = new Y.Doc()
    bindStoreToDoc({ store, doc })
    store.put([geoShape('old-1'), geoShape('old-2')])
    // The server has everything up to here.
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))

    // Offline: a paste of 8,000 shapes (written by the binding in several transactions, which Yjs
    // merges into one item), a move and a deletion.
    store.put(Array.from({ length: 8000 }, (_, i) => geoShape(`paste-${i}`, i, i, `Fallbeispiel ${i}`)))
    store.update('shape:old-1' as TLRecord['id'], (record) => ({ ...record, x: 500 }) as TLRecord)
    store.remove(['shape:old-2' as TLRecord['id']])
    const answer = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server))
    expect(answer.byteLength).toBeGreaterThan(2 * 1024 * 1024)

    const pieces = splitUpdate(answer, PIECE_BYTES)
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(answer.byteLength / PIECE_BYTES))
    for (const piece of pieces) {
      expect(piece.byteLength).toBeLessThan(PIECE_BYTES * 1.1)
      Y.applyUpdate(server, piece)
      // Each piece builds only on what the server has: nothing waits as pending.
      expect(server.store.pendingStructs).toBeNull()
      expect(server.store.pendingDs).toBeNull()
    }
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(doc))
    expect(docRecords(server)).toEqual(docRecords(doc))
    expect(docRecords(server).find((r) => r.id === 'shape:old-1')).toMatchObject({ x: 500 })
    expect(docRecords(server).some((r) => r.id === 'shape:old-2')).toBe(false)
  })
})
