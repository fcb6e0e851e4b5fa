/**
 * The tldraw <-> Yjs binding: keeps a tldraw store and a board's Y.Doc in sync (records-sync.ts)
 * and maps presence to awareness (presence-sync.ts).
 */
import { atom, type Signal } from '@tldraw/state'
import type { TLRecord, TLStore, TLUser } from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { PresenceSync } from './presence-sync.js'
import { RecordsSync, type BindingMode } from './records-sync.js'

export { createBoardStore } from './board-store.js'
export { MAX_PIECE_BYTES, recordBytes, splitChange, type ChangePiece } from './change-pieces.js'
export { answerSyncStep1, answerSyncStep1InPieces, type SyncAnsweringProvider } from './sync-answer.js'
export { splitUpdate } from './update-pieces.js'
export { KeyedEntries, type KeyChange, type KeyedEntry } from './keyed-entries.js'
export type { BindingMode } from './records-sync.js'
export { PRIVATE_NOTE_META, isPrivateRecord } from './records-sync.js'
export type { PresenceAwarenessState } from './presence-sync.js'

export interface YjsStoreBindingOptions {
  /** The tldraw store (in the browser from tldraw's `createTLStore`). */
  store: TLStore
  /** The board's document, already holding its initial content (server sync or IndexedDB). */
  doc: Y.Doc
  /** Awareness of the provider; omit to leave presence out. */
  awareness?: Awareness
  /** The local user (name, colour) shown to others. */
  user?: Signal<TLUser | null>
  /** While true, our presence is withdrawn: others see no cursor of ours (someone on the list view). */
  presenceHidden?: Signal<boolean>
  /** Presence is published at most once per this many milliseconds (default 50). */
  presenceThrottleMs?: number
  /** Called with problems that do not stop the binding (an invalid remote record, say). */
  onError?: (error: unknown, context: string) => void
  /** Local changes of private records, which never enter the doc (see records-sync.ts). */
  onPrivateRecords?: (put: TLRecord[], removed: TLRecord['id'][]) => void
  /** At most this many bytes of records (UTF-8 JSON) per Yjs transaction, so each frame fits the server's limit (default 512 KiB). */
  maxPieceBytes?: number
}

export interface YjsStoreBinding {
  /** 'readonly' when the document was written by a newer app version: nothing is written then. */
  readonly mode: Signal<BindingMode>
  dispose(): void
}

/** Binds a tldraw store to a board doc (and presence to awareness) until `dispose`. */
export function bindStoreToDoc(options: YjsStoreBindingOptions): YjsStoreBinding {
  const mode = atom<BindingMode>('binding mode', 'readwrite')
  const onError = options.onError ?? (() => {})
  const records = new RecordsSync({
    store: options.store,
    doc: options.doc,
    onModeChange: (next) => mode.set(next),
    onError,
    onPrivateRecords: options.onPrivateRecords,
    maxPieceBytes: options.maxPieceBytes,
  })
  const presence =
    options.awareness
      ? new PresenceSync({
          store: options.store,
          awareness: options.awareness,
          user: options.user,
          throttleMs: options.presenceThrottleMs ?? 50,
          hidden: options.presenceHidden,
          onError,
        })
      : null
  return {
    mode,
    dispose() {
      presence?.dispose()
      records.dispose()
    },
  }
}
