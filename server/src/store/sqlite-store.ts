/**
 * The embedded store: one SQLite file (`quartierboard.db`) in DATA_DIR, opened with better-sqlite3
 * in WAL mode. better-sqlite3 is synchronous; the methods return promises only to satisfy the
 * BoardStore interface that asynchronous backends share.
 *
 * This class opens the database (pragmas, schema steps, the WAL worker) and answers BoardStore by
 * handing each method to the module for its tables, all on the one connection:
 * sqlite-workshops.ts (workshops, tokens), sqlite-sessions.ts (sessions, snapshots),
 * sqlite-board-log.ts (updates, checkpoints, record creators, history queries), sqlite-authors.ts
 * (authors), sqlite-facilitation.ts (vote dots, private notes) and sqlite-identities.ts (identities).
 *
 * Durability: `synchronous = NORMAL` in WAL mode makes every committed transaction survive a crash
 * of this process (the WAL is written before commit returns); only a power loss of the host can
 * drop the last transactions. Rooms append one transaction per event-loop tick, so this keeps
 * fsync off the hot path; so does checkpointing the WAL in a worker thread (wal-checkpointer.ts)
 * instead of inside a commit.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Logger } from '../logger.js'
import { FALLBACK_AUTOCHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js'
import type { Role } from '@quartierboard/shared'
import type {
  AuthorActivity,
  AuthorRecord,
  BoardStore,
  IdentityRecord,
  PrivateNoteRecord,
  SessionRecord,
  SnapshotRecord,
  StoredBoard,
  StoredUpdate,
  UpdateRange,
  UpdateToAppend,
  WorkshopChanges,
  WorkshopCredentials,
  WorkshopRecord,
} from './board-store.js'
import { SqliteAuthors } from './sqlite-authors.js'
import { SqliteBoardLog } from './sqlite-board-log.js'
import { SqliteFacilitation } from './sqlite-facilitation.js'
import { SqliteIdentities } from './sqlite-identities.js'
import { migrateSqliteSchema } from './sqlite-schema.js'
import { SqliteSessions } from './sqlite-sessions.js'
import { SqliteWorkshops } from './sqlite-workshops.js'

export const SQLITE_FILE_NAME = 'quartierboard.db'

export class SqliteBoardStore implements BoardStore {
  private readonly db: Database.Database
  private readonly walCheckpointer: WalCheckpointer

  private readonly workshops: SqliteWorkshops
  private readonly sessions: SqliteSessions
  private readonly log: SqliteBoardLog
  private readonly authors: SqliteAuthors
  private readonly facilitation: SqliteFacilitation
  private readonly identities: SqliteIdentities
  private readonly pingStatement: Database.Statement

  /** `logger` hears of failing background WAL checkpoints (a warning; the store still works). */
  constructor(dataDir: string, options: { logger?: Logger } = {}) {
    fs.mkdirSync(dataDir, { recursive: true })
    const file = path.join(dataDir, SQLITE_FILE_NAME)
    this.db = new Database(file)
    // A new file gives freed pages back to the file system on request (after coalescing); an
    // older file keeps them for reuse. Must be set before the file gets its first table.
    if (this.db.pragma('user_version', { simple: true }) === 0) this.db.pragma('auto_vacuum = INCREMENTAL')
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`)
    migrateSqliteSchema(this.db)
    this.walCheckpointer = startWalCheckpointer(file, (message) => options.logger?.warn({ err: message }, 'a background WAL checkpoint failed'))
    this.workshops = new SqliteWorkshops(this.db)
    this.sessions = new SqliteSessions(this.db)
    this.log = new SqliteBoardLog(this.db)
    this.authors = new SqliteAuthors(this.db)
    this.facilitation = new SqliteFacilitation(this.db)
    this.identities = new SqliteIdentities(this.db)
    this.pingStatement = this.db.prepare('SELECT 1 AS ok')
  }

  // Workshops and their tokens (sqlite-workshops.ts).

  createWorkshop(workshop: WorkshopRecord, credentials: WorkshopCredentials): Promise<void> {
    return this.workshops.createWorkshop(workshop, credentials)
  }

  getWorkshop(id: string): Promise<WorkshopRecord | undefined> {
    return this.workshops.getWorkshop(id)
  }

  updateWorkshop(id: string, changes: WorkshopChanges): Promise<void> {
    return this.workshops.updateWorkshop(id, changes)
  }

  deleteWorkshop(id: string): Promise<boolean> {
    return this.workshops.deleteWorkshop(id)
  }

  getCredentials(workshopId: string): Promise<WorkshopCredentials | undefined> {
    return this.workshops.getCredentials(workshopId)
  }

  replaceCredentials(workshopId: string, credentials: WorkshopCredentials): Promise<void> {
    return this.workshops.replaceCredentials(workshopId, credentials)
  }

  findTokenHash(hash: Buffer): Promise<{ workshopId: string; role: Role } | undefined> {
    return this.workshops.findTokenHash(hash)
  }

  // Identities (sqlite-identities.ts).

  addIdentity(identity: IdentityRecord): Promise<void> {
    return this.identities.addIdentity(identity)
  }

  getIdentity(workshopId: string, id: string): Promise<IdentityRecord | undefined> {
    return this.identities.getIdentity(workshopId, id)
  }

  // Sessions and snapshots (sqlite-sessions.ts).

  startSession(session: SessionRecord): Promise<void> {
    return this.sessions.startSession(session)
  }

  endSession(workshopId: string, sessionId: string, endedAt: number): Promise<SessionRecord | undefined> {
    return this.sessions.endSession(workshopId, sessionId, endedAt)
  }

  getSession(workshopId: string, sessionId: string): Promise<SessionRecord | undefined> {
    return this.sessions.getSession(workshopId, sessionId)
  }

  listSessions(workshopId: string): Promise<SessionRecord[]> {
    return this.sessions.listSessions(workshopId)
  }

  runningSession(workshopId: string): Promise<SessionRecord | undefined> {
    return this.sessions.runningSession(workshopId)
  }

  allRunningSessions(): Promise<SessionRecord[]> {
    return this.sessions.allRunningSessions()
  }

  markSessionCoalesced(workshopId: string, sessionId: string, windowMs: number): Promise<void> {
    return this.sessions.markSessionCoalesced(workshopId, sessionId, windowMs)
  }

  addSnapshot(snapshot: SnapshotRecord, state: Uint8Array): Promise<void> {
    return this.sessions.addSnapshot(snapshot, state)
  }

  listSnapshots(workshopId: string, sessionId?: string): Promise<SnapshotRecord[]> {
    return this.sessions.listSnapshots(workshopId, sessionId)
  }

  getSnapshot(workshopId: string, snapshotId: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined> {
    return this.sessions.getSnapshot(workshopId, snapshotId)
  }

  latestSnapshot(workshopId: string, sessionId: string): Promise<SnapshotRecord | undefined> {
    return this.sessions.latestSnapshot(workshopId, sessionId)
  }

  // The update log, its checkpoints and the history's queries (sqlite-board-log.ts).

  lastSeq(workshopId: string): Promise<number> {
    return this.log.lastSeq(workshopId)
  }

  appendUpdates(workshopId: string, updates: readonly UpdateToAppend[]): Promise<number> {
    return this.log.appendUpdates(workshopId, updates)
  }

  loadBoard(workshopId: string): Promise<StoredBoard> {
    return this.log.loadBoard(workshopId)
  }

  writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void> {
    return this.log.writeCheckpoint(workshopId, uptoSeq, state, time)
  }

  replaceUpdates(workshopId: string, removeSeqs: readonly number[], add: readonly StoredUpdate[]): Promise<void> {
    return this.log.replaceUpdates(workshopId, removeSeqs, add)
  }

  recordCreators(workshopId: string): Promise<Map<string, { author: string; time: number }>> {
    return this.log.recordCreators(workshopId)
  }

  setRecordCreator(workshopId: string, recordId: string, author: string, time: number): Promise<void> {
    return this.log.setRecordCreator(workshopId, recordId, author, time)
  }

  readUpdates(workshopId: string, range: UpdateRange): Promise<StoredUpdate[]> {
    return this.log.readUpdates(workshopId, range)
  }

  checkpointAtOrBefore(workshopId: string, time: number): Promise<{ uptoSeq: number; state: Uint8Array } | undefined> {
    return this.log.checkpointAtOrBefore(workshopId, time)
  }

  checkpointSeqs(workshopId: string): Promise<number[]> {
    return this.log.checkpointSeqs(workshopId)
  }

  activity(workshopId: string, from: number, to: number, bucketMs: number): Promise<number[]> {
    return this.log.activity(workshopId, from, to, bucketMs)
  }

  authorActivity(workshopId: string, from: number, to: number): Promise<AuthorActivity[]> {
    return this.log.authorActivity(workshopId, from, to)
  }

  // Who the log's authors are (sqlite-authors.ts).

  recordAuthor(author: AuthorRecord): Promise<void> {
    return this.authors.recordAuthor(author)
  }

  listAuthors(workshopId: string): Promise<AuthorRecord[]> {
    return this.authors.listAuthors(workshopId)
  }

  // Secret votes and private notes (sqlite-facilitation.ts).

  setDots(workshopId: string, voteId: string, voter: string, dots: Readonly<Record<string, number>>): Promise<void> {
    return this.facilitation.setDots(workshopId, voteId, voter, dots)
  }

  dotsOf(workshopId: string, voteId: string, voter: string): Promise<Record<string, number>> {
    return this.facilitation.dotsOf(workshopId, voteId, voter)
  }

  ballots(workshopId: string, voteId: string): Promise<Map<string, Record<string, number>>> {
    return this.facilitation.ballots(workshopId, voteId)
  }

  putPrivateNote(workshopId: string, note: PrivateNoteRecord): Promise<boolean> {
    return this.facilitation.putPrivateNote(workshopId, note)
  }

  privateNotes(workshopId: string, owner?: string): Promise<PrivateNoteRecord[]> {
    return this.facilitation.privateNotes(workshopId, owner)
  }

  deletePrivateNote(workshopId: string, shapeId: string, owner: string): Promise<boolean> {
    return this.facilitation.deletePrivateNote(workshopId, shapeId, owner)
  }

  clearPrivateNotes(workshopId: string): Promise<void> {
    return this.facilitation.clearPrivateNotes(workshopId)
  }

  // The database as a whole.

  async reclaimSpace(): Promise<void> {
    this.db.pragma('incremental_vacuum')
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  async ping(): Promise<boolean> {
    return this.pingStatement.get() !== undefined
  }

  /** Bytes of stored Yjs data of a workshop, by kind (as stored, i.e. after compression). */
  storedBytes(workshopId: string): { updates: number; checkpoints: number; snapshots: number } {
    const sum = (table: string, column: string) =>
      (this.db.prepare(`SELECT COALESCE(SUM(LENGTH(${column})), 0) AS bytes FROM ${table} WHERE workshop_id = ?`).get(workshopId) as { bytes: number }).bytes
    return { updates: sum('updates', 'data'), checkpoints: sum('checkpoints', 'state'), snapshots: sum('snapshots', 'state') }
  }

  async close(): Promise<void> {
    await this.walCheckpointer.stop()
    if (this.db.open) this.db.close()
  }
}
