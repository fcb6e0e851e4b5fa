/**
 * Fault tests: real servers (in this process, or a child process that is killed), real sockets,
 * stock y-websocket providers, real SQLite files. "Nothing lost" means: every update the server
 * relayed to any client, or confirmed to its author as stored, is in the store after any crash or
 * restart; edits of a client that comes back with its local state end up on the board; once
 * quiet, all clients and the store hold identical records.
 *
 * - SIGKILL while five clients edit every 20 ms; restart; clients reconnect with jittered back-off.
 * - SIGTERM while clients in two workshops edit: pending updates stored, final session snapshot,
 *   every socket closed with 1001 and a reason.
 * - The store failing like a full disk: save-failed messages, nothing relayed while unsaved,
 *   /healthz degraded, recovery, an intact file (also with a real SQLITE_FULL from SQLite).
 * - A client offline while others edit and delete.
 * - Load: N connections in one room plus M rooms of K editing clients; memory back near idle once
 *   everyone left and the rooms unloaded. The short form (40 in one room, 10 rooms of 5, 3 s) runs
 *   with the suite; `LOAD_FULL=1` runs the full one (200 in one room, 100 rooms of 5, 30 s) and
 *   prints its figures (`LOAD_REPORT=1` prints those of the short form):
 *     npx tsc -b && LOAD_FULL=1 npx vitest run server/src/faults -t load
 * - Soak: `FAULT_SOAK_ROUNDS=50` kills and restarts the server 50 times in the SIGKILL test:
 *     npx tsc -b && FAULT_SOAK_ROUNDS=50 npx vitest run server/src/faults -t SIGKILL
 *
 * One file on purpose: the server build compiles every non-test file under src/, so shared
 * helpers here would have to be test files themselves.
 */
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import type { WebsocketProvider } from 'y-websocket'
import {
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_FAILED,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  encodeSaveMessage,
  seededRandom,
  type Session,
} from '@quartierboard/shared'
import { createQuartierboardServer } from '../app.js'
import { defaultConfig, type ServerConfig } from '../config.js'
import { createLogger } from '../logger.js'
import type { UpdateToAppend } from '../store/board-store.js'
import { SQLITE_FILE_NAME, SqliteBoardStore } from '../store/sqlite-store.js'
import { recordsOfDoc, recordsOfState } from '../workshops/board-state.js'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import {
  ChildServer,
  as,
  connectProvider,
  createWorkshop,
  makeTempDataDir,
  whenSynced,
  type CreatedWorkshop,
  type RunningServer,
} from '../testing/test-server.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Kill-and-restart rounds of the SIGKILL test; `FAULT_SOAK_ROUNDS=50` makes it a soak test. */
const SOAK_ROUNDS = Number(process.env.FAULT_SOAK_ROUNDS ?? 1)

