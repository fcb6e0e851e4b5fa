/**
 * `pnpm bench` (in e2e/): measures our server side by side with peer servers in the same run.
 *
 *   tsx bench/run.ts [--smoke] [--out results.json] [--rounds N] [--scenarios fanout,rooms,burst,join,browser]
 *                    [--servers ours,y-websocket,hocuspocus,tldraw] [--clients 10,50,200] [--duration S]
 *
 * Every server runs in its own child process, started fresh for every measurement; the clients run
 * in two other child processes. Scenarios × servers are interleaved: for every scenario and round,
 * each server in turn (order rotated per round). The `browser` scenarios (see browser.ts) run our
 * built client in headless Chromium, driven from this process, against our server only.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ServerKind, Target } from './adapters.js'
import { now } from './records.js'
import { median, percentile, summarize } from './stats.js'
import { benchDir, e2eDir, repoDir, serverAvailable, startServer, type RunningServer } from './servers.js'
import { CHROMIUM_PATH, VIEWPORT, browserVersion, closeBrowser, editLatency, loadBoard, remoteDrag } from './browser.js'

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(`--${name}`)
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`)
  return index >= 0 ? argv[index + 1] : undefined
}
const smoke = flag('smoke')
const outFile = option('out')
const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean)

const ALL_SERVERS: ServerKind[] = ['ours', 'y-websocket', 'hocuspocus', 'tldraw']

const config = {
  smoke,
  rounds: Number(option('rounds') ?? (smoke ? 1 : 3)),
  scenarios: list(option('scenarios')) ?? ['fanout', 'rooms', 'burst', 'join', 'browser'],
  servers: (list(option('servers')) as ServerKind[] | undefined) ?? ALL_SERVERS,
  fanout: {
    clients: (list(option('clients')) ?? (smoke ? ['5'] : ['10', '50', '200'])).map(Number),
    editors: 5,
    rateHz: 10,
    durationMs: Number(option('duration') ?? (smoke ? 1.5 : 10)) * 1000,
    drainTimeoutMs: 10_000,
  },
  rooms: { count: smoke ? 10 : 100, clientsPerRoom: smoke ? 3 : 5, rateHz: 1, durationMs: (smoke ? 3 : 10) * 1000, drainTimeoutMs: 15_000 },
  burst: { updates: smoke ? 500 : 5000, timeoutMs: 120_000 },
  join: { shapes: smoke ? 500 : 10_000, joinsPerRound: smoke ? 2 : 3, batch: 500, timeoutMs: 120_000 },
  browser: {
    /** board sizes for the load measurement, each loaded `loadsPerRound` times in a fresh context */
    loadShapes: smoke ? [200] : [1000, 5000],
    loadsPerRound: smoke ? 2 : 3,
    /** target: the median load of a board of this many shapes is interactive within `ms` */
    loadTarget: { shapes: 5000, ms: 3000 },
    /** shapes on the board of the edit latency and drag measurements */
    boardShapes: smoke ? 20 : 200,
    edits: smoke ? 20 : 100,
    /** not a multiple of the 16.7 ms frame, so the edits fall at every phase of the receiver's frame */
    editIntervalMs: 47,
    dragMs: smoke ? 2000 : 5000,
    idleMs: smoke ? 1000 : 2000,
    chromium: CHROMIUM_PATH,
    viewport: VIEWPORT,
  },
  clientProcesses: 2,
}

for (const kind of config.servers) if (!ALL_SERVERS.includes(kind)) throw new Error(`unknown server ${kind}`)

// ---------------------------------------------------------------- client processes

/** What a client process sends back (client-proc.ts): that it is ready, or the outcome of call `id`. */
interface ProcReply {
  ready?: boolean
  id: number
  ok?: boolean
  result?: unknown
  error?: string
}

class ClientProc {
  private readonly child: ChildProcess
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>()
  private nextId = 1
  private stderr = ''
  readonly ready: Promise<void>

