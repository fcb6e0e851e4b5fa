/**
 * A client process: holds some of the benchmark's clients and runs the commands the runner sends
 * over IPC. Servers always live in other processes.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { createClient, type BoardClient, type Target } from './adapters.js'
import { documentRecords, geoShape, markOf, moved, now } from './records.js'

// The Yjs providers log socket errors on reconnect; keep stdout for the runner.
process.on('unhandledRejection', (error) => {
  console.error('[client] unhandled rejection', error)
})

interface Tracked {
  id: number
  client: BoardClient
  /** benchmark edits received per sender id: how many, and the highest sequence number seen */
  received: Map<number, { count: number; maxSeq: number }>
  /** own shape, for editors */
  shape: TLRecord
  seq: number
  lastReceiveAt: number
  /** the room it joined (scenarios with many rooms count only senders of the same room) */
  room: string
}

const clients = new Map<number, Tracked>()
let latencies: number[] = []
let recording = true
const waiters = new Set<() => void>()

function notify(): void {
  for (const waiter of [...waiters]) waiter()
}

/** Resolves when `done()` is true (checked after every reception and on a timer), or rejects on timeout. */
function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (done()) return resolve(true)
    const check = () => {
      if (!done()) return
      cleanup()
      resolve(true)
    }
    const timer = setInterval(check, 20)
    const deadline = setTimeout(() => {
      cleanup()
      resolve(false)
    }, timeoutMs)
    const cleanup = () => {
      clearInterval(timer)
      clearTimeout(deadline)
      waiters.delete(check)
    }
    waiters.add(check)
  })
}

function track(id: number, client: BoardClient, room: string): Tracked {
  const tracked: Tracked = { id, client, received: new Map(), shape: geoShape(`e${id}`, id * 10, id * 10), seq: 0, lastReceiveAt: 0, room }
  client.onRemote((records) => {
    const at = now()
    let any = false
    for (const record of records) {
      const mark = markOf(record)
      if (!mark || mark.s === id) continue
      any = true
      const seen = tracked.received.get(mark.s)
      if (seen) {
        seen.count++
        if (mark.q > seen.maxSeq) seen.maxSeq = mark.q
      } else tracked.received.set(mark.s, { count: 1, maxSeq: mark.q })
      if (recording) latencies.push(at - mark.t)
    }
    if (any) {
      tracked.lastReceiveAt = at
      notify()
    }
  })
  return tracked
}

