import { YKeyValue } from 'y-utility/y-keyvalue'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { KeyedEntries, type KeyChange } from './keyed-entries.js'

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

function rawEntries(doc: Y.Doc): Array<{ key: string; val: number }> {
  return doc.getArray<{ key: string; val: number }>('r').toArray()
}

describe('KeyedEntries', () => {
  it('reports add, update and delete once per transaction, from the array', () => {
    const doc = new Y.Doc()
    const view = new KeyedEntries<number>(doc.getArray('r'))
    const seen: Array<Map<string, KeyChange<number>>> = []
    view.onChange((changes) => seen.push(changes))
    view.apply([{ key: 'a', val: 1 }, { key: 'b', val: 2 }])
    view.set('a', 3)
    view.delete('b')
    expect(seen.map((changes) => Object.fromEntries(changes))).toEqual([
      { a: { action: 'add', newValue: 1 }, b: { action: 'add', newValue: 2 } },
      { a: { action: 'update', oldValue: 1, newValue: 3 } },
      { b: { action: 'delete', oldValue: 2 } },
    ])
    expect(rawEntries(doc)).toEqual([{ key: 'a', val: 3 }])
  })

  // One merged update with several concurrent entries for a key is what a reconnect delivers.
  // y-utility's YKeyValue keeps a shadowed duplicate or loses the key here (checked when this was written).
  for (const order of [[2, 3, 4], [4, 3, 2], [3, 2, 4]]) {
    for (const deletedFirst of [false, true]) {
      it(`resolves a merged update with concurrent writes of one key (clients ${order}, deleted first: ${deletedFirst})`, () => {
        const docs = [1, ...order].map(docWithClient)
        const views = docs.map((doc) => new KeyedEntries<number>(doc.getArray('r')))
        views[0]!.set('k', 0)
        const base = Y.encodeStateAsUpdate(docs[0]!)
        for (const doc of docs.slice(1)) Y.applyUpdate(doc, base)
        if (deletedFirst) views[0]!.delete('k')
        const updates = docs.slice(1).map((doc, index) => {
          views[index + 1]!.set('k', index + 1)
          return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(docs[0]!))
        })
        const changes: Array<KeyChange<number> | undefined> = []
        views[0]!.onChange((change) => changes.push(change.get('k')))
        Y.applyUpdate(docs[0]!, Y.mergeUpdates(updates))
        const entries = rawEntries(docs[0]!)
        expect(entries).toHaveLength(1)
        expect(views[0]!.get('k')).toBe(entries[0]!.val)
        expect(changes).toHaveLength(1)
        // Every peer that sees all updates agrees.
        for (const [index, doc] of docs.entries()) {
          if (index > 0) Y.applyUpdate(doc, Y.encodeStateAsUpdate(docs[0]!))
          expect(views[index]!.get('k')).toBe(entries[0]!.val)
        }
      })
    }
  }

  it('keeps the layout of YKeyValue: a stock YKeyValue reads our writes and we read its writes', () => {
    const ours = new Y.Doc()
    const stock = new Y.Doc()
    const view = new KeyedEntries<number>(ours.getArray('r'))
    const stockView = new YKeyValue<number>(stock.getArray('r'))
    ours.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(stock, update, 'net'))
    stock.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(ours, update, 'net'))
    view.apply([{ key: 'a', val: 1 }, { key: 'b', val: 2 }])
    expect(stockView.get('a')).toBe(1)
    stockView.set('a', 5)
    stockView.delete('b')
    expect(view.get('a')).toBe(5)
    expect(view.has('b')).toBe(false)
    expect(rawEntries(ours)).toEqual(rawEntries(stock))
  })

  it('removes duplicates found in an existing array when it starts', () => {
    const doc = new Y.Doc()
    doc.getArray('r').push([{ key: 'a', val: 1 }, { key: 'b', val: 2 }, { key: 'a', val: 3 }])
    const view = new KeyedEntries<number>(doc.getArray('r'))
    expect(view.get('a')).toBe(3)
    expect(rawEntries(doc)).toEqual([{ key: 'b', val: 2 }, { key: 'a', val: 3 }])
  })
})
