/**
 * Test support for fuzzers of valid traffic: people with a browser each, as our client behaves
 * there, driven by stock y-websocket providers.
 *
 * A person has a server-issued identity and a browser with an IndexedDB copy of the board (a
 * Y.Doc that receives every update of every tab of that person, as y-indexeddb stores them). A tab
 * is a provider on its own Y.Doc, kept across network drops; a reload or a new tab opens a copy
 * of the IndexedDB document (online or offline), and a closed tab leaves its edits there. Each tab
 * shows the person in presence with the identity's own id, and records every close that refuses it.
 */
import { WebSocket as WebSocketPolyfill } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { presenceIdOf, type IssuedIdentity } from '@quartierboard/shared'
import { recordsOf } from './records.js'
import type { CreatedWorkshop } from './test-server.js'

/** Close codes that refuse a client (1002 protocol error, 1007/1008 bad data or policy, 1009 too big, 1011 server error, 4xxx ours). */
export function isRefusal(code: number): boolean {
  return code >= 4000 || [1002, 1007, 1008, 1009, 1011].includes(code)
}

export class Tab {
  readonly provider: WebsocketProvider

  constructor(
    readonly person: Person,
    /** Which chain of tab and reloads this is (see expected-board.ts). */
    readonly lineage: number,
    readonly doc: Y.Doc,
    online: boolean,
  ) {
    this.provider = new WebsocketProvider(person.wsUrl, person.workshop.id, doc, {
      WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: online,
      params: { token: person.workshop.tokens.participant, identity: person.identity.secret },
    })
    const id = presenceIdOf(person.identity.id)
    this.provider.awareness.setLocalState({
      user: { id, name: person.name, color: person.color },
      presence: { userId: id, userName: person.name, cursor: { x: 0, y: 0 } },
    })
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && isRefusal(event.code)) person.refusals.push(`${person.name}, tab ${lineage}: closed with ${event.code} "${String(event.reason)}"`)
    })
    this.provider.on('closed', (event: { code: number; reason: string }) => {
      person.refusals.push(`${person.name}, tab ${lineage}: stopped reconnecting after ${event.code} "${event.reason}"`)
    })
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(person.stored, update))
    // The binding's view of the records, which (like the client's) removes entries shadowed by a merge.
    recordsOf(doc)
  }

  /** Whether the tab wants to be online (it is, or it is connecting). */
  get online(): boolean {
    return this.provider.shouldConnect
  }

  /** Connected and through its first sync since. */
  get synced(): boolean {
    return this.provider.wsconnected && this.provider.synced
  }

  moveCursor(x: number, y: number): void {
    const state = this.provider.awareness.getLocalState() as { presence: Record<string, unknown> }
    this.provider.awareness.setLocalStateField('presence', { ...state.presence, cursor: { x, y } })
  }
}

export class Person {
  readonly tabs: Tab[] = []
  /** The browser's IndexedDB copy: every update of every tab of this person. */
  readonly stored = new Y.Doc()

  constructor(
    readonly name: string,
    readonly color: string,
    readonly identity: IssuedIdentity,
    readonly workshop: CreatedWorkshop,
    readonly wsUrl: string,
    /** Where every refusal of any of this person's tabs is written. */
    readonly refusals: string[],
  ) {}

  get presenceId(): string {
    return presenceIdOf(this.identity.id)
  }

  /** Opens a tab on a copy of the IndexedDB document (a new tab, or a reload of `lineage`). */
  openTab(lineage: number, online: boolean): Tab {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.stored))
    const tab = new Tab(this, lineage, doc, online)
    this.tabs.push(tab)
    return tab
  }

  /** Closes a tab; what it wrote stays in IndexedDB. */
  closeTab(tab: Tab): void {
    tab.provider.destroy()
    tab.doc.destroy()
    this.tabs.splice(this.tabs.indexOf(tab), 1)
  }

  /** Reloads a tab: the same lineage on a fresh copy of IndexedDB, online if the tab was. */
  reload(tab: Tab): Tab {
    const online = tab.online
    this.closeTab(tab)
    return this.openTab(tab.lineage, online)
  }
}
