/**
 * A board's update log and its checkpoints in SQLite, and the history's queries over them. Rooms
 * append live updates in one transaction per batch, numbering them on from the last sequence number
 * and noting who first wrote each record, and load a board as its newest checkpoint plus the
 * updates after it. Live updates are stored as they came; checkpoints, and the merged updates that
 * coalescing writes in place of many, are deflated when that makes them smaller.
 */
import type Database from 'better-sqlite3'
import type { AuthorActivity, BoardStore, StoredBoard, StoredUpdate, UpdateRange, UpdateToAppend } from './board-store.js'
import { compress, decompress } from './compression.js'

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

type BoardLogMethods =
  | 'lastSeq'
  | 'appendUpdates'
  | 'loadBoard'
  | 'writeCheckpoint'
  | 'replaceUpdates'
  | 'recordCreators'
  | 'setRecordCreator'
  | 'readUpdates'
  | 'checkpointAtOrBefore'
  | 'checkpointSeqs'
  | 'activity'
  | 'authorActivity'

export class SqliteBoardLog implements Pick<BoardStore, BoardLogMethods> {
  private readonly db: Database.Database
  private readonly statements

  constructor(db: Database.Database) {
    this.db = db
    this.statements = {
      lastSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE workshop_id = ?'),
      insertUpdate: db.prepare('INSERT INTO updates (workshop_id, seq, time, author, data, deflated) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteUpdate: db.prepare('DELETE FROM updates WHERE workshop_id = ? AND seq = ?'),
      updatesAfter: db.prepare<[string, number], UpdateRow>(
        'SELECT seq, time, author, data, deflated FROM updates WHERE workshop_id = ? AND seq > ? ORDER BY seq',
      ),
      insertCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (workshop_id, upto_seq, time, state, deflated) VALUES (?, ?, ?, ?, ?)'),
      latestCheckpoint: db.prepare<[string], StateRow>(
        'SELECT upto_seq, state, deflated FROM checkpoints WHERE workshop_id = ? ORDER BY upto_seq DESC LIMIT 1',
      ),
      insertCreator: db.prepare('INSERT OR IGNORE INTO record_creators (workshop_id, record_id, author, time) VALUES (?, ?, ?, ?)'),
      replaceCreator: db.prepare('INSERT OR REPLACE INTO record_creators (workshop_id, record_id, author, time) VALUES (?, ?, ?, ?)'),
      creators: db.prepare<[string], { record_id: string; author: string; time: number }>(
        'SELECT record_id, author, time FROM record_creators WHERE workshop_id = ?',
      ),
      // Two index lookups: the last update at or before the moment, then the checkpoint at or before it.
      lastSeqAtOrBefore: db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM updates WHERE workshop_id = ? AND time <= ? ORDER BY time DESC, seq DESC LIMIT 1',
      ),
      checkpointUpTo: db.prepare<[string, number], StateRow>(
        'SELECT upto_seq, state, deflated FROM checkpoints WHERE workshop_id = ? AND upto_seq <= ? ORDER BY upto_seq DESC LIMIT 1',
      ),
      checkpointSeqs: db.prepare<[string], { upto_seq: number }>('SELECT upto_seq FROM checkpoints WHERE workshop_id = ? ORDER BY upto_seq'),
      activity: db.prepare<[{ workshopId: string; from: number; to: number; bucketMs: number }], { bucket: number; count: number }>(
        'SELECT CAST((time - @from) / @bucketMs AS INTEGER) AS bucket, COUNT(*) AS count FROM updates ' +
          'WHERE workshop_id = @workshopId AND time >= @from AND time <= @to GROUP BY bucket',
      ),
      authorActivity: db.prepare<[string, number, number], { author: string; updates: number; first: number; last: number }>(
        'SELECT author, COUNT(*) AS updates, MIN(time) AS first, MAX(time) AS last FROM updates ' +
          'WHERE workshop_id = ? AND time >= ? AND time <= ? GROUP BY author',
      ),
    }
  }

  // The path of live rooms: append, load, checkpoint.

  async lastSeq(workshopId: string): Promise<number> {
    return this.statements.lastSeq.get(workshopId)?.seq ?? 0
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

  async writeCheckpoint(workshopId: string, uptoSeq: number, state: Uint8Array, time: number): Promise<void> {
    const { bytes, deflated } = await compress(state)
    this.statements.insertCheckpoint.run(workshopId, uptoSeq, time, bytes, deflated ? 1 : 0)
  }

  // Coalescing: many updates replaced by fewer merged ones.

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

  // Who first wrote each record (appendUpdates notes it too).

  async recordCreators(workshopId: string): Promise<Map<string, { author: string; time: number }>> {
    return new Map(this.statements.creators.all(workshopId).map((row) => [row.record_id, { author: row.author, time: row.time }]))
  }

  async setRecordCreator(workshopId: string, recordId: string, author: string, time: number): Promise<void> {
    this.statements.replaceCreator.run(workshopId, recordId, author, time)
  }

  // The history's reads.

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
}

function updateFromRow(row: UpdateRow): StoredUpdate {
  return { seq: row.seq, time: row.time, author: row.author, data: decompress(row.data, row.deflated) }
}
