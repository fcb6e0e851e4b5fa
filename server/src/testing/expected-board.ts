/**
 * Test support for fuzzers of valid traffic: what the board must hold, given every write and
 * deletion the clients made, and comparable views of a board document.
 *
 * Writes are grouped by lineage: the edits of one browser tab, continued by its reloads (a reload
 * opens a copy of the tab's document, so its edits come causally after all earlier ones). Edits of
 * different lineages may be concurrent, and then Yjs picks one winner. So for a shape whose
 * lineages have all reached the server (they are "settled"):
 * - if nobody ever deleted it, it is on the board;
 * - if it is on the board, its value is one that someone wrote (nothing is made up or mixed);
 * - if one lineage alone wrote and deleted it, the board holds that lineage's last word;
 * and nothing is on the board that no one wrote.
 */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { FACILITATION_KEY, META_KEY } from '@quartierboard/shared'
import { recordsOfDoc } from '../workshops/board-state.js'

/** The lineage of the server's own writes (revealed private notes). */
export const SERVER_LINEAGE = -1

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

interface ShapeHistory {
  lineages: Set<number>
  /** Every value written for the shape, canonical. */
  values: Set<string>
  /** The last operation: the canonical value written, or null for a deletion. */
  last: string | null
  deleted: boolean
}

export class ExpectedBoard {
  private readonly shapes = new Map<string, ShapeHistory>()

  private historyOf(id: string): ShapeHistory {
    let history = this.shapes.get(id)
    if (!history) {
      history = { lineages: new Set(), values: new Set(), last: null, deleted: false }
      this.shapes.set(id, history)
    }
    return history
  }

  write(lineage: number, record: TLRecord): void {
    const history = this.historyOf(record.id)
    const value = canonical(record)
    history.lineages.add(lineage)
    history.values.add(value)
    history.last = value
  }

  delete(lineage: number, id: string): void {
    const history = this.historyOf(id)
    history.lineages.add(lineage)
    history.last = null
    history.deleted = true
  }

  get shapeCount(): number {
    return this.shapes.size
  }

  /** Problems of `board` (a board's shapes by id) for the shapes whose lineages are all settled. */
  problems(board: ReadonlyMap<string, TLRecord>, settled: (lineage: number) => boolean): string[] {
    const problems: string[] = []
    for (const [id, history] of this.shapes) {
      if (![...history.lineages].every(settled)) continue
      const onBoard = board.get(id)
      const value = onBoard === undefined ? undefined : canonical(onBoard)
      if (!history.deleted && value === undefined) problems.push(`${id} was never deleted but is missing`)
      if (value !== undefined && !history.values.has(value)) problems.push(`${id} holds a value no one wrote`)
      if (history.lineages.size === 1 && !history.lineages.has(SERVER_LINEAGE) && value !== (history.last ?? undefined)) {
        problems.push(`${id} was written by one tab only and does not hold its last ${history.last === null ? 'deletion' : 'write'}`)
      }
    }
    for (const id of board.keys()) if (!this.shapes.has(id)) problems.push(`${id} is on the board but no one wrote it`)
    return problems
  }
}

/** The shapes of a board document by id. */
export function shapesOf(doc: Y.Doc): Map<string, TLRecord> {
  return new Map(recordsOfDoc(doc).filter((record) => record.typeName === 'shape').map((record) => [record.id as string, record]))
}

/** A comparable view of a board document: its records, meta, facilitation map and state vector. */
export interface BoardView {
  records: Map<string, string>
  meta: string
  facilitation: string
  /** Clock per Yjs client id. */
  stateVector: Map<number, number>
}

export function viewOf(doc: Y.Doc): BoardView {
  return {
    records: new Map(recordsOfDoc(doc).map((record) => [record.id as string, canonical(record)])),
    meta: canonical(doc.getMap(META_KEY).toJSON()),
    facilitation: canonical(doc.getMap(FACILITATION_KEY).toJSON()),
    stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
  }
}

/** How two views differ, in a few words (empty when they are equal). */
export function differences(a: BoardView, b: BoardView): string[] {
  const found: string[] = []
  const onlyA = [...a.records.keys()].filter((id) => !b.records.has(id))
  const onlyB = [...b.records.keys()].filter((id) => !a.records.has(id))
  const changed = [...a.records.keys()].filter((id) => b.records.has(id) && b.records.get(id) !== a.records.get(id))
  if (onlyA.length > 0) found.push(`only in the first: ${onlyA.slice(0, 5).join(', ')}${onlyA.length > 5 ? ` (+${onlyA.length - 5})` : ''}`)
  if (onlyB.length > 0) found.push(`only in the second: ${onlyB.slice(0, 5).join(', ')}${onlyB.length > 5 ? ` (+${onlyB.length - 5})` : ''}`)
  if (changed.length > 0) found.push(`different values: ${changed.slice(0, 5).join(', ')}`)
  if (a.meta !== b.meta) found.push('meta differs')
  if (a.facilitation !== b.facilitation) found.push('facilitation differs')
  const clients = new Set([...a.stateVector.keys(), ...b.stateVector.keys()])
  const clocks = [...clients].filter((client) => a.stateVector.get(client) !== b.stateVector.get(client))
  if (clocks.length > 0) {
    found.push(`clocks differ: ${clocks.slice(0, 5).map((client) => `client ${client} at ${a.stateVector.get(client) ?? 0} and ${b.stateVector.get(client) ?? 0}`).join(', ')}`)
  }
  return found
}