  constructor(readonly index: number) {
    this.child = fork(path.join(benchDir, 'client-proc.ts'), [], {
      cwd: e2eDir,
      execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    })
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000)
    })
    this.ready = new Promise((resolve, reject) => {
      this.child.once('error', reject)
      this.child.once('exit', (code) => {
        reject(new Error(`client process ${index} exited (${code}): ${this.stderr}`))
        for (const { reject: fail } of this.pending.values()) fail(new Error(`client process ${index} exited (${code}): ${this.stderr}`))
      })
      this.child.on('message', (raw) => {
        const message = raw as ProcReply
        if (message.ready) return resolve()
        const waiter = this.pending.get(message.id)
        if (!waiter) return
        this.pending.delete(message.id)
        if (message.ok) waiter.resolve(message.result)
        else waiter.reject(new Error(`client process ${index}: ${message.error}`))
      })
    })
  }

  call<T = unknown>(command: Record<string, unknown>): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      // the client process answers this id with the result of this command, a T
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject })
      this.child.send({ id, command })
    })
  }

  async exit(): Promise<void> {
    await this.call({ op: 'exit' }).catch(() => undefined)
  }
}

// ---------------------------------------------------------------- scenarios

type Metrics = Record<string, number>

interface Ctx {
  server: RunningServer
  target: Target
  procs: ClientProc[]
}

const procOf = (ctx: Ctx, id: number) => ctx.procs[id % ctx.procs.length]!
const idsOf = (ctx: Ctx, proc: ClientProc, total: number) => Array.from({ length: total }, (_, i) => i).filter((id) => procOf(ctx, id) === proc)
const all = <T>(ctx: Ctx, command: (proc: ClientProc) => Record<string, unknown> | null) =>
  Promise.all(ctx.procs.map((proc) => {
    const c = command(proc)
    return c ? proc.call<T>(c) : Promise.resolve(null as T)
  }))

async function connectAll(ctx: Ctx, total: number): Promise<void> {
  // client 0 first (it seeds), then the rest in chunks so that 200 sockets do not all open in one tick
  await procOf(ctx, 0).call({ op: 'connect', target: ctx.target, ids: [0], timeoutMs: 30_000 })
  const rest = Array.from({ length: total - 1 }, (_, i) => i + 1)
  for (let start = 0; start < rest.length; start += 50) {
    const chunk = rest.slice(start, start + 50)
    await Promise.all(ctx.procs.map((proc) => {
      const ids = chunk.filter((id) => procOf(ctx, id) === proc)
      return ids.length ? proc.call({ op: 'connect', target: ctx.target, ids, timeoutMs: 60_000 }) : null
    }))
  }
}

async function fanout(ctx: Ctx, clients: number): Promise<{ metrics: Metrics; samples: number[] }> {
  const editors = Array.from({ length: Math.min(config.fanout.editors, clients) }, (_, i) => i)
  await connectAll(ctx, clients)
  await procOf(ctx, 0).call({ op: 'seed', id: 0, editors, fillers: 0, batch: 500 })
  await all(ctx, () => ({ op: 'waitCount', count: 2 + editors.length, timeoutMs: 30_000 }))
  await all(ctx, () => ({ op: 'reset', record: true }))
  const cpu0 = ctx.server.cpuMs()
  const startAt = now() + 300
  const phases = await all<{ sends: Record<string, number>; t0: number; t1: number }>(ctx, (proc) => ({
    op: 'fanout',
    editors: editors.filter((id) => procOf(ctx, id) === proc),
    rateHz: config.fanout.rateHz,
    durationMs: config.fanout.durationMs,
    startAt,
  }))
  const sends: Record<string, number> = Object.assign({}, ...phases.map((p) => p.sends))
  const t0 = Math.min(...phases.map((p) => p.t0))
  const drains = await all<{ expected: number; received: number; superseded: number; lost: number; lastReceiveAt: number; samples: number[] }>(ctx, () => ({
    op: 'drain',
    sends,
    timeoutMs: config.fanout.drainTimeoutMs,
  }))
  const cpu1 = ctx.server.cpuMs()
  const rss = ctx.server.rssMb()
  const samples = drains.flatMap((d) => d.samples)
  const received = drains.reduce((a, d) => a + d.received, 0)
  const lastReceiveAt = Math.max(...drains.map((d) => d.lastReceiveAt))
  const totalSends = Object.values(sends).reduce((a, b) => a + b, 0)
  const s = summarize(samples)
  return {
    samples,
    metrics: {
      p50: s.p50,
      p95: s.p95,
      p99: s.p99,
      max: s.max,
      deliveredPerSec: received / ((lastReceiveAt - t0) / 1000),
      lost: drains.reduce((a, d) => a + d.lost, 0),
      superseded: drains.reduce((a, d) => a + d.superseded, 0),
      sends: totalSends,
      serverCpuMs: cpu1 - cpu0,
      serverCpuPerKDelivered: ((cpu1 - cpu0) / Math.max(1, received)) * 1000,
      serverRssMb: rss,
    },
  }
}

