import { atom } from '@tldraw/state'
import type { TLInstancePresence, TLUser } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindStoreToDoc, createBoardStore } from './index.js'

function user(name: string, color: string): TLUser {
  return { id: `user:${name}`, typeName: 'user', name, color, imageUrl: '', meta: {} } as TLUser
}

/** Forwards every awareness change of `from` to `to`, as the server would. */
function forward(from: Awareness, to: Awareness): void {
  from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'network')
  })
}

function presences(store: ReturnType<typeof createBoardStore>): TLInstancePresence[] {
  return store.allRecords().filter((record): record is TLInstancePresence => record.typeName === 'instance_presence')
}

describe('presence sync', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('shows a remote user as an instance_presence record and removes it when they leave', () => {
    const anna = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    const ben = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    forward(anna.awareness, ben.awareness)
    bindStoreToDoc({ store: anna.store, doc: new Y.Doc(), awareness: anna.awareness, user: atom('user', user('Anna', '#e03131')) })
    bindStoreToDoc({ store: ben.store, doc: new Y.Doc(), awareness: ben.awareness, user: atom('user', user('Ben', '#1971c2')) })
    vi.advanceTimersByTime(100)

    const seen = presences(ben.store)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ userName: 'Anna', color: '#e03131', id: `instance_presence:${anna.awareness.clientID}` })
    expect(presences(anna.store)).toHaveLength(0) // our own presence is never a record in our store

    removeAwarenessStates(ben.awareness, [anna.awareness.clientID], 'network')
    expect(presences(ben.store)).toHaveLength(0)
  })

  it('publishes changes of the local user, throttled but never losing the last state', () => {
    const anna = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    const ben = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    forward(anna.awareness, ben.awareness)
    const annaUser = atom('user', user('Anna', '#e03131'))
    bindStoreToDoc({ store: anna.store, doc: new Y.Doc(), awareness: anna.awareness, user: annaUser, presenceThrottleMs: 50 })
    bindStoreToDoc({ store: ben.store, doc: new Y.Doc(), awareness: ben.awareness })
    vi.advanceTimersByTime(100)
    annaUser.set(user('Anna K.', '#e03131'))
    annaUser.set(user('Anna Kraus', '#2f9e44'))
    vi.advanceTimersByTime(60)
    expect(presences(ben.store)[0]).toMatchObject({ userName: 'Anna Kraus', color: '#2f9e44' })
  })

  it('withdraws the presence while hidden (the list view) and publishes it again after, keeping the name', () => {
    const anna = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    const ben = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    forward(anna.awareness, ben.awareness)
    const hidden = atom('presence hidden', false)
    bindStoreToDoc({ store: anna.store, doc: new Y.Doc(), awareness: anna.awareness, user: atom('user', user('Anna', '#e03131')), presenceHidden: hidden })
    bindStoreToDoc({ store: ben.store, doc: new Y.Doc(), awareness: ben.awareness })
    vi.advanceTimersByTime(100)
    expect(presences(ben.store)).toHaveLength(1)

    hidden.set(true)
    vi.advanceTimersByTime(100)
    expect(presences(ben.store)).toHaveLength(0) // no cursor of Anna's left standing on Ben's canvas
    expect(ben.awareness.getStates().get(anna.awareness.clientID)).toMatchObject({ user: { name: 'Anna' } })

    hidden.set(false)
    vi.advanceTimersByTime(100)
    expect(presences(ben.store)).toHaveLength(1)
  })

  it('ignores presence that is not a valid record', () => {
    const ben = { store: createBoardStore(), awareness: new Awareness(new Y.Doc()) }
    const errors: string[] = []
    bindStoreToDoc({ store: ben.store, doc: new Y.Doc(), awareness: ben.awareness, user: atom('user', user('Ben', '#000')), onError: (_e, context) => errors.push(context) })
    const rogue = new Awareness(new Y.Doc())
    rogue.setLocalState({ presence: { userName: 42, cursor: 'nowhere' } })
    applyAwarenessUpdate(ben.awareness, encodeAwarenessUpdate(rogue, [rogue.clientID]), 'network')
    expect(presences(ben.store)).toHaveLength(0)
    expect(errors).toEqual([`presence of client ${rogue.clientID}`])
  })
})
