/**
 * The WebSocket endpoint `/sync/:workshopId`: accepts the upgrade, checks the workshop, hands the
 * socket to the workshop's room and translates frames and closes between `ws` and the room.
 *
 * Every refusal is a close frame with a code and a readable reason (a refused HTTP upgrade would
 * reach browsers only as an anonymous 1006). Frames that arrive while the room is still loading
 * are held (bounded) and replayed in order once it is ready.
 *
 * Limits per socket, checked before a frame is read: frames larger than `maxFrameBytes` are cut
 * off by `ws` while still arriving (1009); frames beyond a token bucket of `maxMessagesPerSecond`
 * (bucket `maxMessagesBurst`) or bytes beyond one of `maxBytesPerSecond` (bucket `maxBytesBurst`)
 * close the socket with 4429. Text frames close it with 1002. What the server sends is bounded too:
 * a socket that does not read, so that more than `sendBuffer.maxBufferedBytes` would wait on it,
 * is closed with 1013 and terminated if it does not drain (send-buffer.ts).
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode, IDENTITY_QUERY_PARAM, SYNC_SUBPROTOCOL, credentialsOfProtocols, isValidWorkshopId, type Role, type SyncCredentials } from '@quartierboard/shared'
import { checkAccess } from '../auth/access.js'
import { checkIdentity } from '../identities/check-identity.js'
import { TokenBucket } from './token-bucket.js'
import { boundedSend, type SendBufferLimits } from './send-buffer.js'
import { watchLiveness } from './liveness.js'
import { loggablePath, type Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { BoardStore } from '../store/board-store.js'
import { InvalidUpdate, ProtocolViolation, type Room } from './room.js'
import type { RoomConnection } from './room-socket.js'
import type { RoomManager } from './room-manager.js'

export const SYNC_PATH_PREFIX = '/sync/'
/** Frames held per socket while its room loads; more closes the socket. */
const MAX_FRAMES_BEFORE_READY = 256

export interface SyncRateLimits {
  maxMessagesPerSecond: number
  maxMessagesBurst: number
  maxBytesPerSecond: number
  /** Raised to `maxFrameBytes` when smaller, so that one largest frame always fits. */
  maxBytesBurst: number
}

export interface SyncEndpointOptions {
  rooms: RoomManager
  store: BoardStore
  logger: Logger
  metrics?: ServerMetrics
  maxFrameBytes: number
  /** WebSocket pings go out this often; a socket silent for a whole interval is terminated (liveness.ts). */
  pingIntervalMs: number
  /** Per-socket budgets; without them a socket is not rate limited. */
  limits?: SyncRateLimits
  /** What may wait to be sent on one socket before it is closed with 1013 (send-buffer.ts). */
  sendBuffer: SendBufferLimits
}

export interface SyncEndpoint {
  /** Stops accepting sockets and the ping timer (rooms are closed by the RoomManager). */
  close(): void
}

export function attachSyncEndpoint(httpServer: HttpServer, options: SyncEndpointOptions): SyncEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes,
    // Our client offers its credentials as subprotocols next to ours (shared/src/sync-credentials.ts); we pick ours.
    handleProtocols: (offered) => (offered.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false),
  })
  const liveness = watchLiveness(wss, options.pingIntervalMs)

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0] ?? ''
    if (!path.startsWith(SYNC_PATH_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      giveReceiverClosesAReason(ws, options.maxFrameBytes)
      ws.on('close', (code) => options.metrics?.syncSocketsClosed.inc({ code: String(code) }))
      liveness.watch(ws)
      void acceptSocket(ws, decodeURIComponentSafe(path.slice(SYNC_PATH_PREFIX.length)), request, options)
    })
  })

  return {
    close() {
      liveness.stop()
      wss.close()
    },
  }
}

