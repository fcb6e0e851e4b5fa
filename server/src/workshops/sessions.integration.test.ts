/**
 * Sessions and snapshots on a real server: start and end, automatic snapshots only when the
 * board changed, named snapshots, downloads as .tldr and Yjs, restore as a live change every
 * client receives (and that can itself be undone), a final snapshot on SIGTERM, and deleting a
 * workshop with everything it has.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, type Session, type Snapshot } from '@quartierboard/shared'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import {
  ChildServer,
  as,
  connectProvider,
  createWorkshop,
  makeTempDataDir,
  waitForDoc,
  whenStored,
  whenSynced,
  type CreatedWorkshop,
} from '../testing/test-server.js'
import { testLifecycle } from '../testing/lifecycle.js'
import { recordsOfState } from './board-state.js'

const { later, server, provider } = testLifecycle()

function facilitatorApi(httpUrl: string, workshop: CreatedWorkshop) {
  return async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${httpUrl}/api/workshops/${workshop.id}${pathAndQuery}`, {
      method,
      headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
  }
}

describe('sessions', () => {
  it('runs one session at a time and snapshots automatically only when the board changed', async () => {
    const { httpUrl, wsUrl, server: app } = await server()
    const workshop = await createWorkshop(httpUrl)
    const api = facilitatorApi(httpUrl, workshop)
    const alice = provider(wsUrl, workshop)
    await whenSynced(alice)

    const started = await api<Session>('POST', '/sessions', { title: 'Perspektivenwerkstatt 15. März' })
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({ title: 'Perspektivenwerkstatt 15. März', endedAt: null })
    expect((await api('POST', '/sessions', { title: 'Zweite' })).status).toBe(409)
    expect((await api<{ runningSession: Session }>('GET', '')).body.runningSession).toMatchObject({ id: started.body.id })

    await app.sessions.tick()
    expect((await api<{ snapshots: Snapshot[] }>('GET', '/snapshots')).body.snapshots).toEqual([]) // nothing drawn yet

    writeRecords(alice.doc, [...documentRecords(), geoShape('a'), geoShape('b')])
    await whenStored(alice)
    await app.sessions.tick()
    await app.sessions.tick() // nothing changed since: no second snapshot
    let snapshots = (await api<{ snapshots: Snapshot[] }>('GET', `/snapshots?session=${started.body.id}`)).body.snapshots
    expect(snapshots.map((snapshot) => [snapshot.kind, snapshot.shapes, snapshot.author])).toEqual([['auto', 2, 'server']])
    expect(snapshots[0]!.bytes).toBeGreaterThan(0)

    const named = await api<Snapshot>('POST', '/snapshots', { label: 'Nach Phase 1' })
    expect(named.body).toMatchObject({ kind: 'named', label: 'Nach Phase 1', sessionId: started.body.id, author: 'facilitator' })

    const ended = await api<Session>('POST', `/sessions/${started.body.id}/end`)
    expect(ended.status).toBe(200)
    expect(ended.body.endedAt).not.toBeNull()
    expect((await api('POST', `/sessions/${started.body.id}/end`)).status).toBe(404)
    snapshots = (await api<{ snapshots: Snapshot[] }>('GET', `/snapshots?session=${started.body.id}`)).body.snapshots
    expect(snapshots.map((snapshot) => snapshot.kind)).toEqual(['auto', 'named', 'final'])
    const sessions = (await api<{ sessions: Session[] }>('GET', '/sessions')).body.sessions
    expect(sessions).toHaveLength(1)
    expect((await api('POST', '/sessions', { title: 'Praxiswerkstatt' })).status).toBe(201)
  })

  it('takes automatic snapshots on its own every SNAPSHOT_INTERVAL_S', async () => {
    const { httpUrl, wsUrl, server: app } = await server({ snapshotIntervalSeconds: 0.05 })
    const workshop = await createWorkshop(httpUrl)
    const api = facilitatorApi(httpUrl, workshop)
    const alice = provider(wsUrl, workshop)
    await whenSynced(alice)
    await api('POST', '/sessions', { title: 'Werkstatt' })
    writeRecords(alice.doc, [...documentRecords(), geoShape('a')])
    await whenStored(alice)
    // Wait for the timer, not for a fixed time: the store is polled until the snapshot exists.
    await expect.poll(async () => (await app.store.listSnapshots(workshop.id)).length, { timeout: 5000, interval: 20 }).toBe(1)
  })

  it('serves snapshots as .tldr and as a Yjs update', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl, 'Fallbeispiel Görlitz')
    const api = facilitatorApi(httpUrl, workshop)
    const alice = provider(wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('a', 10, 20)])
    await whenStored(alice)
    const snapshot = (await api<Snapshot>('POST', '/snapshots', { label: 'Stand' })).body

    const tldr = await fetch(`${httpUrl}/api/workshops/${workshop.id}/snapshots/${snapshot.id}?format=tldr`, { headers: as(workshop, 'reviewer') })
    expect(tldr.status).toBe(200)
    expect(tldr.headers.get('content-disposition')).toContain("filename*=UTF-8''Fallbeispiel%20G%C3%B6rlitz%20Stand")
    const file = (await tldr.json()) as { tldrawFileFormatVersion: number; records: Array<{ id: string; x?: number }> }
    expect(file.tldrawFileFormatVersion).toBe(1)
    expect(file.records.find((record) => record.id === 'shape:a')).toMatchObject({ x: 10 })

    const yjs = await fetch(`${httpUrl}/api/workshops/${workshop.id}/snapshots/${snapshot.id}?format=yjs`, { headers: as(workshop, 'reviewer') })
    const state = new Uint8Array(await yjs.arrayBuffer())
    expect(recordsOfState(state).map((record) => record.id).sort()).toEqual(['document:document', 'page:page', 'shape:a'])
    expect((await api('GET', `/snapshots/${snapshot.id}?format=png`)).status).toBe(400)
    expect((await api('GET', '/snapshots/missing?format=tldr')).status).toBe(404)
  })

  it('restores a snapshot as a live change, after snapshotting the board it replaces', async () => {
    const { httpUrl, wsUrl } = await server()
    const workshop = await createWorkshop(httpUrl)
    const api = facilitatorApi(httpUrl, workshop)
    const alice = provider(wsUrl, workshop)
    const bob = provider(wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    writeRecords(alice.doc, [...documentRecords(), geoShape('kept', 1, 1), geoShape('moved', 0, 0)])
    await whenStored(alice)
    const phase1 = (await api<Snapshot>('POST', '/snapshots', { label: 'Nach Phase 1' })).body

    writeRecords(alice.doc, [geoShape('moved', 500, 500), geoShape('added-later')])
    await whenStored(alice)
    await waitForDoc(bob.doc, () => recordsOf(bob.doc).get('shape:added-later') !== undefined)

    const restored = await api<{ restored: Snapshot; backup: Snapshot }>('POST', `/snapshots/${phase1.id}/restore`, { backupLabel: 'Vor dem Wiederherstellen' })
    expect(restored.status).toBe(200)
    expect(restored.body.backup).toMatchObject({ kind: 'auto', label: 'Vor dem Wiederherstellen', shapes: 3 })
    // Both connected clients receive the restore live.
    for (const doc of [alice.doc, bob.doc]) {
      await waitForDoc(doc, () => recordsOf(doc).get('shape:added-later') === undefined && (recordsOf(doc).get('shape:moved') as { x?: number } | undefined)?.x === 0)
      expect(recordsOf(doc).get('shape:kept')).toBeDefined()
    }
    // The restore is undoable: restoring the backup brings the later state back.
    await api('POST', `/snapshots/${restored.body.backup.id}/restore`, {})
    await waitForDoc(bob.doc, () => recordsOf(bob.doc).get('shape:added-later') !== undefined && (recordsOf(bob.doc).get('shape:moved') as { x?: number } | undefined)?.x === 500)
  })

  it('takes a final snapshot of a running session when the server is shut down with SIGTERM', async () => {
    const child = new ChildServer(makeTempDataDir())
    later(() => child.stop('SIGKILL'))
    await child.start()
    const workshop = await createWorkshop(child.httpUrl)
    const api = facilitatorApi(child.httpUrl, workshop)
    const session = (await api<Session>('POST', '/sessions', { title: 'Werkstatt' })).body
    const alice = connectProvider(child.wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('late')])
    await whenStored(alice)
    await child.stop('SIGTERM')
    alice.destroy()
    await child.start()
    const snapshots = (await facilitatorApi(child.httpUrl, workshop)<{ snapshots: Snapshot[] }>('GET', `/snapshots?session=${session.id}`)).body.snapshots
    expect(snapshots.map((snapshot) => [snapshot.kind, snapshot.shapes])).toEqual([['final', 1]])
  })
})

describe('deleting a workshop', () => {
  it('removes the board, history, snapshots, links and files, and closes open sockets', async () => {
    const { httpUrl, wsUrl, dataDir, server: app } = await server()
    const workshop = await createWorkshop(httpUrl)
    const api = facilitatorApi(httpUrl, workshop)
    const alice = provider(wsUrl, workshop)
    await whenSynced(alice)
    writeRecords(alice.doc, [...documentRecords(), geoShape('a')])
    await whenStored(alice)
    await api('POST', '/sessions', { title: 'Werkstatt' })
    await api('POST', '/snapshots', { label: 'x' })
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    await fetch(`${httpUrl}/api/workshops/${workshop.id}/assets`, { method: 'POST', headers: as(workshop, 'participant', { 'content-type': 'image/png' }), body: png })
    // The image and the upload ledger (who uploaded what, for the quotas).
    expect(fs.readdirSync(path.join(dataDir, 'assets', workshop.id)).sort()).toEqual([expect.stringMatching(/\.png$/), 'uploads.json'])
    const closed = new Promise<number>((resolve) => alice.ws?.addEventListener('close', (event: CloseEvent) => resolve(event.code)))

    expect((await api('DELETE', '')).status).toBe(204)
    expect(await closed).toBe(CloseCode.NotFound)
    expect((await api('GET', '')).status).toBe(401)
    expect(await app.store.getWorkshop(workshop.id)).toBeUndefined()
    expect(await app.store.listSnapshots(workshop.id)).toEqual([])
    expect((await app.store.loadBoard(workshop.id)).updates).toEqual([])
    expect(fs.existsSync(path.join(dataDir, 'assets', workshop.id))).toBe(false)
    // A client still holding the old doc cannot bring the workshop back.
    const again = connectProvider(wsUrl, workshop, new Y.Doc())
    later(() => again.destroy())
    const code = await new Promise<number>((resolve) => again.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)))
    expect(code).toBe(CloseCode.Unauthorized)
  })
})
