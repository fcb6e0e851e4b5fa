/**
 * Connects a board's Y.Doc to IndexedDB (offline copy) and to our server (stock y-websocket
 * provider), then binds it to the tldraw store once the doc holds its initial content: at once
 * when IndexedDB had a copy (so the board opens even when the server is out of reach), otherwise
 * after the first sync with the server. Also drives the save status through our save extension.
 */
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, atom, react, type IndexKey, type Signal, type TLPageId, type TLRecord, type TLStore, type TLUser } from '@tldraw/tldraw'
import {
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_FAILED,
  MESSAGE_SAVE_REQUEST,
  RECORDS_KEY,
  answerSyncStep1InPieces,
  bindStoreToDoc,
  credentialProtocols,
  encodeSaveMessage,
  readSaveSeq,
  type BindingMode,
} from '@quartierboard/shared'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { watchConnection } from './connection-watch'
import { reconnectsAfterClose } from './reconnect-policy'
import { SaveTracker, type SaveState } from './save-status'

const FIRST_PAGE_ID = 'page:page' as TLPageId

/** Save requests are sent this long after the last local edit. */
const SAVE_REQUEST_DELAY_MS = 100
/** Longest wait between two reconnect attempts (y-websocket's own default `maxBackoffTime`). */
const MAX_RECONNECT_DELAY_MS = 2500

/**
 * Spreads reconnect attempts over time. y-websocket waits `min(2^n * 100 ms, maxBackoffTime)`
 * before attempt n, without any randomness: after a server restart every open board would knock
 * at exactly the same moments (200 ms, 400 ms, 800 ms, ...). The provider emits
 * 'connection-close' just before it computes that wait, so here we set `maxBackoffTime` to a
 * random value between half and all of the coming exponential step ("equal jitter"); the
 * provider then waits exactly that long. The steps still grow exponentially up to
 * `maxDelayMs`, and no attempt comes sooner than half its step.
 */
export function jitterReconnects(provider: WebsocketProvider, random: () => number = Math.random, maxDelayMs = MAX_RECONNECT_DELAY_MS): void {
  provider.on('connection-close', () => {
    // The provider counts this close before it waits: the coming wait is step n + 1.
    const step = Math.min(2 ** (provider.wsUnsuccessfulReconnects + 1) * 100, maxDelayMs)
    provider.maxBackoffTime = Math.round(step / 2 + (random() * step) / 2)
  })
}

export interface BoardConnectionCallbacks {
  onReady: () => void
  onSaveState: (state: SaveState) => void
  onMode: (mode: BindingMode) => void
  /** The server closed the socket for good (4400-4499: link replaced, workshop deleted, ...; 1009: a frame too large). */
  onRefused: (code: number, reason: string) => void
  /** Local changes of private notes (silent brainstorming), which never enter the doc. */
  onPrivateRecords?: (put: TLRecord[], removed: TLRecord['id'][]) => void
  /** Name of the first page when this browser is the one that starts an empty board. */
  firstPageName?: string
}

export interface BoardConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Withdraws this browser's cursor, selection and viewport from the others (while on the list view). */
  setPresenceHidden: (hidden: boolean) => void
  dispose: () => void
}

