/** Calls to our server's JSON API, validated with the shared zod schemas. */
import {
  ApiError,
  ClientConfig,
  CreateWorkshopResponse,
  GetWorkshopResponse,
  UploadAssetResponse,
  type FieldOfAction,
} from '@quartierboard/shared'
import type { z } from 'zod'

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The capability token of the page URL (`?token=`), passed on to every request and the socket. */
export function pageToken(): string | null {
  return new URLSearchParams(location.search).get('token')
}

async function request<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers)
  const token = pageToken()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(path, { ...init, headers })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = ApiError.safeParse(body)
    if (error.success) throw new ApiRequestError(response.status, error.data.error.code, error.data.error.message)
    throw new ApiRequestError(response.status, 'http_error', `HTTP ${response.status}`)
  }
  return schema.parse(body)
}

export function createWorkshop(title: string, field?: FieldOfAction) {
  return request(CreateWorkshopResponse, '/api/workshops', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, field }),
  })
}

export function getWorkshop(id: string) {
  return request(GetWorkshopResponse, `/api/workshops/${encodeURIComponent(id)}`)
}

export function getClientConfig() {
  return request(ClientConfig, '/api/config')
}

export function uploadAsset(workshopId: string, file: File) {
  return request(UploadAssetResponse, `/api/workshops/${encodeURIComponent(workshopId)}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': file.type },
    body: file,
  })
}
