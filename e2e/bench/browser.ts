/**
 * The `browser` scenario group of `pnpm bench`: our built client in headless Chromium (Playwright,
 * in the bench's own process) against our built server (its own child process).
 *
 * - load: time from navigation start to the first frame after the board with N shapes is shown,
 *   in a fresh browser context (empty IndexedDB), several loads per round;
 * - edit latency: context A moves a shape, context B notes the next animation frame after its store
 *   had the change;
 * - remote drag: A moves a shape 60 times a second, B counts its animation frames.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import type { TLRecord } from '@tldraw/tlschema'
import { createClient, type Target } from './adapters.js'
import { CLOCK_OFFSET, COUNT_FRAMES, INIT_SCRIPT, INSTALL_RECEIVER, SEND_MOVES } from './browser-page.js'
import { documentRecords, geoShape, now, schema } from './records.js'
import type { RunningServer } from './servers.js'
import { median, percentile } from './stats.js'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const VIEWPORT = { width: 1280, height: 800 }

let launched: Promise<Browser> | null = null

/** One Chromium for the whole bench run; every measurement opens its own contexts. */
export function browser(): Promise<Browser> {
  launched ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  return launched
}

export async function closeBrowser(): Promise<void> {
  if (!launched) return
  const b = await launched.catch(() => null)
  launched = null
  await b?.close()
}

export async function browserVersion(): Promise<string> {
  return (await browser()).version()
}

// ---------------------------------------------------------------- board content

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A distinct, ascending fractional index per shape: `c` + three base-62 digits (up to 238,327). */
function indexKey(i: number): string {
  let n = i + 1
  let digits = ''
  for (let k = 0; k < 3; k++) {
    digits = BASE62[n % 62] + digits
    n = Math.floor(n / 62)
  }
  return `c${digits}`
}

/**
 * A workshop board of `count` shapes: every other one a sticky note with a short text, the rest
 * rectangles, on a grid 40 wide (the first rows are in view at the default camera).
 */
