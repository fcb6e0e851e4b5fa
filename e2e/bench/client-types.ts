/** What the benchmark's clients look like, whichever server they talk to. */
import type { TLRecord } from '@tldraw/tlschema'

export type ServerKind = 'ours' | 'y-websocket' | 'hocuspocus' | 'tldraw'

/** Where a client connects: base WebSocket url (without room), room name, optional token. */
export interface Target {
  kind: ServerKind
  url: string
  room: string
  token?: string
}

export interface BoardClient {
  /** Resolves when the initial sync with the server is complete. */
  readonly synced: Promise<void>
  /** Writes records in one transaction; `withSchema` also writes the schema (as the first writer does). */
  put(records: TLRecord[], withSchema?: boolean): void
  /** Number of records this client currently holds. */
  recordCount(): number
  /** Called with every record another client added or changed, as soon as it is applied here. */
  onRemote(listener: (records: unknown[]) => void): void
  close(): void
}
