/**
 * Files the server builds: the board as .tldr and the results record (Ergebnisprotokoll) as
 * Markdown, CSV or JSON, now or at a past moment (`at`), fetched with the workshop's token so that a
 * refusal arrives as an error to show (not as a downloaded error page) and the file can get our name.
 */
import { ApiError } from '@quartierboard/shared'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError } from '../api'

export const SERVER_FORMATS = ['tldr', 'md', 'csv', 'json'] as const
export type ServerFormat = (typeof SERVER_FORMATS)[number]

/** Path below `/api/workshops/:id` of an export; `at` in epoch milliseconds, `locale` for the results record's wording. */
export function serverExportPath(format: ServerFormat, at: number | null, locale: 'de' | 'en'): string {
  const query = new URLSearchParams({ format })
  if (at !== null) query.set('at', String(Math.round(at)))
  if (format !== 'tldr') query.set('locale', locale)
  return `/export?${query.toString()}`
}

/** The error a failed response stands for: the server's own code and message when it sent one. */
export async function responseError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null)
  const error = ApiError.safeParse(body)
  if (error.success) return new ApiRequestError(response.status, error.data.error.code, error.data.error.message)
  return new ApiRequestError(response.status, 'http_error', `HTTP ${response.status}`)
}

/** Fetches an export of the workshop as a blob. */
export async function fetchServerExport(workshopId: string, format: ServerFormat, at: number | null, locale: 'de' | 'en'): Promise<Blob> {
  const headers = new Headers()
  const token = workshopToken(workshopId)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}${serverExportPath(format, at, locale)}`, { headers })
  if (!response.ok) throw await responseError(response)
  return response.blob()
}
