/**
 * Who may write which presence in a room. Each awareness client id belongs to the connection that
 * introduced it; states for an id another connection owns are ignored, so no one can rename, move
 * or remove someone else. This module keeps that ownership, the ids each connection announced (so
 * they disappear when it leaves) and the name and colour each connection shows. Sending awareness
 * to the sockets stays with the room.
 *
 * A presence also names a person: `user.id` and `presence.userId` (what the participant list,
 * "Fertig", follow and summon go by). A connection may name only the identity it presented
 * (`user:<identity id>`, checked by the sync endpoint before it connected), and a connection
 * without one may name nobody; states that name someone else are ignored. So presence ids, and
 * the "Fertig" signal that travels with them, cannot be forged.
 *
 * A state larger than `maxPresenceBytes` (as JSON) is ignored: not applied, not relayed, so that
 * one client cannot make every query of presence, and every relay to thirty people, megabytes
 * long. The connection stays open; its previous state, if any, stays as it was.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { presenceIdOf } from '@quartierboard/shared'
import type { ServerMetrics } from '../metrics.js'
import { readOrViolate } from './room-protocol.js'
import type { PresenceUser, RoomConnection } from './room-socket.js'

/** The room options presence reads (the room passes its own). */
export interface PresenceOptions {
  metrics?: ServerMetrics
  /** Called when a connection first shows, or changes, its name and colour in presence. */
  onPresenceUser?: (connection: RoomConnection, user: PresenceUser) => void
  /** Largest state of one awareness client, as JSON (MAX_PRESENCE_BYTES); DEFAULT_MAX_PRESENCE_BYTES when not given. */
  maxPresenceBytes?: number
}

/** A cursor, selection, camera, name and colour take well under 2 KiB; 16 KiB leaves room for a large selection. */
export const DEFAULT_MAX_PRESENCE_BYTES = 16 * 1024

/** What an awareness 'update' event reports. */
export interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

export class Presence {
  /**
   * The connection that introduced each awareness client id. Only it may set or remove that
   * id's presence, until it disconnects; states for ids of other connections are ignored.
   */
  private readonly awarenessOwners = new Map<number, RoomConnection>()

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly options: PresenceOptions,
  ) {}

  /**
   * Applies the entries of an awareness update that this connection may write: ids it owns, and
   * new ids with a state (which it then owns). Stock y-websocket clients relay everyone's presence
   * back to the server with unchanged clocks; such stale copies change nothing and are skipped
   * before they could claim an id (a relay arriving just after its owner left must not take over
   * the id the owner comes back with). The whole update is read first: a malformed one changes nothing.
   */
  receive(connection: RoomConnection, update: Uint8Array): void {
    const entries = readOrViolate(() => readAwarenessEntries(update), 'malformed awareness update')
    const maxBytes = this.options.maxPresenceBytes ?? DEFAULT_MAX_PRESENCE_BYTES
    let refused = 0
    const allowed = entries.filter((entry) => {
      if (Buffer.byteLength(entry.json) > maxBytes) return false
      const owner = this.awarenessOwners.get(entry.clientId)
      if (owner === connection) return this.namesOnlyItself(connection, entry)
      const clock = this.awareness.meta.get(entry.clientId)?.clock
      const wouldChange =
        clock === undefined || entry.clock > clock || (entry.clock === clock && entry.state === null && this.awareness.states.has(entry.clientId))
      if (!wouldChange) return false
      if (owner !== undefined) {
        refused += 1
        return false
      }
      if (entry.state === null) return false // nothing of an unowned id to remove
      if (!this.namesOnlyItself(connection, entry)) return false
      this.awarenessOwners.set(entry.clientId, connection)
      return true
    })
    if (refused > 0) this.options.metrics?.awarenessClaimsRefused.inc(refused)
    if (allowed.length === 0) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed.length === entries.length ? update : writeAwarenessEntries(allowed), connection)
  }

  /** False (and counted) when the state names a person other than the connection's identity. */
  private namesOnlyItself(connection: RoomConnection, entry: AwarenessEntry): boolean {
    const own = connection.identityId === null ? null : presenceIdOf(connection.identityId)
    const named = namedPeople(entry.state)
    if (named.every((id) => id === own)) return true
    this.options.metrics?.awarenessClaimsRefused.inc()
    return false
  }

  /** Records what an awareness update applied for `connection` changed: its ids, and the user it shows. */
  noteChanges(connection: RoomConnection, changes: AwarenessChanges): void {
    for (const id of changes.added) connection.awarenessClients.add(id)
    for (const id of changes.updated) connection.awarenessClients.add(id)
    for (const id of changes.removed) connection.awarenessClients.delete(id)
    this.notePresenceUser(connection, [...changes.added, ...changes.updated])
  }

  /** Removes the states of a connection that left (everyone else is told) and frees the ids it owned. */
  remove(connection: RoomConnection): void {
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null)
    }
    for (const [clientId, owner] of this.awarenessOwners) {
      if (owner === connection) this.awarenessOwners.delete(clientId)
    }
  }

  /** Reports the user a connection shows, when it is new or changed (not on every cursor move). */
  private notePresenceUser(connection: RoomConnection, clientIds: number[]): void {
    if (!this.options.onPresenceUser) return
    for (const clientId of clientIds) {
      const user = presenceUserOf(this.awareness.getStates().get(clientId))
      if (!user) continue
      const shownAs = JSON.stringify(user)
      if (shownAs === connection.shownAs) continue
      connection.shownAs = shownAs
      this.options.onPresenceUser(connection, user)
    }
  }
}

interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as sent (JSON text); `state` is its parsed value. */
  json: string
  state: unknown
}

/** Reads every entry of an awareness update (y-protocols' layout); throws when it is malformed. */
function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    entries.push({ clientId, clock, json, state: JSON.parse(json) as unknown })
  }
  return entries
}

function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

/** The person ids an awareness state names: its `user.id` and its tldraw presence's `userId`. */
function namedPeople(state: unknown): unknown[] {
  if (state === null || typeof state !== 'object') return []
  const { user, presence } = state as { user?: unknown; presence?: unknown }
  const named: unknown[] = []
  if (user !== null && typeof user === 'object' && 'id' in user && user.id !== undefined && user.id !== null) named.push(user.id)
  if (presence !== null && typeof presence === 'object' && 'userId' in presence && presence.userId !== undefined && presence.userId !== null) {
    named.push(presence.userId)
  }
  return named
}

const MAX_PRESENCE_NAME = 100

/** The `user` of an awareness state, if it has a usable name (bounded, as it is stored). */
function presenceUserOf(state: Record<string, unknown> | undefined): PresenceUser | null {
  const user = state?.user as { id?: unknown; name?: unknown; color?: unknown } | undefined
  if (!user || typeof user.name !== 'string' || user.name.trim() === '') return null
  return {
    userId: typeof user.id === 'string' ? user.id.slice(0, MAX_PRESENCE_NAME) : null,
    name: user.name.trim().slice(0, MAX_PRESENCE_NAME),
    color: typeof user.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.color) ? user.color : '#868e96',
  }
}
