/**
 * Issue 12, item 5 (the event-loop part): while one reviewer pulls a large board's history, states
 * and results ten times at once, the server keeps answering everyone else; `/healthz` stays under
 * HEALTHZ_BUDGET_MS. The server runs in a child process of its own (the built server), so what is
 * timed is its event loop, not this test's: here only the monitor's calls and the readers' sockets.
 *
 * Run alone, this prints its measurements (`npx vitest run server/src/hardening/heavy-reads.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { performance } from 'node:perf_hooks'
import fs from 'node:fs'
import type { WebsocketProvider } from 'y-websocket'
import { recordsOf } from '../testing/records.js'
import { timedHealthz, writeLargeBoard } from '../testing/large-board.js'
import { SqliteBoardStore } from '../store/sqlite-store.js'
import {
  ChildServer,
  as,
  connectProvider,
  createWorkshop,
  makeTempDataDir,
  waitForDoc,
  whenStored,
  whenSynced,
  type CreatedWorkshop,
} from '../testing/test-server.js'

const SHAPES = 3000
const LOGGED_EDITS = 3000
/** The bound for /healthz while the reads run. */
const HEALTHZ_BUDGET_MS = 200
/**
 * Rounds of the forty reads; the bound must hold in all but one. A round can be spoiled by the
 * machine (other test files or browsers taking both cores), while work on the event loop slows
 * every round alike: before the board workers, each round kept /healthz waiting about 0.8 s.
 */
const ROUNDS = 3
const ROUNDS_WITHIN_BUDGET = ROUNDS - 1

const server = new ChildServer(makeTempDataDir())
let workshop: CreatedWorkshop
let editor: WebsocketProvider

beforeAll(async () => {
  await server.start()
  workshop = await createWorkshop(server.httpUrl, 'Großes Board')
  editor = connectProvider(server.wsUrl, workshop)
  const watcher = connectProvider(server.wsUrl, workshop)
  await Promise.all([whenSynced(editor), whenSynced(watcher)])
  writeLargeBoard(editor.doc, SHAPES, LOGGED_EDITS)
  await whenStored(editor)
  await waitForDoc(watcher.doc, () => recordsOf(watcher.doc).size >= SHAPES + 2, 30_000)
  watcher.destroy()
  // As on a board that was edited for a while: the room's checkpoint after the burst is written
  // (read through a second connection to the same file; WAL lets it read beside the server).
  const store = new SqliteBoardStore(server.dataDir)
  try {
    while ((await store.loadBoard(workshop.id)).updates.length >= 500) await new Promise((resolve) => setTimeout(resolve, 100))
  } finally {
    await store.close()
  }
}, 120_000)

afterAll(async () => {
  editor?.destroy()
  await server.stop('SIGTERM')
  fs.rmSync(server.dataDir, { recursive: true, force: true })
})


/** Times /healthz every 20 ms until `during` settles. */
async function healthzWhile(during: Promise<unknown>): Promise<number[]> {
  let done = false
  void during.finally(() => (done = true))
  const times: number[] = []
  while (!done) {
    times.push(await timedHealthz(server.port))
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return times
}

async function read(path: string) {
  const started = performance.now()
  const response = await fetch(`${server.httpUrl}/api/workshops/${workshop.id}${path}`, { headers: as(workshop, path.startsWith('/export') ? 'facilitator' : 'reviewer') })
  const body = Buffer.from(await response.arrayBuffer())
  expect(response.status).toBe(200)
  return { path, ms: performance.now() - started, bytes: body.byteLength, body }
}

describe('heavy history reads', () => {
  it('forty parallel reads of history, states, .tldr and results all answer, identical ones alike, and /healthz stays fast', async () => {
    const at = Date.now()
    const single = { history: await read('/history'), state: await read(`/state?at=${at}`), export: await read('/export?format=json') }
    console.log(`one read each: ${JSON.stringify(Object.fromEntries(Object.entries(single).map(([name, one]) => [name, { ms: Math.round(one.ms), bytes: one.bytes }])))}`)
    const quiet = await healthzWhile(new Promise((resolve) => setTimeout(resolve, 1000)))
    const slowestHealthz: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now()
      const reading = Promise.all(
        Array.from({ length: 10 }, (_, i) => [read('/history'), read(`/state?at=${at - i - round * 10}`), read(`/state?at=${at}&format=tldr`), read('/export?format=md')]).flat(),
      )
      const healthz = await healthzWhile(reading)
      const reads = await reading
      const sorted = [...healthz].sort((a, b) => a - b)
      console.log(
        `round ${round}: 40 parallel reads in ${(performance.now() - started).toFixed(0)} ms (slowest ${Math.max(...reads.map((one) => one.ms)).toFixed(0)} ms); ` +
          `/healthz max ${sorted.at(-1)?.toFixed(0)} ms, median ${sorted[sorted.length >> 1]?.toFixed(0)} ms over ${sorted.length} calls; ` +
          `without reads max ${Math.max(...quiet).toFixed(0)} ms`,
      )
      expect(healthz.length).toBeGreaterThan(1)
      slowestHealthz.push(Math.max(...healthz))
      const tldr = reads.filter((one) => one.path.endsWith('format=tldr'))
      expect(tldr).toHaveLength(10)
      for (const one of tldr) expect(one.body.equals(tldr[0]!.body)).toBe(true)
      expect(JSON.parse(tldr[0]!.body.toString()).records.length).toBeGreaterThanOrEqual(SHAPES)
      const states = reads.filter((one) => one.path.startsWith('/state?at=') && !one.path.includes('format'))
      for (const one of states) expect(JSON.parse(one.body.toString()).records.length).toBeGreaterThanOrEqual(SHAPES)
      const results = reads.filter((one) => one.path.startsWith('/export'))
      for (const one of results) expect(one.body.toString()).toContain('Großes Board')
    }
    const withinBudget = slowestHealthz.filter((ms) => ms < HEALTHZ_BUDGET_MS).length
    expect(withinBudget, `rounds with /healthz under ${HEALTHZ_BUDGET_MS} ms (slowest per round: ${slowestHealthz.map(Math.round).join(', ')} ms)`).toBeGreaterThanOrEqual(ROUNDS_WITHIN_BUDGET)
  }, 180_000)
})
