/**
 * The embedded store: one SQLite file (`quartierboard.db`) in DATA_DIR, opened with better-sqlite3
 * in WAL mode. better-sqlite3 is synchronous; the methods return promises only to satisfy the
 * BoardStore interface that asynchronous backends share.
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
import type { FieldOfAction, Role, SnapshotKind } from '@quartierboard/shared'
import {
  SessionAlreadyRunning,
  type AuthorActivity,
  type AuthorRecord,
  type BoardStore,
  type PrivateNoteRecord,
  type SessionRecord,
  type SnapshotRecord,
  type StoredBoard,
  type StoredUpdate,
  type UpdateRange,
  type UpdateToAppend,
  type WorkshopChanges,
  type WorkshopCredentials,
  type WorkshopRecord,
} from './board-store.js'
import { compress, decompress } from './compression.js'
import { migrateSqliteSchema } from './sqlite-schema.js'

export const SQLITE_FILE_NAME = 'quartierboard.db'

interface WorkshopRow {
  id: string
  title: string
  field: string
  description: string
  created_at: number
  reviewers_in_presence: number
}

interface TokenRow {
  role: Role
  token_hash: Buffer
  salt: string
}

interface SessionRow {
  id: string
  workshop_id: string
  title: string
  started_at: number
  ended_at: number | null
  coalesced_ms: number
}

interface PrivateNoteRow {
  shape_id: string
  owner: string
  record: string
  updated_at: number
}

interface AuthorRow {
  workshop_id: string
  connection_id: string
  user_id: string | null
  name: string
  color: string
  role: Role
  first_seen: number
}

interface SnapshotRow {
  id: string
  workshop_id: string
  session_id: string | null
  kind: SnapshotKind
  label: string
  author: string
  created_at: number
  shapes: number
  bytes: number
  upto_seq: number
}

const SNAPSHOT_COLUMNS = 'id, workshop_id, session_id, kind, label, author, created_at, shapes, bytes, upto_seq'

interface UpdateRow {
  seq: number
  time: number
  author: string
  data: Buffer
  deflated: number
}

interface StateRow {
  upto_seq: number
  state: Buffer
  deflated: number
}

export class SqliteBoardStore implements BoardStore {
  private readonly db: Database.Database
  private readonly statements

  private readonly walCheckpointer: WalCheckpointer

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
    this.statements = {
      insertWorkshop: this.db.prepare(
        'INSERT INTO workshops (id, title, field, description, created_at, reviewers_in_presence) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getWorkshop: this.db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
      updateWorkshop: this.db.prepare(
        'UPDATE workshops SET title = ?, field = ?, description = ?, reviewers_in_presence = ? WHERE id = ?',
      ),
      deleteWorkshop: this.db.prepare('DELETE FROM workshops WHERE id = ?'),
      upsertToken: this.db.prepare(
        'INSERT INTO workshop_tokens (workshop_id, role, token_hash, salt) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, role) DO UPDATE SET token_hash = excluded.token_hash, salt = excluded.salt',
      ),
      tokensOf: this.db.prepare<[string], TokenRow>('SELECT role, token_hash, salt FROM workshop_tokens WHERE workshop_id = ?'),
      findTokenHash: this.db.prepare<[Buffer], { workshop_id: string; role: Role }>(
        'SELECT workshop_id, role FROM workshop_tokens WHERE token_hash = ?',
      ),
      insertSession: this.db.prepare('INSERT INTO sessions (id, workshop_id, title, started_at, ended_at) VALUES (?, ?, ?, ?, NULL)'),
      endSession: this.db.prepare('UPDATE sessions SET ended_at = ? WHERE workshop_id = ? AND id = ? AND ended_at IS NULL'),
      getSession: this.db.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? AND id = ?'),
      listSessions: this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? ORDER BY started_at, rowid'),
      runningSession: this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? AND ended_at IS NULL'),
      allRunningSessions: this.db.prepare<[], SessionRow>('SELECT * FROM sessions WHERE ended_at IS NULL'),
      insertSnapshot: this.db.prepare(
        `INSERT INTO snapshots (${SNAPSHOT_COLUMNS}, state, deflated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listSnapshots: this.db.prepare<[string], SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? ORDER BY created_at, rowid`,
      ),
      listSessionSnapshots: this.db.prepare<[string, string], SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? AND session_id = ? ORDER BY created_at, rowid`,
      ),
      getSnapshot: this.db.prepare<[string, string], SnapshotRow & { state: Buffer; deflated: number }>(
        `SELECT ${SNAPSHOT_COLUMNS}, state, deflated FROM snapshots WHERE workshop_id = ? AND id = ?`,
      ),
      latestSnapshot: this.db.prepare<[string, string], SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? AND session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
      lastSeq: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE workshop_id = ?'),
      insertUpdate: this.db.prepare('INSERT INTO updates (workshop_id, seq, time, author, data, deflated) VALUES (?, ?, ?, ?, ?, ?)'),
      latestCheckpoint: this.db.prepare<[string], StateRow>(
        'SELECT upto_seq, state, deflated FROM checkpoints WHERE workshop_id = ? ORDER BY upto_seq DESC LIMIT 1',
      ),
      updatesAfter: this.db.prepare<[string, number], UpdateRow>(
        'SELECT seq, time, author, data, deflated FROM updates WHERE workshop_id = ? AND seq > ? ORDER BY seq',
      ),
      insertCheckpoint: this.db.prepare(
        'INSERT OR REPLACE INTO checkpoints (workshop_id, upto_seq, time, state, deflated) VALUES (?, ?, ?, ?, ?)',
      ),
      ping: this.db.prepare('SELECT 1 AS ok'),
      upsertAuthor: this.db.prepare(
        'INSERT INTO authors (workshop_id, connection_id, user_id, name, color, role, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, connection_id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name, color = excluded.color',
      ),
      listAuthors: this.db.prepare<[string], AuthorRow>('SELECT * FROM authors WHERE workshop_id = ? ORDER BY first_seen'),
      // Two index lookups: the last update at or before the moment, then the checkpoint at or before it.
      lastSeqAtOrBefore: this.db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM updates WHERE workshop_id = ? AND time <= ? ORDER BY time DESC, seq DESC LIMIT 1',
      ),
      checkpointUpTo: this.db.prepare<[string, number], StateRow>(
        'SELECT upto_seq, state, deflated FROM checkpoints WHERE workshop_id = ? AND upto_seq <= ? ORDER BY upto_seq DESC LIMIT 1',
      ),
      checkpointSeqs: this.db.prepare<[string], { upto_seq: number }>('SELECT upto_seq FROM checkpoints WHERE workshop_id = ? ORDER BY upto_seq'),
      activity: this.db.prepare<[{ workshopId: string; from: number; to: number; bucketMs: number }], { bucket: number; count: number }>(
        'SELECT CAST((time - @from) / @bucketMs AS INTEGER) AS bucket, COUNT(*) AS count FROM updates ' +
          'WHERE workshop_id = @workshopId AND time >= @from AND time <= @to GROUP BY bucket',
      ),
      authorActivity: this.db.prepare<[string, number, number], { author: string; updates: number; first: number; last: number }>(
        'SELECT author, COUNT(*) AS updates, MIN(time) AS first, MAX(time) AS last FROM updates ' +
          'WHERE workshop_id = ? AND time >= ? AND time <= ? GROUP BY author',
      ),
      deleteUpdate: this.db.prepare('DELETE FROM updates WHERE workshop_id = ? AND seq = ?'),
      upsertDots: this.db.prepare(
        'INSERT INTO vote_dots (workshop_id, vote_id, voter, dots) VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, vote_id, voter) DO UPDATE SET dots = excluded.dots',
      ),
      deleteDots: this.db.prepare('DELETE FROM vote_dots WHERE workshop_id = ? AND vote_id = ? AND voter = ?'),
      dotsOf: this.db.prepare<[string, string, string], { dots: string }>('SELECT dots FROM vote_dots WHERE workshop_id = ? AND vote_id = ? AND voter = ?'),
      ballots: this.db.prepare<[string, string], { voter: string; dots: string }>('SELECT voter, dots FROM vote_dots WHERE workshop_id = ? AND vote_id = ?'),
      privateNoteOwner: this.db.prepare<[string, string], { owner: string }>('SELECT owner FROM private_notes WHERE workshop_id = ? AND shape_id = ?'),
      upsertPrivateNote: this.db.prepare(
        'INSERT INTO private_notes (workshop_id, shape_id, owner, record, updated_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, shape_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
      ),
      privateNotes: this.db.prepare<[string], PrivateNoteRow>('SELECT * FROM private_notes WHERE workshop_id = ? ORDER BY updated_at'),
      privateNotesOf: this.db.prepare<[string, string], PrivateNoteRow>('SELECT * FROM private_notes WHERE workshop_id = ? AND owner = ? ORDER BY updated_at'),
      deletePrivateNote: this.db.prepare('DELETE FROM private_notes WHERE workshop_id = ? AND shape_id = ? AND owner = ?'),
      clearPrivateNotes: this.db.prepare('DELETE FROM private_notes WHERE workshop_id = ?'),
      replaceCreator: this.db.prepare('INSERT OR REPLACE INTO record_creators (workshop_id, record_id, author, time) VALUES (?, ?, ?, ?)'),
      insertCreator: this.db.prepare('INSERT OR IGNORE INTO record_creators (workshop_id, record_id, author, time) VALUES (?, ?, ?, ?)'),
      creators: this.db.prepare<[string], { record_id: string; author: string; time: number }>(
        'SELECT record_id, author, time FROM record_creators WHERE workshop_id = ?',
      ),
      markCoalesced: this.db.prepare('UPDATE sessions SET coalesced_ms = ? WHERE workshop_id = ? AND id = ?'),
    }
  }

  async createWorkshop(workshop: WorkshopRecord, credentials: WorkshopCredentials): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertWorkshop.run(
        workshop.id,
        workshop.title,
        workshop.field,
        workshop.description,
        workshop.createdAt,
        workshop.reviewersInPresence ? 1 : 0,
      )
      this.writeCredentials(workshop.id, credentials)
    })()
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | undefined> {
    const row = this.statements.getWorkshop.get(id)
    if (!row) return undefined
    return {
      id: row.id,
      title: row.title,
      field: row.field as FieldOfAction,
      description: row.description,
      createdAt: row.created_at,
      reviewersInPresence: row.reviewers_in_presence === 1,
    }
  }

  async updateWorkshop(id: string, changes: WorkshopChanges): Promise<void> {
    const current = await this.getWorkshop(id)
    if (!current) return
    const next = { ...current, ...changes }
    this.statements.updateWorkshop.run(next.title, next.field, next.description, next.reviewersInPresence ? 1 : 0, id)
  }

  async deleteWorkshop(id: string): Promise<boolean> {
    return this.statements.deleteWorkshop.run(id).changes > 0
  }

  async getCredentials(workshopId: string): Promise<WorkshopCredentials | undefined> {
    const rows = this.statements.tokensOf.all(workshopId)
    const byRole = new Map(rows.map((row) => [row.role, row]))
    const facilitator = byRole.get('facilitator')
    const participant = byRole.get('participant')
    const reviewer = byRole.get('reviewer')
    if (!facilitator || !participant || !reviewer) return undefined
    return {
      hashes: { facilitator: facilitator.token_hash, participant: participant.token_hash, reviewer: reviewer.token_hash },
      salts: { participant: participant.salt, reviewer: reviewer.salt },
    }
  }

  async replaceCredentials(workshopId: string, credentials: WorkshopCredentials): Promise<void> {
    this.db.transaction(() => this.writeCredentials(workshopId, credentials))()
  }

  private writeCredentials(workshopId: string, credentials: WorkshopCredentials): void {
    this.statements.upsertToken.run(workshopId, 'facilitator', credentials.hashes.facilitator, '')
    this.statements.upsertToken.run(workshopId, 'participant', credentials.hashes.participant, credentials.salts.participant)
    this.statements.upsertToken.run(workshopId, 'reviewer', credentials.hashes.reviewer, credentials.salts.reviewer)
  }

  async findTokenHash(hash: Buffer): Promise<{ workshopId: string; role: Role } | undefined> {
    const row = this.statements.findTokenHash.get(hash)
    return row ? { workshopId: row.workshop_id, role: row.role } : undefined
  }

  async startSession(session: SessionRecord): Promise<void> {
    try {
      this.statements.insertSession.run(session.id, session.workshopId, session.title, session.startedAt)
    } catch (error) {
      if (isUniqueViolation(error)) throw new SessionAlreadyRunning('a session is already running')
      throw error
    }
  }

  async endSession(workshopId: string, sessionId: string, endedAt: number): Promise<SessionRecord | undefined> {
    if (this.statements.endSession.run(endedAt, workshopId, sessionId).changes === 0) return undefined
    return this.getSession(workshopId, sessionId)
  }

  async getSession(workshopId: string, sessionId: string): Promise<SessionRecord | undefined> {
    const row = this.statements.getSession.get(workshopId, sessionId)
    return row ? sessionFromRow(row) : undefined
  }

  async listSessions(workshopId: string): Promise<SessionRecord[]> {
    return this.statements.listSessions.all(workshopId).map(sessionFromRow)
  }

  async runningSession(workshopId: string): Promise<SessionRecord | undefined> {
    const row = this.statements.runningSession.get(workshopId)
    return row ? sessionFromRow(row) : undefined
  }

  async allRunningSessions(): Promise<SessionRecord[]> {
    return this.statements.allRunningSessions.all().map(sessionFromRow)
  }

  async addSnapshot(snapshot: SnapshotRecord, state: Uint8Array): Promise<void> {
    const stored = await compress(state)
    this.statements.insertSnapshot.run(
      snapshot.id,
      snapshot.workshopId,
      snapshot.sessionId,
      snapshot.kind,
      snapshot.label,
      snapshot.author,
      snapshot.createdAt,
      snapshot.shapes,
      snapshot.bytes,
      snapshot.uptoSeq,
      stored.bytes,
      stored.deflated ? 1 : 0,
    )
  }

  async listSnapshots(workshopId: string, sessionId?: string): Promise<SnapshotRecord[]> {
    const rows = sessionId === undefined ? this.statements.listSnapshots.all(workshopId) : this.statements.listSessionSnapshots.all(workshopId, sessionId)
    return rows.map(snapshotFromRow)
  }

  async getSnapshot(workshopId: string, snapshotId: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined> {
    const row = this.statements.getSnapshot.get(workshopId, snapshotId)
    return row ? { snapshot: snapshotFromRow(row), state: decompress(row.state, row.deflated) } : undefined
  }

  async latestSnapshot(workshopId: string, sessionId: string): Promise<SnapshotRecord | undefined> {
    const row = this.statements.latestSnapshot.get(workshopId, sessionId)
    return row ? snapshotFromRow(row) : undefined
  }

  async recordCreators(workshopId: string): Promise<Map<string, { author: string; time: number }>> {
    return new Map(this.statements.creators.all(workshopId).map((row) => [row.record_id, { author: row.author, time: row.time }]))
  }

  async setRecordCreator(workshopId: string, recordId: string, author: string, time: number): Promise<void> {
    this.statements.replaceCreator.run(workshopId, recordId, author, time)
  }

  async lastSeq(workshopId: string): Promise<number> {
    return this.statements.lastSeq.get(workshopId)?.seq ?? 0
  }

  async recordAuthor(author: AuthorRecord): Promise<void> {
    this.statements.upsertAuthor.run(author.workshopId, author.connectionId, author.userId, author.name, author.color, author.role, author.firstSeen)
  }

  async listAuthors(workshopId: string): Promise<AuthorRecord[]> {
    return this.statements.listAuthors.all(workshopId).map((row) => ({
      workshopId: row.workshop_id,
      connectionId: row.connection_id,
      userId: row.user_id,
      name: row.name,
      color: row.color,
      role: row.role,
      firstSeen: row.first_seen,
    }))
  }

  async readUpdates(workshopId: string, range: UpdateRange): Promise<StoredUpdate[]> {
    const where = ['workshop_id = ?']
    const values: Array<string | number> = [workshopId]
    const bounds: Array<[string, number | undefined]> = [
      ['seq > ?', range.afterSeq],
      ['seq <= ?', range.uptoSeq],
      ['time > ?', range.afterTime],
      ['time <= ?', range.uptoTime],
    ]
    for (const [condition, value] of bounds) {
      if (value === undefined) continue
      where.push(condition)
      values.push(value)
    }
    const order = range.descending ? 'DESC' : 'ASC'
    const limit = range.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(range.limit))}` : ''
    // Statements are cached by better-sqlite3's prepare per call; the shapes here are few.
    const rows = this.db
      .prepare<Array<string | number>, UpdateRow>(`SELECT seq, time, author, data, deflated FROM updates WHERE ${where.join(' AND ')} ORDER BY seq ${order}${limit}`)
      .all(...values)
    return rows.map(updateFromRow)
  }

  async checkpointAtOrBefore(workshopId: string, time: number): Promise<{ uptoSeq: number; state: Uint8Array } | undefined> {
    const last = this.statements.lastSeqAtOrBefore.get(workshopId, time)
    if (!last) return undefined
    const row = this.statements.checkpointUpTo.get(workshopId, last.seq)
    return row ? { uptoSeq: row.upto_seq, state: decompress(row.state, row.deflated) } : undefined
  }

  async checkpointSeqs(workshopId: string): Promise<number[]> {
    return this.statements.checkpointSeqs.all(workshopId).map((row) => row.upto_seq)
  }

  async activity(workshopId: string, from: number, to: number, bucketMs: number): Promise<number[]> {
    const buckets = new Array<number>(Math.max(1, Math.floor((to - from) / bucketMs) + 1)).fill(0)
    for (const row of this.statements.activity.all({ workshopId, from, to, bucketMs })) {
      if (row.bucket >= 0 && row.bucket < buckets.length) buckets[row.bucket] = row.count
    }
    return buckets
  }

  async authorActivity(workshopId: string, from: number, to: number): Promise<AuthorActivity[]> {
    return this.statements.authorActivity.all(workshopId, from, to)
  }

  async replaceUpdates(workshopId: string, removeSeqs: readonly number[], add: readonly StoredUpdate[]): Promise<void> {
    // Merged updates repeat the same records over and over: they are stored deflated.
    const stored = await Promise.all(add.map((update) => compress(update.data)))
    this.db.transaction(() => {
      for (const seq of removeSeqs) this.statements.deleteUpdate.run(workshopId, seq)
      add.forEach((update, index) => {
        const { bytes, deflated } = stored[index]!
        this.statements.insertUpdate.run(workshopId, update.seq, update.time, update.author, bytes, deflated ? 1 : 0)
      })
    })()
  }

  async setDots(workshopId: string, voteId: string, voter: string, dots: Readonly<Record<string, number>>): Promise<void> {
    if (Object.keys(dots).length === 0) this.statements.deleteDots.run(workshopId, voteId, voter)
    else this.statements.upsertDots.run(workshopId, voteId, voter, JSON.stringify(dots))
  }

  async dotsOf(workshopId: string, voteId: string, voter: string): Promise<Record<string, number>> {
    const row = this.statements.dotsOf.get(workshopId, voteId, voter)
    return row ? (JSON.parse(row.dots) as Record<string, number>) : {}
  }

  async ballots(workshopId: string, voteId: string): Promise<Map<string, Record<string, number>>> {
    return new Map(this.statements.ballots.all(workshopId, voteId).map((row) => [row.voter, JSON.parse(row.dots) as Record<string, number>]))
  }

  async putPrivateNote(workshopId: string, note: PrivateNoteRecord): Promise<boolean> {
    return this.db.transaction(() => {
      const existing = this.statements.privateNoteOwner.get(workshopId, note.shapeId)
      if (existing && existing.owner !== note.owner) return false
      this.statements.upsertPrivateNote.run(workshopId, note.shapeId, note.owner, JSON.stringify(note.record), note.updatedAt)
      return true
    })()
  }

  async privateNotes(workshopId: string, owner?: string): Promise<PrivateNoteRecord[]> {
    const rows = owner === undefined ? this.statements.privateNotes.all(workshopId) : this.statements.privateNotesOf.all(workshopId, owner)
    return rows.map((row) => ({ shapeId: row.shape_id, owner: row.owner, record: JSON.parse(row.record) as Record<string, unknown>, updatedAt: row.updated_at }))
  }

  async deletePrivateNote(workshopId: string, shapeId: string, owner: string): Promise<boolean> {
    return this.statements.deletePrivateNote.run(workshopId, shapeId, owner).changes > 0
  }

  async clearPrivateNotes(workshopId: string): Promise<void> {
    this.statements.clearPrivateNotes.run(workshopId)
  }

  async reclaimSpace(): Promise<void> {
    this.db.pragma('incremental_vacuum')
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  async markSessionCoalesced(workshopId: string, sessionId: string, windowMs: number): Promise<void> {
    this.statements.markCoalesced.run(windowMs, workshopId, sessionId)
  }

  async loadBoard(workshopId: string): Promise<StoredBoard> {
    const checkpoint = this.statements.latestCheckpoint.get(workshopId)
    const checkpointSeq = checkpoint?.upto_seq ?? 0
    const updates: StoredUpdate[] = this.statements.updatesAfter.all(workshopId, checkpointSeq).map(updateFromRow)
    return {
      checkpoint: checkpoint ? decompress(checkpoint.state, checkpoint.deflated) : null,
      checkpointSeq,
      updates,
    }
  }

  private readonly appendTransaction = (workshopId: string, updates: readonly UpdateToAppend[]): number => {
    let seq = this.statements.lastSeq.get(workshopId)?.seq ?? 0
    for (const update of updates) {
      seq += 1
      this.statements.insertUpdate.run(workshopId, seq, update.time, update.author, update.data, 0)
      for (const recordId of update.recordIds ?? []) this.statements.insertCreator.run(workshopId, recordId, update.author, update.time)
    }
    return seq
  }

  async appendUpdates(workshopId: string, updates: readonly UpdateToAppend[]): Promise<number> {
    return this.db.transaction(this.appendTransaction)(workshopId, updates)
  }

  async writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void> {
    const { bytes, deflated } = await compress(state)
    this.statements.insertCheckpoint.run(workshopId, uptoSeq, time, bytes, deflated ? 1 : 0)
  }

  async ping(): Promise<boolean> {
    return this.statements.ping.get() !== undefined
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

function sessionFromRow(row: SessionRow): SessionRecord {
  return { id: row.id, workshopId: row.workshop_id, title: row.title, startedAt: row.started_at, endedAt: row.ended_at, coalescedMs: row.coalesced_ms }
}

function updateFromRow(row: UpdateRow): StoredUpdate {
  return { seq: row.seq, time: row.time, author: row.author, data: decompress(row.data, row.deflated) }
}

function snapshotFromRow(row: SnapshotRow): SnapshotRecord {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    sessionId: row.session_id,
    kind: row.kind,
    label: row.label,
    author: row.author,
    createdAt: row.created_at,
    shapes: row.shapes,
    bytes: row.bytes,
    uptoSeq: row.upto_seq,
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}