async function acceptSocket(ws: WebSocket, workshopId: string | null, request: IncomingMessage, options: SyncEndpointOptions): Promise<void> {
  const { logger } = options
  if (workshopId === null || !isValidWorkshopId(workshopId)) {
    ws.close(CloseCode.InvalidWorkshopId, 'invalid workshop id')
    return
  }
  const withinBudget = budgetOf(ws, options)
  // Hold frames (and a close) that arrive while we look up the workshop and load its room.
  const early: RawData[] = []
  let closedEarly = false
  const holdFrame = (data: RawData, isBinary: boolean) => {
    if (ws.readyState !== ws.OPEN || !withinBudget(data)) return
    if (!isBinary) closeWith(ws, CloseCode.ProtocolError, 'text frames are not part of the protocol')
    else if (early.length >= MAX_FRAMES_BEFORE_READY) closeWith(ws, CloseCode.RateLimited, 'too many frames before the room was ready')
    else early.push(data)
  }
  const noteClose = () => {
    closedEarly = true
  }
  ws.on('message', holdFrame)
  ws.on('close', noteClose)

  let room: Room
  let role: Role
  let identityId: string | null = null
  let reviewersInPresence: boolean
  try {
    // The token is checked before anything of the workshop is loaded.
    const credentials = credentialsOf(request)
    const access = await checkAccess(options.store, workshopId, credentials.token)
    if (!access.ok) {
      closeWith(ws, access.status === 403 ? CloseCode.Forbidden : CloseCode.Unauthorized, access.message)
      return
    }
    role = access.role
    // An identity is optional (stock clients), but one that is presented must be valid.
    const identitySecret = credentials.identity
    if (identitySecret !== null) {
      const identity = await checkIdentity(options.store, workshopId, identitySecret)
      if (!identity.ok) {
        closeWith(ws, CloseCode.Unauthorized, `${identity.code}: ${identity.message}`)
        return
      }
      identityId = identity.identityId
    }
    const workshop = await options.store.getWorkshop(workshopId)
    if (!workshop) {
      closeWith(ws, CloseCode.NotFound, 'workshop not found')
      return
    }
    reviewersInPresence = workshop.reviewersInPresence
    room = await options.rooms.acquire(workshopId)
  } catch (error) {
    logger.error({ err: error, path: loggablePath(request.url) }, 'could not open the room')
    closeWith(ws, CloseCode.InternalError, 'room could not be loaded')
    return
  }
  ws.off('message', holdFrame)
  ws.off('close', noteClose)
  if (closedEarly || ws.readyState !== ws.OPEN) {
    options.rooms.release(workshopId)
    return
  }

  const connection = room.connect(
    {
      send: boundedSend(ws, options.sendBuffer, options),
      close: (code, reason) => ws.close(code, reason),
    },
    { id: randomUUID(), identityId, role, visibleInPresence: role !== 'reviewer' || reviewersInPresence },
  )
  const onFrame = (data: RawData, isBinary: boolean) => {
    // Frames that arrive after we closed the socket (already in the same TCP read) are dropped.
    if (ws.readyState !== ws.OPEN) return
    if (!withinBudget(data)) {
      room.disconnect(connection)
      return
    }
    if (!isBinary) {
      room.disconnect(connection)
      closeWith(ws, CloseCode.ProtocolError, 'text frames are not part of the protocol')
      return
    }
    handleFrame(room, connection, toUint8Array(data), ws, logger)
  }
  ws.on('message', onFrame)
  ws.on('close', () => {
    room.disconnect(connection)
    options.rooms.release(workshopId)
  })
  ws.on('error', (error) => logger.debug({ err: error, workshop: workshopId }, 'socket error'))
  for (const data of early) {
    if (ws.readyState !== ws.OPEN) break
    handleFrame(room, connection, toUint8Array(data), ws, logger)
  }
}

/**
 * The per-socket rate limits: a function that charges one frame against the socket's budgets and,
 * when it is over one, closes the socket with 4429 and returns false.
 */
