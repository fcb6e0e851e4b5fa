/**
 * A large paste on a real server: one tldraw change of 8,000 shapes (a board copied in from
 * elsewhere) is far over MAX_FRAME_BYTES as one Yjs update. Our binding writes it in pieces that
 * each fit a frame, so a second client receives every shape and no socket is ever closed; pasted
 * while offline, the client's answer to the server's sync step 1 is sent in pieces too.
 * Each client is a stock y-websocket provider with a tldraw store bound by `bindStoreToDoc`.
 */
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { answerSyncStep1InPieces, bindStoreToDoc, createBoardStore, recordBytes, sampleGeoShape } from '@quartierboard/shared'
import { defaultConfig } from './config.js'
import { testLifecycle } from './testing/lifecycle.js'
import { createWorkshop, whenStored, whenSynced, type CreatedWorkshop } from './testing/test-server.js'

const { later, server, provider } = testLifecycle()

const PASTED_SHAPES = 8000

/** A stock provider that answers sync step 1 in pieces (as our client does), bound to a tldraw store. */
async function boundClient(wsUrl: string, workshop: CreatedWorkshop) {
  const connection = provider(wsUrl, workshop, new Y.Doc())
  answerSyncStep1InPieces(connection)
  const closes: Array<number | null> = []
  connection.on('connection-close', (event) => closes.push(event?.code ?? null))
  await whenSynced(connection)
  const store = createBoardStore()
  const binding = bindStoreToDoc({ store, doc: connection.doc, awareness: connection.awareness })
  later(() => binding.dispose())
  return { provider: connection, store, closes }
}

function pastedShapes(): TLRecord[] {
  return Array.from({ length: PASTED_SHAPES }, (_, i) =>
    sampleGeoShape(`paste-${i}`, (i % 100) * 120, Math.floor(i / 100) * 100, { label: `Fallbeispiel ${i}` }),
  )
}

function pastedShapesIn(store: TLStore): number {
  return store.query.records('shape').get().filter((shape) => shape.id.startsWith('shape:paste-')).length
}

/** Resolves with the milliseconds until `store` holds `count` pasted shapes. */
function whenPastedShapesArrive(store: TLStore, count: number, startedAt: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`timed out with ${pastedShapesIn(store)} of ${count} shapes`))
    }, timeoutMs)
    const stop = store.listen(() => {
      if (pastedShapesIn(store) < count) return
      clearTimeout(timer)
      stop()
      resolve(performance.now() - startedAt)
    }, { scope: 'document' })
  })
}

describe('a large paste', () => {
  it(`sends ${PASTED_SHAPES} shapes pasted in one change in frames under the limit; a second client gets all of them`, async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    const alice = await boundClient(running.wsUrl, workshop)
    const bob = await boundClient(running.wsUrl, workshop)

    const shapes = pastedShapes()
    const bytes = shapes.reduce((sum, record) => sum + recordBytes(record), 0)
    expect(bytes).toBeGreaterThan(defaultConfig().maxFrameBytes) // one update of it would be refused with 1009
    const rowsBefore = await running.server.store.lastSeq(workshop.id)

    const startedAt = performance.now()
    const arrived = whenPastedShapesArrive(bob.store, PASTED_SHAPES, startedAt, 40_000)
    alice.store.put(shapes)
    const pasteMs = await arrived
    await whenStored(alice.provider)
    // The figure in docs/RELIABILITY.md ("A large paste").
    console.info(`${PASTED_SHAPES} shapes (${(bytes / 1e6).toFixed(1)} MB of records) reached the second client in ${Math.round(pasteMs)} ms`)

    expect(pastedShapesIn(bob.store)).toBe(PASTED_SHAPES)
    expect(bob.store.get('shape:paste-7999' as TLRecord['id'])).toMatchObject({ x: 99 * 120, y: 79 * 100 })
    // Several logged updates, no socket ever closed, and the server counted no 1009.
    expect(await running.server.store.lastSeq(workshop.id)).toBeGreaterThan(rowsBefore + 1)
    expect(alice.closes).toEqual([])
    expect(bob.closes).toEqual([])
    const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text()
    expect(metrics).not.toMatch(/qb_sync_sockets_closed_total\{code="1009"\}/)
  }, 60_000)

  it(`sends ${PASTED_SHAPES} shapes pasted while offline in frames under the limit when the client comes back`, async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    const alice = await boundClient(running.wsUrl, workshop)
    const bob = await boundClient(running.wsUrl, workshop)

    alice.provider.disconnect()
    alice.store.put(pastedShapes())
    const startedAt = performance.now()
    const arrived = whenPastedShapesArrive(bob.store, PASTED_SHAPES, startedAt, 40_000)
    alice.provider.connect()
    const pasteMs = await arrived
    await whenStored(alice.provider)
    console.info(`${PASTED_SHAPES} shapes pasted offline reached the second client ${Math.round(pasteMs)} ms after the reconnect`)

    expect(pastedShapesIn(bob.store)).toBe(PASTED_SHAPES)
    expect(alice.closes).toEqual([null]) // only its own disconnect
    expect(bob.closes).toEqual([])
    const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text()
    expect(metrics).not.toMatch(/qb_sync_sockets_closed_total\{code="1009"\}/)
  }, 60_000)
})
