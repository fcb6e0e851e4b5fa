/**
 * Notices a dead connection within seconds. When the network drops, a WebSocket stays "open" in
 * the browser until TCP gives up, and y-websocket only closes it after 30 s without a message:
 * meanwhile the board would keep saying "Alle Änderungen gespeichert". So, while connected, we
 * send a heartbeat (our protocol extension, answered at once by the server) every second; after
 * `SILENCE_LIMIT_MS` without any message from the server the connection counts as dead: the person
 * sees "Offline" at once, and y-websocket is told the socket is silent (its own check then closes
 * it and reconnects with backoff). The browser's `offline` event does the same at once, and its
 * `online` event lets a waiting reconnect go ahead.
 *
 * A main thread blocked by a long task (a slow phone mounting a large board) runs no timers and
 * reads no messages; a check that fires late says nothing about the network and is skipped.
 *
 * The server reads a socket's frames in order, so a heartbeat sent after a large upload (a paste of
 * thousands of shapes, the answer to a sync step 1 after a long time offline) is answered only once
 * the server has checked and stored all of it: seconds, on a busy server. Silence after such an
 * upload is the server working, not a dead network, so the limit grows with the bytes sent since
 * the last message arrived (measured on CI: 8,000 shapes offline, 3.3 MB, took over 10 s there).
 */
import { MESSAGE_HEARTBEAT, MESSAGE_HEARTBEAT_ACK } from '@quartierboard/shared'
import type { WebsocketProvider } from 'y-websocket'

export const HEARTBEAT_INTERVAL_MS = 1000
/** No message from the server for this long: the connection is dead. */
export const SILENCE_LIMIT_MS = 3500
/** More silence allowed per this many bytes sent since the last message arrived, one second each. */
export const UPLOAD_GRACE_BYTES = 256 * 1024
/** At most this much more silence after an upload. */
export const MAX_UPLOAD_GRACE_MS = 60_000

/** The silence after which a connection counts as dead, having sent `sentBytes` since the last message. */
export function silenceLimitMs(sentBytes: number): number {
  return SILENCE_LIMIT_MS + Math.min(MAX_UPLOAD_GRACE_MS, (sentBytes / UPLOAD_GRACE_BYTES) * 1000)
}

const HEARTBEAT = Uint8Array.of(MESSAGE_HEARTBEAT)

export interface ConnectionWatchOptions {
  /** The connection is dead (or the browser went offline): show it now. */
  onDead: () => void
  now?: () => number
}

/** Watches `provider`'s connection; returns the function that stops watching. */
export function watchConnection(provider: WebsocketProvider, { onDead, now = Date.now }: ConnectionWatchOptions): () => void {
  // The answer needs no handling beyond y-websocket noting that a message arrived.
  provider.messageHandlers[MESSAGE_HEARTBEAT_ACK] = () => undefined
  let lastTick = now()
  // Bytes sent on the current socket since the server's last message (see above).
  let sentBytes = 0
  let lastReceived = provider.wsLastMessageReceived
  const countSent = () => {
    const socket = provider.ws
    if (!socket || (socket as { qbCounted?: boolean }).qbCounted) return
    ;(socket as { qbCounted?: boolean }).qbCounted = true
    const send = socket.send.bind(socket)
    socket.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      sentBytes += typeof data === 'string' ? data.length : data instanceof Blob ? data.size : data.byteLength
      send(data)
    }
  }
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return
    sentBytes = 0
    countSent()
  }
  provider.on('status', onStatus)
  countSent()

  const declareDead = () => {
    onDead()
    // y-websocket's own silence check closes the socket at its next run and reconnects.
    provider.wsLastMessageReceived = 0
  }

  const tick = () => {
    const at = now()
    const late = at - lastTick > 2 * HEARTBEAT_INTERVAL_MS
    lastTick = at
    if (!provider.wsconnected || !provider.ws || late) return
    if (provider.wsLastMessageReceived !== lastReceived) {
      lastReceived = provider.wsLastMessageReceived
      sentBytes = 0
    }
    if (at - provider.wsLastMessageReceived > silenceLimitMs(sentBytes)) {
      declareDead()
      return
    }
    try {
      provider.ws.send(HEARTBEAT)
    } catch {
      // The socket is closing; its close event follows.
    }
  }
  const timer = setInterval(tick, HEARTBEAT_INTERVAL_MS)

  const wentOffline = () => {
    if (provider.wsconnected) declareDead()
    else onDead()
  }
  const cameOnline = () => {
    // A reconnect may be waiting out its backoff; try now.
    if (!provider.wsconnected && !provider.wsconnecting && provider.shouldConnect) provider.connect()
  }
  window.addEventListener('offline', wentOffline)
  window.addEventListener('online', cameOnline)
  if (!navigator.onLine) onDead()

  return () => {
    provider.off('status', onStatus)
    clearInterval(timer)
    window.removeEventListener('offline', wentOffline)
    window.removeEventListener('online', cameOnline)
  }
}
