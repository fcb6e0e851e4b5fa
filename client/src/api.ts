/** Calls to our server's JSON API, validated with the shared zod schemas. */
import {
  ApiError,
  ClientConfig,
  CreateWorkshopResponse,
  GetWorkshopResponse,
  RestoreSnapshotResponse,
  RotateLinkResponse,
  Session,
  SessionList,
  Snapshot,
  SnapshotList,
  UploadAssetResponse,
  Workshop,
  type FieldOfAction,
  type Role,
  type UpdateWorkshopRequest,
} from '@quartierboard/shared'
import { z } from 'zod'
import { workshopToken } from './access/workshop-token'

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

async function request<T>(schema: z.ZodType<T>, path: string, init: RequestInit & { workshopId?: string } = {}): Promise<T> {
  const { workshopId, ...rest } = init
  const headers = new Headers(rest.headers)
  const token = workshopId ? workshopToken(workshopId) : null
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (typeof rest.body === 'string') headers.set('Content-Type', 'application/json')
  const response = await fetch(path, { ...rest, headers })
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok) {
    const error = ApiError.safeParse(body)
    if (error.success) throw new ApiRequestError(response.status, error.data.error.code, error.data.error.message)
    throw new ApiRequestError(response.status, 'http_error', `HTTP ${response.status}`)
  }
  return schema.parse(body)
}

const workshopPath = (id: string, rest = '') => `/api/workshops/${encodeURIComponent(id)}${rest}`

export function createWorkshop(title: string, field?: FieldOfAction) {
  return request(CreateWorkshopResponse, '/api/workshops', { method: 'POST', body: JSON.stringify({ title, field }) })
}

export function getWorkshop(id: string) {
  return request(GetWorkshopResponse, workshopPath(id), { workshopId: id })
}

export function updateWorkshop(id: string, changes: UpdateWorkshopRequest) {
  return request(Workshop, workshopPath(id), { workshopId: id, method: 'PATCH', body: JSON.stringify(changes) })
}

export function deleteWorkshop(id: string) {
  return request(z.null(), workshopPath(id), { workshopId: id, method: 'DELETE' })
}

export function getLinks(id: string) {
  return request(CreateWorkshopResponse, workshopPath(id, '/links'), { workshopId: id })
}

export function rotateLink(id: string, role: Role) {
  return request(RotateLinkResponse, workshopPath(id, `/links/${role}/rotate`), { workshopId: id, method: 'POST' })
}

export function listSessions(id: string) {
  return request(SessionList, workshopPath(id, '/sessions'), { workshopId: id })
}

export function startSession(id: string, title: string) {
  return request(Session, workshopPath(id, '/sessions'), { workshopId: id, method: 'POST', body: JSON.stringify({ title }) })
}

export function endSession(id: string, sessionId: string) {
  return request(Session, workshopPath(id, `/sessions/${encodeURIComponent(sessionId)}/end`), { workshopId: id, method: 'POST' })
}

export function listSnapshots(id: string) {
  return request(SnapshotList, workshopPath(id, '/snapshots'), { workshopId: id })
}

export function takeSnapshot(id: string, label: string) {
  return request(Snapshot, workshopPath(id, '/snapshots'), { workshopId: id, method: 'POST', body: JSON.stringify({ label }) })
}

export function restoreSnapshot(id: string, snapshotId: string, backupLabel: string) {
  return request(RestoreSnapshotResponse, workshopPath(id, `/snapshots/${encodeURIComponent(snapshotId)}/restore`), {
    workshopId: id,
    method: 'POST',
    body: JSON.stringify({ backupLabel }),
  })
}

/** A snapshot as a .tldr file object (records and schema). */
export function getSnapshotFile(id: string, snapshotId: string) {
  return request(TldrFileShape, workshopPath(id, `/snapshots/${encodeURIComponent(snapshotId)}?format=tldr`), { workshopId: id })
}

const TldrFileShape = z.object({ records: z.array(z.record(z.string(), z.unknown())) }).loose()

/**
 * A URL that downloads with the workshop's token (for `<a href download>`, which cannot send a
 * header). The token goes only to our own server.
 */
export function downloadUrl(id: string, pathAndQuery: string): string {
  const token = workshopToken(id) ?? ''
  const separator = pathAndQuery.includes('?') ? '&' : '?'
  return `${workshopPath(id, pathAndQuery)}${separator}token=${encodeURIComponent(token)}`
}

export function getClientConfig() {
  return request(ClientConfig, '/api/config')
}

/** Uploads an image; `headers` carry the uploader's identity, which the per-person quota counts. */
export function uploadAsset(workshopId: string, file: File, headers: Record<string, string> = {}) {
  return request(UploadAssetResponse, workshopPath(workshopId, '/assets'), {
    workshopId,
    method: 'POST',
    headers: { ...headers, 'Content-Type': file.type },
    body: file,
  })
}