describe('SIGKILL while clients edit', () => {
  it('loses nothing any client saw or was told is stored, and the clients reconnect with jitter and converge', { timeout: 20_000 + SOAK_ROUNDS * 15_000 }, async () => {
    const child = new ChildServer(makeTempDataDir())
    cleanups.push(() => child.stop('SIGKILL'))
    await child.start()
    const workshop = await createWorkshop(child.httpUrl)
    const jitterReconnects = await loadClientJitter()
    const random = seededRandom(20_240_611)
    const clients = ['anna', 'ben', 'cem', 'dora', 'emil'].map((name) => {
      const client = new EditingClient(child.wsUrl, workshop, name)
      jitterReconnects(client.provider, random)
      client.watchScheduledWaits()
      cleanups.push(() => client.destroy())
      return client
    })
    await Promise.all(clients.map((client) => whenSynced(client.provider)))
    writeRecords(clients[0]!.doc, documentRecords())
    await clients[0]!.whenAllConfirmed()
    await waitUntil(() => clients.every((client) => client.records.length >= 2), 5000, 'the page to reach everyone')

    for (const client of clients) client.startEditing(20)
    let killedAt = 0
    for (let round = 1; round <= SOAK_ROUNDS; round++) {
      await sleep(1200)
      if (round === 1) killedAt = performance.now()
      await child.stop('SIGKILL')

      // The file as the restarted server will find it, before any client could send anything again.
      const afterKill = await inspectStore(child.dataDir, workshop.id)
      expect(afterKill.integrity).toBe('ok')
      expect(afterKill.logReplays).toBe(true)
      for (const client of clients) {
        expect(client.received.length, `${client.name} received updates before the kill`).toBeGreaterThan(20)
        const missingReceived = notContained(afterKill.doc, client.received)
        expect(missingReceived, `updates ${client.name} had received (round ${round})`).toEqual([])
        expect(client.confirmedOwn.length, `${client.name} had confirmed updates`).toBeGreaterThan(0)
        expect(notContained(afterKill.doc, client.confirmedOwn), `updates confirmed to ${client.name} (round ${round})`).toEqual([])
      }

      await sleep(300) // the clients keep editing offline
      await child.start()
      await waitUntil(() => clients.every((client) => client.provider.synced), 10_000, 'every client to resync on its own')
      // Edits go on during the reconnect handshake (these are the updates that continue offline clocks).
      await sleep(300)
    }
    for (const client of clients) client.stopEditing()
    for (const client of clients) expect(client.closes.filter((close) => close.code !== null && close.code >= 4000)).toEqual([])

    // Reconnects: jittered exponential back-off, so the clients do not knock in lockstep. We check
    // the waits the providers scheduled rather than when the attempts came: the store inspection
    // after the kill blocks this process's event loop, so under load the timers fire late, together.
    const firstWaits = clients.map((client) => client.scheduledWaits.find((wait) => wait.at >= killedAt)!.ms)
    for (const wait of firstWaits) {
      expect(wait).toBeGreaterThanOrEqual(100) // half of the first 200 ms step
      expect(wait).toBeLessThanOrEqual(200)
    }
    expect(Math.max(...firstWaits) - Math.min(...firstWaits)).toBeGreaterThan(5)
    // And no client knocked sooner than it was told (timers fire late, never early).
    clients.forEach((client, index) => {
      const closedAt = client.closes.find((close) => close.at >= killedAt)!.at
      expect(client.attempts.find((attempt) => attempt > closedAt)! - closedAt).toBeGreaterThanOrEqual(firstWaits[index]! - 2)
    })

    // Quiet: every client and the store hold the same records, including the offline edits.
    const converged = await whenConverged(clients, 10_000)
    await Promise.all(clients.map((client) => client.whenAllConfirmed()))
    const final = await inspectStore(child.dataDir, workshop.id)
    expect(final.integrity).toBe('ok')
    expect(final.logReplays).toBe(true)
    expect(boardKey(final.records)).toBe(converged)
    for (const client of clients) {
      expect(notContained(final.doc, client.received)).toEqual([])
      expect(boardKey(client.records)).toBe(converged)
    }
  })
})

describe('SIGTERM while clients edit', () => {
  it('stores what it received, takes the final snapshot, tells every socket why, and the clients come back', async () => {
    const child = new ChildServer(makeTempDataDir())
    cleanups.push(() => child.stop('SIGKILL'))
    await child.start()
    const workshops = [await createWorkshop(child.httpUrl), await createWorkshop(child.httpUrl)]
    const session = await facilitatorRequest<Session>(child.httpUrl, workshops[0]!, 'POST', '/sessions', { title: 'Werkstatt' })
    const jitterReconnects = await loadClientJitter()
    const groups = workshops.map((workshop, index) =>
      (index === 0 ? ['ida', 'jan', 'kim'] : ['lea', 'max']).map((name) => {
        const client = new EditingClient(child.wsUrl, workshop, name)
        jitterReconnects(client.provider)
        cleanups.push(() => client.destroy())
        return client
      }),
    )
    const clients = groups.flat()
    await Promise.all(clients.map((client) => whenSynced(client.provider)))
    for (const group of groups) {
      writeRecords(group[0]!.doc, documentRecords())
      await group[0]!.whenAllConfirmed()
    }
    for (const client of clients) client.startEditing(20)
    await sleep(800)
    const terminatedAt = performance.now()
    await child.stop('SIGTERM')

    // Every socket was closed by the server with 1001 and the reason.
    for (const client of clients) {
      expect(client.closes.find((close) => close.at >= terminatedAt), client.name).toMatchObject({ code: 1001, reason: 'Der Server wird neu gestartet' })
    }
    // Everything relayed or confirmed is stored; the final snapshot holds only stored content.
    for (const [index, workshop] of workshops.entries()) {
      const stored = await inspectStore(child.dataDir, workshop.id)
      expect(stored.integrity).toBe('ok')
      expect(stored.logReplays).toBe(true)
      for (const client of groups[index]!) {
        expect(notContained(stored.doc, client.received), `updates ${client.name} received`).toEqual([])
        expect(notContained(stored.doc, client.confirmedOwn), `updates confirmed to ${client.name}`).toEqual([])
      }
      if (index === 0) {
        const store = new SqliteBoardStore(child.dataDir)
        const snapshots = await store.listSnapshots(workshop.id, session.id)
        expect(snapshots.map((snapshot) => snapshot.kind)).toEqual(['final'])
        const final = (await store.getSnapshot(workshop.id, snapshots[0]!.id))!
        const lastSeq = await store.lastSeq(workshop.id)
        await store.close()
        expect(notContained(stored.doc, [final.state])).toEqual([])
        expect(final.snapshot.uptoSeq).toBeLessThanOrEqual(lastSeq)
        expect(recordsOfState(final.state).length).toBeGreaterThan(2)
      }
    }

    await sleep(200) // offline edits
    await child.start()
    await waitUntil(() => clients.every((client) => client.provider.synced), 10_000, 'every client to resync on its own')
    await sleep(200)
    for (const client of clients) client.stopEditing()
    for (const [index, workshop] of workshops.entries()) {
      const group = groups[index]!
      const converged = await whenConverged(group)
      await Promise.all(group.map((client) => client.whenAllConfirmed()))
      const stored = await inspectStore(child.dataDir, workshop.id)
      expect(boardKey(stored.records)).toBe(converged)
    }
  })
})

