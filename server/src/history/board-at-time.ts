/**
 * The board as it was at a moment: the newest checkpoint at or before the moment, plus the logged
 * updates after that checkpoint up to the moment. Rooms write a checkpoint every
 * CHECKPOINT_EVERY_UPDATES updates, so a seek applies at most that many updates, however long the
 * history is. Between reading, applying and reading out, the event loop gets a turn
 * (heavy-reads.ts says why).
 */
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardStore } from '../store/board-store.js'
import { recordsOfDoc } from '../workshops/board-state.js'
import { yieldToEventLoop } from './heavy-reads.js'

/** Logged updates applied between two turns of the event loop (about 20 ms of work on a 3,000-shape board). */
const UPDATES_PER_SLICE = 100

export interface BoardAtTime {
  /** The document state as one Yjs update. */
  state: Uint8Array
  /** How many logged updates were applied on top of the checkpoint (the cost of the seek). */
  appliedUpdates: number
}

/** The board document at `time` (epoch ms): every update accepted at or before it. */
export async function boardDocAt(store: BoardStore, workshopId: string, time: number): Promise<{ doc: Y.Doc; appliedUpdates: number }> {
  const checkpoint = await store.checkpointAtOrBefore(workshopId, time)
  const updates = await store.readUpdates(workshopId, { afterSeq: checkpoint?.uptoSeq ?? 0, uptoTime: time })
  await yieldToEventLoop()
  const doc = new Y.Doc()
  if (checkpoint) {
    Y.applyUpdate(doc, checkpoint.state)
    await yieldToEventLoop()
  }
  // A few transactions of many updates each: observers and cleanup run once per slice (measured
  // faster than merging first), and the event loop gets a turn between slices.
  for (let start = 0; start < updates.length; start += UPDATES_PER_SLICE) {
    doc.transact(() => {
      for (const update of updates.slice(start, start + UPDATES_PER_SLICE)) Y.applyUpdate(doc, update.data)
    })
    await yieldToEventLoop()
  }
  return { doc, appliedUpdates: updates.length }
}

export async function boardAt(store: BoardStore, workshopId: string, time: number): Promise<BoardAtTime> {
  const { doc, appliedUpdates } = await boardDocAt(store, workshopId, time)
  try {
    return { state: Y.encodeStateAsUpdate(doc), appliedUpdates }
  } finally {
    doc.destroy()
  }
}

/** The board's records at `time`. */
export async function recordsAt(store: BoardStore, workshopId: string, time: number): Promise<TLRecord[]> {
  const { doc } = await boardDocAt(store, workshopId, time)
  try {
    return recordsOfDoc(doc)
  } finally {
    doc.destroy()
  }
}
