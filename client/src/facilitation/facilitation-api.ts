/** Calls to the facilitation endpoints (timer, lock, summon, steps, private mode, votes, private notes). */
import { MyDots, PrivateNotes, ServerTime, VoteState } from '@quartierboard/shared'
import { z } from 'zod'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError } from '../api'

async function call<T>(schema: z.ZodType<T>, workshopId: string | null, path: string, method = 'GET', body?: unknown): Promise<T> {
  const headers = new Headers()
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

export const facilitationApi = (workshopId: string) => ({
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
  myDots: (voteId: string, voter: string) => call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/mine?voter=${encodeURIComponent(voter)}`),
  addDot: (voteId: string, voter: string, shapeId: string) => call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/dots`, 'POST', { voter, shapeId }),
  removeDot: (voteId: string, voter: string, shapeId: string) =>
    call(MyDots, workshopId, `/votes/${encodeURIComponent(voteId)}/dots`, 'DELETE', { voter, shapeId }),
  privateNotes: (owner: string) => call(PrivateNotes, workshopId, `/private-notes?owner=${encodeURIComponent(owner)}`),
  savePrivateNote: (owner: string, record: Record<string, unknown>) =>
    call(Anything, workshopId, `/private-notes/${encodeURIComponent(String(record.id))}`, 'PUT', { owner, record }),
  deletePrivateNote: (owner: string, shapeId: string) =>
    call(Anything, workshopId, `/private-notes/${encodeURIComponent(shapeId)}?owner=${encodeURIComponent(owner)}`, 'DELETE'),
})

export type FacilitationApi = ReturnType<typeof facilitationApi>
