/**
 * The benchmark workload: valid tldraw geo shapes (as our client writes them), with the send time
 * and sender embedded in `meta.bench` so every receiver can compute the latency.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardSchema, sampleBoardStart, sampleGeoShape } from '@quartierboard/shared'

export const schema = createBoardSchema()

/** What a benchmark edit carries in the shape's `meta` (free JSON in tldraw). */
export interface BenchMark {
  /** sender client index */
  s: number
  /** sequence number of this sender */
  q: number
  /** send time, ms on the machine clock (performance.timeOrigin + performance.now()) */
  t: number
}

export function now(): number {
  return performance.timeOrigin + performance.now()
}

export const geoShape = (id: string, x = 0, y = 0): TLRecord => sampleGeoShape(id, x, y)
export const documentRecords = sampleBoardStart

/** The shape moved, with a fresh benchmark mark: one realistic "drag step" edit. */
export function moved(shape: TLRecord, mark: BenchMark): TLRecord {
  const s = shape as TLRecord & { x: number; y: number }
  return { ...s, x: (s.x + 7) % 2000, y: (s.y + 3) % 1500, meta: { bench: { ...mark } } } as TLRecord
}

export function markOf(record: unknown): BenchMark | undefined {
  const meta = (record as { meta?: { bench?: BenchMark } } | undefined)?.meta
  return meta?.bench
}
