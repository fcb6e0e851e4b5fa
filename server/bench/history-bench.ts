/**
 * Benchmark of our own history costs: a 3-hour session of 30 participants making 100,000 edits
 * goes through a real room into a real SQLite file (server clock simulated, so it runs in
 * seconds). Prints JSON: append rate, checkpoint time and size, stored bytes before and after
 * coalescing, and seek times to random moments before and after coalescing.
 *
 *   tsx --conditions=source server/bench/history-bench.ts [--updates 100000] [--participants 30] [--hours 3] [--seeks 200]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, MESSAGE_SYNC, META_KEY, RECORDS_KEY, createBoardSchema, seededRandom } from '@quartierboard/shared'
import { boardSourceAt, docOfSource } from '../src/history/board-at-time.js'
import { coalesceSession } from '../src/history/coalesce.js'
import { createLogger } from '../src/logger.js'
import { Room } from '../src/rooms/room.js'
import { SQLITE_FILE_NAME, SqliteBoardStore } from '../src/store/sqlite-store.js'
import { RecordingSocket } from '../src/testing/fake-socket.js'
import { testCredentials, testWorkshop } from '../src/testing/workshops.js'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}

const UPDATES = option('updates', 100_000)
const PARTICIPANTS = option('participants', 30)
const HOURS = option('hours', 3)
const SEEKS = option('seeks', 200)
const CHECKPOINT_EVERY = option('checkpoint-every', 500)
const START = Date.UTC(2026, 2, 15, 9, 0, 0)
const schema = createBoardSchema()

function note(id: string, x: number, y: number, text: string): TLRecord {
  return schema.types.shape.create({
    id: `shape:${id}`, type: 'note', parentId: 'page:page', index: 'a1', x, y,
    props: {
      color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle', verticalAlign: 'middle',
      growY: 0, url: '', scale: 1, textLastEditedBy: null, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  } as never)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function dbBytes(dataDir: string): number {
  return [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`].reduce((sum, name) => sum + (fs.existsSync(path.join(dataDir, name)) ? fs.statSync(path.join(dataDir, name)).size : 0), 0)
}

async function seekTimes(store: SqliteBoardStore, random: () => number, end: number): Promise<{ p50: number; p95: number; max: number; maxApplied: number }> {
  const times: number[] = []
  let maxApplied = 0
  for (let i = 0; i < SEEKS; i++) {
    const at = START + Math.floor(random() * (end - START))
    const started = performance.now()
    const source = await boardSourceAt(store, 'bench', at)
    const doc = docOfSource(source)
    const appliedUpdates = source.updates.length
    new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY)).dispose() // read the records, as the endpoint does
    doc.destroy()
    times.push(performance.now() - started)
    maxApplied = Math.max(maxApplied, appliedUpdates)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, maxApplied }
}

async function main(): Promise<void> {
  const random = seededRandom(42)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-history-bench-'))
  const store = new SqliteBoardStore(dataDir)
  await store.createWorkshop(testWorkshop('bench'), testCredentials().credentials)
  let now = START
  const room = await Room.load({ workshopId: 'bench', store, schema, logger: createLogger('silent'), checkpointEveryUpdates: CHECKPOINT_EVERY, now: () => now })
  const authors = Array.from({ length: PARTICIPANTS }, (_, index) => room.connect(new RecordingSocket(), { id: `p${index}` }))
  const client = new Y.Doc()
  const records = new KeyedEntries<TLRecord>(client.getArray(RECORDS_KEY))
  const send = (author: (typeof authors)[number], change: () => void) => {
    let update: Uint8Array | null = null
    const capture = (changed: Uint8Array) => (update = changed)
    client.on('update', capture)
    change()
    client.off('update', capture)
    if (!update) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    room.receive(author, encoding.toUint8Array(encoder))
  }
  send(authors[0]!, () =>
    client.transact(() => {
      records.set('document:document', schema.types.document.create({ id: 'document:document', name: '', gridSize: 10, meta: {} } as never))
      records.set('page:page', schema.types.page.create({ id: 'page:page', name: 'Seite 1', index: 'a1', meta: {} } as never))
      client.getMap(META_KEY).set('schema', schema.serialize())
    }),
  )
  // The workload: participants drag notes (a drag sends an update per frame, about 30 a second),
  // type into notes, add a note now and then, and rarely delete one. Actions are spread evenly
  // over the session; each action's updates follow each other at frame pace.
  const durationMs = HOURS * 3600_000
  const shapeIds: string[] = []
  const appendStarted = performance.now()
  let sent = 0
  let actions = 0
  const averageUpdatesPerAction = 18
  const actionSpacingMs = durationMs / (UPDATES / averageUpdatesPerAction)
  while (sent < UPDATES) {
    const author = authors[Math.floor(random() * authors.length)]!
    now = START + Math.floor(actions * actionSpacingMs)
    actions += 1
    const roll = random()
    if (roll < 0.06 || shapeIds.length < 10) {
      const id = `n${sent}`
      shapeIds.push(id)
      send(author, () => records.set(`shape:${id}`, note(id, Math.round(random() * 4000), Math.round(random() * 3000), 'Neue Idee')))
      sent += 1
    } else if (roll < 0.08) {
      const [id] = shapeIds.splice(Math.floor(random() * shapeIds.length), 1)
      send(author, () => records.delete(`shape:${id}`))
      sent += 1
    } else {
      const id = shapeIds[Math.floor(random() * shapeIds.length)]!
      const typing = roll < 0.3
      const frames = typing ? 5 + Math.floor(random() * 20) : 10 + Math.floor(random() * 30)
      for (let frame = 0; frame < frames && sent < UPDATES; frame++) {
        now += typing ? 150 : 33
        const current = records.get(`shape:${id}`)!
        const next = typing
          ? ({ ...current, props: { ...(current as { props: object }).props, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Leerstand als Chance für Kultur im Quartier ${frame}` }] }] } } } as TLRecord)
          : ({ ...current, x: (current as { x: number }).x + 7, y: (current as { y: number }).y + 3 } as TLRecord)
        send(author, () => records.set(`shape:${id}`, next))
        sent += 1
      }
    }
    // A real server handles frames in I/O callbacks: let the event loop run (checkpoints finish in it).
    if (actions % 20 === 0) {
      await room.flush()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await room.flush()
  const appendSeconds = (performance.now() - appendStarted) / 1000
  const checkpointStarted = performance.now()
  const state = Y.encodeStateAsUpdate(room.doc)
  await store.writeCheckpoint('bench', room.storedSeq, state, now)
  const checkpointMs = performance.now() - checkpointStarted
  await room.close()

  const bytesRaw = dbBytes(dataDir)
  const contentRaw = store.storedBytes('bench')
  const seekRaw = await seekTimes(store, random, now)
  await store.startSession({ id: 's', workshopId: 'bench', title: 'Bench', startedAt: START, endedAt: null, coalescedMs: 0 })
  const session = (await store.endSession('bench', 's', now))!
  const coalesceStarted = performance.now()
  const coalesced = await coalesceSession(store, session, 1000)
  const coalesceSeconds = (performance.now() - coalesceStarted) / 1000
  await store.close()
  const reopened = new SqliteBoardStore(dataDir)
  const bytesCoalesced = dbBytes(dataDir)
  const contentCoalesced = reopened.storedBytes('bench')
  const seekCoalesced = await seekTimes(reopened, random, now)
  await reopened.close()
  if (!process.argv.includes("--keep")) fs.rmSync(dataDir, { recursive: true, force: true }); else console.error(dataDir)

  console.log(
    JSON.stringify({
      updates: UPDATES,
      participants: PARTICIPANTS,
      hours: HOURS,
      shapesAtEnd: shapeIds.length,
      appendsPerSecond: Math.round(UPDATES / appendSeconds),
      checkpoint: { ms: Math.round(checkpointMs * 10) / 10, bytes: state.byteLength },
      fileBytes: { raw: bytesRaw, coalesced: bytesCoalesced, perHourRaw: Math.round(bytesRaw / HOURS) },
      contentBytes: { raw: contentRaw, coalesced: contentCoalesced },
      coalesce: { ...coalesced, seconds: Math.round(coalesceSeconds * 10) / 10 },
      seekMs: { raw: seekRaw, coalesced: seekCoalesced },
    }),
  )
}

await main()
