/**
 * `POST /api/workshops/:id/import?mode=replace|add-page&locale=`: sends a .tldr file as the raw
 * body (facilitator only) and returns how many shapes arrived; the server's 422 message for an
 * invalid file comes back as the error's message.
 */
import { ImportResponse, MAX_TLDR_BYTES, type ImportMode } from '@quartierboard/shared'
import { workshopToken } from '../access/workshop-token'
import { responseError } from './server-files'

export function importPath(mode: ImportMode, locale: 'de' | 'en'): string {
  return `/import?${new URLSearchParams({ mode, locale }).toString()}`
}

/** True when the server would take a file of this size. */
export function importSizeAllowed(bytes: number): boolean {
  return bytes > 0 && bytes <= MAX_TLDR_BYTES
}

/** Largest accepted file in whole megabytes (for the message). */
export const MAX_IMPORT_MEGABYTES = Math.floor(MAX_TLDR_BYTES / (1024 * 1024))

export async function importBoard(workshopId: string, file: Blob, mode: ImportMode, locale: 'de' | 'en'): Promise<ImportResponse> {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  const token = workshopToken(workshopId)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}${importPath(mode, locale)}`, { method: 'POST', headers, body: file })
  if (!response.ok) throw await responseError(response)
  return ImportResponse.parse(await response.json())
}
