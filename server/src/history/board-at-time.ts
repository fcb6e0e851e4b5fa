/**
 * The board as it was at a moment: the newest checkpoint at or before the moment, plus the logged
 * updates after that checkpoint up to the moment. Rooms write a checkpoint every
 * CHECKPOINT_EVERY_UPDATES updates, so a seek applies at most that many updates, however long the
 * history is.
 *
 * Reading the bytes out of the store is quick and stays on the event loop; decoding them into a
 * board is the expensive part and runs in a board worker (board-jobs.ts, board-worker-pool.ts).
 */
import * as Y from 'yjs'
import type { BoardStore } from '../store/board-store.js'

/** What a board at some moment is built from: a whole-board state and the updates after it, in log order. */
export interface BoardSource {
  checkpoint: Uint8Array | null
  updates: Uint8Array[]
}

/** Logged updates applied per transaction (observers and cleanup run once per slice; measured faster than merging first). */
const UPDATES_PER_TRANSACTION = 100

/** The stored bytes of the board at `time` (epoch ms): every update accepted at or before it. */
export async function boardSourceAt(store: BoardStore, workshopId: string, time: number): Promise<BoardSource> {
  const checkpoint = await store.checkpointAtOrBefore(workshopId, time)
  const updates = await store.readUpdates(workshopId, { afterSeq: checkpoint?.uptoSeq ?? 0, uptoTime: time })
  return { checkpoint: checkpoint?.state ?? null, updates: updates.map((update) => update.data) }
}

/** A document built from `source`; the caller destroys it. */
export function docOfSource(source: BoardSource): Y.Doc {
  const doc = new Y.Doc()
  if (source.checkpoint) Y.applyUpdate(doc, source.checkpoint)
  for (let start = 0; start < source.updates.length; start += UPDATES_PER_TRANSACTION) {
    doc.transact(() => {
      for (const update of source.updates.slice(start, start + UPDATES_PER_TRANSACTION)) Y.applyUpdate(doc, update)
    })
  }
  return doc
}
