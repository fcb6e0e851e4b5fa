/** One side of a comparison: a moment on the timeline or a stored snapshot; how to name and load it. */
import type { Snapshot } from '@quartierboard/shared'
import type { BoardRecord } from './board-diff'
import { getSnapshotRecords, getStateAt } from './replay-api'

export type CompareEnd = { kind: 'moment'; at: number } | { kind: 'snapshot'; snapshot: Snapshot }

/** Board time of the end (a snapshot's creation time). */
export function endTime(end: CompareEnd): number {
  return end.kind === 'moment' ? end.at : Date.parse(end.snapshot.createdAt)
}

/** A key that is equal for equal ends (for caching and for the effect that compares). */
export function endKey(end: CompareEnd | null): string {
  if (!end) return ''
  return end.kind === 'moment' ? `t:${Math.round(end.at)}` : `s:${end.snapshot.id}`
}

export async function loadEnd(workshopId: string, end: CompareEnd): Promise<readonly BoardRecord[]> {
  if (end.kind === 'moment') return (await getStateAt(workshopId, end.at)).records
  return getSnapshotRecords(workshopId, end.snapshot.id)
}
