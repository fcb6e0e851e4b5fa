/**
 * The workshop's changes from its start up to a moment, kept in the browser so that who created
 * and who last changed each shape can be answered for any moment without asking the server again.
 *
 * The log covers (-∞, coveredTo]. Moving the replay back reads what is already here; moving it past
 * `coveredTo` fetches only the missing stretch. The server answers at most a few thousand updates per
 * request and says when it cut the answer short; then the updates of the last millisecond of the page
 * are dropped and fetched again with the next page, so a cut inside one millisecond loses nothing.
 */
import type { HistoryChange, HistoryChanges } from '@quartierboard/shared'
import { isShapeId } from './attribution'

/** Who created a shape and who last put it, up to a moment (connection ids and epoch ms). */
export interface ShapeProvenance {
  createdBy: string
  createdAt: number
  changedBy: string
  changedAt: number
}

interface TimedChange {
  at: number
  change: HistoryChange
}

export type FetchChanges = (from: number, to: number) => Promise<HistoryChanges>

/** The end of a page and the changes to keep from it (see the module header). */
export function pageEnd(changes: readonly HistoryChange[], truncated: boolean, to: number): { keep: readonly HistoryChange[]; coveredTo: number } {
  if (!truncated || changes.length === 0) return { keep: changes, coveredTo: to }
  const last = Date.parse(changes.at(-1)!.at)
  const keep = changes.filter((change) => Date.parse(change.at) < last)
  // A page whose every update shares one millisecond cannot be split: keep it and move on.
  if (keep.length === 0) return { keep: changes, coveredTo: last }
  return { keep, coveredTo: last - 1 }
}

export class ChangeLog {
  private readonly changes: TimedChange[] = []
  private coveredTo: number

  /** @param start a moment before the workshop's first update */
  constructor(start: number) {
    this.coveredTo = start
  }

  get covered(): number {
    return this.coveredTo
  }

  /** Fetches what is missing up to `at`, page by page. */
  /** Fetches what is missing up to `at`; true when it had to fetch anything. */
  async extendTo(at: number, fetch: FetchChanges): Promise<boolean> {
    const before = this.coveredTo
    while (this.coveredTo < at) {
      const page = await fetch(this.coveredTo, at)
      this.add(page, at)
    }
    return this.coveredTo !== before
  }

  /** Adds a page of changes with coveredTo < time <= to. */
  add(page: HistoryChanges, to: number): void {
    const { keep, coveredTo } = pageEnd(page.changes, page.truncated, to)
    for (const change of keep) {
      const at = Date.parse(change.at)
      if (at > this.coveredTo) this.changes.push({ at, change })
    }
    this.coveredTo = Math.max(this.coveredTo, coveredTo)
  }

  /** The changes with time <= at, in time order. */
  upTo(at: number): HistoryChange[] {
    const result: HistoryChange[] = []
    for (const { at: time, change } of this.changes) {
      if (time > at) break
      result.push(change)
    }
    return result
  }
}

/**
 * Who created and who last changed each shape that exists after `changes` (in time order). A
 * shape that was removed and put again counts as created anew. `creators` (the server's record
 * creators) name the person behind a shape the server itself put on the board (a note revealed from
 * silent brainstorming: `facilitator:…` in the log).
 */
export function provenanceOf(changes: readonly HistoryChange[], creators: ReadonlyMap<string, { author: string; at: number }> = new Map()): Map<string, ShapeProvenance> {
  const result = new Map<string, ShapeProvenance>()
  for (const change of changes) {
    const at = Date.parse(change.at)
    for (const id of change.removed) result.delete(id)
    for (const id of change.put) {
      if (!isShapeId(id)) continue
      const known = result.get(id)
      if (known) result.set(id, { ...known, changedBy: change.author, changedAt: at })
      else result.set(id, { createdBy: change.author, createdAt: at, changedBy: change.author, changedAt: at })
    }
  }
  for (const [id, provenance] of result) {
    const person = creators.get(id)
    if (!person || !isServerAuthor(provenance.createdBy) || isServerAuthor(person.author)) continue
    const untouchedSince = provenance.changedAt === provenance.createdAt
    result.set(id, { ...provenance, createdBy: person.author, createdAt: person.at, ...(untouchedSince ? { changedBy: person.author } : {}) })
  }
  return result
}

/** Changes the server made itself are logged as `facilitator:<action>`. */
function isServerAuthor(author: string): boolean {
  return author.startsWith('facilitator:')
}
