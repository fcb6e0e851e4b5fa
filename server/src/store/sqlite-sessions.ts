/**
 * Sessions and their snapshots in SQLite. The schema lets a workshop have at most one running
 * session, so starting a second one fails on a unique index and is reported as
 * SessionAlreadyRunning. A snapshot keeps a whole board state, stored deflated when that is smaller.
 */
import type Database from 'better-sqlite3'
import type { SnapshotKind } from '@quartierboard/shared'
import { SessionAlreadyRunning, type BoardStore, type SessionRecord, type SnapshotRecord } from './board-store.js'
import { compress, decompress } from './compression.js'

interface SessionRow {
  id: string
  workshop_id: string
  title: string
  started_at: number
  ended_at: number | null
  coalesced_ms: number
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

type SessionMethods =
  | 'startSession'
  | 'endSession'
  | 'getSession'
  | 'listSessions'
  | 'runningSession'
  | 'allRunningSessions'
  | 'markSessionCoalesced'
  | 'addSnapshot'
  | 'listSnapshots'
  | 'getSnapshot'
  | 'latestSnapshot'

export class SqliteSessions implements Pick<BoardStore, SessionMethods> {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      insertSession: db.prepare('INSERT INTO sessions (id, workshop_id, title, started_at, ended_at) VALUES (?, ?, ?, ?, NULL)'),
      endSession: db.prepare('UPDATE sessions SET ended_at = ? WHERE workshop_id = ? AND id = ? AND ended_at IS NULL'),
      getSession: db.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? AND id = ?'),
      listSessions: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? ORDER BY started_at, rowid'),
      runningSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE workshop_id = ? AND ended_at IS NULL'),
      allRunningSessions: db.prepare<[], SessionRow>('SELECT * FROM sessions WHERE ended_at IS NULL'),
      markCoalesced: db.prepare('UPDATE sessions SET coalesced_ms = ? WHERE workshop_id = ? AND id = ?'),
      insertSnapshot: db.prepare(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS}, state, deflated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      listSnapshots: db.prepare<[string], SnapshotRow>(`SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? ORDER BY created_at, rowid`),
      listSessionSnapshots: db.prepare<[string, string], SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? AND session_id = ? ORDER BY created_at, rowid`,
      ),
      getSnapshot: db.prepare<[string, string], SnapshotRow & { state: Buffer; deflated: number }>(
        `SELECT ${SNAPSHOT_COLUMNS}, state, deflated FROM snapshots WHERE workshop_id = ? AND id = ?`,
      ),
      latestSnapshot: db.prepare<[string, string], SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE workshop_id = ? AND session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
    }
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

  async markSessionCoalesced(workshopId: string, sessionId: string, windowMs: number): Promise<void> {
    this.statements.markCoalesced.run(windowMs, workshopId, sessionId)
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
}

function sessionFromRow(row: SessionRow): SessionRecord {
  return { id: row.id, workshopId: row.workshop_id, title: row.title, startedAt: row.started_at, endedAt: row.ended_at, coalescedMs: row.coalesced_ms }
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
