/**
 * Property test of the history: a seeded random sequence of edits by several authors goes through
 * a real room into a real SQLite store, with recorded server times (some updates concurrent, some
 * sharing a millisecond). The board cut at every recorded moment must equal the live board of that
 * moment; after coalescing into one-second windows, the same must hold at every window boundary.
 * A failing seed is printed in the assertion message and can be replayed alone.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { MESSAGE_SYNC, createBoardSchema, seededRandom } from '@quartierboard/shared'
import { createLogger } from '../logger.js'
import type { RoomConnection } from '../rooms/room-socket.js'
import { Room } from '../rooms/room.js'
import { SqliteBoardStore } from '../store/sqlite-store.js'
import { RecordingSocket } from '../testing/fake-socket.js'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import { makeTempDataDir } from '../testing/test-server.js'
import { testCredentials, testWorkshop } from '../testing/workshops.js'
import { recordsOfDoc } from '../workshops/board-state.js'
import { boardSourceAt, docOfSource } from './board-at-time.js'
import { coalesceSession } from './coalesce.js'

const WORKSHOP = 'history'
const CHECKPOINT_EVERY = 7
const WINDOW_MS = 1000
const START = 1_700_000_000_000

const stores: SqliteBoardStore[] = []
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
})

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

const sorted = (records: TLRecord[]) => JSON.stringify([...records].sort((a, b) => a.id.localeCompare(b.id)))

interface Author {
  doc: Y.Doc
  connection: RoomConnection
}

async function runSeed(seed: number, steps: number): Promise<void> {
  const random = seededRandom(seed)
  const store = new SqliteBoardStore(makeTempDataDir())
  stores.push(store)
  await store.createWorkshop(testWorkshop(WORKSHOP), testCredentials().credentials)
  let now = START
  const room = await Room.load({
    workshopId: WORKSHOP,
    store,
    schema: createBoardSchema(),
    logger: createLogger('silent'),
    checkpointEveryUpdates: CHECKPOINT_EVERY,
    now: () => now,
  })
  const authors: Author[] = ['anna', 'ben', 'cem'].map((name, index) => {
    const doc = new Y.Doc()
    doc.clientID = 1000 + index
    return { doc, connection: room.connect(new RecordingSocket(), { id: name }) }
  })
  const send = (author: Author, change: (doc: Y.Doc) => void) => {
    let update: Uint8Array | null = null
    const capture = (changed: Uint8Array) => (update = changed)
    author.doc.on('update', capture)
    change(author.doc)
    author.doc.off('update', capture)
    if (update) room.receive(author.connection, updateMessage(update))
  }
  send(authors[0]!, (doc) => writeRecords(doc, documentRecords()))

  /** The live board after each moment (the last state per millisecond). */
  const live = new Map<number, string>()
  live.set(now, sorted(recordsOfDoc(room.doc)))
  for (let step = 0; step < steps; step++) {
    now += random() < 0.2 ? 0 : Math.floor(random() * 1500)
    const author = authors[Math.floor(random() * authors.length)]!
    // Most edits start from the current board; some from a stale copy (concurrent edits).
    if (random() < 0.8) Y.applyUpdate(author.doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(author.doc)))
    const shapes = [...recordsOf(author.doc).keys()].filter((key) => key.startsWith('shape:'))
    const roll = random()
    if (roll < 0.4 || shapes.length === 0) send(author, (doc) => writeRecords(doc, [geoShape(`s${seed}-${step}`, step, step)]))
    else if (roll < 0.8) {
      const id = shapes[Math.floor(random() * shapes.length)]!.slice('shape:'.length)
      send(author, (doc) => writeRecords(doc, [geoShape(id, Math.round(random() * 1000), Math.round(random() * 1000))]))
    } else {
      const id = shapes[Math.floor(random() * shapes.length)]!
      send(author, (doc) => recordsOf(doc).delete(id))
    }
    await room.idle()
    live.set(now, sorted(recordsOfDoc(room.doc)))
  }
  await room.close()

  for (const [time, expected] of live) {
    expect(sorted(await recordsAt(store, time)), `seed ${seed}, moment ${time - START}`).toBe(expected)
  }
  expect((await store.checkpointSeqs(WORKSHOP)).length).toBeGreaterThan(steps / CHECKPOINT_EVERY / 2)

  // Coalesce the session and check every window boundary.
  const times = [...live.keys()].sort((a, b) => a - b)
  await store.startSession({ id: 's', workshopId: WORKSHOP, title: 'Werkstatt', startedAt: START, endedAt: null, coalescedMs: 0 })
  const session = (await store.endSession(WORKSHOP, 's', times.at(-1)!))!
  const authorsPerWindow = async () => {
    const windows = new Map<number, Set<string>>()
    for (const update of await store.readUpdates(WORKSHOP, {})) {
      const window = Math.floor(update.time / WINDOW_MS)
      windows.set(window, (windows.get(window) ?? new Set()).add(update.author))
    }
    return [...windows].map(([window, names]) => [window, [...names].sort()])
  }
  const attributionBefore = await authorsPerWindow()
  const { before, after } = await coalesceSession(store, session, WINDOW_MS)
  // Coalescing keeps who changed the board in each window.
  expect(await authorsPerWindow()).toEqual(attributionBefore)
  expect(after, `seed ${seed}: coalescing merged nothing`).toBeLessThan(before)
  for (let windowEnd = Math.floor(START / WINDOW_MS) * WINDOW_MS + WINDOW_MS - 1; windowEnd <= times.at(-1)! + WINDOW_MS; windowEnd += WINDOW_MS) {
    const lastMoment = times.filter((time) => time <= windowEnd).at(-1)!
    expect(sorted(await recordsAt(store, windowEnd)), `seed ${seed}, window ending ${windowEnd - START} after coalescing`).toBe(
      live.get(lastMoment),
    )
  }
  // The room loads the same board from the coalesced log.
  const reloaded = await Room.load({ workshopId: WORKSHOP, store, schema: createBoardSchema(), logger: createLogger('silent'), checkpointEveryUpdates: CHECKPOINT_EVERY })
  expect(sorted(recordsOfDoc(reloaded.doc))).toBe(live.get(times.at(-1)!))
  await reloaded.close()
}

describe('history: the board at any moment', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equals the live board at every recorded moment, before and after coalescing (seed ${seed})`, () => runSeed(seed, 150))
  }
})

/** The board's records at `time`, rebuilt as a board worker rebuilds them. */
async function recordsAt(store: SqliteBoardStore, time: number): Promise<TLRecord[]> {
  const doc = docOfSource(await boardSourceAt(store, WORKSHOP, time))
  try {
    return recordsOfDoc(doc)
  } finally {
    doc.destroy()
  }
}
