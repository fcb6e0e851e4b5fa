/**
 * The server on a real port with real WebSockets and a real SQLite file, driven by stock
 * y-websocket providers (the same class browsers use), unchanged.
 */
import { describe, expect, it } from 'vitest'
import { varUint } from './testing/raw-sockets.js'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, MESSAGE_SAVE_CONFIRM, MESSAGE_SAVE_REQUEST, encodeSaveMessage } from '@quartierboard/shared'
import * as decoding from 'lib0/decoding'
import { documentRecords, geoShape, recordsOf, writeRecords } from './testing/records.js'
import {
  ChildServer,
  connectProvider,
  createWorkshop,
  makeTempDataDir,
  startTestServer,
  waitForDoc,
  whenStored,
  whenSynced,
  as,
  type CreatedWorkshop,
} from './testing/test-server.js'
import { testLifecycle } from './testing/lifecycle.js'

const { later, server, provider } = testLifecycle()

/** Opens a raw socket and resolves with its close code and reason. */
function closeOf(url: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    socket.on('error', reject)
  })
}

describe('sync server', () => {
  it('syncs two stock y-websocket providers through the server', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const alice = provider(wsUrl, workshop)
    const bob = provider(wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])

    writeRecords(alice.doc, [...documentRecords(), geoShape('rect', 40, 50)])
    await waitForDoc(bob.doc, () => recordsOf(bob.doc).get('shape:rect') !== undefined)
    expect(recordsOf(bob.doc).get('shape:rect')).toMatchObject({ x: 40, y: 50 })

    recordsOf(bob.doc).delete('shape:rect')
    await waitForDoc(alice.doc, () => recordsOf(alice.doc).get('shape:rect') === undefined)
  })

  it('relays awareness (presence) between providers', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const alice = provider(wsUrl, workshop)
    const bob = provider(wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    alice.awareness.setLocalStateField('user', { name: 'Alice' })
    await new Promise<void>((resolve) => {
      const check = () => {
        const state = bob.awareness.getStates().get(alice.awareness.clientID)
        if ((state?.user as { name?: string } | undefined)?.name === 'Alice') resolve()
      }
      bob.awareness.on('change', check)
      check()
    })
  })

  it('keeps the board across a restart of the server', async () => {
    const dataDir = makeTempDataDir()
    const first = await startTestServer({ dataDir })
    const workshop = await createWorkshop(first.httpUrl)
    const alice = connectProvider(first.wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('kept', 1, 2)])
    await whenStored(alice)
    await first.server.close()
    alice.destroy()

    const second = await server({ dataDir })
    const bob = provider(second.wsUrl, workshop)
    await whenSynced(bob)
    expect(recordsOf(bob.doc).get('shape:kept')).toMatchObject({ x: 1, y: 2 })
  })

  it('has stored an update that any client received, even when killed with SIGKILL right after', async () => {
    const child = new ChildServer(makeTempDataDir())
    later(() => child.stop('SIGKILL'))
    await child.start()
    const workshop = await createWorkshop(child.httpUrl)
    const alice = connectProvider(child.wsUrl, workshop)
    const bob = connectProvider(child.wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])

    const received = new Promise<void>((resolve) => {
      bob.doc.on('update', () => {
        if (recordsOf(bob.doc).get('shape:last') !== undefined) resolve()
      })
    })
    for (let i = 0; i < 20; i++) writeRecords(alice.doc, [geoShape(`s${i}`, i, i)])
    writeRecords(alice.doc, [geoShape('last', 99, 99)])
    await received
    await child.stop('SIGKILL') // no chance to flush anything after bob saw the update
    alice.destroy()
    bob.destroy()

    await child.start()
    const carol = connectProvider(child.wsUrl, workshop)
    later(() => carol.destroy())
    await whenSynced(carol)
    const records = recordsOf(carol.doc)
    expect(records.get('shape:last')).toMatchObject({ x: 99 })
    for (let i = 0; i < 20; i++) expect(records.get(`shape:s${i}`)).toBeDefined()
  })

  it('stores pending work and tells clients why on SIGTERM', async () => {
    const child = new ChildServer(makeTempDataDir())
    later(() => child.stop('SIGKILL'))
    await child.start()
    const workshop = await createWorkshop(child.httpUrl)
    const alice = connectProvider(child.wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('before-term')])
    await whenStored(alice)
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      alice.ws?.addEventListener('close', (event: CloseEvent) => resolve({ code: event.code, reason: event.reason })),
    )
    await child.stop('SIGTERM')
    expect(await closed).toEqual({ code: 1001, reason: 'Der Server wird neu gestartet' })
    alice.destroy()
    await child.start()
    const bob = connectProvider(child.wsUrl, workshop)
    later(() => bob.destroy())
    await whenSynced(bob)
    expect(recordsOf(bob.doc).get('shape:before-term')).toBeDefined()
  })

  it('sends save confirmations only to clients that ask for them', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const stock = provider(wsUrl, workshop)
    const ours = provider(wsUrl, workshop)
    await Promise.all([whenSynced(stock), whenSynced(ours)])
    const typesSeenByStock: number[] = []
    stock.ws?.addEventListener('message', (event: MessageEvent) => {
      typesSeenByStock.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))))
    })
    const confirmed = new Promise<number>((resolve) => {
      ours.messageHandlers[MESSAGE_SAVE_CONFIRM] = (_encoder, decoder) => resolve(decoding.readVarUint(decoder))
    })
    writeRecords(ours.doc, [...documentRecords(), geoShape('x')])
    ours.ws?.send(encodeSaveMessage(MESSAGE_SAVE_REQUEST, 42))
    expect(await confirmed).toBe(42)
    await waitForDoc(stock.doc, () => recordsOf(stock.doc).get('shape:x') !== undefined)
    writeRecords(stock.doc, [geoShape('y')])
    await waitForDoc(ours.doc, () => recordsOf(ours.doc).get('shape:y') !== undefined)
    expect(typesSeenByStock).not.toContain(MESSAGE_SAVE_CONFIRM)
  })

  it('rejects invalid workshop ids over HTTP and WebSocket without sanitising them', async () => {
    const { httpUrl, wsUrl } = await server()
    for (const bad of ['..%2Fx', '%2e%2e%2f', 'a%00b', 'x'.repeat(65), 'a.b', 'a%20b']) {
      const response = await fetch(`${httpUrl}/api/workshops/${bad}`)
      expect(response.status, bad).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_workshop_id' } })
      expect(await closeOf(`${wsUrl}/${bad}`), bad).toEqual({ code: CloseCode.InvalidWorkshopId, reason: 'invalid workshop id' })
    }
    // A well-formed but unknown id reveals nothing without a valid token.
    const unknown = await fetch(`${httpUrl}/api/workshops/does-not-exist`)
    expect(unknown.status).toBe(401)
    expect((await closeOf(`${wsUrl}/does-not-exist`)).code).toBe(CloseCode.Unauthorized)
  })

  it('validates workshop creation input', async () => {
    const { httpUrl } = await server()
    const post = (body: string) => fetch(`${httpUrl}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect((await post('{"title":""}')).status).toBe(400)
    expect((await post('not json')).status).toBe(400)
    expect((await post('{"title":"ok","field":"mars"}')).status).toBe(400)
    const created = await post('{"title":"Perspektivenwerkstatt","field":"quartiersentwicklung"}')
    expect(created.status).toBe(201)
    const body = (await created.json()) as CreatedWorkshop
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(body.links.participant).toBe(`${httpUrl}/w/${body.id}#token=${body.tokens.participant}`)
    const read = await fetch(`${httpUrl}/api/workshops/${body.id}`, { headers: as(body, 'participant') })
    expect(await read.json()).toMatchObject({ title: 'Perspektivenwerkstatt', field: 'quartiersentwicklung', role: 'participant' })
  })

  it('closes a socket that sends an invalid update, leaving the room intact for others', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const alice = provider(wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('good')])
    const rogue = new WebSocket(`${wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`)
    const closed = new Promise<number>((resolve) => rogue.on('close', (code) => resolve(code)))
    await new Promise((resolve) => rogue.on('open', resolve))
    const evil = new Y.Doc()
    evil.getMap('not-in-layout').set('x', 1)
    const update = Y.encodeStateAsUpdate(evil)
    rogue.send(new Uint8Array([0, 2, ...varUint(update.length), ...update]))
    expect(await closed).toBe(CloseCode.InvalidUpdate)
    const bob = provider(wsUrl, workshop)
    await whenSynced(bob)
    expect(recordsOf(bob.doc).get('shape:good')).toBeDefined()
    expect(bob.doc.share.has('not-in-layout')).toBe(false)
  })

  it('accepts image uploads and refuses other files', async () => {
    const { httpUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const id = workshop.id
    const upload = (contentType: string, body: Uint8Array | string) =>
      fetch(`${httpUrl}/api/workshops/${id}/assets`, { method: 'POST', headers: as(workshop, 'participant', { 'content-type': contentType }), body: body as BodyInit })
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const uploaded = await upload('image/png', png)
    expect(uploaded.status).toBe(201)
    const { url } = (await uploaded.json()) as { url: string }
    expect((await fetch(`${httpUrl}${url}`)).status).toBe(401)
    const served = await fetch(`${httpUrl}${url}?token=${workshop.tokens.reviewer}`)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)

    expect((await upload('text/html', '<script>')).status).toBe(415)
    expect((await upload('image/png', 'GIF89a')).status).toBe(415)
    expect((await upload('image/png', Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]))).status).toBe(413)
    const traversal = await fetch(`${httpUrl}/api/workshops/${id}/assets/..%2F..%2Fquartierboard.db`, { headers: as(workshop, 'participant') })
    expect(traversal.status).toBe(404)
  })

  it('reports health and metrics', async () => {
    const { httpUrl } = await server()
    const health = await fetch(`${httpUrl}/healthz`)
    expect(health.status).toBe(200)
    const metrics = await (await fetch(`${httpUrl}/metrics`)).text()
    expect(metrics).toContain('qb_rooms_active')
  })
})
