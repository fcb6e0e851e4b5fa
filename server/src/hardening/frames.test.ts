/**
 * Hostile frames on the sync socket, over real sockets against a real server: every cut of a valid
 * frame, random bytes, huge varints, text frames, unknown message and sync types, oversized frames
 * and floods. Each closes the sender with a clear code and reason (or is harmless and ignored),
 * and leaves the room unchanged: the document, the stored log, what other clients hold, and the
 * room loads after a restart (checked for every board of this file at the end).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, seededRandom } from '@quartierboard/shared'
import { geoShape, writeRecords } from '../testing/records.js'
import { startTestServer } from '../testing/test-server.js'
import { RawClient, openRaw, updateFrame, varUint, type Closed } from '../testing/raw-sockets.js'
import { attackedBoards, sorted } from '../testing/attacked-board.js'

const { server: shared, board, expectUnchanged, outcomes, restartAndCheckEveryBoard } = attackedBoards()
function expectClosedWith(outcome: 'taken' | Closed, code: number, reason?: RegExp): void {
  expect(outcome).not.toBe('taken')
  const closed = outcome as Closed
  expect(closed.code).toBe(code)
  expect(closed.reason.length).toBeGreaterThan(0)
  if (reason) expect(closed.reason).toMatch(reason)
}

/** A valid update adding one shape, as a sync update frame. */
function validShapeFrame(id: string): Uint8Array {
  const doc = new Y.Doc()
  writeRecords(doc, [geoShape(id, 5, 5)])
  return updateFrame(Y.encodeStateAsUpdate(doc))
}

describe('frames on the sync socket', () => {
  it('closes with 1002 on a valid update frame cut at every byte length', async () => {
    const b = await board()
    const frame = validShapeFrame('cut')
    const cuts = Array.from({ length: frame.length }, (_, length) => frame.subarray(0, length))
    const results = await outcomes(b, cuts)
    results.forEach((outcome, length) => {
      expect(outcome, `cut at ${length}`).not.toBe('taken')
      expect((outcome as Closed).code, `cut at ${length}`).toBe(CloseCode.ProtocolError)
      expect((outcome as Closed).reason, `cut at ${length}`).toMatch(/empty frame|truncated/)
    })
    await expectUnchanged(b)
    // The uncut frame is fine.
    expect(await outcomes(b, [frame])).toEqual(['taken'])
    b.expected = sorted([...b.expected, geoShape('cut', 5, 5)])
    await expectUnchanged(b)
  })

  it('closes with a protocol or update error on random bytes, or ignores them harmlessly', async () => {
    const b = await board()
    const seed = Number(process.env.FRAMES_SEED ?? 20_261_125)
    const random = seededRandom(seed)
    const frames = Array.from({ length: 300 }, () => {
      const length = 1 + Math.floor(random() * 64)
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256))
      // Half of them start like a sync update, to get past the first byte.
      if (random() < 0.5) bytes[0] = 0
      return bytes
    })
    const results = await outcomes(b, frames)
    results.forEach((outcome, index) => {
      if (outcome === 'taken') return
      expect([CloseCode.ProtocolError, CloseCode.InvalidUpdate], `frame ${index} (seed ${seed})`).toContain(outcome.code)
      expect(outcome.reason.length).toBeGreaterThan(0)
    })
    await expectUnchanged(b)
  })

  it('refuses length prefixes and types that claim gigabytes without allocating them', async () => {
    const b = await board()
    const huge = [2n ** 32n, 2n ** 40n, 2n ** 53n - 1n]
    const frames = [
      ...huge.map((size) => Uint8Array.from([0, 2, ...varUint(size), 1, 2, 3])), // update length
      ...huge.map((size) => Uint8Array.from([0, 0, ...varUint(size), 1])), // state vector length
      ...huge.map((size) => Uint8Array.from([1, ...varUint(size), 1])), // awareness length
      ...huge.map((size) => Uint8Array.from([...varUint(size)])), // message type
      ...huge.map((size) => Uint8Array.from([0, ...varUint(size)])), // sync type
      ...huge.map((size) => Uint8Array.from([100, ...varUint(size * 2n ** 30n)])), // save seq beyond 2^53
      Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // a varint longer than 64 bits
      // Inside a well-framed update: a struct count of 2^40.
      updateFrame(Uint8Array.from([...varUint(2n ** 40n), 1, 0, 0])),
      // Inside a well-framed awareness update: 2^40 entries.
      Uint8Array.from([1, ...varUint(7), ...varUint(2n ** 40n), 1, 1, 1]),
    ]
    const results = await outcomes(b, frames)
    results.forEach((outcome, index) => {
      expect(outcome, `frame ${index}`).not.toBe('taken')
      expect([CloseCode.ProtocolError, CloseCode.InvalidUpdate], `frame ${index}`).toContain((outcome as Closed).code)
      expect((outcome as Closed).reason.length).toBeGreaterThan(0)
    })
    expect(process.memoryUsage().rss).toBeLessThan(2 * 1024 ** 3)
    await expectUnchanged(b)
  })

  it('closes with 1002 on text frames, before and after the room is ready', async () => {
    const b = await board()
    expectClosedWith((await outcomes(b, ['{"type":"update"}']))[0]!, CloseCode.ProtocolError, /text frames/)
    // Sent right after opening, while the server still checks the token and loads the room.
    const early = new RawClient(`${shared().wsUrl}/${b.workshop.id}?token=${b.workshop.tokens.participant}`)
    await new Promise((resolve) => early.ws.once('open', resolve))
    early.send('hello')
    expectClosedWith(await early.closed, CloseCode.ProtocolError, /text frames/)
    await expectUnchanged(b)
  })

  it('gives the closes of the WebSocket layer a reason: broken framing (1002) and text that is not UTF-8 (1007)', async () => {
    const b = await board()
    const invalidUtf8 = await openRaw(shared().wsUrl, b.workshop.id, b.workshop.tokens.participant)
    invalidUtf8.ws.send(Buffer.from([0xc3, 0x28]), { binary: false })
    expectClosedWith(await invalidUtf8.closed, 1007, /not valid UTF-8/)
    // A frame with a reserved opcode, written straight onto the TCP connection.
    const reserved = await openRaw(shared().wsUrl, b.workshop.id, b.workshop.tokens.participant)
    ;(reserved.ws as unknown as { _socket: NodeJS.WritableStream })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]))
    expectClosedWith(await reserved.closed, CloseCode.ProtocolError, /invalid WebSocket frame/)
    await expectUnchanged(b)
  })

  it('closes with 1002 on unknown message types and unknown sync types', async () => {
    const b = await board()
    const frames = [[4], [99], [127], [128, 1], [101, 1], [102], [0, 3], [0, 200, 1], [0, 127]].map((bytes) => Uint8Array.from(bytes))
    const results = await outcomes(b, frames)
    results.forEach((outcome) => expectClosedWith(outcome, CloseCode.ProtocolError, /unknown (sync )?message type/))
    expect(results).toHaveLength(frames.length)
    await expectUnchanged(b)
  })

  it('ignores the auth message and answers awareness queries (no close)', async () => {
    const b = await board()
    expect(await outcomes(b, [Uint8Array.from([2]), Uint8Array.from([2, 5, 1, 2, 3]), Uint8Array.from([3])])).toEqual(['taken', 'taken', 'taken'])
    await expectUnchanged(b)
  })
})