/** Many rooms: R rooms of K clients, every client editing its shape once a second. */
async function manyRooms(ctx: Ctx): Promise<{ metrics: Metrics; samples: number[] }> {
  const { count, clientsPerRoom } = config.rooms
  const roomOf: Record<string, string> = {}
  for (let room = 0; room < count; room++) {
    const target = room === 0 ? ctx.target : await ctx.server.newRoom()
    const ids = Array.from({ length: clientsPerRoom }, (_, i) => room * clientsPerRoom + i)
    for (const id of ids) roomOf[id] = target.room
    await procOf(ctx, ids[0]!).call({ op: 'connect', target, ids: [ids[0]!], timeoutMs: 30_000 })
    await procOf(ctx, ids[0]!).call({ op: 'seed', id: ids[0]!, editors: ids, fillers: 0, batch: 500 })
    await Promise.all(
      ctx.procs.map((proc) => {
        const rest = ids.slice(1).filter((id) => procOf(ctx, id) === proc)
        return rest.length ? proc.call({ op: 'connect', target, ids: rest, timeoutMs: 30_000 }) : null
      }),
    )
  }
  const total = count * clientsPerRoom
  await all(ctx, () => ({ op: 'waitCount', count: 2 + clientsPerRoom, timeoutMs: 60_000 }))
  await all(ctx, () => ({ op: 'reset', record: true }))
  const cpu0 = ctx.server.cpuMs()
  const startAt = now() + 300
  const phases = await all<{ sends: Record<string, number>; t0: number }>(ctx, (proc) => ({
    op: 'fanout',
    editors: idsOf(ctx, proc, total),
    rateHz: config.rooms.rateHz,
    durationMs: config.rooms.durationMs,
    startAt,
  }))
  const sends: Record<string, number> = Object.assign({}, ...phases.map((p) => p.sends))
  const drains = await all<{ received: number; superseded: number; lost: number; samples: number[] }>(ctx, () => ({
    op: 'drain',
    sends,
    roomOf,
    timeoutMs: config.rooms.drainTimeoutMs,
  }))
  const cpu1 = ctx.server.cpuMs()
  const samples = drains.flatMap((d) => d.samples)
  const received = drains.reduce((a, d) => a + d.received, 0)
  const s = summarize(samples)
  return {
    samples,
    metrics: {
      p50: s.p50,
      p95: s.p95,
      p99: s.p99,
      max: s.max,
      deliveredPerSec: received / (config.rooms.durationMs / 1000),
      lost: drains.reduce((a, d) => a + d.lost, 0),
      superseded: drains.reduce((a, d) => a + d.superseded, 0),
      sends: Object.values(sends).reduce((a, b) => a + b, 0),
      serverCpuMs: cpu1 - cpu0,
      serverCpuPerKDelivered: ((cpu1 - cpu0) / Math.max(1, received)) * 1000,
      serverRssMb: ctx.server.rssMb(),
    },
  }
}

