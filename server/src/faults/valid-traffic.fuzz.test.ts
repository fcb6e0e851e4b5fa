/**
 * Seeded fuzz of valid traffic: stock y-websocket clients that behave like our browsers, and a
 * facilitator who uses every tool, against a real server with a real SQLite file.
 *
 * Two workshops run at once, five people each. Every person has a server-issued identity and a
 * browser (testing/fuzz-browsers.ts): tabs on their own Y.Doc kept across network drops, and an
 * IndexedDB copy from which reloads and new tabs open. One seeded random drives each workshop:
 * - edits: create shapes and sticky notes, move shapes (anyone's), delete shapes (anyone's), write
 *   meta as the binding does, move the cursor (presence with the person's own identity);
 * - the network and the browser: drop (provider.disconnect()), edit offline, come back
 *   (provider.connect()) and edit before the sync, everyone dropping at once, reload (a copy of
 *   IndexedDB, online or offline), open a second tab, close a tab;
 * - the facilitator's API: timer start, pause, resume, stop; lock and unlock; step; summon;
 *   private mode on and off and the reveal; vote open and close;
 * - each person's API: private notes written, deleted and listed, dots placed, taken back and
 *   listed, with the person's identity.
 * Every API answer is checked against a model (testing/workshop-api-fuzz.ts). While the board is
 * locked, nothing written is on the server's board; after the unlock it lands.
 *
 * Every QUIET_EVERY_STEPS steps, and at the end after everyone is back (and has opened the board
 * once more, so edits of closed tabs come along from IndexedDB): every online tab is synced and
 * its save confirmed, every online tab's board equals the room's (records, meta, facilitation and
 * state vector), and so does a reviewer who watches the whole run; the store loads to the same
 * board, and the board holds what the model says (expected-board.ts). No socket of any tab may
 * ever be closed with a refusing code (4xxx, 1002, 1007, 1008, 1009, 1011), and the server ignores
 * no presence. The store loads to the same board after a restart.
 *
 * The seed fixes the operations, not the timing of the network: a failing seed usually, not
 * always, fails again. CI runs a short form; soak mode from the command line:
 *
 *   VALID_FUZZ_STEPS=5000 npx vitest run server/src/faults/valid-traffic
 *   VALID_FUZZ_STEPS=400 VALID_FUZZ_SEED=123456 npx vitest run server/src/faults/valid-traffic
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { TLRecord } from '@tldraw/tlschema'
import { seededRandom } from '@quartierboard/shared'
import { bindingOrigin, frame, note, writeAsBinding, writeMetaAsBinding } from '../testing/board-writes.js'
import { SERVER_LINEAGE, ExpectedBoard, canonical, differences, shapesOf, viewOf, type BoardView } from '../testing/expected-board.js'
import { Person, isRefusal, type Tab } from '../testing/fuzz-browsers.js'
import { issueIdentity } from '../testing/identities.js'
import { documentRecords, geoShape } from '../testing/records.js'
import { WorkshopApiFuzz } from '../testing/workshop-api-fuzz.js'
import { connectProvider, createWorkshop, startTestServer, whenStored, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

/** Steps per workshop. */
const STEPS = Number(process.env.VALID_FUZZ_STEPS ?? 300)
const SEED = Number(process.env.VALID_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const WORKSHOPS = 2
const PEOPLE_PER_WORKSHOP = 5
const MAX_TABS_PER_PERSON = 2
const QUIET_EVERY_STEPS = 50
/** How long a quiet period may take to converge before the run fails. */
const QUIET_TIMEOUT_MS = 20_000
/** Each step waits up to this long, so that messages interleave with the next operations. */
const MAX_STEP_PAUSE_MS = 4
/** How long edits made while locked get to (wrongly) reach the room before the unlock. */
const LOCK_SETTLE_MS = 100
const VOTE_NOTES = 3
const TRACE_LENGTH = 25

type Random = () => number
const int = (random: Random, below: number) => Math.floor(random() * below)
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves as `promise` does, or fails with `message` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

interface Stats {
  steps: number
  operations: Map<string, number>
  quietPeriods: number
  slowestQuietMs: number
  editsWhileLocked: number
}

class Lane {
  step = 0
  readonly trace: string[] = []
  readonly refusals: string[] = []
  readonly people: Person[] = []
  /** A reviewer who watches the whole run (read-only, no identity): sees what everyone sees. */
  private reviewer: WebsocketProvider | null = null
  readonly board = new ExpectedBoard()
  /** The facilitator's and each person's API calls, and their model. */
  private api!: WorkshopApiFuzz
  /** Values written while the board is locked: none may be in the room before the unlock. */
  private writtenWhileLocked: Array<{ id: string; value: string }> = []
  private nextShape = 0
  private nextLineage = 0
  /** Every write gets its own x, so that each written value is unique. */
  private nextX = 0
  readonly frameId = 'shape:ideen'
  readonly voteNotes = Array.from({ length: VOTE_NOTES }, (_, index) => `shape:vote-${index}`)

  constructor(
    readonly index: number,
    readonly running: RunningServer,
    readonly workshop: CreatedWorkshop,
    readonly random: Random,
    readonly stats: Stats,
  ) {}

  get tabs(): Tab[] {
    return this.people.flatMap((person) => person.tabs)
  }

  private newLineage(): number {
    return this.nextLineage++
  }

  async setUp(): Promise<void> {
    for (let index = 0; index < PEOPLE_PER_WORKSHOP; index++) {
      const identity = await issueIdentity(this.running.httpUrl, this.workshop)
      const person = new Person(`Person ${this.index}.${index}`, '#1c7ed6', identity, this.workshop, this.running.wsUrl, this.refusals)
      this.people.push(person)
    }
    this.api = new WorkshopApiFuzz({
      httpUrl: this.running.httpUrl,
      workshop: this.workshop,
      random: this.random,
      people: this.people,
      board: this.board,
      frameId: this.frameId,
      voteNotes: this.voteNotes,
      nextX: () => this.nextX++,
      newShapeId: (kind) => `shape:l${this.index}-${kind}-${this.nextShape++}`,
    })
    // The first person starts the board: the document, a frame and notes to vote on.
    const first = this.people[0]!.openTab(this.newLineage(), true)
    await this.until(() => first.synced, 'the first tab syncs')
    const shapes = [frame(this.frameId), ...this.voteNotes.map((id, index) => note(id, this.frameId, `Idee ${index}`, this.people[0]!.presenceId, 100 + index * 300))]
    first.doc.transact(() => {
      writeMetaAsBinding(first.doc)
      writeAsBinding(first.doc, [...documentRecords(), ...shapes])
    }, bindingOrigin)
    for (const shape of shapes) this.board.write(first.lineage, shape)
    await whenStored(first.provider)
    for (const person of this.people.slice(1)) person.openTab(this.newLineage(), true)
    const reviewer = connectProvider(this.running.wsUrl, this.workshop, new Y.Doc(), 'reviewer')
    reviewer.on('connection-close', (event: CloseEvent | null) => {
      if (event && isRefusal(event.code)) this.refusals.push(`reviewer: closed with ${event.code} "${String(event.reason)}"`)
    })
    this.reviewer = reviewer
    await this.until(() => this.tabs.every((tab) => tab.synced) && reviewer.synced, 'every tab syncs')
  }

  note(line: string): void {
    this.trace.push(`${this.step}: ${line}`)
    if (this.trace.length > TRACE_LENGTH) this.trace.shift()
    const kind = line.split(':')[0]!
    this.stats.operations.set(kind, (this.stats.operations.get(kind) ?? 0) + 1)
  }

  private anyTab(): Tab | null {
    const tabs = this.tabs
    return tabs.length === 0 ? null : pick(this.random, tabs)
  }

  private wrote(tab: Tab, record: TLRecord): void {
    this.board.write(tab.lineage, record)
    if (this.api.facilitation.locked) {
      this.writtenWhileLocked.push({ id: record.id, value: canonical(record) })
      this.stats.editsWhileLocked += 1
    }
  }

  // ---- edits -------------------------------------------------------------------------------

  private create(tab = this.anyTab()): string | null {
    if (!tab) return null
    const id = `shape:l${this.index}-${this.nextShape++}`
    const x = this.nextX++
    const kind = int(this.random, 3)
    const record =
      kind === 0 ? geoShape(id.slice('shape:'.length), x, int(this.random, 1000)) : note(id, kind === 1 ? this.frameId : 'page:page', `Notiz ${id}`, tab.person.presenceId, x)
    writeAsBinding(tab.doc, [record])
    this.wrote(tab, record)
    return `create: ${id} by tab ${tab.lineage}${tab.online ? '' : ' (offline)'}`
  }

  /** A move, or a new shape when the tab sees none. */
  private edit(tab: Tab): string {
    return (this.random() < 0.5 ? this.move(tab) : null) ?? this.create(tab)!
  }

  /** A shape of the tab's board (anyone's); `deletable` leaves out the frame and notes of the vote. */
  private shapeOf(tab: Tab, deletable: boolean): TLRecord | null {
    const shapes = [...shapesOf(tab.doc).values()].filter((shape) => !deletable || (shape.id !== this.frameId && !this.voteNotes.includes(shape.id)))
    return shapes.length === 0 ? null : pick(this.random, shapes)
  }

  private move(tab = this.anyTab()): string | null {
    const shape = tab && this.shapeOf(tab, false)
    if (!tab || !shape) return null
    const moved = { ...shape, x: this.nextX++, y: int(this.random, 1000) } as TLRecord
    writeAsBinding(tab.doc, [moved])
    this.wrote(tab, moved)
    return `move: ${shape.id} by tab ${tab.lineage}${tab.online ? '' : ' (offline)'}`
  }

  private remove(): string | null {
    const tab = this.anyTab()
    const shape = tab && this.shapeOf(tab, true)
    if (!tab || !shape) return null
    writeAsBinding(tab.doc, [], [shape.id])
    this.board.delete(tab.lineage, shape.id)
    return `delete: ${shape.id} by tab ${tab.lineage}${tab.online ? '' : ' (offline)'}`
  }

  private meta(): string | null {
    const tab = this.anyTab()
    if (!tab) return null
    writeMetaAsBinding(tab.doc)
    return `meta: tab ${tab.lineage}`
  }

  private cursor(): string | null {
    const tab = this.anyTab()
    if (!tab) return null
    tab.moveCursor(int(this.random, 2000), int(this.random, 1000))
    return `cursor: tab ${tab.lineage}`
  }

  // ---- network and browser -----------------------------------------------------------------

  private drop(): string | null {
    const tab = this.tabs.find((candidate) => candidate.online && this.random() < 0.5) ?? this.tabs.find((candidate) => candidate.online)
    if (!tab) return null
    tab.provider.disconnect()
    return `drop: tab ${tab.lineage}`
  }

  private comeBack(): string | null {
    const offline = this.tabs.filter((tab) => !tab.online)
    if (offline.length === 0) return null
    const tab = pick(this.random, offline)
    tab.provider.connect()
    // Now and then the person draws at once, before the sync: that edit continues the offline ones.
    if (this.random() < 0.4) return `back: tab ${tab.lineage}, then ${this.edit(tab)}`
    return `back: tab ${tab.lineage}`
  }

  /** A short drop: offline, an edit, back, and an edit before the sync. */
  private flap(): string | null {
    const tab = this.tabs.find((candidate) => candidate.online && this.random() < 0.5) ?? this.tabs.find((candidate) => candidate.online)
    if (!tab) return null
    tab.provider.disconnect()
    const offline = this.edit(tab)
    tab.provider.connect()
    return `flap: tab ${tab.lineage}: ${offline} (offline), back, ${this.edit(tab)}`
  }

  /** The venue's network goes: every tab drops at once (the room unloads once the last socket is gone). */
  private outage(): string | null {
    const online = this.tabs.filter((tab) => tab.online)
    if (online.length === 0) return null
    for (const tab of online) tab.provider.disconnect()
    return `outage: ${online.length} tabs drop`
  }

  private reload(): string | null {
    const tab = this.anyTab()
    if (!tab) return null
    const fresh = tab.person.reload(tab)
    const reloaded = `reload: tab ${tab.lineage}${fresh.online ? '' : ' (offline)'}`
    return this.random() < 0.3 ? `${reloaded}, then ${this.edit(fresh)}` : reloaded
  }

  private openTab(): string | null {
    const person = pick(this.random, this.people)
    if (person.tabs.length >= MAX_TABS_PER_PERSON) return null
    const tab = person.openTab(this.newLineage(), this.random() < 0.85)
    return `tab: ${person.name} opens tab ${tab.lineage}${tab.online ? '' : ' (offline)'}`
  }

  private closeTab(): string | null {
    const tab = this.anyTab()
    if (!tab) return null
    tab.person.closeTab(tab)
    return `close: tab ${tab.lineage}${tab.online ? '' : ' (offline)'}`
  }

  /** Unlocks, after checking that nothing written while locked reached the room. */
  private async unlock(): Promise<string | null> {
    if (!this.api.facilitation.locked) return null
    await pause(LOCK_SETTLE_MS)
    await this.running.server.rooms.withRoom(this.workshop.id, async (room) => {
      await room.flush()
      const records = viewOf(room.doc).records
      const landed = this.writtenWhileLocked.filter((write) => records.get(write.id) === write.value)
      expect(landed.map((write) => write.id), 'edits made while the board was locked are on the board before the unlock').toEqual([])
    })
    this.writtenWhileLocked = []
    return this.api.unlock()
  }

  // ---- the run -----------------------------------------------------------------------------

  private readonly operations: Array<[weight: number, name: string, run: () => string | null | Promise<string | null>]> = [
    [22, 'create', () => this.create()],
    [18, 'move', () => this.move()],
    [9, 'delete', () => this.remove()],
    [2, 'meta', () => this.meta()],
    [5, 'cursor', () => this.cursor()],
    [5, 'drop', () => this.drop()],
    [8, 'back', () => this.comeBack()],
    [3, 'flap', () => this.flap()],
    [1, 'outage', () => this.outage()],
    [3, 'reload', () => this.reload()],
    [2, 'tab', () => this.openTab()],
    [2, 'close', () => this.closeTab()],
    [4, 'timer', () => this.api.timer()],
    [2, 'lock', () => this.api.lock()],
    [8, 'unlock', () => this.unlock()],
    [1, 'step', () => this.api.nextStep()],
    [1, 'summon', () => this.api.summon()],
    [2, 'private', () => this.api.privateMode()],
    [1, 'reveal', () => this.api.reveal()],
    [5, 'private note', () => this.api.privateNote()],
    [2, 'vote', () => this.api.vote()],
    [6, 'dot', () => this.api.dot()],
  ]

  private readonly totalWeight = this.operations.reduce((sum, [weight]) => sum + weight, 0)

  /** One operation, drawn by weight among those that apply now. */
  async runStep(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      let draw = this.random() * this.totalWeight
      const operation = this.operations.find(([weight]) => (draw -= weight) < 0) ?? this.operations[0]!
      const done = await operation[2]()
      if (done === null) continue
      this.note(done)
      break
    }
    this.stats.steps += 1
    this.assertNoRefusal()
    await pause(int(this.random, MAX_STEP_PAUSE_MS + 1))
  }

  assertNoRefusal(): void {
    expect(this.refusals, 'a valid client was refused').toEqual([])
  }

  /** Waits until `predicate` holds, failing on a refusal or after QUIET_TIMEOUT_MS. */
  async until(predicate: () => boolean, what: string, describe?: () => string): Promise<void> {
    const deadline = Date.now() + QUIET_TIMEOUT_MS
    while (!predicate()) {
      this.assertNoRefusal()
      if (Date.now() > deadline) throw new Error(`timed out after ${QUIET_TIMEOUT_MS} ms: ${what}${describe ? `; ${describe()}` : ''}`)
      await pause(10)
    }
  }

  /**
   * A quiet period: the facilitator unlocks (if locked), every online tab syncs and gets its saves
   * confirmed, and then every online tab, the room and the store hold the same board, which holds
   * what the model says for every lineage that has reached the server.
   */
  async quiet(label: string, everyLineageSettled = false): Promise<void> {
    const started = Date.now()
    if (this.api.facilitation.locked) this.note(`${(await this.unlock())!} (quiet period)`)
    const online = this.tabs.filter((tab) => tab.online)
    const describeTabs = () => online.filter((tab) => !tab.synced).map((tab) => `tab ${tab.lineage} not synced`).join(', ')
    await this.until(() => online.every((tab) => tab.synced), `${label}: every online tab syncs`, describeTabs)
    await Promise.all(online.map((tab) => within(whenStored(tab.provider), QUIET_TIMEOUT_MS, `${label}: the server never confirmed the saves of tab ${tab.lineage}`)))
    const watchers = [...online.map((tab) => ({ name: `tab ${tab.lineage}`, doc: tab.doc })), { name: 'the reviewer', doc: this.reviewer!.doc }]
    await this.running.server.rooms.withRoom(this.workshop.id, async (room) => {
      let roomView: BoardView = viewOf(room.doc)
      const lagging = () => watchers.filter((watcher) => differences(viewOf(watcher.doc), roomView).length > 0)
      await this.until(
        () => {
          roomView = viewOf(room.doc)
          return lagging().length === 0
        },
        `${label}: every online tab and the reviewer equal the room`,
        () => lagging().map((watcher) => `${watcher.name}: ${differences(viewOf(watcher.doc), roomView).join('; ')}`).join(' | '),
      )
      await room.flush()
      expect(differences(await storedView(this.running, this.workshop.id), viewOf(room.doc)), `${label}: the store equals the room`).toEqual([])
      const live = new Set(online.map((tab) => tab.lineage))
      const settled = (lineage: number) => everyLineageSettled || lineage === SERVER_LINEAGE || live.has(lineage)
      expect(this.board.problems(shapesOf(room.doc), settled), `${label}: the board holds every edit`).toEqual([])
      this.api.check(room.doc)
    })
    this.stats.quietPeriods += 1
    this.stats.slowestQuietMs = Math.max(this.stats.slowestQuietMs, Date.now() - started)
  }

  async run(steps: number): Promise<void> {
    await this.setUp()
    for (this.step = 1; this.step <= steps; this.step++) {
      await this.runStep()
      if (this.step % QUIET_EVERY_STEPS === 0) await this.quiet(`quiet period after step ${this.step}`)
    }
    // Everyone comes back, then opens the board once more (edits of closed tabs come from IndexedDB).
    for (const tab of this.tabs) if (!tab.online) tab.provider.connect()
    await this.quiet('everyone back')
    for (const person of this.people) person.openTab(this.newLineage(), true)
    await this.quiet('everyone opened the board again', true)
  }

  get revealed(): number {
    return this.api.revealed
  }

  close(): void {
    for (const person of this.people) for (const tab of [...person.tabs]) person.closeTab(tab)
    this.reviewer?.destroy()
  }
}

