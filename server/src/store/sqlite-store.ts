/**
 * The embedded store: one SQLite file (`quartierboard.db`) in DATA_DIR, opened with better-sqlite3
 * in WAL mode. better-sqlite3 is synchronous; the methods return promises only to satisfy the
 * BoardStore interface that asynchronous backends share.
 *
 * Durability: `synchronous = NORMAL` in WAL mode makes every committed transaction survive a crash
 * of this process (the WAL is written before commit returns); only a power loss of the host can
 * drop the last transactions. Rooms append one transaction per event-loop tick, so this keeps
 * fsync off the hot path.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FieldOfAction } from '@quartierboard/shared'
import type { BoardStore, StoredBoard, StoredUpdate, UpdateToAppend, WorkshopRecord } from './board-store.js'
import { migrateSqliteSchema } from './sqlite-schema.js'

export const SQLITE_FILE_NAME = 'quartierboard.db'

interface WorkshopRow {
  id: string
  title: string
  field: string
  description: string
  created_at: number
}

interface UpdateRow {
  seq: number
  time: number
  author: string
  data: Buffer
}

export class SqliteBoardStore implements BoardStore {
  private readonly db: Database.Database
  private readonly statements

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, SQLITE_FILE_NAME))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    migrateSqliteSchema(this.db)
    this.statements = {
      insertWorkshop: this.db.prepare(
        'INSERT INTO workshops (id, title, field, description, created_at) VALUES (@id, @title, @field, @description, @createdAt)',
      ),
      getWorkshop: this.db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
      lastSeq: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE workshop_id = ?'),
      insertUpdate: this.db.prepare('INSERT INTO updates (workshop_id, seq, time, author, data) VALUES (?, ?, ?, ?, ?)'),
      latestCheckpoint: this.db.prepare<[string], { upto_seq: number; state: Buffer }>(
        'SELECT upto_seq, state FROM checkpoints WHERE workshop_id = ? ORDER BY upto_seq DESC LIMIT 1',
      ),
      updatesAfter: this.db.prepare<[string, number], UpdateRow>(
        'SELECT seq, time, author, data FROM updates WHERE workshop_id = ? AND seq > ? ORDER BY seq',
      ),
      insertCheckpoint: this.db.prepare(
        'INSERT OR REPLACE INTO checkpoints (workshop_id, upto_seq, time, state) VALUES (?, ?, ?, ?)',
      ),
      ping: this.db.prepare('SELECT 1 AS ok'),
    }
  }

  async createWorkshop(workshop: WorkshopRecord): Promise<void> {
    this.statements.insertWorkshop.run(workshop)
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
    }
  }

  async loadBoard(workshopId: string): Promise<StoredBoard> {
    const checkpoint = this.statements.latestCheckpoint.get(workshopId)
    const checkpointSeq = checkpoint?.upto_seq ?? 0
    const updates: StoredUpdate[] = this.statements.updatesAfter.all(workshopId, checkpointSeq).map((row) => ({
      seq: row.seq,
      time: row.time,
      author: row.author,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    }))
    return {
      checkpoint: checkpoint ? new Uint8Array(checkpoint.state) : null,
      checkpointSeq,
      updates,
    }
  }

  private readonly appendTransaction = (workshopId: string, updates: readonly UpdateToAppend[]): number => {
    let seq = this.statements.lastSeq.get(workshopId)?.seq ?? 0
    for (const update of updates) {
      seq += 1
      this.statements.insertUpdate.run(workshopId, seq, update.time, update.author, update.data)
    }
    return seq
  }

  async appendUpdates(workshopId: string, updates: readonly UpdateToAppend[]): Promise<number> {
    return this.db.transaction(this.appendTransaction)(workshopId, updates)
  }

  async writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void> {
    this.statements.insertCheckpoint.run(workshopId, uptoSeq, time, state)
  }

  async ping(): Promise<boolean> {
    return this.statements.ping.get() !== undefined
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
