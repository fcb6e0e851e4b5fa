/**
 * Reading a `History` for the timeline: the range in epoch ms, the default session (the newest),
 * snapshot markers with their positions, and the value the session picker uses for "whole workshop".
 */
import type { History, Session, Snapshot } from '@quartierboard/shared'
import { clampTime, timeToFraction, type TimeRange } from './timeline-math'

/** The session picker's value for the whole workshop. */
export const WHOLE_WORKSHOP = '*'

export function historyRange(history: Pick<History, 'from' | 'to'>): TimeRange {
  const from = Date.parse(history.from)
  const to = Date.parse(history.to)
  return { from, to: Math.max(from, to) }
}

/** The newest session by start, or the whole workshop when there is none. */
export function defaultSessionChoice(sessions: readonly Session[]): string {
  let newest: Session | null = null
  for (const session of sessions) if (!newest || Date.parse(session.startedAt) > Date.parse(newest.startedAt)) newest = session
  return newest?.id ?? WHOLE_WORKSHOP
}

/** Sessions newest first, for the picker. */
export function sessionsNewestFirst(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
}

export interface SnapshotMarker {
  snapshot: Snapshot
  at: number
  /** 0..1 along the timeline. */
  position: number
}

/**
 * Markers for the timeline's snapshots, in time order. A snapshot just outside the range (the final
 * one is taken as the session ends) sits at the nearest end; jumping there shows the range's edge.
 */
export function snapshotMarkers(snapshots: readonly Snapshot[], range: TimeRange): SnapshotMarker[] {
  return snapshots
    .map((snapshot) => ({ snapshot, at: Date.parse(snapshot.createdAt) }))
    .filter(({ at }) => Number.isFinite(at))
    .sort((a, b) => a.at - b.at)
    .map(({ snapshot, at }) => ({ snapshot, at: clampTime(at, range), position: timeToFraction(at, range) }))
}