/** The board as the store holds it: the newest checkpoint and every update after it. */
async function storedView(running: RunningServer, workshopId: string): Promise<BoardView> {
  const stored = await running.server.store.loadBoard(workshopId)
  const doc = new Y.Doc()
  if (stored.checkpoint) Y.applyUpdate(doc, stored.checkpoint)
  for (const update of stored.updates) Y.applyUpdate(doc, update.data)
  const view = viewOf(doc)
  doc.destroy()
  return view
}

/** Sums of a Prometheus counter's samples whose line matches `pattern`. */
function metric(text: string, pattern: RegExp): number {
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
}

let running: RunningServer
beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

describe('valid traffic', () => {
  it(
    `${WORKSHOPS} workshops of ${PEOPLE_PER_WORKSHOP} people, ${STEPS} steps each: no valid client refused, everyone converges after every quiet period`,
    { timeout: Math.max(120_000, STEPS * WORKSHOPS * 200) },
    async () => {
      const stats: Stats = { steps: 0, operations: new Map(), quietPeriods: 0, slowestQuietMs: 0, editsWhileLocked: 0 }
      const lanes: Lane[] = []
      for (let index = 0; index < WORKSHOPS; index++) {
        lanes.push(new Lane(index, running, await createWorkshop(running.httpUrl, `Valid traffic ${index}`), seededRandom(SEED + index * 0x9e3779b9), stats))
      }
      const started = Date.now()
      try {
        await Promise.all(
          lanes.map(async (lane) => {
            try {
              await lane.run(STEPS)
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error)
              throw new Error(
                `valid-traffic fuzz failed in workshop ${lane.index} at step ${lane.step}; replay with VALID_FUZZ_SEED=${SEED} VALID_FUZZ_STEPS=${STEPS}: ${message}\nlast operations:\n${lane.trace.join('\n')}`,
                { cause: error },
              )
            }
          }),
        )
      } finally {
        for (const lane of lanes) lane.close()
      }
      const seconds = (Date.now() - started) / 1000
      const revealed = lanes.reduce((sum, lane) => sum + lane.revealed, 0)

      const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text()
      const refusingCloses = metrics.split('\n').filter((line) => /^qb_sync_sockets_closed_total\{code="(4\d{3}|1002|1007|1008|1009|1011)"\} [1-9]/.test(line))
      expect(refusingCloses, 'the server closed sockets with a refusing code').toEqual([])
      expect(metric(metrics, /^qb_awareness_claims_refused_total /), 'presence states the server ignored').toBe(0)
      const askedAgain = metric(metrics, /^qb_updates_rejected_total\{reason="not yet integrable \(asked again\)"\}/)
      const droppedWhileLocked = metric(metrics, /^qb_updates_dropped_readonly_total /)

      // The board loads after a restart exactly as the room held it.
      const before = await Promise.all(lanes.map((lane) => storedView(running, lane.workshop.id)))
      const dataDir = running.dataDir
      await running.server.close()
      running = await startTestServer({ dataDir })
      for (const [index, lane] of lanes.entries()) {
        const after = await running.server.rooms.withRoom(lane.workshop.id, (room) => viewOf(room.doc))
        expect(differences(after, before[index]!), `workshop ${index} after a restart`).toEqual([])
      }

      console.info(
        `valid-traffic fuzz: seed ${SEED}, ${stats.steps} steps in ${WORKSHOPS} workshops in ${seconds.toFixed(1)} s, ` +
          `${stats.quietPeriods} quiet periods (slowest ${stats.slowestQuietMs} ms), 0 refusals, ` +
          `${stats.editsWhileLocked} edits while locked, ${revealed} private notes revealed, ` +
          `${askedAgain} updates dropped and asked again, ${droppedWhileLocked} dropped while locked; operations:`,
        Object.fromEntries([...stats.operations].sort((a, b) => b[1] - a[1])),
      )
    },
  )
})
