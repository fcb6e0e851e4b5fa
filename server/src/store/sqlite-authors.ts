/**
 * Who the authors in the update log are, in SQLite: the log names a connection id as the author of
 * each update, and this table keeps the name, colour and role that connection showed in presence,
 * and the identity it presented (so several tabs of one person count as one).
 */
import type Database from 'better-sqlite3'
import type { Role } from '@quartierboard/shared'
import type { AuthorRecord, BoardStore } from './board-store.js'

interface AuthorRow {
  workshop_id: string
  connection_id: string
  user_id: string | null
  identity_id: string | null
  name: string
  color: string
  role: Role
  first_seen: number
}

export class SqliteAuthors implements Pick<BoardStore, 'recordAuthor' | 'listAuthors'> {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      upsertAuthor: db.prepare(
        'INSERT INTO authors (workshop_id, connection_id, user_id, identity_id, name, color, role, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (workshop_id, connection_id) DO UPDATE SET user_id = excluded.user_id, identity_id = excluded.identity_id, name = excluded.name, color = excluded.color',
      ),
      listAuthors: db.prepare<[string], AuthorRow>('SELECT * FROM authors WHERE workshop_id = ? ORDER BY first_seen'),
    }
  }

  async recordAuthor(author: AuthorRecord): Promise<void> {
    this.statements.upsertAuthor.run(author.workshopId, author.connectionId, author.userId, author.identityId, author.name, author.color, author.role, author.firstSeen)
  }

  async listAuthors(workshopId: string): Promise<AuthorRecord[]> {
    return this.statements.listAuthors.all(workshopId).map(authorFromRow)
  }
}

function authorFromRow(row: AuthorRow): AuthorRecord {
  return {
    workshopId: row.workshop_id,
    connectionId: row.connection_id,
    userId: row.user_id,
    identityId: row.identity_id,
    name: row.name,
    color: row.color,
    role: row.role,
    firstSeen: row.first_seen,
  }
}