async function burst(ctx: Ctx): Promise<{ metrics: Metrics }> {
  await connectAll(ctx, 2)
  await procOf(ctx, 0).call({ op: 'seed', id: 0, editors: [0], fillers: 0, batch: 500 })
  await all(ctx, () => ({ op: 'waitCount', count: 3, timeoutMs: 30_000 }))
  await all(ctx, () => ({ op: 'reset', record: false }))
  const cpu0 = ctx.server.cpuMs()
  const [expect, sent] = await Promise.all([
    procOf(ctx, 1).call<{ ok: boolean; received: number; superseded: number; lost: number; doneAt: number }>({ op: 'expect', id: 1, from: 0, count: config.burst.updates, timeoutMs: config.burst.timeoutMs }),
    procOf(ctx, 0).call<{ t0: number; sentAt: number }>({ op: 'burst', id: 0, count: config.burst.updates }),
  ])
  const cpu1 = ctx.server.cpuMs()
  const ms = expect.ok ? expect.doneAt - sent.t0 : NaN
  return {
    metrics: {
      allReceivedMs: ms,
      updatesPerSec: config.burst.updates / (ms / 1000),
      senderLoopMs: sent.sentAt - sent.t0,
      lost: expect.lost,
      superseded: expect.superseded,
      serverCpuMs: cpu1 - cpu0,
    },
  }
}

async function join(ctx: Ctx): Promise<{ metrics: Metrics; joins: number[] }> {
  const count = config.join.shapes + 2
  await connectAll(ctx, 2)
  const seedStart = now()
  await procOf(ctx, 0).call({ op: 'seed', id: 0, editors: [], fillers: config.join.shapes, batch: config.join.batch })
  await all(ctx, () => ({ op: 'waitCount', count, timeoutMs: config.join.timeoutMs }))
  const seedMs = now() - seedStart
  const joins: number[] = []
  for (let i = 0; i < config.join.joinsPerRound; i++) {
    const result = await procOf(ctx, 1).call<{ ms: number }>({ op: 'join', target: ctx.target, count, timeoutMs: config.join.timeoutMs })
    joins.push(result.ms)
  }
  return { joins, metrics: { joinMs: median(joins), joinMaxMs: Math.max(...joins), seedMs, serverRssMb: ctx.server.rssMb() } }
}

// ---------------------------------------------------------------- table definitions

interface MetricDef {
  key: string
  label: string
  better: 'lower' | 'higher' | 'zero' | 'info'
  digits: number
  /** statistic over a pool of raw values collected by every round (RunRecord.pools) */
  pool?: { name: string; stat: 'p50' | 'p95' | 'max' | 'min' }
  /** how rounds combine when not pooled (default: median of rounds) */
  agg?: 'sum' | 'max'
}

const FANOUT_METRICS: MetricDef[] = [
  { key: 'p50', label: 'latency p50 ms', better: 'lower', digits: 1 },
  { key: 'p95', label: 'latency p95 ms', better: 'lower', digits: 1 },
  { key: 'p99', label: 'latency p99 ms', better: 'lower', digits: 1 },
  { key: 'max', label: 'latency max ms', better: 'lower', digits: 1 },
  { key: 'deliveredPerSec', label: 'delivered updates/s', better: 'higher', digits: 0 },
  { key: 'lost', label: 'lost updates (must be 0)', better: 'zero', digits: 0 },
  { key: 'superseded', label: 'superseded (merged before delivery)', better: 'info', digits: 0 },
  { key: 'serverCpuPerKDelivered', label: 'server CPU ms per 1k delivered', better: 'lower', digits: 1 },
  { key: 'serverRssMb', label: 'server RSS MB', better: 'lower', digits: 0 },
]
const BURST_METRICS: MetricDef[] = [
  { key: 'allReceivedMs', label: 'time until all received ms', better: 'lower', digits: 0 },
  { key: 'updatesPerSec', label: 'updates/s', better: 'higher', digits: 0 },
  { key: 'lost', label: 'lost updates (must be 0)', better: 'zero', digits: 0 },
  { key: 'superseded', label: 'superseded (merged before delivery)', better: 'info', digits: 0 },
  { key: 'serverCpuMs', label: 'server CPU ms', better: 'lower', digits: 0 },
]
const JOIN_METRICS: MetricDef[] = [
  { key: 'joinMs', label: 'join until synced ms (median)', better: 'lower', digits: 1 },
  { key: 'joinMaxMs', label: 'join until synced ms (max)', better: 'lower', digits: 1 },
  { key: 'seedMs', label: 'seeding the board ms', better: 'lower', digits: 0 },
  { key: 'serverRssMb', label: 'server RSS MB', better: 'lower', digits: 0 },
]

