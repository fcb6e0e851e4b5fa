/**
 * A valid client is never refused, over real sockets against a real server with stock
 * y-websocket providers: a client that reconnects with its previous document after the
 * facilitator used every tool (its sync step 2 repeats the server's own deletions in the
 * facilitation map), and a client whose edits the lock dropped and who edits again after the
 * unlock (its update skips the dropped clocks: the server asks for them instead of refusing).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { CloseCode, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, isBoardLocked } from '@quartierboard/shared'
import { documentRecords, frameShape, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import { testLifecycle } from '../testing/lifecycle.js'
import { facilitate, recordRefusals, useEveryTool } from '../testing/facilitation-calls.js'
import { createWorkshop, waitForDoc, whenStored, whenSynced } from '../testing/test-server.js'
import { openRaw, updateFrame } from '../testing/raw-sockets.js'
import { recordsOfDoc } from '../workshops/board-state.js'

const lifecycle = testLifecycle()

const hasRecord = (doc: Y.Doc, id: string) => () => recordsOf(doc).has(id)

describe('a valid client is never refused', () => {
  it('serves a client that reconnects with its previous document after the facilitator used every tool', async () => {
    const running = await lifecycle.server()
    const workshop = await createWorkshop(running.httpUrl)
    const anna = lifecycle.provider(running.wsUrl, workshop)
    const ben = lifecycle.provider(running.wsUrl, workshop)
    const refusals = recordRefusals(anna)
    await Promise.all([whenSynced(anna), whenSynced(ben)])
    writeRecords(anna.doc, [...documentRecords(), frameShape('ideen')])
    await whenStored(anna)
    // Anna sees every tool being used, so her delete set holds the server's facilitation deletions.
    await useEveryTool(running.httpUrl, workshop, 'shape:ideen')
    await waitForDoc(anna.doc, () => anna.doc.getMap('facilitation').get('vote') !== undefined && (anna.doc.getMap('facilitation').get('vote') as { status: string }).status === 'closed')

    // A network drop: Anna edits offline and comes back with the same document.
    anna.disconnect()
    writeRecords(anna.doc, [geoShape('offline', 10, 10)])
    anna.connect()
    await whenSynced(anna)
    writeRecords(anna.doc, [geoShape('after-reconnect', 20, 20)])
    await whenStored(anna)
    await waitForDoc(ben.doc, () => recordsOf(ben.doc).has('shape:offline') && recordsOf(ben.doc).has('shape:after-reconnect'))

    // A reload: a new provider with a copy of the old document (as from IndexedDB).
    anna.destroy()
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(anna.doc))
    const again = lifecycle.provider(running.wsUrl, workshop, reloaded)
    const refusalsAgain = recordRefusals(again)
    await whenSynced(again)
    writeRecords(reloaded, [geoShape('after-reload', 30, 30)])
    await whenStored(again)
    await waitForDoc(ben.doc, hasRecord(ben.doc, 'shape:after-reload'))
    expect(refusals).toEqual([])
    expect(refusalsAgain).toEqual([])
    expect(again.wsconnected).toBe(true)
  })

  it('lock, edit, unlock, edit: both edits reach the others and the client stays connected', async () => {
    const running = await lifecycle.server()
    const workshop = await createWorkshop(running.httpUrl)
    const anna = lifecycle.provider(running.wsUrl, workshop)
    const ben = lifecycle.provider(running.wsUrl, workshop)
    const refusals = recordRefusals(anna)
    await Promise.all([whenSynced(anna), whenSynced(ben)])
    writeRecords(anna.doc, documentRecords())
    await whenStored(anna)

    await facilitate(running.httpUrl, workshop, 'PUT', '/facilitation/lock', { locked: true })
    await waitForDoc(anna.doc, () => isBoardLocked(anna.doc))
    writeRecords(anna.doc, [geoShape('while-locked', 1, 1)])
    // The save is not confirmed while the edit waits for the unlock.
    let confirmed = false
    const stored = whenStored(anna).then(() => (confirmed = true))
    await (await running.server.rooms.loaded(workshop.id))?.idle()
    await providerBarrier(anna) // a confirmation sent by now would have arrived before this answer
    expect(confirmed).toBe(false)
    expect(recordsOf(ben.doc).has('shape:while-locked')).toBe(false)

    await facilitate(running.httpUrl, workshop, 'PUT', '/facilitation/lock', { locked: false })
    writeRecords(anna.doc, [geoShape('after-unlock', 2, 2)])
    await stored
    await whenStored(anna)
    await waitForDoc(ben.doc, () => recordsOf(ben.doc).has('shape:while-locked') && recordsOf(ben.doc).has('shape:after-unlock'))
    expect(refusals).toEqual([])
    expect(anna.wsconnected).toBe(true)
  })

  it('asks for what an update builds on instead of refusing it, and stores it once the client sends it', async () => {
    const running = await lifecycle.server()
    const workshop = await createWorkshop(running.httpUrl)
    const ben = lifecycle.provider(running.wsUrl, workshop)
    await whenSynced(ben)
    // Two updates of one client; the server gets only the second at first.
    const source = new Y.Doc()
    writeRecords(source, documentRecords())
    const middle = Y.encodeStateVector(source)
    writeRecords(source, [geoShape('second')])
    const raw = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    raw.send(updateFrame(Y.encodeStateAsUpdate(source, middle)))
    // The server's sync step 1 (0, 0, state vector) asks for what is missing; the socket stays open.
    expect(raw.received.some((message) => message[0] === 0 && message[1] === 0)).toBe(true)
    // A save request now is held, not confirmed: the second update is not stored.
    let taken = false
    const probe = raw.probe().then((outcome) => (taken = outcome === 'taken'))
    await raw.barrier() // the save request was handled (held)
    await (await running.server.rooms.loaded(workshop.id))?.idle()
    await raw.barrier() // and a confirmation sent meanwhile would have arrived
    expect(taken).toBe(false)
    expect(raw.isOpen).toBe(true)
    expect(recordsOf(ben.doc).has('shape:second')).toBe(false)
    // The client's sync step 2 brings everything: now both are stored and relayed.
    raw.send(updateFrame(Y.encodeStateAsUpdate(source), 1))
    await probe
    expect(taken).toBe(true)
    await waitForDoc(ben.doc, hasRecord(ben.doc, 'shape:second'))
    const room = (await running.server.rooms.loaded(workshop.id))!
    expect(recordsOfDoc(room.doc).map((record) => record.id)).toContain('shape:second')
    raw.close()
  })

  it('still refuses a deletion that would change the facilitation state', async () => {
    const running = await lifecycle.server()
    const workshop = await createWorkshop(running.httpUrl)
    const anna = lifecycle.provider(running.wsUrl, workshop)
    await whenSynced(anna)
    await facilitate(running.httpUrl, workshop, 'POST', '/facilitation/step', { title: 'Sammeln' })
    await waitForDoc(anna.doc, () => anna.doc.getMap('facilitation').has('step'))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(anna.doc))
    const before = Y.encodeStateVector(copy)
    copy.getMap('facilitation').delete('step')
    const raw = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    const outcome = await raw.probe(updateFrame(Y.encodeStateAsUpdate(copy, before)))
    expect(outcome).toMatchObject({ code: CloseCode.InvalidUpdate, reason: expect.stringMatching(/only the server changes the facilitation state/) })
    expect((await running.server.rooms.loaded(workshop.id))!.doc.getMap('facilitation').has('step')).toBe(true)
  })
})

/**
 * Resolves once the server answered a query for awareness on the provider's own socket: frames
 * on one socket arrive in order, so anything the server sent the provider before has arrived.
 */
function providerBarrier(provider: WebsocketProvider): Promise<void> {
  const socket = provider.ws!
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] !== MESSAGE_AWARENESS) return
      socket.removeEventListener('message', onMessage)
      resolve()
    }
    socket.addEventListener('message', onMessage)
    socket.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS))
  })
}
