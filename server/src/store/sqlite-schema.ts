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
  // 2: capability tokens (hashes and salts only), sessions and snapshots.
  `
  ALTER TABLE workshops ADD COLUMN reviewers_in_presence INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE workshop_tokens (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'reviewer')),
    token_hash BLOB NOT NULL UNIQUE,
    salt TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (workshop_id, role)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  ) STRICT;
  CREATE INDEX sessions_by_workshop ON sessions (workshop_id, started_at);
  -- Never two running sessions in one workshop.
  CREATE UNIQUE INDEX one_running_session ON sessions (workshop_id) WHERE ended_at IS NULL;
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('auto', 'named', 'final')),
    label TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    shapes INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    upto_seq INTEGER NOT NULL,
    state BLOB NOT NULL
  ) STRICT;
  CREATE INDEX snapshots_by_workshop ON snapshots (workshop_id, created_at);
  `,
  // 3: who the authors of the log were (per connection), and how finely a session's log is kept.
  `
  CREATE TABLE authors (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    connection_id TEXT NOT NULL,
    user_id TEXT,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    role TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, connection_id)
  ) STRICT, WITHOUT ROWID;
  ALTER TABLE sessions ADD COLUMN coalesced_ms INTEGER NOT NULL DEFAULT 0;
  `,
  // 4: stored Yjs data may be deflated (see compression.ts); seeks find the update before a moment fast.
  `
  ALTER TABLE updates ADD COLUMN deflated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE checkpoints ADD COLUMN deflated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE snapshots ADD COLUMN deflated INTEGER NOT NULL DEFAULT 0;
  `,
  // 5: who first wrote each record (the author of a sticky note in the results record).
  `
  CREATE TABLE record_creators (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    author TEXT NOT NULL,
    time INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, record_id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 6: secret votes (dots per voter until the vote closes) and private sticky notes (until revealed).
  `
  CREATE TABLE vote_dots (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    vote_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    dots TEXT NOT NULL,
    PRIMARY KEY (workshop_id, vote_id, voter)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE private_notes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    shape_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, shape_id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 7: identities (one per browser and workshop: public id, SHA-256 of the secret), and which
  // identity each connection presented, so authors can be counted as people, not tabs.
  `
  CREATE TABLE identities (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    issued_to TEXT NOT NULL CHECK (issued_to IN ('facilitator', 'participant', 'reviewer')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, id)
  ) STRICT, WITHOUT ROWID;
  ALTER TABLE authors ADD COLUMN identity_id TEXT;
  `,
  // 8: the timeline's per-author and per-bucket counts read only this index, not the log's rows
  // (each row holds an update's bytes; looking every one up took 50 ms for a 6,000-update log).
  `
  DROP INDEX updates_by_time;
  CREATE INDEX updates_by_time ON updates (workshop_id, time, author);
  `,
  // 9: the time zone a workshop's times are shown in.
  `
  ALTER TABLE workshops ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Berlin';
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
