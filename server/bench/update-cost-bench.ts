/**
 * Where the server's time per update goes: the same stream of "move one shape" updates (as a
 * tldraw client writes them) is validated, applied, appended to a real SQLite file, and pushed
 * through a whole room (receive → validate → apply → append → relay), one update per event-loop
 * tick as in a live workshop. Prints JSON with microseconds per update for each step, and the
 * distribution of the time from receiving an update to relaying it.
 *
 *   tsx --conditions=source server/bench/update-cost-bench.ts [--updates 5000] [--shapes 200]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, MESSAGE_SYNC, META_KEY, RECORDS_KEY, createBoardSchema, sampleBoardStart, sampleGeoShape } from '@quartierboard/shared'
import { createLogger } from '../src/logger.js'
import { Room } from '../src/rooms/room.js'
import { UpdateValidator } from '../src/rooms/update-validator.js'
import { SqliteBoardStore } from '../src/store/sqlite-store.js'
import { RecordingSocket } from '../src/testing/fake-socket.js'
import { testCredentials, testWorkshop } from '../src/testing/workshops.js'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}

const UPDATES = option('updates', 5000)
const SHAPES = option('shapes', 200)
const schema = createBoardSchema()

/** A board of SHAPES rectangles and UPDATES updates that each move one of them, as bytes. */
function workload(): { board: Uint8Array; moves: Uint8Array[] } {
  const doc = new Y.Doc()
  const records = new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY))
  const shapes = Array.from({ length: SHAPES }, (_, index) => sampleGeoShape(`s${index}`, index * 10, 0))
  doc.transact(() => {
    records.apply([...sampleBoardStart(), ...shapes].map((record) => ({ key: record.id, val: record })))
    doc.getMap(META_KEY).set('schema', schema.serialize())
  })
  const board = Y.encodeStateAsUpdate(doc)
  const moves: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => moves.push(update))
  for (let i = 0; i < UPDATES; i++) {
    const shape = shapes[i % SHAPES]!
    records.set(shape.id, { ...shape, x: i, y: i % 97 } as TLRecord)
  }
  return { board, moves }
}

function microsPerUpdate(start: number): number {
  return Math.round(((performance.now() - start) * 1000) / UPDATES)
}

async function main(): Promise<void> {
  const { board, moves } = workload()

  // Validation and apply alone, on a document that follows the stream.
  const doc = new Y.Doc()
  Y.applyUpdate(doc, board)
  const validator = new UpdateValidator(doc, schema)
  let validateMs = 0
  let applyMs = 0
  for (const move of moves) {
    let start = performance.now()
    const verdict = validator.validate(move)
    validateMs += performance.now() - start
    if (!verdict.ok) throw new Error(verdict.reason)
    start = performance.now()
    Y.applyUpdate(doc, move)
    applyMs += performance.now() - start
  }

  // The SQLite append alone, one transaction per update.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-update-cost-'))
  const store = new SqliteBoardStore(dataDir)
  await store.createWorkshop(testWorkshop('append'), testCredentials().credentials)
  let start = performance.now()
  for (const move of moves) await store.appendUpdates('append', [{ data: move, time: 0, author: 'p', recordIds: [] }])
  const append = microsPerUpdate(start)

  // The whole room, one update per tick, relayed to four other sockets.
  await store.createWorkshop(testWorkshop('room'), testCredentials().credentials)
  const room = await Room.load({ workshopId: 'room', store, schema, logger: createLogger('silent'), checkpointEveryUpdates: 500 })
  const sockets = Array.from({ length: 5 }, () => new RecordingSocket())
  const connections = sockets.map((socket, index) => room.connect(socket, { id: `p${index}` }))
  room.receive(connections[0]!, syncMessage(board))
  await room.flush()
  const latencies: number[] = []
  start = performance.now()
  for (const move of moves) {
    const received = performance.now()
    room.receive(connections[1]!, syncMessage(move))
    // The room appends and relays in the tick's check phase, before this resolves.
    await new Promise((resolve) => setImmediate(resolve))
    latencies.push((performance.now() - received) * 1000)
  }
  await room.idle()
  const wholeRoom = microsPerUpdate(start)
  latencies.sort((a, b) => a - b)
  const percentile = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!)
  const relayed = sockets[2]!.sent.length
  await room.close()
  await store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })

  console.log(
    JSON.stringify(
      {
        updates: UPDATES,
        shapes: SHAPES,
        microsPerUpdate: { validate: Math.round((validateMs * 1000) / UPDATES), apply: Math.round((applyMs * 1000) / UPDATES), sqliteAppend: append, wholeRoom },
        receiveToRelayMicros: { p50: percentile(0.5), p99: percentile(0.99), p999: percentile(0.999), max: Math.round(latencies.at(-1)!) },
        relayedToOneSocket: relayed,
      },
      null,
      2,
    ),
  )
}

function syncMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

await main()
