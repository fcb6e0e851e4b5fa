/**
 * Test support for the hardening tests: boards (a workshop with two connected providers and a
 * stored shape) to attack, the check that an attack changed nothing, and a raw socket that sends
 * frames one after the other. Call `attackedBoards()` once at the top of a test file.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import type { WebsocketProvider } from 'y-websocket'
import { recordsOfDoc, recordsOfState } from '../workshops/board-state.js'
import { RawClient, openRaw, type Closed } from './raw-sockets.js'
import { documentRecords, geoShape, recordsOf, writeRecords } from './records.js'
import {
  connectProvider,
  createWorkshop,
  startTestServer,
  waitForDoc,
  whenStored,
  whenSynced,
  type CreatedWorkshop,
  type RunningServer,
} from './test-server.js'

export interface Board {
  workshop: CreatedWorkshop
  alice: WebsocketProvider
  bob: WebsocketProvider
  /** What every client and the store hold; updated by `expectUnchanged`'s own edit. */
  expected: TLRecord[]
}

export function attackedBoards() {
  let running: RunningServer
  const boards: Board[] = []
  let markers = 0

  beforeAll(async () => {
    running = await startTestServer()
  })
  afterAll(async () => {
    for (const board of boards) {
      board.alice.destroy()
      board.bob.destroy()
    }
    await running.server.close()
  })

  /** A workshop with a page and a shape, written by Alice, held by Bob, stored. */
  async function board(server: RunningServer = running): Promise<Board> {
    const workshop = await createWorkshop(server.httpUrl)
    const alice = connectProvider(server.wsUrl, workshop)
    const bob = connectProvider(server.wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    writeRecords(alice.doc, [...documentRecords(), geoShape('base', 10, 20)])
    await whenStored(alice)
    await waitForDoc(bob.doc, () => recordsOf(bob.doc).get('shape:base') !== undefined)
    const created: Board = { workshop, alice, bob, expected: sorted(recordsOfDoc(alice.doc)) }
    if (server === running) boards.push(created)
    return created
  }

  /**
   * The room is as before the attack, and still works: an edit of Alice reaches Bob and is stored
   * as the only new update; the room's document, the replayed store and both clients hold exactly
   * the expected records.
   */
  async function expectUnchanged(b: Board, server: RunningServer = running): Promise<void> {
    const before = await server.server.store.loadBoard(b.workshop.id)
    const lastSeq = before.updates.at(-1)?.seq ?? before.checkpointSeq
    const marker = geoShape(`marker-${++markers}`, markers, markers)
    writeRecords(b.alice.doc, [marker])
    await waitForDoc(b.bob.doc, () => recordsOf(b.bob.doc).get(marker.id) !== undefined)
    await whenStored(b.alice)
    b.expected = sorted([...b.expected, marker])
    const after = await server.server.store.loadBoard(b.workshop.id)
    expect(after.updates.filter((update) => update.seq > lastSeq)).toHaveLength(1)
    expect(sorted(recordsOfDoc(b.bob.doc))).toEqual(b.expected)
    expect(sorted(recordsOfDoc(b.alice.doc))).toEqual(b.expected)
    expect(sorted(replayed(after))).toEqual(b.expected)
    await server.server.rooms.withRoom(b.workshop.id, (room) => {
      expect(sorted(recordsOfDoc(room.doc))).toEqual(b.expected)
      expect([...room.doc.share.keys()].sort()).toEqual(['facilitation', 'meta', 'records'])
    })
  }

  /** Sends each frame on a raw socket (a new one after each close) and collects the outcomes. */
  async function outcomes(b: Board, frames: Array<Uint8Array | string>): Promise<Array<'taken' | Closed>> {
    const results: Array<'taken' | Closed> = []
    let client: RawClient | null = null
    for (const frame of frames) {
      client ??= await openRaw(running.wsUrl, b.workshop.id, b.workshop.tokens.participant)
      const outcome = await client.probe(frame)
      results.push(outcome)
      if (outcome !== 'taken') client = null
    }
    client?.close()
    return results
  }

  /** Restarts the shared server on its data; every board must load with exactly its records. */
  async function restartAndCheckEveryBoard(): Promise<void> {
    const dataDir = running.dataDir
    for (const b of boards) {
      b.alice.destroy()
      b.bob.destroy()
    }
    await running.server.close()
    running = await startTestServer({ dataDir })
    for (const b of boards) {
      const reader = connectProvider(running.wsUrl, b.workshop)
      await whenSynced(reader)
      expect(sorted(recordsOfDoc(reader.doc))).toEqual(b.expected)
      reader.destroy()
    }
    boards.length = 0
  }

  return {
    restartAndCheckEveryBoard,
    /** The shared in-process server of the file. */
    server: () => running,
    board,
    expectUnchanged,
    outcomes,
  }
}

export function replayed(stored: { checkpoint: Uint8Array | null; updates: Array<{ data: Uint8Array }> }): TLRecord[] {
  return recordsOfState(Y.mergeUpdates([...(stored.checkpoint ? [stored.checkpoint] : []), ...stored.updates.map((update) => update.data)]))
}

export function sorted(records: TLRecord[]): TLRecord[] {
  return [...records].sort((a, b) => a.id.localeCompare(b.id))
}
