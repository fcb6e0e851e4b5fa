/**
 * Test support: a sync socket that stops reading, the slow reader of issue 12 item 5. It does the
 * WebSocket upgrade by hand on a plain TCP socket, then pauses it, so everything the server sends
 * piles up (first in the kernel's buffers, then in the server's). It can still send masked binary
 * frames; `readToEnd` resumes reading and tells how the server ended the connection.
 */
import net from 'node:net'
import { randomBytes } from 'node:crypto'

export type SocketEnd = { kind: 'closed'; code: number; reason: string; bytesBefore: number } | { kind: 'cut'; bytesBefore: number }

export class NonReadingSocket {
  private ended = false

  private constructor(
    private readonly socket: net.Socket,
    /** What arrived together with the upgrade answer, before reading stopped. */
    private readonly firstBytes: Buffer,
  ) {
    socket.on('end', () => (this.ended = true))
    socket.on('close', () => (this.ended = true))
  }

  /** Upgrades `path` (e.g. `/sync/<id>?token=…`) and stops reading right after the 101 answer. */
  static open(port: number, path: string): Promise<NonReadingSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1')
      // Keep the kernel's receive buffer small, as a phone on a bad network would.
      socket.setNoDelay(true)
      let head = Buffer.alloc(0)
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end === -1) return
        socket.off('data', onData)
        socket.pause()
        const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1')
        if (!statusLine.includes(' 101 ')) {
          socket.destroy()
          reject(new Error(`upgrade refused: ${statusLine}`))
          return
        }
        resolve(new NonReadingSocket(socket, head.subarray(end + 4)))
      }
      socket.on('data', onData)
      socket.on('error', reject)
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      )
    })
  }

  /** True once the server ended the TCP connection and this side saw it (only while reading). */
  get isEnded(): boolean {
    return this.ended
  }

  /** Sends the frames as masked binary WebSocket frames, in one write; resolves once written. */
  send(frames: Uint8Array[]): Promise<void> {
    const data = Buffer.concat(frames.map(maskedBinaryFrame))
    return new Promise((resolve) => {
      if (this.socket.destroyed) resolve()
      else this.socket.write(data, () => resolve())
    })
  }

  /**
   * Resumes reading and resolves with the close frame the server sent (and how many bytes came
   * before it), or with 'cut' when the connection ended without one (the server terminated it).
   */
  readToEnd(timeoutMs: number): Promise<SocketEnd> {
    return new Promise((resolve, reject) => {
      // Frames before the close are counted and skipped, not kept: megabytes of board answers.
      let buffer: Buffer = Buffer.alloc(0)
      let skip = 0
      let bytesBefore = 0
      const timer = setTimeout(() => {
        this.socket.destroy()
        reject(new Error(`no close within ${timeoutMs} ms (read ${bytesBefore + buffer.length} bytes)`))
      }, timeoutMs)
      const finish = (end: SocketEnd) => {
        clearTimeout(timer)
        this.socket.destroy()
        resolve(end)
      }
      const take = (data: Buffer) => {
        let chunk: Buffer = data
        if (skip > 0) {
          const skipped = Math.min(skip, chunk.length)
          skip -= skipped
          bytesBefore += skipped
          chunk = chunk.subarray(skipped)
        }
        if (chunk.length === 0) return
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
        for (;;) {
          const header = serverFrameHeader(buffer)
          if (header === null) return
          const frameLength = header.offset + header.length
          if (header.opcode === 0x8) {
            if (buffer.length < frameLength) return
            const payload = buffer.subarray(header.offset, frameLength)
            finish({ kind: 'closed', code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8'), bytesBefore })
            return
          }
          if (buffer.length < frameLength) {
            skip = frameLength - buffer.length
            bytesBefore += buffer.length
            buffer = Buffer.alloc(0)
            return
          }
          bytesBefore += frameLength
          buffer = buffer.subarray(frameLength)
        }
      }
      this.socket.on('data', take)
      this.socket.on('end', () => finish({ kind: 'cut', bytesBefore }))
      this.socket.on('error', () => finish({ kind: 'cut', bytesBefore }))
      this.socket.resume()
      take(this.firstBytes)
    })
  }

  destroy(): void {
    this.socket.destroy()
  }
}

/** A client frame: FIN, binary, masked (RFC 6455 requires clients to mask). */
function maskedBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length
  const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
  if (length > 0xffff) throw new Error('frame too large for this helper')
  const mask = randomBytes(4)
  const masked = Buffer.alloc(length)
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!
  return Buffer.concat([header, mask, masked])
}

/** The header of the (unmasked) server frame at the start of `buffer`, or null if it has not fully arrived. */
function serverFrameHeader(buffer: Buffer): { opcode: number; offset: number; length: number } | null {
  if (buffer.length < 2) return null
  const opcode = buffer[0]! & 0x0f
  let length = buffer[1]! & 0x7f
  let offset = 2
  if (length === 126) {
    if (buffer.length < 4) return null
    length = buffer.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buffer.length < 10) return null
    length = Number(buffer.readBigUInt64BE(2))
    offset = 10
  }
  return { opcode, offset, length }
}
