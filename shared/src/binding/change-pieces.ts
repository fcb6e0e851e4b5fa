/**
 * Splits one large tldraw change into pieces that the binding writes as separate Yjs transactions.
 *
 * Why: every Yjs transaction becomes one update, and y-websocket sends each update as one
 * WebSocket frame. Pasting a board of 8,000 shapes is one tldraw change, one 3.3 MB update, and the
 * server closes a frame over `MAX_FRAME_BYTES` (2 MiB) with 1009: the shapes never arrive. Records
 * are independent entries of the doc, so any subset of a change is a valid state on its own; the
 * pieces are ordered so that each one only references records already present: the document,
 * pages, assets and other records first, then shapes with parents before children (a frame before
 * its contents), then bindings (an arrow's binding after both of its shapes). Removals come with the
 * last piece, so no piece leaves a shape pointing to a parent that is already gone.
 *
 * A piece holds at most `maxPieceBytes` of records (UTF-8 JSON); a single record larger than that
 * is a piece of its own (the server's `MAX_RECORD_BYTES` bounds records far below the frame limit).
 */
import type { TLRecord } from '@tldraw/tlschema'

/** Records of one change as pieces: at most this many bytes of JSON records per Yjs transaction. */
export const MAX_PIECE_BYTES = 512 * 1024

/** One transaction's worth of a change. */
export interface ChangePiece {
  put: TLRecord[]
  removed: string[]
}

const encoder = new TextEncoder()

/** The size of a record as UTF-8 JSON, which is close to what Yjs encodes for it. */
export function recordBytes(record: TLRecord): number {
  return encoder.encode(JSON.stringify(record)).length
}

/**
 * Splits `put` and `removed` into ordered pieces of at most `maxPieceBytes` of records each. A change
 * that fits is returned as one piece, in its own order.
 */
export function splitChange(put: readonly TLRecord[], removed: readonly string[], maxPieceBytes = MAX_PIECE_BYTES): ChangePiece[] {
  const sizes = put.map(recordBytes)
  const total = sizes.reduce((sum, size) => sum + size, 0)
  if (total <= maxPieceBytes) return [{ put: [...put], removed: [...removed] }]
  const order = dependencyOrder(put)
  const pieces: ChangePiece[] = []
  let current: ChangePiece = { put: [], removed: [] }
  let currentBytes = 0
  for (const index of order) {
    const size = sizes[index]!
    if (current.put.length > 0 && currentBytes + size > maxPieceBytes) {
      pieces.push(current)
      current = { put: [], removed: [] }
      currentBytes = 0
    }
    current.put.push(put[index]!)
    currentBytes += size
  }
  current.removed = [...removed]
  pieces.push(current)
  return pieces
}

/** Indices of `put` in an order where each record comes after the records of the change it references. */
function dependencyOrder(put: readonly TLRecord[]): number[] {
  const byId = new Map<string, TLRecord>()
  for (const record of put) byId.set(record.id, record)
  const depthCache = new Map<string, number>()
  // A shape's depth counts its ancestors within this change (a cycle, which tldraw never writes, stops the count).
  const depth = (record: TLRecord, seen = new Set<string>()): number => {
    const cached = depthCache.get(record.id)
    if (cached !== undefined) return cached
    const parentId = record.typeName === 'shape' ? (record as { parentId?: string }).parentId : undefined
    const parent = parentId === undefined ? undefined : byId.get(parentId)
    seen.add(record.id)
    const value = parent && parent.typeName === 'shape' && !seen.has(parent.id) ? depth(parent, seen) + 1 : 0
    depthCache.set(record.id, value)
    return value
  }
  const rank = (record: TLRecord): number => (record.typeName === 'binding' ? 2 : record.typeName === 'shape' ? 1 : 0)
  return put
    .map((record, index) => ({ index, rank: rank(record), depth: record.typeName === 'shape' ? depth(record) : 0 }))
    .sort((a, b) => a.rank - b.rank || a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.index)
}
