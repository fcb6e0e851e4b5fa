/**
 * Calls to the history endpoints the replay page needs, with the workshop's token, validated
 * with the shared zod schemas (same pattern as ../api.ts, whose error type and helpers we reuse).
 */
import { ApiError, BoardState, History, HistoryChanges, HistoryCreators, HistoryStep, SessionList } from '@quartierboard/shared'
import { z } from 'zod'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError, downloadUrl, getSnapshotFile } from '../api'

async function get<T>(schema: z.ZodType<T>, workshopId: string, rest: string, signal?: AbortSignal): Promise<T> {
  const headers = new Headers()
  const token = workshopToken(workshopId)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}${rest}`, { headers, signal })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = ApiError.safeParse(body)
    if (error.success) throw new ApiRequestError(response.status, error.data.error.code, error.data.error.message)
    throw new ApiRequestError(response.status, 'http_error', `HTTP ${response.status}`)
  }
  return schema.parse(body)
}

const ms = (t: number) => String(Math.round(t))

export function getSessions(workshopId: string) {
  return get(SessionList, workshopId, '/sessions')
}

/** The timeline of one session, or of the whole workshop when `sessionId` is null. */
export function getHistory(workshopId: string, sessionId: string | null) {
  return get(History, workshopId, sessionId === null ? '/history' : `/history?session=${encodeURIComponent(sessionId)}`)
}

/** Stored updates with from < time <= to. */
export function getChanges(workshopId: string, from: number, to: number, signal?: AbortSignal) {
  return get(HistoryChanges, workshopId, `/history/changes?from=${ms(from)}&to=${ms(to)}`, signal)
}

/** Who first wrote each record (the person, also for notes the server revealed). */
export function getCreators(workshopId: string) {
  return get(HistoryCreators, workshopId, '/history/creators')
}

/** The nearest change time before or after `at`, or null. */
export function getStep(workshopId: string, at: number, direction: 'next' | 'previous') {
  return get(HistoryStep, workshopId, `/history/step?at=${ms(at)}&direction=${direction}`)
}

/** The board's records as they were at `at`. */
export function getStateAt(workshopId: string, at: number) {
  return get(BoardState, workshopId, `/state?at=${ms(at)}&format=json`)
}

/** The records of a stored snapshot. */
export async function getSnapshotRecords(workshopId: string, snapshotId: string): Promise<Array<Record<string, unknown>>> {
  const file = await getSnapshotFile(workshopId, snapshotId)
  return file.records
}

/** A URL that downloads the board at `at` as a .tldr file. */
export function stateDownloadUrl(workshopId: string, at: number): string {
  return downloadUrl(workshopId, `/state?at=${ms(at)}&format=tldr`)
}
