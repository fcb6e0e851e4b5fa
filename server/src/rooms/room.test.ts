/**
 * Room logic without a port: a recording socket and a real SQLite store in a temporary folder.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  CloseCode,
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_FAILED,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  createBoardSchema,
  encodeSaveMessage,
} from '@quartierboard/shared'
import { createLogger } from '../logger.js'
import type { UpdateToAppend } from '../store/board-store.js'
import { SqliteBoardStore } from '../store/sqlite-store.js'
import { testCredentials, testWorkshop } from '../testing/workshops.js'
import { RecordingSocket } from '../testing/fake-socket.js'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import { makeTempDataDir } from '../testing/test-server.js'
import { InvalidUpdate, ProtocolViolation, Room } from './room.js'

const WORKSHOP = 'room-test'
const schema = createBoardSchema()
const logger = createLogger('silent')

/** A real SQLite store whose appends can be held back or made to fail, to observe the room in between. */
class GatedStore extends SqliteBoardStore {
  private gate: Promise<void> = Promise.resolve()
  private openGate: () => void = () => {}
  failing = false
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve))
  }
  release(): void {
    this.openGate()
  }
  override async appendUpdates(id: string, updates: readonly UpdateToAppend[]): Promise<number> {
    await this.gate
    if (this.failing) throw new Error('disk full')
    return super.appendUpdates(id, updates)
  }
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The update a client doc produces for `change`. */
function clientUpdate(change: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  let captured: Uint8Array | null = null
  doc.once('update', (update: Uint8Array) => (captured = update))
  change(doc)
  if (!captured) throw new Error('change produced no update')
  return captured
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve))

