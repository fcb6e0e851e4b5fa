/**
 * One benchmark client per server kind, behind a common interface: write tldraw records, learn about
 * records written by others, know when the initial sync is done.
 *
 * The Yjs servers (ours, stock y-websocket, Hocuspocus) all get the same board layout: a Y.Array
 * `records` of `{ key, val }` entries written through `KeyedEntries` (delete old entry + push new),
 * plus `meta.schema`. tldraw sync gets the same records through its own client (see tldraw-client.ts).
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { TLRecord } from '@tldraw/tlschema'
import { KeyedEntries, META_KEY, META_SCHEMA, RECORDS_KEY, type KeyedEntry } from '@quartierboard/shared'
import type { BoardClient, Target } from './client-types.js'
import { schema } from './records.js'

export type { BoardClient, ServerKind, Target } from './client-types.js'

export async function createClient(target: Target): Promise<BoardClient> {
  switch (target.kind) {
    case 'ours':
    case 'y-websocket':
      return new YWebsocketClient(target)
    case 'hocuspocus':
      return new HocuspocusClient(target)
    case 'tldraw': {
      const { TldrawClient } = await import('./tldraw-client.js')
      return new TldrawClient(target)
    }
  }
}

abstract class YjsBoardClient implements BoardClient {
  readonly doc = new Y.Doc()
  readonly array: Y.Array<KeyedEntry<TLRecord>> = this.doc.getArray(RECORDS_KEY)
  private kv: KeyedEntries<TLRecord> | null = null
  abstract readonly synced: Promise<void>

  put(records: TLRecord[], withSchema = false): void {
    this.kv ??= new KeyedEntries<TLRecord>(this.array)
    const kv = this.kv
    this.doc.transact(() => {
      kv.apply(records.map((record) => ({ key: record.id, val: record })))
      if (withSchema) this.doc.getMap(META_KEY).set(META_SCHEMA, schema.serialize())
    })
  }

  recordCount(): number {
    return this.array.length
  }

  onRemote(listener: (records: unknown[]) => void): void {
    this.array.observe((event, transaction) => {
      if (transaction.local) return
      const values: unknown[] = []
      for (const item of event.changes.added) {
        for (const entry of item.content.getContent() as KeyedEntry<TLRecord>[]) values.push(entry.val)
      }
      if (values.length > 0) listener(values)
    })
  }

  abstract close(): void
}

class YWebsocketClient extends YjsBoardClient {
  readonly provider: WebsocketProvider
  readonly synced: Promise<void>

  constructor(target: Target) {
    super()
    this.provider = new WebsocketProvider(target.url, target.room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: target.token ? { token: target.token } : {},
    })
    this.synced = new Promise((resolve, reject) => {
      const onSync = (state: boolean) => {
        if (!state) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
      this.provider.on('connection-close', (event) => {
        if (event && event.code !== 1000 && event.code !== 1005) reject(new Error(`socket closed ${event.code} ${event.reason}`))
      })
    })
    this.synced.catch(() => undefined)
  }

  close(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}

class HocuspocusClient extends YjsBoardClient {
  readonly socket: HocuspocusProviderWebsocket
  readonly provider: HocuspocusProvider
  readonly synced: Promise<void>

  constructor(target: Target) {
    super()
    this.socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket })
    let resolveSynced: () => void = () => undefined
    this.synced = new Promise((resolve) => (resolveSynced = resolve))
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: target.room,
      document: this.doc,
      token: target.token ?? null,
      onSynced: ({ state }) => {
        if (state) resolveSynced()
      },
    })
    this.provider.attach()
  }

  close(): void {
    this.provider.destroy()
    this.socket.destroy()
    this.doc.destroy()
  }
}
