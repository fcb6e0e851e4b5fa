/**
 * Which records each logged update wrote or removed, in a time range. The board is rebuilt at the
 * start of the range and every update is applied in order while the records array is watched, so
 * "removed" is known even though an update names only the items it deletes, not their keys.
 */
import type { HistoryChange } from '@quartierboard/shared'
import { KeyedEntries, RECORDS_KEY } from '@quartierboard/shared'
import * as Y from 'yjs'
import type { BoardStore } from '../store/board-store.js'
import { boardDocAt } from './board-at-time.js'

/** At most this many updates per request; the answer says when it was cut short. */
export const MAX_CHANGES_PER_REQUEST = 5000

export async function changesBetween(
  store: BoardStore,
  workshopId: string,
  from: number,
  to: number,
): Promise<{ changes: HistoryChange[]; truncated: boolean }> {
  const { doc } = await boardDocAt(store, workshopId, from)
  const records = new KeyedEntries<unknown>(doc.getArray(RECORDS_KEY))
  try {
    const updates = await store.readUpdates(workshopId, { afterTime: from, uptoTime: to, limit: MAX_CHANGES_PER_REQUEST + 1 })
    const truncated = updates.length > MAX_CHANGES_PER_REQUEST
    const changes: HistoryChange[] = []
    for (const update of updates.slice(0, MAX_CHANGES_PER_REQUEST)) {
      const put: string[] = []
      const removed: string[] = []
      const stop = records.onChange((keyChanges) => {
        for (const [key, change] of keyChanges) (change.action === 'delete' ? removed : put).push(key)
      })
      Y.applyUpdate(doc, update.data)
      stop()
      changes.push({ at: new Date(update.time).toISOString(), author: update.author, put, removed })
    }
    return { changes, truncated }
  } finally {
    records.dispose()
    doc.destroy()
  }
}