describe('the store failing', () => {
  it('keeps edits in memory and relays nothing while appends fail, reports it, and recovers without damage', async () => {
    let store!: FailingStore
    const running = await startServerWithStore((dataDir) => (store = new FailingStore(dataDir)))
    cleanups.push(() => running.server.close())
    const workshop = await createWorkshop(running.httpUrl)
    const alice = new EditingClient(running.wsUrl, workshop, 'alice') // asks for save status
    const bob = connectProvider(running.wsUrl, workshop) // a stock client: never asks
    cleanups.push(() => alice.destroy())
    cleanups.push(() => bob.destroy())
    const typesSeenByBob = messageTypesOf(bob)
    await Promise.all([whenSynced(alice.provider), whenSynced(bob)])
    writeRecords(alice.doc, [...documentRecords(), geoShape('before', 1, 1)])
    await alice.whenAllConfirmed()
    await waitUntil(() => recordsOf(bob.doc).has('shape:before'), 5000, 'bob to see the first shape')
    expect(await health(running.httpUrl)).toEqual({ status: 200, body: { status: 'ok', rooms: 1 } })

    store.failing = true
    writeRecords(alice.doc, [geoShape('during', 2, 2)])
    alice.requestSave()
    await waitUntil(() => alice.saveFailedMessages > 0, 5000, 'alice to hear that saving fails')
    const room = (await running.server.rooms.loaded(workshop.id))!
    expect(room.saveFailing).toBe(true)
    expect(recordsOfDoc(room.doc).some((record) => record.id === 'shape:during')).toBe(true) // kept in memory
    const degraded = await health(running.httpUrl)
    expect(degraded.status).toBe(503)
    expect(degraded.body).toMatchObject({ status: 'degraded', roomsFailingToSave: 1, reason: expect.stringContaining('saving fails') })
    // Persist before broadcast: nothing unsaved reaches anyone, and a newcomer's sync waits too.
    const carol = connectProvider(running.wsUrl, workshop)
    cleanups.push(() => carol.destroy())
    await sleep(500)
    expect(recordsOf(bob.doc).has('shape:during')).toBe(false)
    expect(carol.synced).toBe(false)
    expect(typesSeenByBob).not.toContain(MESSAGE_SAVE_FAILED)
    expect(store.failedAppends).toBeGreaterThan(0)

    store.failing = false // the first retry comes 1 s after the failure
    await waitUntil(() => recordsOf(bob.doc).has('shape:during'), 5000, 'bob to receive the edit once it is stored')
    await alice.whenAllConfirmed()
    await whenSynced(carol)
    expect(room.saveFailing).toBe(false)
    expect(await health(running.httpUrl)).toEqual({ status: 200, body: { status: 'ok', rooms: 1 } })
    expect(typesSeenByBob).not.toContain(MESSAGE_SAVE_FAILED)

    const stored = await inspectStore(running.dataDir, workshop.id)
    expect(stored.integrity).toBe('ok')
    expect(stored.logReplays).toBe(true)
    expect(stored.seqs).toEqual(stored.seqs.map((_seq, index) => index + 1)) // no batch lost or written twice
    expect(boardKey(stored.records)).toBe(boardKey(alice.records))
    expect(boardKey(recordsOf(carol.doc) ? [...recordsOf(carol.doc).entries()].map(([, record]) => record) : [])).toBe(boardKey(alice.records))
  })

  it('survives a real SQLITE_FULL (file at its size limit) with an intact file and no partial batch', async () => {
    const running = await startServerWithStore((dataDir) => new SqliteBoardStore(dataDir))
    cleanups.push(() => running.server.close())
    const db = (running.server.store as unknown as { db: Database.Database }).db
    const workshop = await createWorkshop(running.httpUrl)
    const alice = new EditingClient(running.wsUrl, workshop, 'alice')
    const bob = new EditingClient(running.wsUrl, workshop, 'bob')
    cleanups.push(() => alice.destroy())
    cleanups.push(() => bob.destroy())
    await Promise.all([whenSynced(alice.provider), whenSynced(bob.provider)])
    writeRecords(alice.doc, documentRecords())
    await alice.whenAllConfirmed()

    // SQLite itself refuses to grow the file: the same error as a full disk.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    writeRecords(alice.doc, Array.from({ length: 60 }, (_, index) => geoShape(`big-${index}`, index, index)))
    alice.requestSave()
    await waitUntil(() => alice.saveFailedMessages > 0, 5000, 'the append to fail with SQLITE_FULL')
    expect((await health(running.httpUrl)).status).toBe(503)
    expect(recordsOf(bob.doc).has('shape:big-0')).toBe(false)

    db.pragma('max_page_count = 1073741823')
    await alice.whenAllConfirmed()
    await waitUntil(() => recordsOf(bob.doc).has('shape:big-59'), 5000, 'bob to receive the batch')
    expect((await health(running.httpUrl)).status).toBe(200)
    const stored = await inspectStore(running.dataDir, workshop.id)
    expect(stored.integrity).toBe('ok')
    expect(stored.logReplays).toBe(true)
    expect(stored.seqs).toEqual(stored.seqs.map((_seq, index) => index + 1))
    expect(boardKey(stored.records)).toBe(boardKey(alice.records))
  })
})

