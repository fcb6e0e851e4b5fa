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
  /** IANA time zone its times are shown in. */
  timeZone: string
}

export type WorkshopChanges = Partial<Pick<WorkshopRecord, 'title' | 'field' | 'description' | 'reviewersInPresence' | 'timeZone'>>

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
  /** 0 while every update is kept; the window (ms) once the session's log was coalesced. */
  coalescedMs: number
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

/** The name and colour a connection showed in presence: who "author" means in the update log. */
export interface AuthorRecord {
  workshopId: string
  /** The connection id recorded as author of its updates. */
  connectionId: string
  /** The presence user id the connection showed; `user:<identityId>` when it presented an identity (the room allows no other). */
  userId: string | null
  /** The identity the connection presented (`?identity=`): one person, however many tabs; null without one. */
  identityId: string | null
  name: string
  color: string
  role: Role
  firstSeen: number
}

/** Which updates to read: by sequence number and/or server time (exclusive lower, inclusive upper bounds). */
export interface UpdateRange {
  afterSeq?: number
  uptoSeq?: number
  afterTime?: number
  uptoTime?: number
  /** Newest first instead of oldest first. */
  descending?: boolean
  limit?: number
}

/** Updates per author in a time range. */
export interface AuthorActivity {
  author: string
  updates: number
  first: number
  last: number
}

/** A sticky note written in private mode, kept off the board until the reveal. */
export interface PrivateNoteRecord {
  shapeId: string
  owner: string
  record: Record<string, unknown>
  updatedAt: number
}

/** A person within a workshop: a public id and the SHA-256 of its secret (see server/src/identities/). */
export interface IdentityRecord {
  workshopId: string
  id: string
  secretHash: Buffer
  /** The role of the link it was issued through (the link a request comes with decides its role). */
  issuedTo: Role
  createdAt: number
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
  /** Records the update writes (added or changed), to remember who created each record. */
  recordIds?: readonly string[]
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
  /** Deletes the workshop with its log, checkpoints, sessions, snapshots, credentials and identities. */
  deleteWorkshop(id: string): Promise<boolean>

  getCredentials(workshopId: string): Promise<WorkshopCredentials | undefined>
  replaceCredentials(workshopId: string, credentials: WorkshopCredentials): Promise<void>
  /** Which workshop and role a token hash belongs to, if any. */
  findTokenHash(hash: Buffer): Promise<{ workshopId: string; role: Role } | undefined>

  /** Stores a newly issued identity. */
  addIdentity(identity: IdentityRecord): Promise<void>
  /** The identity with this public id in this workshop, if any. */
  getIdentity(workshopId: string, id: string): Promise<IdentityRecord | undefined>

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

  /** Who first wrote each record of a workshop, and when: the author of a note in the results record. */
  recordCreators(workshopId: string): Promise<Map<string, { author: string; time: number }>>
  /** Records who created a record that the server wrote on their behalf (a revealed private note). */
  setRecordCreator(workshopId: string, recordId: string, author: string, time: number): Promise<void>
  /** Sequence number of the last logged update (0 for an empty log). */
  lastSeq(workshopId: string): Promise<number>

  /** Records (or updates) the name and colour a connection showed. */
  recordAuthor(author: AuthorRecord): Promise<void>
  listAuthors(workshopId: string): Promise<AuthorRecord[]>

  /** Updates of the log in a range (the history reads them; loading a room uses `loadBoard`). */
  readUpdates(workshopId: string, range: UpdateRange): Promise<StoredUpdate[]>
  /** The newest checkpoint whose last covered update is at or before `time`. */
  checkpointAtOrBefore(workshopId: string, time: number): Promise<{ uptoSeq: number; state: Uint8Array } | undefined>
  /** Sequence numbers of all checkpoints, ascending. */
  checkpointSeqs(workshopId: string): Promise<number[]>
  /** Update counts per bucket of `bucketMs` from `from` (inclusive) to `to` (inclusive). */
  activity(workshopId: string, from: number, to: number, bucketMs: number): Promise<number[]>
  authorActivity(workshopId: string, from: number, to: number): Promise<AuthorActivity[]>
  /** Replaces logged updates by others in one transaction (coalescing); `add` keep their own seq numbers. */
  replaceUpdates(workshopId: string, removeSeqs: readonly number[], add: readonly StoredUpdate[]): Promise<void>
  markSessionCoalesced(workshopId: string, sessionId: string, windowMs: number): Promise<void>
  /** Sets one voter's dots in a vote (shape id -> dots); an empty object removes the ballot. */
  setDots(workshopId: string, voteId: string, voter: string, dots: Readonly<Record<string, number>>): Promise<void>
  dotsOf(workshopId: string, voteId: string, voter: string): Promise<Record<string, number>>
  /** Every voter's dots in a vote. */
  ballots(workshopId: string, voteId: string): Promise<Map<string, Record<string, number>>>

  /** Stores a private note; false when the shape id belongs to another owner's note. */
  putPrivateNote(workshopId: string, note: PrivateNoteRecord): Promise<boolean>
  /** Private notes of one owner, or of everyone. */
  privateNotes(workshopId: string, owner?: string): Promise<PrivateNoteRecord[]>
  deletePrivateNote(workshopId: string, shapeId: string, owner: string): Promise<boolean>
  /** Removes every private note of a workshop (after the reveal). */
  clearPrivateNotes(workshopId: string): Promise<void>

  /** Gives space freed by coalescing or deletion back to the file system where the store can. */
  reclaimSpace(): Promise<void>
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
