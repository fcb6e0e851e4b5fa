/**
 * Calls to the facilitation endpoints (timer, lock, summon, steps, private mode, votes, private
 * notes). Dots and private notes act for this browser's identity in the workshop: they send its
 * secret (X-Identity), never an id.
 */
import { MyDots, PrivateNotes, ServerTime, VoteState, type IssuedIdentity } from '@quartierboard/shared'
import { z } from 'zod'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError } from '../api'
import { identityHeaders } from '../board/identity'

async function call<T>(
  schema: z.ZodType<T>,
  workshopId: string | null,
  path: string,
  method = 'GET',
  body?: unknown,
  identity: IssuedIdentity | null = null,
): Promise<T> {
  const headers = new Headers(identityHeaders(identity))
  const token = workshopId ? workshopToken(workshopId) : null
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  const response = await fetch(workshopId ? `/api/workshops/${encodeURIComponent(workshopId)}${path}` : `/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const parsed: unknown = text ? JSON.parse(text) : null
  if (!response.ok) {
    const error = parsed as { error?: { code?: string; message?: string } } | null
    throw new ApiRequestError(response.status, error?.error?.code ?? 'http_error', error?.error?.message ?? `HTTP ${response.status}`)
  }
  return schema.parse(parsed)
}

const Anything = z.unknown()

export const serverTime = () => call(ServerTime, null, '/time')

/** The facilitation API of a workshop; `identity` (this browser's, or null before it has one) is sent with dots and private notes. */
export const facilitationApi = (workshopId: string, identity: IssuedIdentity | null) => ({
  startTimer: (durationMs: number) => call(Anything, workshopId, '/facilitation/timer', 'POST', { durationMs }),
  pauseTimer: () => call(Anything, workshopId, '/facilitation/timer/pause', 'POST'),
  resumeTimer: () => call(Anything, workshopId, '/facilitation/timer/resume', 'POST'),
  stopTimer: () => call(Anything, workshopId, '/facilitation/timer', 'DELETE'),
  setLock: (locked: boolean) => call(Anything, workshopId, '/facilitation/lock', 'PUT', { locked }),
  summon: (userId: string, name: string) => call(Anything, workshopId, '/facilitation/summon', 'POST', { userId, name }),
  nextStep: (title: string) => call(Anything, workshopId, '/facilitation/step', 'POST', { title }),
  setPrivateMode: (on: boolean, anonymous: boolean) => call(Anything, workshopId, '/facilitation/private', 'PUT', { on, anonymous }),
  reveal: () => call(z.object({ revealed: z.number() }), workshopId, '/facilitation/private/reveal', 'POST'),
  openVote: (frameId: string, dotsPerPerson: number) => call(VoteState, workshopId, '/votes', 'POST', { frameId, dotsPerPerson }),
  closeVote: (voteId: string) => call(VoteState, workshopId, `/votes/${encodeURIComponent(voteId)}/close`, 'POST'),
  myDots: (voteId: string) => call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/mine`, 'GET', undefined, identity),
  addDot: (voteId: string, shapeId: string) => call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/dots`, 'POST', { shapeId }, identity),
  removeDot: (voteId: string, shapeId: string) => call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/dots`, 'DELETE', { shapeId }, identity),
  privateNotes: () => call(PrivateNotes, workshopId, '/private-notes', 'GET', undefined, identity),
  savePrivateNote: (record: Record<string, unknown>) =>
    call(Anything, workshopId, `/private-notes/${encodeURIComponent(String(record.id))}`, 'PUT', { record }, identity),
  deletePrivateNote: (shapeId: string) => call(Anything, workshopId, `/private-notes/${encodeURIComponent(shapeId)}`, 'DELETE', undefined, identity),
})

export type FacilitationApi = ReturnType<typeof facilitationApi>
