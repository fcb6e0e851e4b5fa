/**
 * Who this browser is on boards: a stable random id, a display name asked once, and a colour
 * picked once — all remembered in localStorage.
 */
const STORAGE_KEY = 'quartierboard.identity'

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
