/**
 * The SQLite schema, applied in numbered steps recorded in `user_version`, so an older data folder
 * is upgraded in place on start-up.
 */
import type Database from 'better-sqlite3'

const MIGRATIONS: readonly string[] = [
  // 1: workshops, the update log and checkpoints.
  `
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    field TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE updates (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    time INTEGER NOT NULL,
    author TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (workshop_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX updates_by_time ON updates (workshop_id, time);
  CREATE TABLE checkpoints (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    upto_seq INTEGER NOT NULL,
    time INTEGER NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (workshop_id, upto_seq)
  ) STRICT, WITHOUT ROWID;
  `,
]

export function migrateSqliteSchema(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