function budgetOf(ws: WebSocket, options: SyncEndpointOptions): (data: RawData) => boolean {
  const limits = options.limits
  if (!limits) return () => true
  const messages = new TokenBucket(limits.maxMessagesBurst, limits.maxMessagesPerSecond)
  const bytes = new TokenBucket(Math.max(limits.maxBytesBurst, options.maxFrameBytes), limits.maxBytesPerSecond)
  return (data) => {
    if (!messages.take(1)) {
      options.metrics?.syncRateLimited.inc({ limit: 'messages' })
      closeWith(ws, CloseCode.RateLimited, `rate limit: more than ${limits.maxMessagesPerSecond} frames per second (burst ${limits.maxMessagesBurst})`)
      return false
    }
    if (!bytes.take(byteLengthOf(data))) {
      options.metrics?.syncRateLimited.inc({ limit: 'bytes' })
      closeWith(ws, CloseCode.RateLimited, `rate limit: more than ${limits.maxBytesPerSecond} bytes per second`)
      return false
    }
    return true
  }
}

/**
 * `ws` itself closes a socket whose frame breaks WebSocket framing, is too large (1009) or is text
 * that is not UTF-8 (1007), but without a reason. This gives those closes a readable one.
 */
function giveReceiverClosesAReason(ws: WebSocket, maxFrameBytes: number): void {
  const close = ws.close.bind(ws)
  ws.close = (code?: number, reason?: string | Buffer) => {
    if (reason === undefined || reason.length === 0) {
      if (code === CloseCode.MessageTooBig) reason = `frame larger than MAX_FRAME_BYTES (${maxFrameBytes} bytes)`
      else if (code === CloseCode.ProtocolError) reason = 'invalid WebSocket frame'
      else if (code === 1007) reason = 'text frame is not valid UTF-8'
    }
    close(code, reason)
  }
}

function byteLengthOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0)
  return data.byteLength
}

function handleFrame(room: Room, connection: RoomConnection, frame: Uint8Array, ws: WebSocket, logger: Logger): void {
  try {
    room.receive(connection, frame)
  } catch (error) {
    if (error instanceof ProtocolViolation || error instanceof InvalidUpdate) {
      logger.warn({ workshop: room.workshopId, connection: connection.id, reason: error.message }, 'refused a frame')
      room.disconnect(connection)
      closeWith(ws, error.closeCode, error.message)
      return
    }
    logger.error({ err: error, workshop: room.workshopId }, 'unexpected error handling a frame')
    room.disconnect(connection)
    closeWith(ws, CloseCode.InternalError, 'internal error')
  }
}

/** Closes with a reason trimmed to the 123 bytes a close frame can carry. */
function closeWith(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return
  ws.close(code, truncateUtf8(reason, 123))
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text)
  if (bytes.length <= maxBytes) return text
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '')
}

/**
 * The frame as a Uint8Array that owns its whole ArrayBuffer. `ws` hands out views into larger
 * buffers (pooled, or holding the next frames). lib0 >= 0.2.120 checks every view it creates
 * against the decoder's array, but a decoder that derived views from the underlying ArrayBuffer
 * would read past the frame; with a copy there is nothing past the frame to read.
 */
function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return new Uint8Array(data.buffer)
  return new Uint8Array(data)
}

/** Token and identity secret: from the subprotocols our client offers, else from the query (stock clients). */
function credentialsOf(request: IncomingMessage): SyncCredentials {
  const offered = credentialsOfProtocols(request.headers['sec-websocket-protocol'])
  return {
    token: offered.token ?? queryParamOfUrl(request.url, 'token'),
    identity: offered.identity ?? queryParamOfUrl(request.url, IDENTITY_QUERY_PARAM),
  }
}

function queryParamOfUrl(url: string | undefined, name: string): string | null {
  const queryStart = (url ?? '').indexOf('?')
  if (queryStart === -1) return null
  return new URLSearchParams((url ?? '').slice(queryStart + 1)).get(name)
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}