describe('a client offline while others edit and delete', () => {
  it('keeps the deletions, brings its offline edits to everyone, and all agree with the store', async () => {
    const running = await startServerWithStore((dataDir) => new SqliteBoardStore(dataDir))
    cleanups.push(() => running.server.close())
    const workshop = await createWorkshop(running.httpUrl)
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((name) => {
      const client = new EditingClient(running.wsUrl, workshop, name)
      cleanups.push(() => client.destroy())
      return client
    }) as [EditingClient, EditingClient, EditingClient]
    await Promise.all([alice, bob, carol].map((client) => whenSynced(client.provider)))
    writeRecords(alice.doc, [...documentRecords(), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => geoShape(`s${n}`, n, 0))])
    await alice.whenAllConfirmed()
    await waitUntil(() => recordsOf(carol.doc).has('shape:s8') && recordsOf(bob.doc).has('shape:s8'), 5000, 'everyone to hold the board')

    carol.provider.disconnect()
    // Meanwhile: deletions, a move, a new shape; s5 is deleted while Carol edits it offline.
    alice.doc.transact(() => recordsOf(alice.doc).apply([], ['shape:s1', 'shape:s2', 'shape:s3', 'shape:s5']))
    writeRecords(bob.doc, [geoShape('s4', 400, 0)])
    writeRecords(alice.doc, [geoShape('while-away')])
    await Promise.all([alice.whenAllConfirmed(), bob.whenAllConfirmed()])
    // Carol, offline, with her local copy.
    writeRecords(carol.doc, [geoShape('carol-offline', 7, 7), geoShape('s6', 600, 0), geoShape('s5', 500, 0)])
    recordsOf(carol.doc).delete('shape:s7')
    expect(recordsOf(carol.doc).has('shape:s1')).toBe(true) // she has not seen the deletions yet

    carol.provider.connect()
    await whenSynced(carol.provider)
    const converged = await whenConverged([alice, bob, carol])
    await carol.whenAllConfirmed()
    const board = new Map<string, TLRecord & { x?: number }>(carol.records.map((record) => [record.id, record as TLRecord & { x?: number }]))
    for (const deleted of ['shape:s1', 'shape:s2', 'shape:s3', 'shape:s7']) expect(board.has(deleted), deleted).toBe(false)
    expect(board.get('shape:s4')?.x).toBe(400)
    expect(board.has('shape:while-away')).toBe(true)
    expect(board.has('shape:carol-offline')).toBe(true)
    expect(board.get('shape:s6')?.x).toBe(600)
    // An edit made offline to a shape someone deleted meanwhile brings the shape back, for everyone.
    expect(board.get('shape:s5')?.x).toBe(500)
    const room = (await running.server.rooms.loaded(workshop.id))!
    expect(boardKey(recordsOfDoc(room.doc))).toBe(converged)
    expect(boardKey((await inspectStore(running.dataDir, workshop.id)).records)).toBe(converged)
  })
})

/** The load figures: short form in CI, `LOAD_FULL=1` for the full one. */
const LOAD_FULL = process.env.LOAD_FULL === '1'
const LOAD = LOAD_FULL
  ? { bigRoom: 200, bigRoomEditors: 20, rooms: 100, perRoom: 5, editEveryMs: 1000, holdMs: 30_000 }
  : { bigRoom: 40, bigRoomEditors: 40, rooms: 10, perRoom: 5, editEveryMs: 1000, holdMs: 3000 }

