/**
 * Test support for the hardening tests: raw sockets that send hand-built frames and tell whether
 * the server took a frame or closed on it, raw HTTP requests that no URL parser normalises, and
 * frame builders. Uses only the server's own dependencies.
 */
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVE_CONFIRM, MESSAGE_SAVE_REQUEST, MESSAGE_SYNC, encodeSaveMessage } from '@quartierboard/shared'
import * as decoding from 'lib0/decoding'

export interface Closed {
  code: number
  reason: string
}

/** A sync update frame (`syncType` 2 = update, 1 = sync step 2) carrying `update`. */
export function updateFrame(update: Uint8Array, syncType: 1 | 2 = 2): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness frame with the given entries (y-protocols layout). `state` null removes. */
export function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(inner, JSON.stringify(entry.state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

/** lib0's varUint encoding, for any size up to 2^53 (and beyond, for "huge varint" frames). */
export function varUint(value: number | bigint): number[] {
  let rest = BigInt(value)
  const bytes: number[] = []
  while (rest > 127n) {
    bytes.push(Number(rest & 127n) | 128)
    rest >>= 7n
  }
  bytes.push(Number(rest))
  return bytes
}

/**
 * A raw sync socket. `probe(frame)` sends a frame followed by a save request and resolves with
 * 'taken' once the server confirmed the request (it handled the frame without closing), or with
 * the close code and reason when it closed instead.
 */
export class RawClient {
  readonly ws: WebSocket
  readonly closed: Promise<Closed>
  private readonly confirms = new Map<number, () => void>()
  private seq = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000)
  /** Every binary message the server sent, in order. */
  readonly received: Uint8Array[] = []

  /** `protocols`: subprotocols to offer, as our browser client offers its credentials. */
  constructor(url: string, protocols?: string[]) {
    this.ws = new WebSocket(url, protocols)
    this.ws.binaryType = 'nodebuffer'
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
    this.ws.on('error', () => {
      // The close event follows and carries what the test checks.
    })
    this.ws.on('message', (data: Buffer) => {
      const message = new Uint8Array(data)
      this.received.push(message)
      try {
        const decoder = decoding.createDecoder(message)
        if (decoding.readVarUint(decoder) !== MESSAGE_SAVE_CONFIRM) return
        const seq = decoding.readVarUint(decoder)
        this.confirms.get(seq)?.()
        this.confirms.delete(seq)
      } catch {
        // Not a save confirmation.
      }
    })
  }

  /** Resolves once the room sent its first message (sync step 1): the room is ready. */
  async ready(): Promise<void> {
    if (this.received.length > 0) return
    await Promise.race([
      new Promise<void>((resolve) => this.ws.once('message', () => resolve())),
      this.closed.then((closed) => {
        throw new Error(`closed before ready: ${closed.code} ${closed.reason}`)
      }),
    ])
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  send(frame: Uint8Array | string): void {
    this.ws.send(frame)
  }

  /**
   * Sends `frame` (if given), then `followUps`, then a save request; 'taken' when confirmed, else
   * how the socket closed.
   */
  probe(frame?: Uint8Array | string, ...followUps: Uint8Array[]): Promise<'taken' | Closed> {
    const seq = ++this.seq
    const confirmed = new Promise<'taken'>((resolve) => this.confirms.set(seq, () => resolve('taken')))
    if (frame !== undefined) this.ws.send(frame)
    for (const followUp of followUps) this.ws.send(followUp)
    this.ws.send(encodeSaveMessage(MESSAGE_SAVE_REQUEST, seq))
    return Promise.race([confirmed, this.closed])
  }

  /**
   * Resolves once the server handled every frame sent before: it answers a query for awareness
   * (frames are handled in order), so what came earlier, a held save request say, was handled.
   */
  async barrier(): Promise<void> {
    const answered = new Promise<void>((resolve) => {
      const onMessage = (data: Buffer) => {
        if (data[0] !== MESSAGE_AWARENESS) return
        this.ws.off('message', onMessage)
        resolve()
      }
      this.ws.on('message', onMessage)
    })
    this.ws.send(Uint8Array.from([MESSAGE_QUERY_AWARENESS]))
    await Promise.race([answered, this.closed.then((closed) => Promise.reject(new Error(`closed: ${closed.code} ${closed.reason}`)))])
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close()
  }
}

/** Opens a raw client to a workshop with a token and waits until its room is ready. */
export async function openRaw(wsUrl: string, workshopId: string, token: string): Promise<RawClient> {
  const client = new RawClient(`${wsUrl}/${workshopId}?token=${token}`)
  await client.ready()
  return client
}

/** Sends `request` bytes as they are on a new TCP connection; resolves with everything the server answered. */
export function rawHttp(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.on('error', reject)
    socket.write(request)
  })
}

/** The status code of a raw HTTP response. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)
}

/** The JSON body of a raw HTTP response (Connection: close, so the body is the rest). */
export function jsonBodyOf(response: string): unknown {
  const body = response.slice(response.indexOf('\r\n\r\n') + 4)
  return JSON.parse(body) as unknown
}

/**
 * Upgrades `path` (sent exactly as given, no URL normalisation) to a WebSocket and resolves with
 * the close frame the server sends, or with the HTTP status when it refuses the upgrade.
 */
export function rawUpgrade(port: number, path: string | Buffer): Promise<Closed | { status: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let buffer = Buffer.alloc(0)
    let upgraded = false
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end === -1) return
        const status = statusOf(buffer.subarray(0, end).toString('latin1'))
        if (status !== 101) {
          socket.destroy()
          resolve({ status })
          return
        }
        upgraded = true
        buffer = buffer.subarray(end + 4)
      }
      // A server frame is unmasked: [0x88, length < 126, code (2 bytes), reason].
      if (buffer.length >= 2 && buffer.length >= 2 + (buffer[1]! & 0x7f)) {
        if ((buffer[0]! & 0x0f) !== 0x8) return // not a close frame (none expected before it)
        const length = buffer[1]! & 0x7f
        const payload = buffer.subarray(2, 2 + length)
        socket.destroy()
        resolve({ code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') })
      }
    })
    socket.on('error', reject)
    socket.on('end', () => resolve({ status: 0 }))
    const head = Buffer.concat([
      Buffer.from('GET '),
      Buffer.isBuffer(path) ? path : Buffer.from(path, 'latin1'),
      Buffer.from(
        ' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      ),
    ])
    socket.write(head)
  })
}
