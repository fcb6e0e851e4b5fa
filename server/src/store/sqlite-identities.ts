/**
 * Identities in SQLite: per workshop, the public id of each person and the SHA-256 of their
 * secret (never the secret). Rows go with their workshop (foreign key, ON DELETE CASCADE).
 */
import type Database from 'better-sqlite3'
import type { Role } from '@quartierboard/shared'
import type { BoardStore, IdentityRecord } from './board-store.js'

interface IdentityRow {
  workshop_id: string
  id: string
  secret_hash: Buffer
  issued_to: Role
  created_at: number
}

export class SqliteIdentities implements Pick<BoardStore, 'addIdentity' | 'getIdentity'> {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare('INSERT INTO identities (workshop_id, id, secret_hash, issued_to, created_at) VALUES (?, ?, ?, ?, ?)'),
      get: db.prepare<[string, string], IdentityRow>('SELECT * FROM identities WHERE workshop_id = ? AND id = ?'),
    }
  }

  async addIdentity(identity: IdentityRecord): Promise<void> {
    this.statements.insert.run(identity.workshopId, identity.id, identity.secretHash, identity.issuedTo, identity.createdAt)
  }

  async getIdentity(workshopId: string, id: string): Promise<IdentityRecord | undefined> {
    const row = this.statements.get.get(workshopId, id)
    return row && { workshopId: row.workshop_id, id: row.id, secretHash: row.secret_hash, issuedTo: row.issued_to, createdAt: row.created_at }
  }
}