describe('load', () => {
  it(`holds ${LOAD.bigRoom} connections in one room and ${LOAD.rooms} rooms of ${LOAD.perRoom}, and gives the memory back once everyone left`, async () => {
    const figures = await runLoad(LOAD)
    if (LOAD_FULL || process.env.LOAD_REPORT === '1') console.info(JSON.stringify(figures, null, 2))
    expect(figures.connectionsAtPeak).toBe(LOAD.bigRoom + LOAD.rooms * LOAD.perRoom)
    expect(figures.roomsAtPeak).toBe(LOAD.rooms + 1)
    expect(figures.editsStored).toBeGreaterThan(0)
    expect(figures.allConverged).toBe(true)
    // Back near idle: after a full garbage collection at most 30 % of what the load added (plus 2 MB
    // for code V8 optimised meanwhile and the allocator's slack) remains. Rooms or documents kept
    // after everyone left would keep nearly all of it.
    expect(figures.heapAfterMB - figures.heapIdleMB).toBeLessThan(0.3 * (figures.heapPeakMB - figures.heapIdleMB) + 2)
  }, LOAD_FULL ? 600_000 : 60_000)
})

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `predicate` every `everyMs` until it holds; rejects with `what` after `timeoutMs`. */
async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

/** Records sorted by id, as JSON: equal strings mean equal boards. */
function boardKey(records: readonly TLRecord[]): string {
  return JSON.stringify([...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
}

/** Indices of the `updates` that would still change `doc` (that is, the doc does not contain them). */
function notContained(doc: Y.Doc, updates: readonly Uint8Array[]): number[] {
  const probe = new Y.Doc()
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc))
  const missing: number[] = []
  let changed = false
  probe.on('update', () => (changed = true))
  updates.forEach((update, index) => {
    changed = false
    Y.applyUpdate(probe, update)
    const pending = probe.store.pendingStructs !== null || probe.store.pendingDs !== null
    if (changed || pending) missing.push(index)
  })
  probe.destroy()
  return missing
}

interface StoreInspection {
  /** `PRAGMA integrity_check` of the file: 'ok' when intact. */
  integrity: string
  /** The board as a room would load it (newest checkpoint and the updates after it). */
  doc: Y.Doc
  records: TLRecord[]
  /** Sequence numbers of the whole update log, ascending. */
  seqs: number[]
  /** Every logged update applied in order to an empty doc gives the same records, with nothing pending. */
  logReplays: boolean
}

/** Opens the SQLite file of `dataDir` as a restarted server would and checks it. */
async function inspectStore(dataDir: string, workshopId: string): Promise<StoreInspection> {
  const raw = new Database(path.join(dataDir, SQLITE_FILE_NAME))
  let integrity: string
  try {
    integrity = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ')
  } finally {
    raw.close()
  }
  const store = new SqliteBoardStore(dataDir)
  try {
    const stored = await store.loadBoard(workshopId)
    const doc = new Y.Doc()
    if (stored.checkpoint) Y.applyUpdate(doc, stored.checkpoint)
    for (const update of stored.updates) Y.applyUpdate(doc, update.data)
    const log = await store.readUpdates(workshopId, {})
    const replay = new Y.Doc()
    for (const update of log) Y.applyUpdate(replay, update.data)
    const replayPending = replay.store.pendingStructs !== null || replay.store.pendingDs !== null
    const logReplays = !replayPending && boardKey(recordsOfDoc(replay)) === boardKey(recordsOfDoc(doc))
    replay.destroy()
    return { integrity, doc, records: recordsOfDoc(doc), seqs: log.map((update) => update.seq), logReplays }
  } finally {
    await store.close()
  }
}

let saveSeq = 0

/**
 * A stock provider that edits the board at a steady rate and keeps books:
 * - `received`: every update the server sent it (from any run of the server), as sent. Not the
 *   client's own transaction updates for them: applying a remote `meta` map write deletes the
 *   client's own concurrent write of that key in the same transaction, so those would name items
 *   the server never had;
 * - `confirmedOwn`: its own updates the server confirmed as stored (our save extension);
 * - `closes` and `attempts`: close events and reconnect attempts (`performance.now()`).
 */
class EditingClient {
  readonly provider: WebsocketProvider
  readonly received: Uint8Array[] = []
  private readonly own: Uint8Array[] = []
  private readonly ownCountAtRequest = new Map<number, number>()
  private confirmedCount = 0
  readonly closes: Array<{ at: number; code: number | null; reason: string }> = []
  readonly attempts: number[] = []
  /** Reconnect waits the provider scheduled, once `watchScheduledWaits` was called. */
  readonly scheduledWaits: Array<{ at: number; ms: number }> = []
  saveFailedMessages = 0
  private editTimer: NodeJS.Timeout | null = null
  private saveTimer: NodeJS.Timeout | null = null
  private edits = 0
  private readonly mine: string[] = []