const LOAD_METRICS: MetricDef[] = [
  { key: 'interactiveMs', label: 'interactive ms (median)', better: 'lower', digits: 0, pool: { name: 'interactive', stat: 'p50' } },
  { key: 'interactiveMaxMs', label: 'interactive ms (max)', better: 'lower', digits: 0, pool: { name: 'interactive', stat: 'max' } },
  { key: 'domContentLoadedMs', label: '- DOMContentLoaded ms (median)', better: 'lower', digits: 0, pool: { name: 'domContentLoaded', stat: 'p50' } },
  { key: 'syncDataMs', label: '- board content on socket ms (median)', better: 'lower', digits: 0, pool: { name: 'syncData', stat: 'p50' } },
  { key: 'syncAppliedMs', label: '- board content applied ms (median)', better: 'lower', digits: 0, pool: { name: 'syncApplied', stat: 'p50' } },
  { key: 'editorMs', label: '- editor mounted ms (median)', better: 'lower', digits: 0, pool: { name: 'editor', stat: 'p50' } },
  { key: 'syncKb', label: 'initial sync message KB', better: 'info', digits: 0 },
  { key: 'pageErrors', label: 'page errors (must be 0)', better: 'zero', digits: 0, agg: 'sum' },
  { key: 'seedMs', label: 'seeding the board ms', better: 'info', digits: 0 },
  { key: 'serverRssMb', label: 'server RSS MB', better: 'lower', digits: 0 },
]
const EDIT_METRICS: MetricDef[] = [
  { key: 'p50', label: 'edit → remote frame p50 ms', better: 'lower', digits: 1, pool: { name: 'latency', stat: 'p50' } },
  { key: 'p95', label: 'edit → remote frame p95 ms', better: 'lower', digits: 1, pool: { name: 'latency', stat: 'p95' } },
  { key: 'max', label: 'edit → remote frame max ms', better: 'lower', digits: 1, pool: { name: 'latency', stat: 'max' } },
  { key: 'storeP50', label: 'edit → remote store p50 ms', better: 'lower', digits: 1, pool: { name: 'storeLatency', stat: 'p50' } },
  { key: 'lost', label: 'lost edits (must be 0)', better: 'zero', digits: 0, agg: 'sum' },
  { key: 'superseded', label: 'superseded (merged before delivery)', better: 'info', digits: 0, agg: 'sum' },
  { key: 'clockSkewMs', label: 'page clock skew ms (corrected)', better: 'info', digits: 1 },
  { key: 'pageErrors', label: 'page errors (must be 0)', better: 'zero', digits: 0, agg: 'sum' },
]
const DRAG_METRICS: MetricDef[] = [
  { key: 'fpsMedian', label: 'receiver fps (median of seconds)', better: 'higher', digits: 0, pool: { name: 'fps', stat: 'p50' } },
  { key: 'fpsMin', label: 'receiver fps (worst second)', better: 'higher', digits: 0, pool: { name: 'fps', stat: 'min' } },
  { key: 'longestFrameMs', label: 'receiver longest frame ms', better: 'lower', digits: 1, agg: 'max' },
  { key: 'longFrames', label: 'receiver frames > 50 ms', better: 'lower', digits: 0, agg: 'sum' },
  { key: 'idleFps', label: 'receiver fps idle (before the drag)', better: 'info', digits: 0, pool: { name: 'idleFps', stat: 'p50' } },
  { key: 'latencyP50', label: 'move → remote frame p50 ms', better: 'lower', digits: 1, pool: { name: 'dragLatency', stat: 'p50' } },
  { key: 'latencyP95', label: 'move → remote frame p95 ms', better: 'lower', digits: 1, pool: { name: 'dragLatency', stat: 'p95' } },
  { key: 'lost', label: 'lost moves (must be 0)', better: 'zero', digits: 0, agg: 'sum' },
  { key: 'pageErrors', label: 'page errors (must be 0)', better: 'zero', digits: 0, agg: 'sum' },
]

interface Case {
  name: string
  metrics: MetricDef[]
  run: (ctx: Ctx) => Promise<{ metrics: Metrics; samples?: number[]; joins?: number[]; pools?: Record<string, number[]> }>
  /** runs only against these servers (the browser scenarios: ours only) */
  only?: ServerKind[]
  /** runs in this process, needs no client processes */
  browser?: boolean
}

