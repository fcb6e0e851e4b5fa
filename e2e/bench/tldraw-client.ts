/**
 * A tldraw sync client in Node: a `Store` with the board schema kept in sync by `TLSyncClient`, over a
 * small socket adapter of ours (tldraw's ClientWebSocketAdapter needs `window` and `document`).
 */
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import { atom } from '@tldraw/state'
import { Store } from '@tldraw/store'
import * as syncCore from '@tldraw/sync-core'
import { JsonChunkAssembler, TLSyncClient, type TLPersistentClientSocket, type TLSocketStatusChangeEvent } from '@tldraw/sync-core'
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardClient, Target } from './client-types.js'
import { schema } from './records.js'

// tldraw's store and the sync client pace their work by animation frames; Node has none.
const g = globalThis as unknown as Record<string, unknown>
if (typeof g.requestAnimationFrame !== 'function') {
  g.requestAnimationFrame = (callback: (time: number) => void) => setTimeout(() => callback(performance.now()), 16)
  g.cancelAnimationFrame = (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle)
}

// `chunk` splits large messages the way tldraw's own adapter does; it is exported but not in the public types.
const chunk = (syncCore as unknown as { chunk: (message: string) => string[] }).chunk

class NodeSyncSocket implements TLPersistentClientSocket<object, object> {
  connectionStatus: 'error' | 'offline' | 'online' = 'offline'
  private ws: WebSocket | null = null
  private closed = false
  private readonly messageListeners = new Set<(message: object) => void>()
  private readonly statusListeners = new Set<(event: TLSocketStatusChangeEvent) => void>()

  constructor(private readonly url: string) {
    this.open()
  }

  private open(): void {
    const ws = new WebSocket(this.url)
    const assembler = new JsonChunkAssembler()
    this.ws = ws
    ws.on('open', () => this.setStatus({ status: 'online' }))
    ws.on('message', (data) => {
      const result = assembler.handleMessage(data.toString())
      if (!result) return
      if ('error' in result && result.error) {
        this.restart()
        return
      }
      for (const listener of this.messageListeners) listener((result as { data: object }).data)
    })
    ws.on('close', () => {
      if (this.ws === ws) this.setStatus({ status: 'offline' })
    })
    ws.on('error', () => undefined)
  }

  private setStatus(event: TLSocketStatusChangeEvent): void {
    this.connectionStatus = event.status
    for (const listener of this.statusListeners) listener(event)
  }

  sendMessage(message: object): void {
    if (!this.ws || this.connectionStatus !== 'online') return
    for (const part of chunk(JSON.stringify(message))) this.ws.send(part)
  }

  onReceiveMessage = (callback: (message: object) => void) => {
    this.messageListeners.add(callback)
    return () => this.messageListeners.delete(callback)
  }

  onStatusChange = (callback: (event: TLSocketStatusChangeEvent) => void) => {
    this.statusListeners.add(callback)
    return () => this.statusListeners.delete(callback)
  }

  restart(): void {
    if (this.closed) return
    const old = this.ws
    this.ws = null
    old?.close()
    this.setStatus({ status: 'offline' })
    this.open()
  }

  close(): void {
    this.closed = true
    this.ws?.close()
    this.ws = null
  }
}

export class TldrawClient implements BoardClient {
  readonly store: Store<TLRecord>
  readonly socket: NodeSyncSocket
  readonly client: TLSyncClient<TLRecord, Store<TLRecord>>
  readonly synced: Promise<void>

  constructor(target: Target) {
    this.store = new Store<TLRecord>({ schema: schema as never, props: {} as never })
    this.socket = new NodeSyncSocket(`${target.url}/${encodeURIComponent(target.room)}?sessionId=${randomUUID()}`)
    let resolveSynced: () => void = () => undefined
    let rejectSynced: (error: Error) => void = () => undefined
    this.synced = new Promise((resolve, reject) => {
      resolveSynced = resolve
      rejectSynced = reject
    })
    this.synced.catch(() => undefined)
    this.client = new TLSyncClient<TLRecord, Store<TLRecord>>({
      store: this.store,
      socket: this.socket,
      presence: atom('presence', null),
      onLoad: () => resolveSynced(),
      onSyncError: (reason) => rejectSynced(new Error(`tldraw sync error: ${reason}`)),
    })
  }

  put(records: TLRecord[]): void {
    this.store.put(records)
  }

  recordCount(): number {
    return this.store.allRecords().length
  }

  onRemote(listener: (records: unknown[]) => void): void {
    this.store.listen(
      (entry) => {
        const records: unknown[] = [...Object.values(entry.changes.added)]
        for (const [, to] of Object.values(entry.changes.updated)) records.push(to)
        if (records.length > 0) listener(records)
      },
      { source: 'remote', scope: 'document' },
    )
  }

  close(): void {
    this.client.close()
    this.socket.close()
  }
}