  constructor(
    wsUrl: string,
    workshop: CreatedWorkshop,
    readonly name: string,
  ) {
    const doc = new Y.Doc()
    recordsOf(doc) // observe the records array from the start, as the client binding does
    this.provider = connectProvider(wsUrl, workshop, doc)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) this.own.push(update)
    })
    const handleSync = this.provider.messageHandlers[MESSAGE_SYNC]!
    this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder)
      const syncType = decoding.readVarUint(peek)
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) this.received.push(decoding.readVarUint8Array(peek))
      handleSync(encoder, decoder, provider, emitSynced, messageType)
    }
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      this.closes.push({ at: performance.now(), code: event?.code ?? null, reason: event?.reason ?? '' })
    })
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connecting') this.attempts.push(performance.now())
    })
    this.provider.messageHandlers[MESSAGE_SAVE_CONFIRM] = (_encoder, decoder) => {
      const seq = decoding.readVarUint(decoder)
      this.confirmedCount = Math.max(this.confirmedCount, this.ownCountAtRequest.get(seq) ?? 0)
      this.ownCountAtRequest.delete(seq)
    }
    this.provider.messageHandlers[MESSAGE_SAVE_FAILED] = () => {
      this.saveFailedMessages += 1
    }
  }

  get doc(): Y.Doc {
    return this.provider.doc
  }

  /**
   * Records each reconnect wait the provider schedules. Call after the jitter is installed: the
   * provider waits min(2^n × 100 ms, maxBackoffTime), n counting this close, which it adds after
   * the 'connection-close' listeners ran.
   */
  watchScheduledWaits(): void {
    this.provider.on('connection-close', () => {
      const ms = Math.min(2 ** (this.provider.wsUnsuccessfulReconnects + 1) * 100, this.provider.maxBackoffTime)
      this.scheduledWaits.push({ at: performance.now(), ms })
    })
  }

  /** Own updates the server confirmed as stored. */
  get confirmedOwn(): Uint8Array[] {
    return this.own.slice(0, this.confirmedCount)
  }

  get records(): TLRecord[] {
    return [...recordsOf(this.doc).entries()].map(([, record]) => record)
  }

  /** Asks the server to confirm that everything sent so far is stored (when connected and synced). */
  requestSave(): void {
    const ws = this.provider.ws
    if (!this.provider.synced || !ws || ws.readyState !== ws.OPEN) return
    const seq = ++saveSeq
    this.ownCountAtRequest.set(seq, this.own.length)
    ws.send(encodeSaveMessage(MESSAGE_SAVE_REQUEST, seq))
  }

  /** Resolves once every own update so far is confirmed as stored. */
  async whenAllConfirmed(timeoutMs = 10_000): Promise<void> {
    const target = this.own.length
    await waitUntil(
      () => {
        if (this.confirmedCount >= target) return true
        this.requestSave()
        return false
      },
      timeoutMs,
      `${this.name}'s updates to be confirmed`,
      100,
    )
  }

  /**
   * Edits every `everyMs` (also while offline, like a browser with its local copy): mostly a new
   * shape, every fourth edit moves one of its shapes, every seventh deletes one, every ninth
   * moves a shape of someone else. Asks for a save confirmation every `saveEveryMs`.
   */
  startEditing(everyMs = 20, saveEveryMs = 100): void {
    this.editTimer = setInterval(() => this.editOnce(), everyMs)
    this.saveTimer = setInterval(() => this.requestSave(), saveEveryMs)
  }

  stopEditing(): void {
    if (this.editTimer) clearInterval(this.editTimer)
    if (this.saveTimer) clearInterval(this.saveTimer)
    this.editTimer = null
    this.saveTimer = null
  }

  get editCount(): number {
    return this.edits
  }

  editOnce(): void {
    const n = ++this.edits
    const records = recordsOf(this.doc)
    if (n % 9 === 0) {
      const others = [...records.keys()].filter((id) => id.startsWith('shape:') && !this.mine.includes(id))
      const target = others[n % Math.max(1, others.length)]
      if (target) {
        writeRecords(this.doc, [{ ...(records.get(target) as TLRecord), x: n } as TLRecord])
        return
      }
    }
    if (n % 7 === 0 && this.mine.length > 2) {
      const [victim] = this.mine.splice(n % this.mine.length, 1)
      records.delete(victim!)
      return
    }
    if (n % 4 === 0 && this.mine.length > 0) {
      const target = this.mine[n % this.mine.length]!
      const current = records.get(target)
      if (current) {
        writeRecords(this.doc, [{ ...current, x: (current as { x: number }).x + 1 } as TLRecord])
        return
      }
    }
    const id = `${this.name}-${n}`
    this.mine.push(`shape:${id}`)
    writeRecords(this.doc, [geoShape(id, n, n)])
  }

  destroy(): void {
    this.stopEditing()
    this.provider.destroy()
    // The provider leaves the doc alone; its awareness keeps a timer (and so the doc) until the doc goes.
    this.doc.destroy()
  }
}