function sendEdit(tracked: Tracked): void {
  tracked.shape = moved(tracked.shape, { s: tracked.id, q: tracked.seq++, t: now() })
  tracked.client.put([tracked.shape])
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Command =
  | { op: 'connect'; target: Target; ids: number[]; timeoutMs: number }
  | { op: 'seed'; id: number; editors: number[]; fillers: number; batch: number }
  | { op: 'waitCount'; count: number; timeoutMs: number }
  | { op: 'reset'; record: boolean }
  | { op: 'fanout'; editors: number[]; rateHz: number; durationMs: number; startAt: number }
  | { op: 'drain'; sends: Record<string, number>; roomOf?: Record<string, string>; timeoutMs: number }
  | { op: 'burst'; id: number; count: number }
  | { op: 'expect'; id: number; from: number; count: number; timeoutMs: number }
  | { op: 'join'; target: Target; count: number; timeoutMs: number }
  | { op: 'closeAll' }
  | { op: 'exit' }

async function handle(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'connect': {
      const started = now()
      const created = await Promise.all(command.ids.map(async (id) => track(id, await createClient(command.target), command.target.room)))
      for (const tracked of created) clients.set(tracked.id, tracked)
      const ok = await Promise.race([
        Promise.all(created.map((tracked) => tracked.client.synced)).then(() => true),
        sleep(command.timeoutMs).then(() => false),
      ])
      if (!ok) throw new Error(`clients did not sync within ${command.timeoutMs} ms`)
      return { ms: now() - started }
    }
    case 'seed': {
      // The first writer: document records, schema, every editor's shape, then filler shapes in batches.
      const tracked = clients.get(command.id)!
      tracked.client.put([...documentRecords(), ...command.editors.map((id) => geoShape(`e${id}`, id * 10, id * 10))], true)
      for (let start = 0; start < command.fillers; start += command.batch) {
        const shapes: TLRecord[] = []
        for (let i = start; i < Math.min(command.fillers, start + command.batch); i++) shapes.push(geoShape(`f${i}`, (i % 100) * 120, Math.floor(i / 100) * 100))
        tracked.client.put(shapes)
        await sleep(0)
      }
      return { count: tracked.client.recordCount() }
    }
    case 'waitCount': {
      const ok = await waitFor(() => [...clients.values()].every((t) => t.client.recordCount() >= command.count), command.timeoutMs)
      const counts = [...clients.values()].map((t) => t.client.recordCount())
      if (!ok) throw new Error(`records did not arrive: want ${command.count}, have ${counts.join(',')}`)
      return { counts }
    }
    case 'reset': {
      latencies = []
      recording = command.record
      for (const tracked of clients.values()) {
        tracked.received.clear()
        tracked.lastReceiveAt = 0
      }
      return {}
    }
    case 'fanout': {
      const editors = command.editors.map((id) => clients.get(id)!).filter(Boolean)
      const interval = 1000 / command.rateHz
      await sleep(Math.max(0, command.startAt - now()))
      const t0 = now()
      const end = t0 + command.durationMs
      const sends: Record<string, number> = {}
      await Promise.all(
        editors.map(async (tracked, index) => {
          // spread editors over the interval; schedule against absolute times so lag does not accumulate
          let next = t0 + (interval * index) / Math.max(1, editors.length) + Math.random() * 5
          let count = 0
          while (next < end) {
            await sleep(Math.max(0, next - now()))
            sendEdit(tracked)
            count++
            next += interval
          }
          sends[tracked.id] = count
        }),
      )
      return { sends, t0, t1: now() }
    }
    case 'drain': {
      // Done when every client holds the last edit of every other editor. A server may merge
      // consecutive updates (Hocuspocus coalesces what arrives in one event-loop turn): the earlier
      // states of that shape are then superseded, not lost. Lost = the final state never arrived.
      const senders = Object.entries(command.sends).map(([sender, count]) => [Number(sender), count] as const)
      // With many rooms, a client expects only the senders of its own room.
      const sendersFor = (tracked: Tracked) => (command.roomOf ? senders.filter(([sender]) => command.roomOf![sender] === tracked.room) : senders)
      const complete = (tracked: Tracked) =>
        sendersFor(tracked).every(([sender, count]) => sender === tracked.id || count === 0 || (tracked.received.get(sender)?.maxSeq ?? -1) >= count - 1)
      await waitFor(() => [...clients.values()].every(complete), command.timeoutMs)
      let expected = 0
      let received = 0
      let superseded = 0
      let lost = 0
      let lastReceiveAt = 0
      for (const tracked of clients.values()) {
        for (const [sender, count] of sendersFor(tracked)) {
          if (sender === tracked.id) continue
          const seen = tracked.received.get(sender) ?? { count: 0, maxSeq: -1 }
          expected += count
          received += seen.count
          superseded += seen.maxSeq + 1 - seen.count
          lost += count - (seen.maxSeq + 1)
        }
        lastReceiveAt = Math.max(lastReceiveAt, tracked.lastReceiveAt)
      }
      const samples = latencies
      latencies = []
      return { expected, received, superseded, lost, lastReceiveAt, samples }
    }
    case 'burst': {
      const tracked = clients.get(command.id)!
      const t0 = now()
      for (let i = 0; i < command.count; i++) sendEdit(tracked)
      return { t0, sentAt: now() }
    }
    case 'expect': {
      const tracked = clients.get(command.id)!
      // done when the last edit arrived (earlier ones may have been merged into it by the server)
      const ok = await waitFor(() => (tracked.received.get(command.from)?.maxSeq ?? -1) >= command.count - 1, command.timeoutMs)
      const seen = tracked.received.get(command.from) ?? { count: 0, maxSeq: -1 }
      return { ok, received: seen.count, superseded: seen.maxSeq + 1 - seen.count, lost: command.count - (seen.maxSeq + 1), doneAt: tracked.lastReceiveAt }
    }
    case 'join': {
      const t0 = now()
      const client = await createClient(command.target)
      const ok = await Promise.race([client.synced.then(() => waitFor(() => client.recordCount() >= command.count, command.timeoutMs)), sleep(command.timeoutMs).then(() => false)])
      const ms = now() - t0
      const count = client.recordCount()
      client.close()
      if (!ok) throw new Error(`join did not complete within ${command.timeoutMs} ms (have ${count} of ${command.count} records)`)
      return { ms, count }
    }
    case 'closeAll': {
      for (const tracked of clients.values()) tracked.client.close()
      clients.clear()
      latencies = []
      await sleep(50)
      return {}
    }
    case 'exit':
      setTimeout(() => process.exit(0), 10)
      return {}
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  handle(message.command).then(
    (result) => process.send!({ id: message.id, ok: true, result }),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})
process.send!({ ready: true })
