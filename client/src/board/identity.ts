/**
 * Who this browser is on boards. Two parts, both remembered in localStorage:
 *
 * - a profile for every workshop: the display name asked once and a colour picked once (and a
 *   random local id, used only where no server identity exists, such as the replay);
 * - per workshop, the identity the server issued on the first join (`POST .../identities`): a
 *   public id, which is this browser's presence id there (`user:<id>`), and a secret that private
 *   notes, dots and the sync socket send (`X-Identity`, `?identity=`) to prove who is asking.
 */
import { IDENTITY_HEADER, IssuedIdentity } from '@quartierboard/shared'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError } from '../api'

const STORAGE_KEY = 'quartierboard.identity'
const workshopKey = (workshopId: string) => `quartierboard.identity.${workshopId}`

/** Colours that read well as cursor and name-tag backgrounds. */
export const PARTICIPANT_COLOURS = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#c2255c', '#5f3dc4', '#66a80f', '#e8590c']

export interface Identity {
  id: string
  name: string | null
  color: string
}

export function loadIdentity(): Identity {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Identity> | null
    if (stored && typeof stored.id === 'string' && typeof stored.color === 'string') {
      return { id: stored.id, color: stored.color, name: typeof stored.name === 'string' && stored.name.trim() ? stored.name : null }
    }
  } catch {
    // unreadable: start afresh
  }
  const identity: Identity = {
    id: crypto.randomUUID(),
    name: null,
    color: PARTICIPANT_COLOURS[Math.floor(Math.random() * PARTICIPANT_COLOURS.length)]!,
  }
  saveIdentity(identity)
  return identity
}

export function saveIdentity(identity: Identity): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
}

/** The identity the server issued this browser in a workshop, if it has one. */
export function storedWorkshopIdentity(workshopId: string): IssuedIdentity | null {
  try {
    const parsed = IssuedIdentity.safeParse(JSON.parse(localStorage.getItem(workshopKey(workshopId)) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function forgetWorkshopIdentity(workshopId: string): void {
  localStorage.removeItem(workshopKey(workshopId))
}

export function rememberWorkshopIdentity(workshopId: string, identity: IssuedIdentity): void {
  localStorage.setItem(workshopKey(workshopId), JSON.stringify(identity))
}

/** Asks the server for a new identity in the workshop, with the stored link token. */
export async function requestWorkshopIdentity(workshopId: string): Promise<IssuedIdentity> {
  const headers = new Headers()
  const token = workshopToken(workshopId)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/identities`, { method: 'POST', headers })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiRequestError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`)
  }
  return IssuedIdentity.parse(body)
}

/** Request headers that prove the identity (for private notes, dots). */
export function identityHeaders(identity: Pick<IssuedIdentity, 'secret'> | null): Record<string, string> {
  return identity ? { [IDENTITY_HEADER]: identity.secret } : {}
}
