/**
 * Workshops and their capability tokens in SQLite: the workshop row, and per role the token hash
 * with the salt that derived tokens are made from. A workshop and its tokens are written in one
 * transaction; deleting the workshop takes every row of it along (ON DELETE CASCADE in the schema).
 */
import type Database from 'better-sqlite3'
import type { FieldOfAction, Role } from '@quartierboard/shared'
import type { BoardStore, WorkshopChanges, WorkshopCredentials, WorkshopRecord } from './board-store.js'

interface WorkshopRow {
  id: string
  title: string
  field: string
  description: string
  created_at: number
  reviewers_in_presence: number
  time_zone: string
}

interface TokenRow {
  role: Role
  token_hash: Buffer
  salt: string
}

type WorkshopMethods = 'createWorkshop' | 'getWorkshop' | 'updateWorkshop' | 'deleteWorkshop' | 'getCredentials' | 'replaceCredentials' | 'findTokenHash'

export class SqliteWorkshops implements Pick<BoardStore, WorkshopMethods> {
  private readonly db: Database.Database
  private readonly statements

  constructor(db: Database.Database) {
    this.db = db
    this.statements = {
      insertWorkshop: db.prepare(
        'INSERT INTO workshops (id, title, field, description, created_at, reviewers_in_presence, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getWorkshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
      updateWorkshop: db.prepare('UPDATE workshops SET title = ?, field = ?, description = ?, reviewers_in_presence = ?, time_zone = ? WHERE id = ?'),
      deleteWorkshop: db.prepare('DELETE FROM workshops WHERE id = ?'),
      upsertToken: db.prepare(
        'INSERT INTO workshop_tokens (workshop_id, role, token_hash, salt) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, role) DO UPDATE SET token_hash = excluded.token_hash, salt = excluded.salt',
      ),
      tokensOf: db.prepare<[string], TokenRow>('SELECT role, token_hash, salt FROM workshop_tokens WHERE workshop_id = ?'),
      findTokenHash: db.prepare<[Buffer], { workshop_id: string; role: Role }>('SELECT workshop_id, role FROM workshop_tokens WHERE token_hash = ?'),
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
        workshop.timeZone,
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
      timeZone: row.time_zone,
    }
  }

  async updateWorkshop(id: string, changes: WorkshopChanges): Promise<void> {
    const current = await this.getWorkshop(id)
    if (!current) return
    const next = { ...current, ...changes }
    this.statements.updateWorkshop.run(next.title, next.field, next.description, next.reviewersInPresence ? 1 : 0, next.timeZone, id)
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
}
