/** How stored workshops, sessions and snapshots are shown in API answers (times as ISO strings). */
import type { Session, Snapshot, Workshop } from '@quartierboard/shared'
import type { SessionRecord, SnapshotRecord, WorkshopRecord } from '../store/board-store.js'

export function publicWorkshop(workshop: WorkshopRecord): Workshop {
  return {
    id: workshop.id,
    title: workshop.title,
    field: workshop.field,
    description: workshop.description,
    createdAt: new Date(workshop.createdAt).toISOString(),
    reviewersInPresence: workshop.reviewersInPresence,
    timeZone: workshop.timeZone,
  }
}

export function publicSession(session: SessionRecord): Session {
  return {
    id: session.id,
    title: session.title,
    startedAt: new Date(session.startedAt).toISOString(),
    endedAt: session.endedAt === null ? null : new Date(session.endedAt).toISOString(),
  }
}

export function publicSnapshot(snapshot: SnapshotRecord): Snapshot {
  return {
    id: snapshot.id,
    sessionId: snapshot.sessionId,
    kind: snapshot.kind,
    label: snapshot.label,
    author: snapshot.author,
    createdAt: new Date(snapshot.createdAt).toISOString(),
    shapes: snapshot.shapes,
    bytes: snapshot.bytes,
  }
}