/** Resolves once every client holds the same records; returns them. */
async function whenConverged(clients: readonly EditingClient[], timeoutMs = 10_000): Promise<string> {
  let key = ''
  await waitUntil(
    () => {
      const keys = new Set(clients.map((client) => boardKey(client.records)))
      key = [...keys][0]!
      return keys.size === 1
    },
    timeoutMs,
    'every client to hold the same records',
    50,
  )
  return key
}

/** Thrown by FailingStore while it plays a full disk: the error better-sqlite3 gives for SQLITE_FULL. */
function diskFullError(): Error {
  return new Database.SqliteError('database or disk is full', 'SQLITE_FULL')
}

/**
 * The real SQLite store, except that while `failing` is set, appends and checkpoints throw the
 * error SQLite gives when the disk is full (before touching the file, as a failed transaction
 * that rolled back leaves it).
 */
class FailingStore extends SqliteBoardStore {
  failing = false
  failedAppends = 0

  override async appendUpdates(workshopId: string, updates: readonly UpdateToAppend[]): Promise<number> {
    if (this.failing) {
      this.failedAppends += 1
      throw diskFullError()
    }
    return super.appendUpdates(workshopId, updates)
  }

  override async writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void> {
    if (this.failing) throw diskFullError()
    return super.writeCheckpoint(workshopId, uptoSeq, state, time)
  }
}

/** An in-process server on a free port that uses `store`. */
async function startServerWithStore(
  makeStore: (dataDir: string) => SqliteBoardStore,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  const dataDir = overrides.dataDir ?? makeTempDataDir()
  const config = defaultConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...overrides })
  const server = createQuartierboardServer(config, { store: makeStore(dataDir), logger: createLogger(config.logLevel) })
  const port = await server.listen()
  return { server, port, dataDir, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync` }
}

type JitterReconnects = (provider: WebsocketProvider, random?: () => number, maxDelayMs?: number) => void

/**
 * The reconnect jitter of our browser client (client/src/board/connect-board.ts), loaded from
 * the client's source so the tests exercise the very function the board uses. (Imported at run
 * time: the server's type check does not reach into the client package.)
 */
async function loadClientJitter(): Promise<JitterReconnects> {
  const modulePath = '../../../client/src/board/connect-board.ts'
  const module = (await import(/* @vite-ignore */ modulePath)) as { jitterReconnects: JitterReconnects }
  return module.jitterReconnects
}

/** A request with the facilitator's token to the workshop's API; resolves with the JSON body. */
async function facilitatorRequest<T>(httpUrl: string, workshop: CreatedWorkshop, method: string, pathAndQuery: string, body?: unknown): Promise<T> {
  const response = await fetch(`${httpUrl}/api/workshops/${workshop.id}${pathAndQuery}`, {
    method,
    headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${pathAndQuery}: ${response.status}`)
  return (await response.json()) as T
}

