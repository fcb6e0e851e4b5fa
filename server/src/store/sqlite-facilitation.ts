/**
 * What facilitation keeps out of the shared board until it is revealed, in SQLite: each voter's
 * dots in a secret vote, and sticky notes written in private mode. Both are stored as JSON text.
 * A private note belongs to whoever wrote it first; another owner cannot overwrite or delete it.
 */
import type Database from 'better-sqlite3'
import type { BoardStore, PrivateNoteRecord } from './board-store.js'

interface PrivateNoteRow {
  shape_id: string
  owner: string
  record: string
  updated_at: number
}

type FacilitationMethods = 'setDots' | 'dotsOf' | 'ballots' | 'putPrivateNote' | 'privateNotes' | 'deletePrivateNote' | 'clearPrivateNotes'

export class SqliteFacilitation implements Pick<BoardStore, FacilitationMethods> {
  private readonly db: Database.Database
  private readonly statements

  constructor(db: Database.Database) {
    this.db = db
    this.statements = {
      upsertDots: db.prepare(
        'INSERT INTO vote_dots (workshop_id, vote_id, voter, dots) VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, vote_id, voter) DO UPDATE SET dots = excluded.dots',
      ),
      deleteDots: db.prepare('DELETE FROM vote_dots WHERE workshop_id = ? AND vote_id = ? AND voter = ?'),
      dotsOf: db.prepare<[string, string, string], { dots: string }>('SELECT dots FROM vote_dots WHERE workshop_id = ? AND vote_id = ? AND voter = ?'),
      ballots: db.prepare<[string, string], { voter: string; dots: string }>('SELECT voter, dots FROM vote_dots WHERE workshop_id = ? AND vote_id = ?'),
      privateNoteOwner: db.prepare<[string, string], { owner: string }>('SELECT owner FROM private_notes WHERE workshop_id = ? AND shape_id = ?'),
      upsertPrivateNote: db.prepare(
        'INSERT INTO private_notes (workshop_id, shape_id, owner, record, updated_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, shape_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
      ),
      privateNotes: db.prepare<[string], PrivateNoteRow>('SELECT * FROM private_notes WHERE workshop_id = ? ORDER BY updated_at'),
      privateNotesOf: db.prepare<[string, string], PrivateNoteRow>('SELECT * FROM private_notes WHERE workshop_id = ? AND owner = ? ORDER BY updated_at'),
      deletePrivateNote: db.prepare('DELETE FROM private_notes WHERE workshop_id = ? AND shape_id = ? AND owner = ?'),
      clearPrivateNotes: db.prepare('DELETE FROM private_notes WHERE workshop_id = ?'),
    }
  }

  // Secret votes: shape id -> dots, per voter.

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

  // Private sticky notes.

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
    return rows.map(privateNoteFromRow)
  }

  async deletePrivateNote(workshopId: string, shapeId: string, owner: string): Promise<boolean> {
    return this.statements.deletePrivateNote.run(workshopId, shapeId, owner).changes > 0
  }

  async clearPrivateNotes(workshopId: string): Promise<void> {
    this.statements.clearPrivateNotes.run(workshopId)
  }
}

function privateNoteFromRow(row: PrivateNoteRow): PrivateNoteRecord {
  return { shapeId: row.shape_id, owner: row.owner, record: JSON.parse(row.record) as Record<string, unknown>, updatedAt: row.updated_at }
}