export function boardShapes(count: number): TLRecord[] {
  const shapes: TLRecord[] = []
  for (let i = 0; i < count; i++) {
    const x = (i % 40) * 240
    const y = Math.floor(i / 40) * 240
    if (i % 2 === 1) {
      shapes.push(schema.types.shape.create({
        id: `shape:note-${i}`,
        type: 'note',
        parentId: 'page:page',
        index: indexKey(i),
        x,
        y,
        props: {
          color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 1, align: 'middle', verticalAlign: 'middle',
          growY: 0, url: '', scale: 1, textLastEditedBy: null,
          richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Idee ${i}: mehr Grün im Quartier` }] }] },
        },
      } as never))
    } else {
      shapes.push({ ...geoShape(`geo-${i}`, x, y), index: indexKey(i) } as TLRecord)
    }
  }
  return shapes
}

/**
 * Writes the board through a Node Yjs client (our KeyedEntries layout, schema in meta), batch by
 * batch, then waits until a second, fresh client gets all of it from the server.
 */
export async function seedBoard(target: Target, shapes: TLRecord[], batch = 500, timeoutMs = 60_000): Promise<void> {
  const expected = shapes.length + 2
  const writer = await createClient(target)
  try {
    await withTimeout(writer.synced, timeoutMs, 'seeding client did not sync')
    writer.put(documentRecords(), true)
    for (let start = 0; start < shapes.length; start += batch) {
      writer.put(shapes.slice(start, start + batch))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const checker = await createClient(target)
    try {
      await withTimeout(checker.synced, timeoutMs, 'checking client did not sync')
      const deadline = Date.now() + timeoutMs
      while (checker.recordCount() < expected) {
        if (Date.now() > deadline) throw new Error(`server holds ${checker.recordCount()} of ${expected} seeded records`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    } finally {
      checker.close()
    }
  } finally {
    writer.close()
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

// ---------------------------------------------------------------- pages

function boardUrl(server: RunningServer, target: Target): string {
  return `http://127.0.0.1:${server.port}/w/${target.room}#token=${target.token ?? ''}`
}

/** Evaluates one of the page scripts (a function expression as source) with a JSON argument. */
function call<T>(page: Page, source: string, argument?: unknown): Promise<T> {
  return page.evaluate(`(${source.trim()})(${JSON.stringify(argument ?? null)})`) as Promise<T>
}

/**
 * Polls an expression until it is truthy. (Not `page.waitForFunction`: that evaluates string
 * predicates with eval, which the app's Content Security Policy forbids.)
 */
async function waitFor(page: Page, expression: string, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

interface Participant {
  context: BrowserContext
  page: Page
  errors: string[]
}

/** A fresh context (empty storage) with a named identity; watches the load when expectedShapes is set. */
async function newParticipant(name: string, expectedShapes: number | null): Promise<Participant> {
  const context = await (await browser()).newContext({ viewport: VIEWPORT, locale: 'de-DE' })
  await context.addInitScript({ content: `(${INIT_SCRIPT.trim()})(${JSON.stringify({ name, expectedShapes })})` })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  return { context, page, errors }
}

async function openAndWait(participant: Participant, url: string, shapes: number, timeoutMs: number): Promise<void> {
  const { page } = participant
  await page.goto(url, { waitUntil: 'commit' })
  await waitFor(page, `(() => { const e = window.quartierboard && window.quartierboard.editor; return !!e && e.getCurrentPageShapes().length === ${shapes} })()`, timeoutMs)
}

// ---------------------------------------------------------------- scenarios

export type Metrics = Record<string, number>
export interface BrowserResult {
  metrics: Metrics
  /** Raw values per round, pooled across rounds by the table (e.g. every load time). */
  pools: Record<string, number[]>
}

/**
 * BENCH_BROWSER_PROFILE_DIR=<dir> writes a V8 CPU profile of the page per load (`.cpuprofile`, for
 * Chromium's DevTools or any cpuprofile viewer), to see where a slow load spends its time.
 */
async function startPageProfile(page: Page): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.BENCH_BROWSER_PROFILE_DIR
  if (!dir) return null
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return {
    async stop(name) {
      const { profile } = await cdp.send('Profiler.stop')
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
      await cdp.detach()
    },
  }
}

/** Time to the first interactive board of `shapes` shapes, `loads` fresh contexts after another. */
export async function loadBoard(server: RunningServer, target: Target, shapes: number, loads: number, timeoutMs = 60_000): Promise<BrowserResult> {
  const seedStart = now()
  await seedBoard(target, boardShapes(shapes))
  const seedMs = now() - seedStart
  const pools: Record<string, number[]> = { interactive: [], domContentLoaded: [], syncData: [], syncApplied: [], editor: [], syncBytes: [] }
  let pageErrors = 0
  for (let i = 0; i < loads; i++) {
    const participant = await newParticipant(`Gast ${i + 1}`, shapes)
    try {
      const profiler = await startPageProfile(participant.page)
      await participant.page.goto(boardUrl(server, target), { waitUntil: 'commit', timeout: timeoutMs })
      await waitFor(participant.page, 'window.__qbBench && window.__qbBench.load.interactiveAt !== undefined', timeoutMs, 100)
      await profiler?.stop(`load-${shapes}-${i + 1}`)
      const load = (await participant.page.evaluate('window.__qbBench.load')) as Record<string, number>
      pools.interactive!.push(load.interactiveAt!)
      pools.domContentLoaded!.push(load.domContentLoadedAt!)
      pools.syncData!.push(load.syncDataAt ?? NaN)
      pools.syncApplied!.push(load.syncAppliedAt ?? NaN)
      pools.editor!.push(load.editorAt!)
      pools.syncBytes!.push(load.syncBytes ?? NaN)
    } finally {
      pageErrors += await closeParticipants(participant)
    }
  }
  return {
    pools,
    metrics: {
      interactiveMs: median(pools.interactive!),
      interactiveMaxMs: Math.max(...pools.interactive!),
      domContentLoadedMs: median(pools.domContentLoaded!),
      syncDataMs: median(pools.syncData!),
      syncAppliedMs: median(pools.syncApplied!),
      editorMs: median(pools.editor!),
      syncKb: median(pools.syncBytes!) / 1024,
      seedMs,
      pageErrors,
      serverRssMb: server.rssMb(),
    },
  }
}

interface Received {
  r: number
  q: number
  t: number
  seenAt: number
  renderedAt: number
}

/** Two participants on a board of `shapes` shapes; B listens for remote moves of the first shape. */
async function twoParticipants(server: RunningServer, target: Target, shapes: number, timeoutMs = 60_000): Promise<{ a: Participant; b: Participant; shapeId: string; skewMs: number }> {
  const board = boardShapes(shapes)
  await seedBoard(target, board)
  const url = boardUrl(server, target)
  const a = await newParticipant('Anna', null)
  const b = await newParticipant('Ben', null)
  await openAndWait(a, url, shapes, timeoutMs)
  await openAndWait(b, url, shapes, timeoutMs)
  const shapeId = board.find((shape) => (shape as { type?: string }).type === 'note')?.id ?? board[0]!.id
  await call(b.page, INSTALL_RECEIVER, shapeId)
  // Both pages stamp with timeOrigin + now(); how far apart their clocks are (each against Date.now()).
  const [offsetA, offsetB] = await Promise.all([call<number>(a.page, CLOCK_OFFSET), call<number>(b.page, CLOCK_OFFSET)])
  return { a, b, shapeId, skewMs: offsetB - offsetA }
}

/**
 * Receptions of one run: latency to the next frame and to the store, plus superseded and lost marks.
 * `skewMs` (B's clock minus A's, both against Date.now()) is taken off every sample.
 */
function tally(received: Received[], run: number, sent: number, skewMs: number) {
  const mine = received.filter((r) => r.r === run)
  const seen = new Set(mine.map((r) => r.q))
  const last = mine.reduce((max, r) => Math.max(max, r.q), -1)
  return {
    render: mine.map((r) => r.renderedAt - r.t - skewMs),
    store: mine.map((r) => r.seenAt - r.t - skewMs),
    received: seen.size,
    lost: sent - 1 - last, // edits after the last one B holds: a final state that never arrived
    superseded: last + 1 - seen.size, // skipped because a later position arrived in the same change
  }
}

async function closeParticipants(...participants: Participant[]): Promise<number> {
  let errors = 0
  for (const p of participants) {
    for (const error of p.errors) console.log(`    ${error}`)
    errors += p.errors.length
    await p.context.close().catch(() => undefined)
  }
  return errors
}

async function collect(page: Page, run: number, count: number, timeoutMs: number): Promise<Received[]> {
  // wait until the last edit is in (or time out: then whatever arrived is tallied, the rest is lost)
  await waitFor(page, `window.__qbBench.received.some((r) => r.r === ${run} && r.q === ${count - 1})`, timeoutMs).catch(() => undefined)
  return (await page.evaluate('window.__qbBench.received')) as Received[]
}

/** Edit-to-remote-render latency: A moves a shape `edits` times, one every `intervalMs`. */
export async function editLatency(server: RunningServer, target: Target, shapes: number, edits: number, intervalMs: number): Promise<BrowserResult> {
  const { a, b, shapeId, skewMs } = await twoParticipants(server, target, shapes)
  let result: BrowserResult
  let pageErrors: number
  try {
    const startAt = now() + 300
    const sent = await call<{ sent: number; worstLateMs: number }>(a.page, SEND_MOVES, { shapeId, count: edits, intervalMs, startAt, run: 1 })
    const t = tally(await collect(b.page, 1, sent.sent, 10_000), 1, sent.sent, skewMs)
    const sorted = [...t.render].sort((x, y) => x - y)
    result = {
      pools: { latency: t.render, storeLatency: t.store },
      metrics: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted[sorted.length - 1] ?? NaN,
        storeP50: median(t.store),
        lost: t.lost,
        superseded: t.superseded,
        sent: sent.sent,
        senderWorstLateMs: sent.worstLateMs,
        clockSkewMs: skewMs,
      },
    }
  } finally {
    pageErrors = await closeParticipants(a, b)
  }
  result.metrics.pageErrors = pageErrors
  return result
}

/**
 * Frame rate on B while A drags a shape (60 updates a second for `durationMs`); B's frames are also
 * counted for `idleMs` before, with nobody editing.
 */
export async function remoteDrag(server: RunningServer, target: Target, shapes: number, durationMs: number, idleMs: number): Promise<BrowserResult> {
  const { a, b, shapeId, skewMs } = await twoParticipants(server, target, shapes)
  let result: BrowserResult
  let pageErrors: number
  try {
    const idleAt = now() + 200
    const idle = await call<{ perSecond: number[]; durations: number[] }>(b.page, COUNT_FRAMES, { startAt: idleAt, endAt: idleAt + idleMs })
    // A sends from startAt for durationMs + 200 ms; B counts whole seconds from startAt + 100 ms,
    // when the first moves have arrived, to startAt + 100 ms + durationMs.
    const startAt = now() + 300
    const count = Math.round(((durationMs + 200) / 1000) * 60)
    const [frames, sent] = await Promise.all([
      call<{ perSecond: number[]; durations: number[] }>(b.page, COUNT_FRAMES, { startAt: startAt + 100, endAt: startAt + 100 + durationMs }),
      call<{ sent: number; worstLateMs: number }>(a.page, SEND_MOVES, { shapeId, count, intervalMs: 1000 / 60, startAt, run: 2 }),
    ])
    const t = tally(await collect(b.page, 2, sent.sent, 10_000), 2, sent.sent, skewMs)
    const longFrames = frames.durations.filter((d) => d > 50).length
    result = {
      pools: { fps: frames.perSecond, idleFps: idle.perSecond, dragLatency: t.render },
      metrics: {
        fpsMedian: median(frames.perSecond),
        fpsMin: Math.min(...frames.perSecond),
        longestFrameMs: Math.max(...frames.durations),
        longFrames,
        idleFps: median(idle.perSecond),
        latencyP50: percentile([...t.render].sort((x, y) => x - y), 50),
        latencyP95: percentile([...t.render].sort((x, y) => x - y), 95),
        received: t.received,
        lost: t.lost,
        sent: sent.sent,
        senderWorstLateMs: sent.worstLateMs,
      },
    }
  } finally {
    pageErrors = await closeParticipants(a, b)
  }
  result.metrics.pageErrors = pageErrors
  return result
}