export function connectBoard(
  workshopId: string,
  store: TLStore,
  user: Signal<TLUser | null>,
  token: string | null,
  callbacks: BoardConnectionCallbacks,
  /** This browser's identity secret in the workshop (`?identity=`), so the server knows who its presence is. */
  identitySecret: string | null = null,
): BoardConnection {
  const doc = new Y.Doc()
  const local = new IndexeddbPersistence(`quartierboard-${workshopId}`, doc)
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
  // The token and identity travel as subprotocols, not in the URL a failed socket prints to the
  // console; a value that cannot be a subprotocol falls back to the query (shared/src/sync-credentials.ts).
  const protocols = credentialProtocols({ token, identity: identitySecret })
  const provider = new WebsocketProvider(socketUrl, workshopId, doc, {
    params: protocols ? {} : { ...(token ? { token } : {}), ...(identitySecret ? { identity: identitySecret } : {}) },
    protocols: protocols ?? [],
    disableBc: true,
    shouldReconnect: reconnectsAfterClose,
  })
  jitterReconnects(provider)
  // After a large paste made offline, the answer to the server's sync step 1 would be one frame over
  // its limit: send it in pieces (shared/src/binding/sync-answer.ts).
  answerSyncStep1InPieces(provider)
  const saves = new SaveTracker()
  const report = () => callbacks.onSaveState(saves.state)
  let disposed = false
  let unbind: (() => void) | null = null
  let requestTimer: ReturnType<typeof setTimeout> | undefined

  const sendSaveRequest = () => {
    if (!provider.wsconnected || !provider.synced || !provider.ws) return
    provider.ws.send(encodeSaveMessage(MESSAGE_SAVE_REQUEST, saves.nextRequest()))
    report()
  }
  provider.messageHandlers[MESSAGE_SAVE_CONFIRM] = (_encoder, decoder) => {
    saves.confirmed(readSaveSeq(decoder))
    report()
  }
  provider.messageHandlers[MESSAGE_SAVE_FAILED] = () => {
    saves.failed()
    report()
  }
  provider.on('sync', (synced: boolean) => {
    saves.connection(synced)
    if (synced) sendSaveRequest()
    report()
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') saves.connection(false)
    report()
  })
  // A dead connection (or the browser going offline) shows as "Offline" within seconds.
  const stopWatching = watchConnection(provider, {
    onDead: () => {
      saves.connectionLost()
      report()
    },
  })
  // The provider stopped for good (4400-4499, or 1009: see reconnect-policy.ts); tell the person.
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) => callbacks.onRefused(code, reason))
  // Fires after every closed socket, also when the attempt never connected (no status event then).
  provider.on('connection-close', () => {
    saves.connectionLost()
    report()
  })
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return
    saves.edited()
    report()
    clearTimeout(requestTimer)
    requestTimer = setTimeout(sendSaveRequest, SAVE_REQUEST_DELAY_MS)
  })

  const presenceHidden = atom('presence hidden', false)
  const bind = () => {
    if (disposed || unbind) return
    // An empty board gets its first page from this browser: name it in the user's language.
    // (tldraw would create the same page, id `page:page`, named "Page 1", when the editor mounts.)
    // The document record too, which the editor would add on mount as a second update: so
    // starting a board is one change in its log, not two.
    if (doc.getArray(RECORDS_KEY).length === 0 && callbacks.firstPageName && !store.has(FIRST_PAGE_ID)) {
      store.put([
        ...(store.has(TLDOCUMENT_ID) ? [] : [DocumentRecordType.create({ id: TLDOCUMENT_ID })]),
        PageRecordType.create({ id: FIRST_PAGE_ID, name: callbacks.firstPageName, index: 'a1' as IndexKey, meta: {} }),
      ])
    }
    const binding = bindStoreToDoc({
      store,
      doc,
      awareness: provider.awareness,
      user,
      presenceHidden,
      onError: (error, context) => console.warn(`[quartierboard] ${context}:`, error),
      onPrivateRecords: callbacks.onPrivateRecords,
    })
    const stopMode = react('binding mode', () => callbacks.onMode(binding.mode.get()))
    unbind = () => {
      stopMode()
      binding.dispose()
    }
    callbacks.onReady()
  }
  void local.whenSynced.then(() => {
    if (doc.getArray(RECORDS_KEY).length > 0) bind()
    else if (provider.synced) bind()
    else provider.once('sync', () => bind())
  })

  return {
    doc,
    provider,
    setPresenceHidden: (hidden) => presenceHidden.set(hidden),
    dispose() {
      disposed = true
      clearTimeout(requestTimer)
      stopWatching()
      unbind?.()
      provider.destroy()
      void local.destroy()
      doc.destroy()
    },
  }
}
