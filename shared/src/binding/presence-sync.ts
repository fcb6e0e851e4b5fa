/**
 * Presence through Yjs awareness. Our own presence (cursor, selection, camera, name, colour) is
 * derived from the store by tldraw's `createPresenceStateDerivation` and published as the awareness
 * field `presence` (plain JSON), at most once per `throttleMs`. Every other client's `presence`
 * becomes an `instance_presence` record in our store (id from its awareness client id), which is
 * what tldraw draws as remote cursors and selections; it is removed when that client leaves.
 * Presence records have presence scope, so they never enter the document.
 */
import { react, type Signal } from '@tldraw/state'
import { InstancePresenceRecordType, createPresenceStateDerivation, type TLInstancePresence, type TLStore, type TLUser } from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'

export interface PresenceSyncOptions {
  store: TLStore
  awareness: Awareness
  /** The local user; without one we only show others and publish nothing. */
  user?: Signal<TLUser | null>
  throttleMs: number
  /** While true, nothing of our presence is published (no cursor, selection or viewport for others). */
  hidden?: Signal<boolean>
  onError: (error: unknown, context: string) => void
}

/** The awareness fields we publish. */
export interface PresenceAwarenessState {
  presence: TLInstancePresence | null
  user: { id: string; name: string; color: string } | null
}

export class PresenceSync {
  private readonly stopReacting: () => void = () => {}
  private pending: TLInstancePresence | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = 0
  /** Presence record ids we put into the store, per awareness client id. */
  private readonly remoteIds = new Map<number, TLInstancePresence['id']>()

  constructor(private readonly options: PresenceSyncOptions) {
    const { store, awareness, user, hidden } = options
    if (user) {
      const presence = createPresenceStateDerivation(user, {
        instanceId: InstancePresenceRecordType.createId(String(awareness.clientID)),
      })(store)
      this.stopReacting = react('publish presence', () => {
        const current = user.get()
        awareness.setLocalStateField('user', current ? { id: current.id, name: current.name, color: current.color } : null)
        this.schedule(hidden?.get() ? null : presence.get())
      })
    }
    awareness.on('change', this.onAwarenessChange)
    this.onAwarenessChange()
  }

  dispose(): void {
    this.stopReacting()
    if (this.timer) clearTimeout(this.timer)
    this.options.awareness.off('change', this.onAwarenessChange)
    this.options.awareness.setLocalStateField('presence', null)
    const ids = [...this.remoteIds.values()]
    this.remoteIds.clear()
    this.options.store.mergeRemoteChanges(() => this.options.store.remove(ids.filter((id) => this.options.store.has(id))))
  }

  /** Publishes at most once per throttle interval, always ending with the latest state. */
  private schedule(presence: TLInstancePresence | null): void {
    this.pending = presence
    if (this.timer) return
    const wait = Math.max(0, this.lastSent + this.options.throttleMs - Date.now())
    if (wait === 0) {
      this.publish()
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      this.publish()
    }, wait)
  }

  private publish(): void {
    this.lastSent = Date.now()
    this.options.awareness.setLocalStateField('presence', this.pending)
  }

  private readonly onAwarenessChange = (): void => {
    const { awareness, store } = this.options
    const toPut: TLInstancePresence[] = []
    const seen = new Set<number>()
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue
      const record = this.toPresenceRecord(clientId, (state as Partial<PresenceAwarenessState>).presence)
      if (!record) continue
      seen.add(clientId)
      toPut.push(record)
    }
    const toRemove: TLInstancePresence['id'][] = []
    for (const [clientId, id] of this.remoteIds) {
      if (!seen.has(clientId)) {
        toRemove.push(id)
        this.remoteIds.delete(clientId)
      }
    }
    for (const record of toPut) this.remoteIds.set(Number(record.id.slice('instance_presence:'.length)), record.id)
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove.filter((id) => store.has(id)))
      for (const record of toPut) {
        const existing = store.get(record.id)
        if (existing && JSON.stringify(existing) === JSON.stringify(record)) continue
        store.put([record])
      }
    })
  }

  /** Validates a remote presence JSON as a presence record under an id we control. */
  private toPresenceRecord(clientId: number, presence: unknown): TLInstancePresence | null {
    if (!presence || typeof presence !== 'object') return null
    const record = { ...(presence as TLInstancePresence), id: InstancePresenceRecordType.createId(String(clientId)), typeName: 'instance_presence' as const }
    try {
      return InstancePresenceRecordType.validate(record) as TLInstancePresence
    } catch (error) {
      this.options.onError(error, `presence of client ${clientId}`)
      return null
    }
  }
}
