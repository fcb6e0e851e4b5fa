/**
 * Who may speak for whom on the sync socket. Presence: a connection may set awareness states only
 * for client ids it introduced itself; states for ids another connection owns are ignored, so
 * nobody can rename, move or remove someone else's cursor. (Reviewers' document updates being
 * dropped and tokens of another workshop being refused are covered in
 * http/access.integration.test.ts; workshop ids in uploads-and-ids.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { connectProvider, createWorkshop, startTestServer, whenSynced, type RunningServer } from '../testing/test-server.js'
import { awarenessFrame, openRaw } from '../testing/raw-sockets.js'

let running: RunningServer
beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

type Awareness = WebsocketProvider['awareness']

function nameOf(awareness: Awareness, clientId: number): string | undefined {
  return (awareness.getStates().get(clientId)?.user as { name?: string } | undefined)?.name
}

function until(awareness: Awareness, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for presence')), timeoutMs)
    const check = () => {
      if (!predicate()) return
      clearTimeout(timer)
      awareness.off('change', check)
      resolve()
    }
    awareness.on('change', check)
    check()
  })
}

describe('presence identity', () => {
  it('ignores presence states for a client id another connection owns', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const alice = connectProvider(running.wsUrl, workshop)
    const bob = connectProvider(running.wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    alice.awareness.setLocalStateField('user', { name: 'Alice', color: '#ff0000' })
    const aliceId = alice.awareness.clientID
    await until(bob.awareness, () => nameOf(bob.awareness, aliceId) === 'Alice')
    const aliceClock = alice.awareness.meta.get(aliceId)!.clock

    const mallory = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    const malloryId = 987_654_321
    // Alice's id with a newer clock: a new name, then her removal; Mallory's own id last, as a marker.
    mallory.send(awarenessFrame([{ clientId: aliceId, clock: aliceClock + 10, state: { user: { name: 'Mallory as Alice' } } }]))
    mallory.send(awarenessFrame([{ clientId: aliceId, clock: aliceClock + 11, state: null }]))
    mallory.send(
      awarenessFrame([
        { clientId: aliceId, clock: aliceClock + 12, state: { user: { name: 'Mallory again' } } },
        { clientId: malloryId, clock: 1, state: { user: { name: 'Mallory' } } },
      ]),
    )
    await until(bob.awareness, () => nameOf(bob.awareness, malloryId) === 'Mallory')
    expect(nameOf(bob.awareness, aliceId)).toBe('Alice')
    expect(mallory.isOpen).toBe(true) // ignored, not a protocol error

    // Mallory leaving removes only Mallory; Alice stays, and can still change her own state.
    mallory.close()
    await mallory.closed
    await until(bob.awareness, () => !bob.awareness.getStates().has(malloryId))
    expect(nameOf(bob.awareness, aliceId)).toBe('Alice')
    alice.awareness.setLocalStateField('user', { name: 'Alice 2', color: '#ff0000' })
    await until(bob.awareness, () => nameOf(bob.awareness, aliceId) === 'Alice 2')

    const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text()
    expect(metrics.split("\n").filter((line) => line.startsWith("qb_awareness"))).toEqual(["qb_awareness_claims_refused_total 3"])
    alice.destroy()
    bob.destroy()
  })

  it('frees a client id when its connection leaves, so a reconnecting client can use it again', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const bob = connectProvider(running.wsUrl, workshop)
    await whenSynced(bob)
    const first = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    first.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { user: { name: 'Erste' } } }]))
    await until(bob.awareness, () => nameOf(bob.awareness, 4242) === 'Erste')
    first.close()
    await until(bob.awareness, () => !bob.awareness.getStates().has(4242))
    const again = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    again.send(awarenessFrame([{ clientId: 4242, clock: 3, state: { user: { name: 'Wieder da' } } }]))
    await until(bob.awareness, () => nameOf(bob.awareness, 4242) === 'Wieder da')
    again.close()
    bob.destroy()
  })

  it('applies nothing of a malformed awareness update and closes with 1002', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const bob = connectProvider(running.wsUrl, workshop)
    await whenSynced(bob)
    const client = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    // The first entry is fine, the second is not JSON: neither may show up.
    const entries = Buffer.concat([Buffer.from([2, 77, 1]), lengthPrefixed('{"user":{"name":"Halb"}}'), Buffer.from([78, 1]), lengthPrefixed('{not json')])
    const broken = Buffer.concat([Buffer.from([1, entries.length]), entries])
    const outcome = await client.probe(broken)
    expect(outcome).toMatchObject({ code: 1002, reason: 'malformed awareness update' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bob.awareness.getStates().has(77)).toBe(false)
    bob.destroy()
  })
})

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text)
  return Buffer.concat([Buffer.from([bytes.length]), bytes])
}
