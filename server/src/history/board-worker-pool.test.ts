/**
 * Board workers are real worker threads here: the answers equal what the job gives in this thread,
 * a failing job fails alone, and a job that exhausts a worker's heap ends only that worker.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardSchema, sampleGeoShape } from '@quartierboard/shared'
import { documentRecords, writeRecords } from '../testing/records.js'
import { runBoardJob, type BoardJob } from './board-jobs.js'
import { BoardWorkerPool } from './board-worker-pool.js'

const pools: BoardWorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function pool(options: { size?: number; heapLimitMb?: number } = {}): BoardWorkerPool {
  const created = new BoardWorkerPool({ size: options.size ?? 1, heapLimitMb: options.heapLimitMb })
  pools.push(created)
  return created
}

/** A board as stored: a checkpoint of `shapes` shapes and one update after it that moves the first. */
function storedBoard(shapes: number): { checkpoint: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  writeRecords(doc, documentRecords())
  writeRecords(doc, Array.from({ length: shapes }, (_, i) => sampleGeoShape(`s${i}`, i * 10, 0, { label: `Idee ${i}` })))
  const checkpoint = Y.encodeStateAsUpdate(doc)
  const vector = Y.encodeStateVector(doc)
  writeRecords(doc, [sampleGeoShape('s0', 500, 500, { label: 'Idee 0, verschoben' })])
  return { checkpoint, updates: [Y.encodeStateAsUpdate(doc, vector)] }
}

describe('BoardWorkerPool', () => {
  it('answers every kind of job as the job itself does in this thread', async () => {
    const workers = pool()
    const source = storedBoard(200)
    const schema = createBoardSchema()
    const changesJob: BoardJob = { kind: 'changes', source: { checkpoint: source.checkpoint, updates: [] }, updates: [{ time: 1, author: 'c1', data: source.updates[0]! }], truncated: false }
    const jobs: BoardJob[] = [
      { kind: 'records', source, format: 'json', at: 1_700_000_000_000 },
      { kind: 'records', source, format: 'tldr', at: 1_700_000_000_000 },
      changesJob,
    ]
    for (const job of jobs) expect(await workers.run(job)).toBe(runBoardJob(job, schema))
    const state = await workers.run({ kind: 'state', source })
    const rebuilt = new Y.Doc()
    Y.applyUpdate(rebuilt, state)
    expect(JSON.stringify(rebuilt.getArray('records').toJSON())).toContain('Idee 0, verschoben')
    const changes = JSON.parse((await workers.run(changesJob)) as string)
    expect(changes.changes[0].put).toEqual(['shape:s0'])
  })

  it('fails a job whose bytes are not a board, and goes on with the next', async () => {
    const workers = pool()
    await expect(workers.run({ kind: 'state', source: { checkpoint: Uint8Array.of(255, 255, 255, 1, 2), updates: [] } })).rejects.toThrow()
    const text = await workers.run({ kind: 'records', source: storedBoard(3), format: 'json', at: 0 })
    expect(JSON.parse(text).records.length).toBeGreaterThan(3)
  })

  it('ends only the worker whose job exhausts its heap; the next job gets a fresh one', async () => {
    const workers = pool({ heapLimitMb: 64 })
    // A million small entries: decoded, they need far more than 64 MB of objects.
    const doc = new Y.Doc()
    doc.getArray('records').push(Array.from({ length: 1_000_000 }, (_, i) => ({ key: `shape:${i}`, val: { id: `shape:${i}`, text: `Eintrag ${i}` } })))
    const huge = { checkpoint: Y.encodeStateAsUpdate(doc), updates: [] }
    doc.destroy()
    await expect(workers.run({ kind: 'records', source: huge, format: 'json', at: 0 })).rejects.toThrow(/board worker ended/)
    const text = await workers.run({ kind: 'records', source: storedBoard(3), format: 'json', at: 0 })
    expect(JSON.parse(text).records.length).toBeGreaterThan(3)
  }, 60_000)

  it('runs jobs side by side up to its size, and queues the rest', async () => {
    const workers = pool({ size: 2 })
    const source = storedBoard(1500)
    const answers = Promise.all(Array.from({ length: 6 }, () => workers.run({ kind: 'records', source, format: 'json', at: 0 })))
    expect(workers.waiting).toBe(4)
    const texts = await answers
    expect(new Set(texts).size).toBe(1)
    expect(workers.waiting).toBe(0)
  })

  it('refuses jobs once closed', async () => {
    const workers = pool()
    await workers.close()
    await expect(workers.run({ kind: 'records', source: storedBoard(1), format: 'json', at: 0 })).rejects.toThrow(/closed/)
  })
})