describe('Room', () => {
  let store: GatedStore
  let now: number

  const loadRoom = (checkpointEveryUpdates = 500) =>
    Room.load({ workshopId: WORKSHOP, store, schema, logger, checkpointEveryUpdates, now: () => now, storeRetryMs: 5 })

  beforeEach(async () => {
    store = new GatedStore(makeTempDataDir())
    now = 1_700_000_000_000
    await store.createWorkshop(testWorkshop(WORKSHOP), testCredentials().credentials)
  })
  afterEach(async () => {
    await store.close()
  })

  it('stores an update with time and author before it relays it to anyone', async () => {
    const room = await loadRoom()
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    const bobSocket = new RecordingSocket()
    room.connect(bobSocket, { id: 'bob', readOnly: false })
    const sentBefore = bobSocket.sent.length

    store.hold()
    room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [...documentRecords(), geoShape('a')]))))
    await nextTick()
    await nextTick()
    expect(bobSocket.sent.length).toBe(sentBefore) // not relayed while the append is pending
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(0)

    store.release()
    await room.flush()
    const stored = await store.loadBoard(WORKSHOP)
    expect(stored.updates).toHaveLength(1)
    expect(stored.updates[0]).toMatchObject({ author: 'alice', time: now, seq: 1 })
    const bobDoc = new Y.Doc()
    bobSocket.applySyncMessagesTo(bobDoc)
    expect(recordsOf(bobDoc).get('shape:a')).toMatchObject({ x: 0, type: 'geo' })
    await room.close()
  })

  it('answers a sync request only with stored state', async () => {
    const room = await loadRoom()
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    store.hold()
    room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape('a')]))))
    const lateSocket = new RecordingSocket()
    const late = room.connect(lateSocket, { id: 'late', readOnly: false })
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(step1, new Y.Doc())
    room.receive(late, encoding.toUint8Array(step1))
    await nextTick()
    expect(lateSocket.sent).toHaveLength(0)
    store.release()
    await room.flush()
    const lateDoc = new Y.Doc()
    lateSocket.applySyncMessagesTo(lateDoc)
    expect(recordsOf(lateDoc).get('shape:a')).toBeDefined()
    await room.close()
  })

  it('confirms a save request once the updates before it are stored', async () => {
    const room = await loadRoom()
    const socket = new RecordingSocket()
    const alice = room.connect(socket, { id: 'alice', readOnly: false })
    store.hold()
    room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape('a')]))))
    room.receive(alice, encodeSaveMessage(MESSAGE_SAVE_REQUEST, 7))
    await nextTick()
    expect(socket.types()).not.toContain(MESSAGE_SAVE_CONFIRM)
    store.release()
    await room.flush()
    expect(socket.sent.at(-1)).toEqual(encodeSaveMessage(MESSAGE_SAVE_CONFIRM, 7))
    await room.close()
  })

  it('refuses updates outside the layout or with invalid records, storing and relaying nothing', async () => {
    const room = await loadRoom()
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    const bobSocket = new RecordingSocket()
    room.connect(bobSocket, { id: 'bob', readOnly: false })
    const sentBefore = bobSocket.sent.length

    const foreignType = clientUpdate((doc) => doc.getMap('evil').set('x', 1))
    expect(() => room.receive(alice, updateMessage(foreignType))).toThrow(InvalidUpdate)

    const broken = { ...geoShape('b'), x: 'not a number' }
    const invalidRecord = clientUpdate((doc) => recordsOf(doc).set('shape:b', broken as never))
    expect(() => room.receive(alice, updateMessage(invalidRecord))).toThrow(/invalid shape record/)

    const wrongKey = clientUpdate((doc) => recordsOf(doc).set('shape:other', geoShape('c')))
    expect(() => room.receive(alice, updateMessage(wrongKey))).toThrow(/does not equal its key/)

    const sessionRecord = { id: 'instance:instance', typeName: 'instance' }
    const wrongScope = clientUpdate((doc) => recordsOf(doc).set('instance:instance', sessionRecord as never))
    expect(() => room.receive(alice, updateMessage(wrongScope))).toThrow(/does not belong in the document/)

    expect(() => room.receive(alice, new Uint8Array([MESSAGE_SYNC, 2, 5, 1, 2]))).toThrow(ProtocolViolation)
    expect(() => room.receive(alice, new Uint8Array([42]))).toThrow(/unknown message type/)

    await room.flush()
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(0)
    expect(bobSocket.sent.length).toBe(sentBefore)
    expect([...room.doc.share.keys()].sort()).toEqual(['facilitation', 'meta', 'records'])
    expect(recordsOf(room.doc).size).toBe(0)
    await room.close()
  })

  it('validates list continuations by looking up their neighbours in the document', async () => {
    const room = await loadRoom()
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    const clientDoc = new Y.Doc()
    room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape('a')]), clientDoc)))
    // The second write continues the records list: the update names only its left neighbour.
    const broken = { ...geoShape('b'), y: null }
    expect(() => room.receive(alice, updateMessage(clientUpdate((doc) => recordsOf(doc).set('shape:b', broken as never), clientDoc)))).toThrow(
      /invalid shape record/,
    )
    room.receive(alice, updateMessage(clientUpdate((doc) => recordsOf(doc).set('shape:c', geoShape('c', 5, 5)), new Y.Doc())))
    await room.flush()
    expect(recordsOf(room.doc).get('shape:c')).toBeDefined()
    await room.close()
  })

  it('drops updates of read-only connections', async () => {
    const room = await loadRoom()
    const reviewer = room.connect(new RecordingSocket(), { id: 'reviewer', readOnly: true })
    room.receive(reviewer, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape('a')]))))
    await room.flush()
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(0)
    expect(recordsOf(room.doc).size).toBe(0)
    await room.close()
  })

  it('does not store a resent update twice', async () => {
    const room = await loadRoom()
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    const update = clientUpdate((doc) => writeRecords(doc, [geoShape('a')]))
    room.receive(alice, updateMessage(update))
    room.receive(alice, updateMessage(update))
    await room.flush()
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(1)
    await room.close()
  })

  it('writes checkpoints so that a reload replays a bounded tail, with the same result', async () => {
    const room = await loadRoom(3)
    const alice = room.connect(new RecordingSocket(), { id: 'alice', readOnly: false })
    const clientDoc = new Y.Doc()
    for (let i = 0; i < 7; i++) {
      room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape(`s${i}`, i, i)]), clientDoc)))
      await room.idle()
    }
    const stored = await store.loadBoard(WORKSHOP)
    expect(stored.checkpointSeq).toBe(6)
    expect(stored.updates.map((u) => u.seq)).toEqual([7])
    await room.close()

    const reloaded = await loadRoom(3)
    expect([...recordsOf(reloaded.doc).keys()].sort()).toEqual([...recordsOf(clientDoc).keys()].sort())
    // Closing wrote a final checkpoint covering everything.
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(0)
    await reloaded.close()
  })

  it('keeps updates in memory while the store fails, tells clients, and stores them once it recovers', async () => {
    const room = await loadRoom()
    const aliceSocket = new RecordingSocket()
    const alice = room.connect(aliceSocket, { id: 'alice', readOnly: false })
    const bobSocket = new RecordingSocket()
    room.connect(bobSocket, { id: 'bob', readOnly: false })
    room.receive(alice, encodeSaveMessage(MESSAGE_SAVE_REQUEST, 1))
    await room.flush()
    const bobBefore = bobSocket.sent.length

    store.failing = true
    room.receive(alice, updateMessage(clientUpdate((doc) => writeRecords(doc, [geoShape('a')]))))
    await room.flush()
    expect(room.saveFailing).toBe(true)
    expect(aliceSocket.types()).toContain(MESSAGE_SAVE_FAILED)
    expect(bobSocket.sent.length).toBe(bobBefore)
    expect(recordsOf(room.doc).get('shape:a')).toBeDefined()

    store.failing = false
    await new Promise((resolve) => setTimeout(resolve, 50)) // the retry timer (5 ms in this test) fires
    await room.flush()
    expect(room.saveFailing).toBe(false)
    expect((await store.loadBoard(WORKSHOP)).updates).toHaveLength(1)
    expect(bobSocket.sent.length).toBeGreaterThan(bobBefore)
    await room.close()
  })

  it('closes every socket with the given code and reason', async () => {
    const room = await loadRoom()
    const socket = new RecordingSocket()
    room.connect(socket, { id: 'alice', readOnly: false })
    await room.close(CloseCode.GoingAway, 'Der Server wird neu gestartet')
    expect(socket.closed).toEqual({ code: 1001, reason: 'Der Server wird neu gestartet' })
  })
})
