/**
 * Dead connections are found fast, on a real server: a socket that stops answering pings (its
 * network dropped) is terminated within two ping intervals, and its presence disappears for the
 * others; a heartbeat frame of our client is answered at once.
 */
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { MESSAGE_HEARTBEAT, MESSAGE_HEARTBEAT_ACK } from '@quartierboard/shared'
import { testLifecycle } from '../testing/lifecycle.js'
import { awarenessFrame } from '../testing/raw-sockets.js'
import { createWorkshop, whenSynced } from '../testing/test-server.js'

const lifecycle = testLifecycle()
const PING_INTERVAL_MS = 300

/** A socket whose network "dropped": it never answers a ping (and sends nothing after its presence). */
function silentSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { autoPong: false })
  ws.binaryType = 'nodebuffer'
  lifecycle.later(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(ws)) // the room's sync step 1: it is ready
    ws.once('error', reject)
  })
}

describe('dead connections', () => {
  it('terminates a socket that stops answering pings and takes its presence away from the others', async () => {
    const running = await lifecycle.server({ pingIntervalMs: PING_INTERVAL_MS })
    const workshop = await createWorkshop(running.httpUrl)
    const observer = lifecycle.provider(running.wsUrl, workshop)
    await whenSynced(observer)
    const silent = await silentSocket(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`)
    const closed = new Promise<number>((resolve) => silent.once('close', () => resolve(Date.now())))
    silent.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { user: { name: 'Funkloch' } } }]))
    await waitUntil(() => observer.awareness.getStates().has(424242))
    const shownAt = Date.now()

    await waitUntil(() => !observer.awareness.getStates().has(424242), 10_000)
    const goneAfterMs = Date.now() - shownAt
    expect(goneAfterMs).toBeLessThan(2 * PING_INTERVAL_MS + 500)
    expect((await closed) - shownAt).toBeLessThan(2 * PING_INTERVAL_MS + 500)
    // The observer, which answers pings, is still connected.
    expect(observer.wsconnected).toBe(true)
  })

  it('answers a heartbeat at once', async () => {
    const running = await lifecycle.server()
    const workshop = await createWorkshop(running.httpUrl)
    const ws = new WebSocket(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`)
    ws.binaryType = 'nodebuffer'
    lifecycle.later(() => ws.terminate())
    await new Promise((resolve) => ws.once('message', resolve))
    const ack = new Promise<Buffer>((resolve) => {
      ws.on('message', (data: Buffer) => {
        if (data[0] === MESSAGE_HEARTBEAT_ACK) resolve(data)
      })
    })
    ws.send(Uint8Array.of(MESSAGE_HEARTBEAT))
    expect([...(await ack)]).toEqual([MESSAGE_HEARTBEAT_ACK])
  })
})

async function waitUntil(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
