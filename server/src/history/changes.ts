/**
 * Which records each logged update wrote or removed, in a time range: the job that answers it (the
 * board at the start of the range and the updates in it), read from the store. The work itself is
 * board-jobs.ts's `changes` job.
 */
import type { BoardStore } from '../store/board-store.js'
import { boardSourceAt } from './board-at-time.js'
import type { BoardJob } from './board-jobs.js'

/** At most this many updates per request; the answer says when it was cut short. */
export const MAX_CHANGES_PER_REQUEST = 5000

export async function changesJob(store: BoardStore, workshopId: string, from: number, to: number): Promise<BoardJob & { kind: 'changes' }> {
  const source = await boardSourceAt(store, workshopId, from)
  const updates = await store.readUpdates(workshopId, { afterTime: from, uptoTime: to, limit: MAX_CHANGES_PER_REQUEST + 1 })
  return {
    kind: 'changes',
    source,
    updates: updates.slice(0, MAX_CHANGES_PER_REQUEST).map(({ time, author, data }) => ({ time, author, data })),
    truncated: updates.length > MAX_CHANGES_PER_REQUEST,
  }
}
