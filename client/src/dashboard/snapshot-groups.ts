/**
 * The snapshot list as a person searches it. One group per session, the newest session first and
 * snapshots outside every session last. In a group, the snapshots someone meant come first, newest
 * first: named ones, the final one, and the backups a restore or a replacing import took. The
 * automatic ones follow, newest first, behind a disclosure that starts closed: a long session
 * leaves dozens of them, and they would bury the few that matter.
 */
import type { Session, Snapshot } from '@quartierboard/shared'

/** What a snapshot is to the person looking for it. */
export type SnapshotRole = 'named' | 'final' | 'backup' | 'auto'

export interface SnapshotGroup {
  /** The session's id, or `none` for snapshots outside sessions. */
  key: string
  session: Session | null
  /** Named, final and backup snapshots, newest first. */
  marked: Snapshot[]
  /** Automatic snapshots, newest first. */
  automatic: Snapshot[]
}

/**
 * A backup is stored as kind `auto` but caused by the facilitator (`SessionService.backupBeforeChange`);
 * the server's own automatic snapshots have the author `server`.
 */
export function snapshotRole(snapshot: Snapshot): SnapshotRole {
  if (snapshot.kind !== 'auto') return snapshot.kind
  return snapshot.author === 'server' ? 'auto' : 'backup'
}

/** Newest first; of two taken in the same millisecond, the one listed later first. */
function newestFirst<T>(items: readonly T[], time: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, at: Date.parse(time(item)) }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map(({ item }) => item)
}

/** Groups and orders `snapshots` by `sessions` (see the module comment); groups without snapshots are left out. */
export function groupSnapshots(sessions: readonly Session[], snapshots: readonly Snapshot[]): SnapshotGroup[] {
  const known = new Set(sessions.map((session) => session.id))
  const groupOf = (session: Session | null, items: readonly Snapshot[]): SnapshotGroup => {
    const ordered = newestFirst(items, (snapshot) => snapshot.createdAt)
    return {
      key: session?.id ?? 'none',
      session,
      marked: ordered.filter((snapshot) => snapshotRole(snapshot) !== 'auto'),
      automatic: ordered.filter((snapshot) => snapshotRole(snapshot) === 'auto'),
    }
  }
  const groups = newestFirst(sessions, (session) => session.startedAt).map((session) =>
    groupOf(
      session,
      snapshots.filter((snapshot) => snapshot.sessionId === session.id),
    ),
  )
  // A snapshot whose session is not listed (yet) still shows, with the loose ones.
  groups.push(
    groupOf(
      null,
      snapshots.filter((snapshot) => snapshot.sessionId === null || !known.has(snapshot.sessionId)),
    ),
  )
  return groups.filter((group) => group.marked.length + group.automatic.length > 0)
}
