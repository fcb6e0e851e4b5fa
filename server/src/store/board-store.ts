/**
 * The storage interface of Quartierboard. The embedded default is SQLite (sqlite-store.ts); a
 * PostgreSQL variant will implement the same interface and pass the same contract tests.
 *
 * A board is stored as an append-only log of Yjs updates (each with server time and author) plus
 * checkpoints: a checkpoint is the merged state of the log up to a sequence number. Loading a
 * board reads the newest checkpoint and the updates after it, so load time stays bounded while the
 * full log remains for history and replay.
 */
import type { FieldOfAction } from '@quartierboard/shared'

export interface WorkshopRecord {
  id: string
  title: string
  field: FieldOfAction
  description: string
  createdAt: number
}

/** One Yjs update to append: the bytes, when the server accepted it and who sent it. */
export interface UpdateToAppend {
  data: Uint8Array
  /** Server time, epoch ms. */
  time: number
  /** Connection identity of the sender. */
  author: string
}

export interface StoredUpdate extends UpdateToAppend {
  seq: number
}

/** What a room needs to rebuild a board's document. */
export interface StoredBoard {
  /** Merged state up to `checkpointSeq`, or null when no checkpoint exists yet. */
  checkpoint: Uint8Array | null
  checkpointSeq: number
  /** Updates after the checkpoint, in sequence order. */
  updates: StoredUpdate[]
}

export interface BoardStore {
  createWorkshop(workshop: WorkshopRecord): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRecord | undefined>
  /** Loads the newest checkpoint and every update after it. */
  loadBoard(workshopId: string): Promise<StoredBoard>
  /** Appends updates atomically (all or none), returning the sequence number of the last one. */
  appendUpdates(workshopId: string, updates: readonly UpdateToAppend[]): Promise<number>
  /** Stores a checkpoint covering the log up to and including `uptoSeq`. */
  writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void>
  /** True when the store answers (for /healthz). */
  ping(): Promise<boolean>
  close(): Promise<void>
}