const cases: Case[] = []
if (config.scenarios.includes('fanout'))
  for (const clients of config.fanout.clients)
    cases.push({ name: `fan-out N=${clients} (${Math.min(config.fanout.editors, clients)} editors × ${config.fanout.rateHz}/s, ${config.fanout.durationMs / 1000} s)`, metrics: FANOUT_METRICS, run: (ctx) => fanout(ctx, clients) })
if (config.scenarios.includes('rooms'))
  cases.push({
    name: `many rooms ${config.rooms.count} × ${config.rooms.clientsPerRoom} (${config.rooms.rateHz} edit/s each, ${config.rooms.durationMs / 1000} s)`,
    metrics: FANOUT_METRICS,
    run: manyRooms,
  })
if (config.scenarios.includes('burst')) cases.push({ name: `burst ${config.burst.updates} updates`, metrics: BURST_METRICS, run: burst })
if (config.scenarios.includes('join')) cases.push({ name: `cold join ${config.join.shapes} shapes`, metrics: JOIN_METRICS, run: join })
if (config.scenarios.includes('browser')) {
  const b = config.browser
  for (const shapes of b.loadShapes)
    cases.push({ name: `browser: load ${shapes} shapes (fresh context)`, metrics: LOAD_METRICS, only: ['ours'], browser: true, run: (ctx) => loadBoard(ctx.server, ctx.target, shapes, b.loadsPerRound) })
  cases.push({ name: `browser: ${b.edits} edits A → B (every ${b.editIntervalMs} ms)`, metrics: EDIT_METRICS, only: ['ours'], browser: true, run: (ctx) => editLatency(ctx.server, ctx.target, b.boardShapes, b.edits, b.editIntervalMs) })
  cases.push({ name: `browser: A drags 60/s for ${b.dragMs / 1000} s, B renders`, metrics: DRAG_METRICS, only: ['ours'], browser: true, run: (ctx) => remoteDrag(ctx.server, ctx.target, b.boardShapes, b.dragMs, b.idleMs) })
}
for (const scenario of config.scenarios) if (!['fanout', 'rooms', 'burst', 'join', 'browser'].includes(scenario)) throw new Error(`unknown scenario ${scenario}`)

// ---------------------------------------------------------------- main

interface RunRecord {
  case: string
  server: ServerKind
  round: number
  metrics?: Metrics
  joins?: number[]
  pools?: Record<string, number[]>
  error?: string
}

function machineFacts() {
  const cpus = os.cpus()
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    totalMemGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  }
}

function poolStat(values: number[], stat: 'p50' | 'p95' | 'max' | 'min'): number | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (finite.length === 0) return null
  if (stat === 'min') return finite[0]!
  if (stat === 'max') return finite[finite.length - 1]!
  return percentile(finite, stat === 'p50' ? 50 : 95)
}

