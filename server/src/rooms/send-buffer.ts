/**
 * What may wait on one socket. `ws` queues every message a socket cannot take at once, without a
 * bound: a client that stops reading (a phone in a tunnel, or an attacker sending one-byte queries
 * whose answers are the whole board) would hold the server's memory. Before each message is
 * queued we look at what already waits (`bufferedAmount`): when the message would take it past
 * `maxBufferedBytes`, nothing more is queued, the socket is closed with 1013 "Try again later"
 * (a client that reads again reconnects and syncs afresh) and, should it still not drain the
 * buffer, the close frame behind it, within `drainTimeoutMs`, it is terminated, which frees the
 * buffer. A message may always follow a small backlog (up to an eighth of the limit, 1 MiB by
 * default), however large it is: the sync step 2 of a big board may exceed the limit on its own,
 * and the handshake's first small messages may still wait when it is sent; refusing it then would
 * close a valid client on every reconnect. So at most max(limit, limit / 8 + one message) waits.
 */
import type { WebSocket } from 'ws'
import { CloseCode } from '@quartierboard/shared'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'

export interface SendBufferLimits {
  /** MAX_SOCKET_BUFFER_BYTES. */
  maxBufferedBytes: number
  /** SOCKET_DRAIN_TIMEOUT_MS. */
  drainTimeoutMs: number
}

/** Thrown by a bounded send whose socket was closed for a full buffer; the room then drops the connection. */
export class SendBufferFull extends Error {}

/** A send function for `ws` that enforces `limits` (see the module comment). */
export function boundedSend(
  ws: WebSocket,
  limits: SendBufferLimits,
  context: { logger: Logger; metrics?: ServerMetrics },
): (message: Uint8Array) => void {
  return (message) => {
    // A closing socket is sent nothing more (ws would only count it and drop it).
    if (ws.readyState !== ws.OPEN) return
    const buffered = ws.bufferedAmount
    if (buffered + message.byteLength > limits.maxBufferedBytes && buffered > limits.maxBufferedBytes / 8) {
      context.metrics?.syncRateLimited.inc({ limit: 'send_buffer' })
      context.logger.warn({ buffered, message: message.byteLength }, 'closed a socket that does not read what it is sent')
      closeSlowReader(ws, limits, buffered)
      throw new SendBufferFull(`send buffer full (${buffered} bytes waiting)`)
    }
    ws.send(message)
  }
}

function closeSlowReader(ws: WebSocket, limits: SendBufferLimits, buffered: number): void {
  ws.close(CloseCode.TryAgainLater, `not reading: more than MAX_SOCKET_BUFFER_BYTES (${limits.maxBufferedBytes}) waited, ${buffered} bytes`)
  const terminate = setTimeout(() => ws.terminate(), limits.drainTimeoutMs)
  terminate.unref()
  ws.once('close', () => clearTimeout(terminate))
}