describe('frame size and rate limits', () => {
  it('closes with 1009 and a reason on a frame over MAX_FRAME_BYTES, leaving the room intact', async () => {
    const small = await startTestServer({ maxFrameBytes: 64 * 1024 })
    try {
      const b = await board(small)
      const client = await openRaw(small.wsUrl, b.workshop.id, b.workshop.tokens.participant)
      const oversized = new Uint8Array(64 * 1024 + 1)
      oversized[0] = 2 // an auth message, which would be ignored if it were allowed in
      expectClosedWith(await client.probe(oversized), CloseCode.MessageTooBig, /MAX_FRAME_BYTES \(65536 bytes\)/)
      // Exactly at the limit is fine.
      const client2 = await openRaw(small.wsUrl, b.workshop.id, b.workshop.tokens.participant)
      expect(await client2.probe(oversized.subarray(0, 64 * 1024))).toBe('taken')
      client2.close()
      await expectUnchanged(b, small)
      b.alice.destroy()
      b.bob.destroy()
    } finally {
      await small.server.close()
    }
  })

  it('closes a flooding socket with 4429 (frames per second), while others keep working', async () => {
    const limited = await startTestServer({ maxMessagesPerSecond: 50, maxMessagesBurst: 100 })
    try {
      const b = await board(limited)
      const client = await openRaw(limited.wsUrl, b.workshop.id, b.workshop.tokens.participant)
      // Within the burst: fine.
      for (let i = 0; i < 40; i++) client.send(Uint8Array.from([2]))
      expect(await client.probe()).toBe('taken')
      for (let i = 0; i < 500; i++) client.send(Uint8Array.from([2]))
      expectClosedWith(await client.closed, CloseCode.RateLimited, /more than 50 frames per second/)
      const metrics = await (await fetch(`${limited.httpUrl}/metrics`)).text()
      expect(metrics).toMatch(/qb_sync_rate_limited_total\{limit="messages"\} 1/)
      expect(metrics).toMatch(/qb_sync_sockets_closed_total\{code="4429"\} 1/)
      await expectUnchanged(b, limited)
      b.alice.destroy()
      b.bob.destroy()
    } finally {
      await limited.server.close()
    }
  })

  it('closes a socket over its bytes per second budget with 4429', async () => {
    const limited = await startTestServer({ maxFrameBytes: 16 * 1024, maxBytesPerSecond: 10_000, maxBytesBurst: 20_000 })
    try {
      const b = await board(limited)
      const client = await openRaw(limited.wsUrl, b.workshop.id, b.workshop.tokens.participant)
      const padding = new Uint8Array(5000)
      padding[0] = 2
      for (let i = 0; i < 10; i++) client.send(padding)
      expectClosedWith(await client.closed, CloseCode.RateLimited, /more than 10000 bytes per second/)
      await expectUnchanged(b, limited)
      b.alice.destroy()
      b.bob.destroy()
    } finally {
      await limited.server.close()
    }
  })
})

describe('after all of the above', () => {
  it('every board of this file loads after a restart with exactly its records', async () => {
    await restartAndCheckEveryBoard()
  })
})
