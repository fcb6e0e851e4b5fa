/**
 * The history endpoints on a real server: timeline of a session with named authors and snapshot
 * markers, the board before and after a known edit, the changes in a range, stepping between
 * changes, and coalescing once the session ended.
 */
import { describe, expect, it } from 'vitest'
import type { BoardState, History, HistoryChanges, HistoryStep, Session } from '@quartierboard/shared'
import { documentRecords, geoShape, writeRecords } from '../testing/records.js'
import { as, createWorkshop, whenStored, whenSynced, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'
import { testLifecycle } from '../testing/lifecycle.js'
import { connectPerson, issueIdentity } from '../testing/identities.js'

const { server, later } = testLifecycle()

async function get<T>(running: RunningServer, workshop: CreatedWorkshop, path: string, role: 'facilitator' | 'reviewer' = 'reviewer'): Promise<T> {
  const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, { headers: as(workshop, role) })
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}

async function post<T>(running: RunningServer, workshop: CreatedWorkshop, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, {
    method: 'POST',
    headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return (await response.json()) as T
}

/** Waits until the server clock has surely moved past the last edit. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('history endpoints', () => {
  it('serve the timeline, the board at any moment, the changes and steps of a session', async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    const session = await post<Session>(running, workshop, '/sessions', { title: 'Perspektivenwerkstatt' })
    const identity = await issueIdentity(running.httpUrl, workshop)
    const alice = connectPerson(running.wsUrl, workshop, identity)
    later(() => alice.destroy())
    await whenSynced(alice)
    alice.awareness.setLocalStateField('user', { id: `user:${identity.id}`, name: 'Alice', color: '#e03131' })
    writeRecords(alice.doc, documentRecords())
    await whenStored(alice)
    await tick()
    const beforeEdit = Date.now()
    await tick()
    writeRecords(alice.doc, [geoShape('idea', 10, 20)])
    await whenStored(alice)
    await tick()
    const afterEdit = Date.now()
    await post(running, workshop, '/snapshots', { label: 'Nach Phase 1' })

    const history = await get<History>(running, workshop, `/history?session=${session.id}`)
    expect(history.session?.id).toBe(session.id)
    expect(history.updates).toBe(2)
    expect(history.activity.reduce((sum, count) => sum + count, 0)).toBe(2)
    expect(history.authors).toEqual([expect.objectContaining({ name: 'Alice', color: '#e03131', userId: `user:${identity.id}`, identityId: identity.id, role: 'participant', updates: 2 })])
    expect(history.snapshots.map((snapshot) => snapshot.label)).toEqual(['Nach Phase 1'])
    expect(history.resolutionMs).toBe(0)

    const before = await get<BoardState>(running, workshop, `/state?at=${beforeEdit}&format=json`)
    expect(before.records.map((record) => record.id)).not.toContain('shape:idea')
    const after = await get<BoardState>(running, workshop, `/state?at=${new Date(afterEdit).toISOString()}&format=json`)
    expect(after.records.find((record) => record.id === 'shape:idea')).toMatchObject({ x: 10, y: 20 })
    const tldr = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/state?at=${afterEdit}&format=tldr`, { headers: as(workshop, 'facilitator') })
    expect(((await tldr.json()) as { records: Array<{ id: string }> }).records.map((record) => record.id)).toContain('shape:idea')

    const changes = await get<HistoryChanges>(running, workshop, `/history/changes?from=${beforeEdit}&to=${afterEdit}`)
    expect(changes.truncated).toBe(false)
    expect(changes.changes).toEqual([expect.objectContaining({ author: history.authors[0]!.id, put: ['shape:idea'], removed: [] })])

    const next = await get<HistoryStep>(running, workshop, `/history/step?at=${beforeEdit}&direction=next`)
    expect(Date.parse(next.at!)).toBeGreaterThan(beforeEdit)
    expect(Date.parse(next.at!)).toBeLessThanOrEqual(afterEdit)
    const previous = await get<HistoryStep>(running, workshop, `/history/step?at=${next.at}&direction=previous`)
    expect(Date.parse(previous.at!)).toBeLessThan(Date.parse(next.at!))
    expect((await get<HistoryStep>(running, workshop, `/history/step?at=${afterEdit}&direction=next`)).at).toBeNull()

    // Ending the session coalesces its log; replay then works at one-second resolution.
    await post(running, workshop, `/sessions/${session.id}/end`)
    await running.server.sessions.idle()
    expect((await get<History>(running, workshop, `/history?session=${session.id}`)).resolutionMs).toBe(1000)
  })

  it('refuses bad moments, ranges and directions with a clear error', async () => {
    const running = await server()
    const workshop = await createWorkshop(running.httpUrl)
    for (const path of ['/state?at=gestern', '/history/changes?from=10&to=5', '/history/step?at=1&direction=sideways', '/history?session=nope', '/state?at=1&format=pdf']) {
      const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, { headers: as(workshop, 'reviewer') })
      expect(response.status, path).toBeGreaterThanOrEqual(400)
      expect(((await response.json()) as { error: { message: string } }).error.message.length, path).toBeGreaterThan(0)
    }
  })
})