async function main(): Promise<void> {
  const started = Date.now()
  const machine = machineFacts()
  console.log(`Quartierboard benchmark${smoke ? ' (smoke)' : ''}`)
  console.log(`machine: ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}, ${machine.totalMemGb} GB, load ${machine.loadAverage.join(' ')}`)
  console.log(`note: servers and ${config.clientProcesses} client processes share these ${machine.cores} cores on loopback; figures compare servers within this run, not absolute capacity.`)

  const servers: ServerKind[] = []
  const skipped: Record<string, string> = {}
  for (const kind of config.servers) {
    const problem = serverAvailable(kind)
    if (problem) skipped[kind] = problem
    else servers.push(kind)
  }
  for (const [kind, why] of Object.entries(skipped)) console.log(`skipping ${kind}: ${why}`)

  let chromium: string | null = null
  if (cases.some((c) => c.browser)) {
    const problem = !servers.includes('ours')
      ? 'our server is not among the servers measured'
      : !fs.existsSync(path.join(repoDir, 'client/dist/index.html'))
        ? 'client/dist/index.html is missing (run `pnpm build` in the repo root)'
        : !fs.existsSync(CHROMIUM_PATH)
          ? `${CHROMIUM_PATH} is missing (set CHROMIUM_PATH)`
          : null
    if (problem) {
      skipped.browser = problem
      console.log(`skipping the browser scenarios: ${problem}`)
      cases.splice(0, cases.length, ...cases.filter((c) => !c.browser))
    } else {
      chromium = await browserVersion()
      console.log(`browser: headless Chromium ${chromium} (${CHROMIUM_PATH}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, driven from the bench process; our server in its own process`)
    }
  }

  const procs = cases.some((c) => !c.browser) ? Array.from({ length: config.clientProcesses }, (_, i) => new ClientProc(i)) : []
  await Promise.all(procs.map((p) => p.ready))

  const runs: RunRecord[] = []
  for (const testCase of cases) {
    for (let round = 0; round < config.rounds; round++) {
      const mine = testCase.only ? servers.filter((kind) => testCase.only!.includes(kind)) : servers
      const order = mine.map((_, i) => mine[(i + round) % mine.length]!)
      for (const kind of order) {
        const t = Date.now()
        let server: RunningServer | null = null
        const record: RunRecord = { case: testCase.name, server: kind, round }
        try {
          server = await startServer(kind)
          const target = await server.newRoom()
          const result = await testCase.run({ server, target, procs })
          record.metrics = result.metrics
          if (result.joins) record.joins = result.joins
          if (result.pools) record.pools = result.pools
          ;(record as RunRecord & { samples?: number[] }).samples = result.samples
        } catch (error) {
          record.error = error instanceof Error ? error.message : String(error)
        } finally {
          await Promise.all(procs.map((p) => p.call({ op: 'closeAll' }).catch(() => undefined)))
          await server?.stop().catch(() => undefined)
        }
        runs.push(record)
        const brief = record.error ? `ERROR ${record.error.split('\n')[0]}` : Object.entries(record.metrics!).map(([k, v]) => `${k}=${fmt(v, 1)}`).join(' ')
        console.log(`  [${testCase.name} | round ${round + 1}/${config.rounds} | ${kind}] ${((Date.now() - t) / 1000).toFixed(1)} s  ${brief}`)
      }
    }
  }
  await Promise.all(procs.map((p) => p.exit()))
  await closeBrowser()

  // aggregate: latency percentiles over all samples of all rounds, other figures the median of rounds
  const rows: { case: string; metric: string; better: string; values: Record<string, number | null>; ratio: number | null; bestPeer: string | null }[] = []
  for (const testCase of cases) {
    const mine = runs.filter((r) => r.case === testCase.name)
    const pooled: Record<string, ReturnType<typeof summarize> | null> = {}
    for (const kind of servers) {
      const ok = mine.filter((r) => r.server === kind && r.metrics)
      const samples = ok.flatMap((r) => (r as RunRecord & { samples?: number[] }).samples ?? [])
      pooled[kind] = samples.length ? summarize(samples) : null
    }
    for (const def of testCase.metrics) {
      const values: Record<string, number | null> = {}
      for (const kind of servers) {
        const ok = mine.filter((r) => r.server === kind && r.metrics)
        if (ok.length === 0) values[kind] = null
        else if (def.pool) values[kind] = poolStat(ok.flatMap((r) => r.pools?.[def.pool!.name] ?? []), def.pool.stat)
        else if (def.agg === 'sum') values[kind] = ok.reduce((a, r) => a + r.metrics![def.key]!, 0)
        else if (def.agg === 'max') values[kind] = Math.max(...ok.map((r) => r.metrics![def.key]!))
        else if (pooled[kind] && ['p50', 'p95', 'p99', 'max'].includes(def.key)) values[kind] = (pooled[kind] as Record<string, number>)[def.key]!
        else if (def.key === 'joinMs') values[kind] = median(ok.flatMap((r) => r.joins ?? []))
        else if (def.key === 'lost' || def.key === 'superseded' || def.key === 'joinMaxMs') values[kind] = ok.reduce((a, r) => (def.key !== 'joinMaxMs' ? a + r.metrics![def.key]! : Math.max(a, r.metrics![def.key]!)), 0)
        else values[kind] = median(ok.map((r) => r.metrics![def.key]!))
      }
      let bestPeer: string | null = null
      for (const kind of servers) {
        if (kind === 'ours' || values[kind] == null || !Number.isFinite(values[kind]!)) continue
        if (bestPeer === null) bestPeer = kind
        else if (def.better === 'higher' ? values[kind]! > values[bestPeer]! : values[kind]! < values[bestPeer]!) bestPeer = kind
      }
      const ours = values.ours
      const ratio = def.better !== 'zero' && def.better !== 'info' && bestPeer && ours != null && values[bestPeer] ? ours / values[bestPeer]! : null
      rows.push({ case: testCase.name, metric: def.label, better: def.better, values, ratio, bestPeer })
    }
  }

  printTable(rows, servers, cases)
  const errors = runs.filter((r) => r.error)
  for (const e of errors) console.log(`error: [${e.case} | ${e.server} | round ${e.round + 1}] ${e.error}`)
  const lost = rows.filter((r) => r.better === 'zero' && Object.values(r.values).some((v) => v != null && v !== 0))
  for (const row of lost) console.log(`${row.metric.startsWith('page errors') ? 'PAGE ERRORS' : 'LOST UPDATES'} in ${row.case}: ${servers.map((k) => `${k}=${row.values[k]}`).join(', ')}`)
  const targets: { what: string; ms: number; valueMs: number | null; met: boolean | null }[] = []
  const loadCase = cases.find((c) => c.name === `browser: load ${config.browser.loadTarget.shapes} shapes (fresh context)`)
  if (loadCase) {
    const row = rows.find((r) => r.case === loadCase.name && r.metric === LOAD_METRICS[0]!.label)
    const value = row?.values.ours ?? null
    const target = { what: `${loadCase.name}: interactive, median`, ms: config.browser.loadTarget.ms, valueMs: value, met: value == null ? null : value < config.browser.loadTarget.ms }
    targets.push(target)
    console.log(`target: ${target.what} < ${target.ms} ms: ${fmt(value, 0)} ms, ${target.met == null ? 'not measured' : target.met ? 'met' : 'NOT met'}`)
  }
  const machineAfter = machineFacts()
  console.log(`load average at the end: ${machineAfter.loadAverage.join(' ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`)

  if (outFile) {
    const json = {
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      machine,
      loadAverageAtEnd: machineAfter.loadAverage,
      note: `servers and ${config.clientProcesses} client processes share ${machine.cores} cores on loopback`,
      browser: chromium ? { chromium, executablePath: CHROMIUM_PATH, viewport: VIEWPORT, note: 'headless Chromium in the bench process (Playwright), our server in its own process, same cores' } : null,
      config,
      servers,
      skipped,
      summary: rows,
      targets,
      runs: runs.map(({ ...r }) => {
        delete (r as { samples?: number[] }).samples
        return r
      }),
    }
    fs.writeFileSync(outFile, JSON.stringify(json, null, 2) + '\n')
    console.log(`wrote ${outFile}`)
  }
  const ourLost = rows.some((r) => r.better === 'zero' && r.values.ours != null && r.values.ours !== 0)
  process.exitCode = errors.some((e) => e.server === 'ours') || ourLost ? 1 : 0
}

function fmt(value: number | null | undefined, digits: number): string {
  if (value == null || !Number.isFinite(value)) return '—'
  return value.toFixed(digits)
}

function printTable(rows: { case: string; metric: string; better: string; values: Record<string, number | null>; ratio: number | null; bestPeer: string | null }[], servers: ServerKind[], cs: Case[]): void {
  const header = ['scenario', 'metric', ...servers, 'ours/best peer']
  const lines: string[][] = [header]
  for (const row of rows) {
    const def = cs.find((c) => c.name === row.case)!.metrics.find((m) => m.label === row.metric)!
    const ratio = row.ratio == null ? '—' : `${row.ratio.toFixed(2)} (${row.bestPeer}, ${row.better} is better)`
    lines.push([row.case, row.metric, ...servers.map((k) => fmt(row.values[k], def.digits)), ratio])
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  console.log('')
  let previous = ''
  for (const [index, line] of lines.entries()) {
    const shown = [...line]
    if (index > 0 && shown[0] === previous) shown[0] = ''
    else if (index > 0) previous = shown[0]!
    console.log(shown.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  console.log('')
}

await main()
