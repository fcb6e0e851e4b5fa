/**
 * Keeps a finished session's history small: the updates of each author within one window
 * (default one second) are merged into one update, stamped with the time and sequence number of
 * the group's last update. Replay then shows the board exactly at every window boundary and
 * nothing finer (docs/HISTORY.md explains the choice).
 *
 * Groups never cross a checkpoint, so every checkpoint still sits exactly at the end of a stored
 * update and seeking stays bounded. Yjs updates commute, so merging an author's updates and
 * applying them after another author's (when they interleaved) gives the same document.
 */
import * as Y from 'yjs'
import type { BoardStore, SessionRecord, StoredUpdate } from '../store/board-store.js'

export const DEFAULT_COALESCE_WINDOW_MS = 1000

export interface CoalesceResult {
  before: number
  after: number
}

/** Coalesces the log of an ended session; returns how many updates there were before and after. */
export async function coalesceSession(store: BoardStore, session: SessionRecord, windowMs = DEFAULT_COALESCE_WINDOW_MS): Promise<CoalesceResult> {
  if (session.endedAt === null) throw new Error('only ended sessions are coalesced')
  const workshopId = session.workshopId
  const checkpoints = await store.checkpointSeqs(workshopId)
  const boundaries = [0, ...checkpoints, Number.MAX_SAFE_INTEGER]
  let before = 0
  let after = 0
  for (let index = 0; index + 1 < boundaries.length; index++) {
    // One checkpoint segment at a time keeps memory bounded.
    const segment = await store.readUpdates(workshopId, {
      afterSeq: boundaries[index]!,
      uptoSeq: boundaries[index + 1]!,
      afterTime: session.startedAt - 1,
      uptoTime: session.endedAt,
    })
    if (segment.length === 0) continue
    const groups = groupByAuthorAndWindow(segment, windowMs)
    const removed: number[] = []
    const merged: StoredUpdate[] = []
    for (const group of groups) {
      if (group.length < 2) continue
      const last = group.reduce((latest, update) => (update.seq > latest.seq ? update : latest))
      removed.push(...group.map((update) => update.seq))
      merged.push({ seq: last.seq, time: Math.max(...group.map((update) => update.time)), author: last.author, data: Y.mergeUpdates(group.map((update) => update.data)) })
    }
    before += segment.length
    after += segment.length - removed.length + merged.length
    if (merged.length > 0) await store.replaceUpdates(workshopId, removed, merged)
  }
  await store.markSessionCoalesced(workshopId, session.id, windowMs)
  await store.reclaimSpace()
  return { before, after }
}

function groupByAuthorAndWindow(updates: readonly StoredUpdate[], windowMs: number): StoredUpdate[][] {
  const groups = new Map<string, StoredUpdate[]>()
  for (const update of updates) {
    const key = `${update.author}\u0000${Math.floor(update.time / windowMs)}`
    const group = groups.get(key)
    if (group) group.push(update)
    else groups.set(key, [update])
  }
  return [...groups.values()]
}
