/**
 * Who is and was on the board, from Yjs awareness. Every client publishes `user` and `presence`
 * (shared/src/binding/presence-sync.ts); the workshop kit adds `role` (the client's role, for the
 * facilitator's done counter), `done` (the step key the participant marked done, or null) and
 * `view` (`list` while the list view is shown).
 * These fields are self-declared and only drive the display; nothing relies on them for access.
 *
 * Pure data, so it is unit-tested without a browser.
 */
import { ROLES, type PresenceAwarenessState, type Role, type StepState } from '@quartierboard/shared'

/** The awareness fields the workshop kit publishes next to `user` and `presence`. */
export interface KitAwarenessFields {
  role: Role
  /** The step key this client marked done (see `stepKey`), or null. */
  done: string | null
  /** Which view the client shows: the list view's people see no cursors (list-view/view-mode.ts). */
  view: 'list' | 'canvas'
}

/** An awareness state as received: anything may be missing or malformed. */
export type KitAwarenessState = Partial<PresenceAwarenessState> & Partial<Record<keyof KitAwarenessFields, unknown>>

/** The key a participant's done signal refers to: the current step's id, or 'none' without a step. */
export function stepKey(step: Pick<StepState, 'id'> | null): string {
  return step?.id ?? 'none'
}

export interface RosterEntry {
  /** The awareness `user.id`; one person with two tabs is one entry. */
  userId: string
  name: string
  color: string
  role: Role | null
  online: boolean
  isSelf: boolean
  /** The tldraw user id of their presence (what `startFollowingUser` takes), once known. */
  presenceUserId: string | null
  /** The tldraw user id whose viewport they follow, or null. */
  followingUserId: string | null
  /** Step keys their open clients marked done. */
  done: string[]
  /** Whether one of their open clients shows the list view. */
  onListView: boolean
}

const FALLBACK_COLOUR = '#868e96'

/** The people in `states` right now, one entry per user id. */
export function readAwareness(states: ReadonlyMap<number, unknown>, selfClientId: number): RosterEntry[] {
  const selfUserId = userOf(states.get(selfClientId) as KitAwarenessState | undefined)?.id ?? null
  const byUser = new Map<string, RosterEntry>()
  for (const [clientId, raw] of states) {
    const state = (raw ?? {}) as KitAwarenessState
    const user = userOf(state)
    if (!user) continue
    const presence = state.presence && typeof state.presence === 'object' ? state.presence : null
    const entry = byUser.get(user.id) ?? {
      userId: user.id,
      name: user.name,
      color: user.color,
      role: null,
      online: true,
      isSelf: user.id === selfUserId,
      presenceUserId: null,
      followingUserId: null,
      done: [],
      onListView: false,
    }
    if (clientId === selfClientId) {
      // Our own tab wins for what it shows.
      entry.name = user.name
      entry.color = user.color
    }
    const role = (ROLES as readonly unknown[]).includes(state.role) ? (state.role as Role) : null
    entry.role ??= role
    if (typeof presence?.userId === 'string') entry.presenceUserId ??= presence.userId
    if (typeof presence?.followingUserId === 'string') entry.followingUserId ??= presence.followingUserId
    if (typeof state.done === 'string' && !entry.done.includes(state.done)) entry.done.push(state.done)
    if (state.view === 'list') entry.onListView = true
    byUser.set(user.id, entry)
  }
  return [...byUser.values()]
}

function userOf(state: KitAwarenessState | undefined): { id: string; name: string; color: string } | null {
  const user = state?.user
  if (!user || typeof user !== 'object' || typeof user.id !== 'string' || typeof user.name !== 'string' || !user.name.trim()) return null
  return { id: user.id, name: user.name, color: typeof user.color === 'string' ? user.color : FALLBACK_COLOUR }
}

/**
 * Remembers everyone seen since it was created (the lifetime of the board page), so that people
 * who left stay listed as offline. You first, then the others online, then those offline, by name.
 */
export class Roster {
  private readonly seen = new Map<string, RosterEntry>()

  update(states: ReadonlyMap<number, unknown>, selfClientId: number): RosterEntry[] {
    const present = readAwareness(states, selfClientId)
    const presentIds = new Set(present.map((entry) => entry.userId))
    for (const [userId, entry] of this.seen) {
      if (!presentIds.has(userId)) this.seen.set(userId, { ...entry, online: false, done: [], followingUserId: null, onListView: false })
    }
    for (const entry of present) this.seen.set(entry.userId, entry)
    return [...this.seen.values()].sort(
      (a, b) => Number(b.isSelf) - Number(a.isSelf) || Number(b.online) - Number(a.online) || a.name.localeCompare(b.name),
    )
  }
}

/** Whether `entry` marked the step with key `key` done. */
export function isDone(entry: RosterEntry, key: string): boolean {
  return entry.online && entry.done.includes(key)
}

export interface DoneSummary {
  done: number
  total: number
  /** True when there is at least one participant online and every one of them is done. */
  all: boolean
}

/** How many of the participants online (role participant) marked the current step done. */
export function doneSummary(entries: readonly RosterEntry[], key: string): DoneSummary {
  const participants = entries.filter((entry) => entry.online && entry.role === 'participant')
  const done = participants.filter((entry) => isDone(entry, key)).length
  return { done, total: participants.length, all: participants.length > 0 && done === participants.length }
}

/** The entry whose tldraw user id is `presenceUserId` (what `followingUserId` holds), if any. */
export function entryByPresenceUserId(entries: readonly RosterEntry[], presenceUserId: string | null): RosterEntry | undefined {
  if (!presenceUserId) return undefined
  return entries.find((entry) => entry.presenceUserId === presenceUserId || entry.userId === presenceUserId)
}