async function health(httpUrl: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${httpUrl}/healthz`)
  return { status: response.status, body: await response.json() }
}

/** The message type of every frame `provider` receives from now on (also after reconnects). */
function messageTypesOf(provider: WebsocketProvider): number[] {
  const types: number[] = []
  const watch = () => {
    provider.ws?.addEventListener('message', (event: MessageEvent) => {
      types.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))))
    })
  }
  watch()
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connecting') watch()
  })
  return types
}

interface LoadOptions {
  /** Connections in the one big room, of which `bigRoomEditors` edit. */
  bigRoom: number
  bigRoomEditors: number
  /** Further rooms of `perRoom` clients each, all editing. */
  rooms: number
  perRoom: number
  editEveryMs: number
  /** How long everyone stays connected and edits. */
  holdMs: number
}

interface LoadFigures {
  connectionsAtPeak: number
  roomsAtPeak: number
  editsMade: number
  editsStored: number
  allConverged: boolean
  connectSeconds: number
  heapIdleMB: number
  heapPeakMB: number
  heapAfterMB: number
  rssIdleMB: number
  rssPeakMB: number
  rssAfterMB: number
  unloadSeconds: number
}

/**
 * The load harness: an in-process server (so its rooms can be watched) and stock providers in this
 * process. Memory is the heap of this process after a full garbage collection (forced through V8's
 * `gc`, exposed at run time), so it counts the server and the clients' documents together: the
 * peak is an upper bound for the server; "back near idle" shows that neither side keeps anything
 * of the rooms once everyone left and the rooms unloaded. RSS is reported too; it shrinks only
 * partly (V8 and the allocator keep pages for reuse).
 */
async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const gc = exposeGc()
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
  const measure = async () => {
    for (let i = 0; i < 3; i++) {
      gc()
      await sleep(20)
    }
    const usage = process.memoryUsage()
    return { heap: mb(usage.heapUsed), rss: mb(usage.rss) }
  }
  const running = await startServerWithStore((dataDir) => new SqliteBoardStore(dataDir), { createWorkshopBurst: 1000 })
  cleanups.push(() => running.server.close())
  const rooms = running.server.rooms

  // Warm up every code path once, so the idle figure already includes compiled code and caches.
  const warmWorkshop = await createWorkshop(running.httpUrl)
  const warm = [new EditingClient(running.wsUrl, warmWorkshop, 'warm-a'), new EditingClient(running.wsUrl, warmWorkshop, 'warm-b')]
  await Promise.all(warm.map((client) => whenSynced(client.provider)))
  writeRecords(warm[0]!.doc, documentRecords())
  warm[1]!.editOnce()
  await Promise.all(warm.map((client) => client.whenAllConfirmed()))
  for (const client of warm) client.destroy()
  await waitUntil(() => rooms.activeRoomCount === 0, 10_000, 'the warm-up room to unload')
  const workshops = [await createWorkshop(running.httpUrl)]
  for (let i = 0; i < options.rooms; i++) workshops.push(await createWorkshop(running.httpUrl))
  const idle = await measure()

  const started = performance.now()
  const groups: EditingClient[][] = []
  const connect = async (workshop: CreatedWorkshop, count: number, prefix: string) => {
    const group: EditingClient[] = []
    for (let i = 0; i < count; i++) group.push(new EditingClient(running.wsUrl, workshop, `${prefix}-${i}`))
    await Promise.all(group.map((client) => whenSynced(client.provider)))
    writeRecords(group[0]!.doc, documentRecords())
    await group[0]!.whenAllConfirmed(30_000)
    await waitUntil(() => group.every((client) => client.records.length >= 2), 30_000, `${prefix} to hold the page`)
    groups.push(group)
    return group
  }
  const big = await connect(workshops[0]!, options.bigRoom, 'big')
  for (let i = 1; i < workshops.length; i++) await connect(workshops[i]!, options.perRoom, `room${i}`)
  const connectSeconds = Math.round((performance.now() - started) / 100) / 10
  const clients = groups.flat()
  const editors = [...big.slice(0, options.bigRoomEditors), ...groups.slice(1).flat()]
  // Spread the editors' first edits over one interval, so the rate is steady.
  const starts = editors.map((client, index) => setTimeout(() => client.startEditing(options.editEveryMs, options.editEveryMs), (index * options.editEveryMs) / editors.length))
  await sleep(options.holdMs)
  starts.forEach(clearTimeout)
  for (const client of editors) client.stopEditing()
  const connectionsAtPeak = (await Promise.all(workshops.map(async (workshop) => (await rooms.loaded(workshop.id))?.connectionCount ?? 0))).reduce((a, b) => a + b, 0)
  const roomsAtPeak = rooms.activeRoomCount
  const peak = await measure()

  let allConverged = true
  for (const group of groups) {
    try {
      await whenConverged(group, 20_000)
    } catch {
      allConverged = false
    }
  }
  await Promise.all(editors.map((client) => client.whenAllConfirmed(30_000)))
  let editsStored = 0
  const inspection = new SqliteBoardStore(running.dataDir)
  for (const workshop of workshops) editsStored += await inspection.lastSeq(workshop.id)
  await inspection.close()

  const leaving = performance.now()
  for (const client of clients) client.destroy()
  const editsMade = clients.reduce((sum, client) => sum + client.editCount, 0)
  // activeRoomCount drops when the last socket leaves; the unload (store, checkpoint, close) follows.
  const unloading = (rooms as unknown as { unloading: Map<string, Promise<void>> }).unloading
  await waitUntil(() => rooms.activeRoomCount === 0 && unloading.size === 0, 60_000, 'every room to unload')
  const unloadSeconds = Math.round((performance.now() - leaving) / 100) / 10
  groups.length = 0
  clients.length = 0
  editors.length = 0
  big.length = 0
  await sleep(500) // the sockets finish their closing handshakes
  const after = await measure()
  return {
    connectionsAtPeak,
    roomsAtPeak,
    editsMade,
    editsStored,
    allConverged,
    connectSeconds,
    heapIdleMB: idle.heap,
    heapPeakMB: peak.heap,
    heapAfterMB: after.heap,
    rssIdleMB: idle.rss,
    rssPeakMB: peak.rss,
    rssAfterMB: after.rss,
    unloadSeconds,
  }
}

/** V8's full garbage collection: `global.gc` when node runs with --expose-gc, else exposed at run time. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}
