/**
 * The storage interface of Quartierboard. The embedded default is SQLite (sqlite-store.ts); a
 * PostgreSQL variant will implement the same interface and pass the same contract tests.
 *
 * A board is stored as an append-only log of Yjs updates (each with server time and author) plus
 * checkpoints: a checkpoint is the merged state of the log up to a sequence number. Loading a
 * board reads the newest checkpoint and the updates after it, so load time stays bounded while the
 * full log remains for history and replay.
 */
import type { FieldOfAction, Role, SnapshotKind } from '@quartierboard/shared'
import type { TokenHashes, TokenSalts } from '../auth/tokens.js'

export interface WorkshopRecord {
  id: string
  title: string
  field: FieldOfAction
  description: string
  createdAt: number
  /** Whether reviewers appear in presence (cursors, participant list). */
  reviewersInPresence: boolean
}

export type WorkshopChanges = Partial<Pick<WorkshopRecord, 'title' | 'field' | 'description' | 'reviewersInPresence'>>

/** What the store keeps of a workshop's capability tokens: hashes and the salts of derived tokens. */
export interface WorkshopCredentials {
  hashes: TokenHashes
  salts: TokenSalts
}

export interface SessionRecord {
  id: string
  workshopId: string
  title: string
  startedAt: number
  endedAt: number | null
}

export interface SnapshotRecord {
  id: string
  workshopId: string
  sessionId: string | null
  kind: SnapshotKind
  label: string
  author: string
  createdAt: number
  shapes: number
  bytes: number
  /** The update log position the snapshot covers. */
  uptoSeq: number
}

/** Thrown by `startSession` when the workshop already has a running session. */
export class SessionAlreadyRunning extends Error {}

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
  createWorkshop(workshop: WorkshopRecord, credentials: WorkshopCredentials): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRecord | undefined>
  updateWorkshop(id: string, changes: WorkshopChanges): Promise<void>
  /** Deletes the workshop with its log, checkpoints, sessions, snapshots and credentials. */
  deleteWorkshop(id: string): Promise<boolean>

  getCredentials(workshopId: string): Promise<WorkshopCredentials | undefined>
  replaceCredentials(workshopId: string, credentials: WorkshopCredentials): Promise<void>
  /** Which workshop and role a token hash belongs to, if any. */
  findTokenHash(hash: Buffer): Promise<{ workshopId: string; role: Role } | undefined>

  /** Starts a session; throws SessionAlreadyRunning when one runs. */
  startSession(session: SessionRecord): Promise<void>
  /** Ends a running session; returns it, or undefined when no such running session exists. */
  endSession(workshopId: string, sessionId: string, endedAt: number): Promise<SessionRecord | undefined>
  getSession(workshopId: string, sessionId: string): Promise<SessionRecord | undefined>
  listSessions(workshopId: string): Promise<SessionRecord[]>
  runningSession(workshopId: string): Promise<SessionRecord | undefined>
  /** Every running session of every workshop (for automatic snapshots and shutdown). */
  allRunningSessions(): Promise<SessionRecord[]>

  addSnapshot(snapshot: SnapshotRecord, state: Uint8Array): Promise<void>
  /** Snapshots of a workshop, oldest first, optionally of one session. */
  listSnapshots(workshopId: string, sessionId?: string): Promise<SnapshotRecord[]>
  getSnapshot(workshopId: string, snapshotId: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined>
  /** The newest snapshot of a session, if any. */
  latestSnapshot(workshopId: string, sessionId: string): Promise<SnapshotRecord | undefined>

  /** Sequence number of the last logged update (0 for an empty log). */
  lastSeq(workshopId: string): Promise<number>
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
