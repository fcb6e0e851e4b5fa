/**
 * Our tldraw <-> Yjs binding on a real server: joining a board that nobody changed writes nothing
 * to the board's update log (no automatic snapshots, no "1 Änderung" in the replay for a join).
 * Each client is a stock y-websocket provider with a tldraw store bound by `bindStoreToDoc`, bound
 * the way the browser binds it (at once when the doc already has records, else after the first sync),
 * and then does what tldraw's editor does when it mounts: it puts the person's `user` record
 * (`Editor._ensureUserRecord`) and re-puts the document's records unchanged.
 */
import { describe, expect, it } from 'vitest'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { RECORDS_KEY, bindStoreToDoc, createBoardStore, sampleGeoShape, type YjsStoreBinding } from '@quartierboard/shared'
import { testLifecycle } from './testing/lifecycle.js'
import { createWorkshop, waitForDoc, whenStored, whenSynced, type CreatedWorkshop } from './testing/test-server.js'

const { later, server, provider } = testLifecycle()

interface BoundClient {
  doc: Y.Doc
  store: TLStore
  provider: WebsocketProvider
  binding: YjsStoreBinding
  leave(): void
}

let people = 0

/** The `user` record tldraw's editor writes for the local person (name, colour) when it mounts. */
function userRecord(id: string): TLRecord {
  return { id: `user:${id}`, typeName: 'user', name: `Person ${id}`, color: '#e03131', imageUrl: '', meta: {} } as TLRecord
}

async function join(wsUrl: string, workshop: CreatedWorkshop, doc = new Y.Doc(), person = `p${++people}`): Promise<BoundClient> {
  const connection = provider(wsUrl, workshop, doc)
  const store = createBoardStore()
  let binding: YjsStoreBinding | null = null
  if (doc.getArray(RECORDS_KEY).length > 0) binding = bindStoreToDoc({ store, doc, awareness: connection.awareness })
  await whenSynced(connection)
  binding ??= bindStoreToDoc({ store, doc, awareness: connection.awareness })
  const bound = binding
  later(() => bound.dispose())
  // The editor mounts: the person's user record, and the records it already has, put as copies.
  store.put([userRecord(person)])
  store.put(store.allRecords().map((record) => structuredClone(record)))
  // Everything this client sent (its sync step 2 and anything the binding wrote) is stored now.
  await whenStored(connection)
  return {
    doc,
    store,
    provider: connection,
    binding: bound,
    leave() {
      bound.dispose()
      connection.destroy()
    },
  }
}

describe('joining a board with the binding', () => {
  it('writes nothing to the log on a reconnect, a rejoin with a kept document or a second client', async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    const store = running.server.store

    // The first browser on a new board seeds it (document and first page): that is a change.
    const first = await join(running.wsUrl, workshop, new Y.Doc(), 'anna')
    const afterSeed = await store.lastSeq(workshop.id)
    expect(afterSeed).toBeGreaterThan(0)

    // The same browser leaves and comes back with a fresh document (no offline copy).
    first.leave()
    const fresh = await join(running.wsUrl, workshop, new Y.Doc(), 'anna')
    expect(await store.lastSeq(workshop.id)).toBe(afterSeed)

    // ... and with the document it kept (an IndexedDB copy, a network drop): bound before the sync.
    fresh.leave()
    const kept = await join(running.wsUrl, workshop, fresh.doc, 'anna')
    expect(await store.lastSeq(workshop.id)).toBe(afterSeed)

    // A second browser joins while the first is there.
    const second = await join(running.wsUrl, workshop, new Y.Doc(), 'bert')
    expect(await store.lastSeq(workshop.id)).toBe(afterSeed)

    // Both see the same board. The second person's first edit is one row, and brings their user
    // record along (tldraw shows "last edited by" on notes from it).
    expect(second.doc.getArray(RECORDS_KEY).length).toBe(kept.doc.getArray(RECORDS_KEY).length)
    expect(kept.binding.mode.get()).toBe('readwrite')
    second.store.put([sampleGeoShape('first-edit', 5, 5)])
    await whenStored(second.provider)
    expect(await store.lastSeq(workshop.id)).toBe(afterSeed + 1)
    await waitForDoc(kept.doc, () => kept.store.has('shape:first-edit' as TLRecord['id']))
    expect(kept.store.get('user:bert' as TLRecord['id'])).toMatchObject({ name: 'Person bert' })
    second.leave()
    kept.leave()
  })

  it('writes nothing when a board with shapes is rejoined', async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    const store = running.server.store
    const author = await join(running.wsUrl, workshop)
    author.store.put([sampleGeoShape('a', 1, 2), sampleGeoShape('b', 3, 4)])
    await whenStored(author.provider)
    const afterEdit = await store.lastSeq(workshop.id)
    author.leave()

    await join(running.wsUrl, workshop)
    await join(running.wsUrl, workshop, author.doc)
    expect(await store.lastSeq(workshop.id)).toBe(afterEdit)
  })
})
