/**
 * Facilitation on a real server: timer, lock, summon and steps reach every client through the
 * board's `facilitation` map; votes stay secret until closed; private notes stay off the board
 * (and out of other participants' reach) until the reveal. Dots and private notes act for the
 * identity in X-Identity (identities.integration.test.ts tries every route against someone else).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { FACILITATION_KEY, PRIVATE_NOTE_META, readFacilitation, type MyDots, type VoteState } from '@quartierboard/shared'
import { asPerson, issueIdentity } from '../testing/identities.js'
import { documentRecords, frameShape, noteShape, recordsOf, writeRecords } from '../testing/records.js'
import { openRaw, updateFrame } from '../testing/raw-sockets.js'
import { as, connectProvider, createWorkshop, startTestServer, waitForDoc, whenStored, whenSynced, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

let running: RunningServer

beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

/** Notes last edited by Anna (so an anonymous reveal has something to take away). */
const note = (id: string, parentId: string, text: string, meta: Record<string, unknown> = {}) => noteShape(id, parentId, text, { editor: 'user:anna', meta })
const frame = (id: string) => frameShape(id)

function call(workshop: CreatedWorkshop, role: 'facilitator' | 'participant' | 'reviewer', method: string, path: string, body?: unknown) {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: as(workshop, role, { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** A request on the participant link for one person (their identity secret). */
function callAs(workshop: CreatedWorkshop, secret: string, method: string, path: string, body?: unknown) {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: asPerson(workshop, 'participant', { secret }, { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function boardWithClient(): Promise<{ workshop: CreatedWorkshop; doc: Y.Doc }> {
  const workshop = await createWorkshop(running.httpUrl)
  const client = connectProvider(running.wsUrl, workshop)
  await whenSynced(client)
  writeRecords(client.doc, [...documentRecords(), frame('f'), note('a', 'shape:f', 'Eins'), note('b', 'shape:f', 'Zwei'), note('c', 'page:page', 'Draußen')])
  await whenStored(client)
  return { workshop, doc: client.doc }
}

describe('facilitation state', () => {
  it('timer, lock, summon and steps reach every client live; only the facilitator sets them', async () => {
    const { workshop, doc } = await boardWithClient()
    const before = Date.now()
    const timer = (await (await call(workshop, 'facilitator', 'POST', '/facilitation/timer', { durationMs: 300_000 })).json()) as { endsAt: number }
    expect(timer.endsAt).toBeGreaterThanOrEqual(before + 300_000)
    await waitForDoc(doc, () => readFacilitation(doc).timer !== null)
    expect((await call(workshop, 'facilitator', 'POST', '/facilitation/timer/pause')).status).toBe(200)
    await waitForDoc(doc, () => readFacilitation(doc).timer?.pausedRemainingMs !== null)
    await call(workshop, 'facilitator', 'PUT', '/facilitation/lock', { locked: true })
    await call(workshop, 'facilitator', 'POST', '/facilitation/summon', { userId: 'user:fac', name: 'Moderation' })
    await call(workshop, 'facilitator', 'POST', '/facilitation/step', { title: 'Phase 2' })
    await waitForDoc(doc, () => {
      const state = readFacilitation(doc)
      return state.lock?.locked === true && state.summon?.userId === 'user:fac' && state.step?.title === 'Phase 2'
    })
    expect((await call(workshop, 'facilitator', 'DELETE', '/facilitation/timer')).status).toBe(204)
    await waitForDoc(doc, () => readFacilitation(doc).timer === null)

    for (const role of ['participant', 'reviewer'] as const) {
      expect((await call(workshop, role, 'POST', '/facilitation/timer', { durationMs: 60_000 })).status).toBe(403)
      expect((await call(workshop, role, 'PUT', '/facilitation/lock', { locked: false })).status).toBe(403)
    }
    expect((await call(workshop, 'facilitator', 'POST', '/facilitation/timer', { durationMs: -5 })).status).toBe(400)
    expect(((await (await call(workshop, 'reviewer', 'GET', '/facilitation')).json()) as { lock: { locked: boolean } }).lock.locked).toBe(true)
  })
})

describe('dot voting', () => {
  it('keeps dots secret while open, limits them per person, and shows counts when closed', async () => {
    const { workshop, doc } = await boardWithClient()
    const vote = (await (await call(workshop, 'facilitator', 'POST', '/votes', { frameId: 'shape:f', dotsPerPerson: 2 })).json()) as VoteState
    expect(vote.status).toBe('open')
    expect((await call(workshop, 'facilitator', 'POST', '/votes', { frameId: 'shape:f', dotsPerPerson: 2 })).status).toBe(409)
    const people = { anna: await issueIdentity(running.httpUrl, workshop), ben: await issueIdentity(running.httpUrl, workshop) }
    const dot = (voter: keyof typeof people, shapeId: string, method = 'POST') => callAs(workshop, people[voter].secret, method, `/votes/${vote.id}/dots`, { shapeId })
    expect((await dot('anna', 'shape:a')).status).toBe(200)
    const afterSecond = (await (await dot('anna', 'shape:a')).json()) as MyDots
    expect(afterSecond).toMatchObject({ dots: { 'shape:a': 2 }, left: 0 })
    expect((await dot('anna', 'shape:b')).status).toBe(409) // no dots left
    expect((await dot('anna', 'shape:a', 'DELETE')).status).toBe(200) // take one back
    expect((await dot('anna', 'shape:b')).status).toBe(200)
    expect((await dot('ben', 'shape:c')).status).toBe(400) // outside the frame
    expect((await dot('ben', 'shape:b')).status).toBe(200)
    expect((await call(workshop, 'reviewer', 'POST', `/votes/${vote.id}/dots`, { shapeId: 'shape:a' })).status).toBe(403)
    const mine = (await (await callAs(workshop, people.anna.secret, 'GET', `/votes/${vote.id}/mine`)).json()) as MyDots
    expect(mine.dots).toEqual({ 'shape:a': 1, 'shape:b': 1 })

    // While open, no client holds any count.
    await waitForDoc(doc, () => readFacilitation(doc).vote?.id === vote.id)
    expect(JSON.stringify(doc.getMap(FACILITATION_KEY).toJSON())).not.toContain('"shape:b"')

    const closed = (await (await call(workshop, 'facilitator', 'POST', `/votes/${vote.id}/close`)).json()) as VoteState
    expect(closed).toMatchObject({ status: 'closed', results: { 'shape:a': 1, 'shape:b': 2 }, voters: 2 })
    await waitForDoc(doc, () => readFacilitation(doc).vote?.status === 'closed')
    expect((await dot('anna', 'shape:a')).status).toBe(409)
    const markdown = await (await call(workshop, 'facilitator', 'GET', '/export?format=csv')).text()
    expect(markdown).toMatch(/"Zwei"[^\r\n]*"2"/)
  })
})

describe('private notes (silent brainstorming)', () => {
  it('keeps notes with their author until the reveal, then puts them on the board for all', async () => {
    const { workshop, doc } = await boardWithClient()
    const secret = note('secret', 'shape:f', 'Nur für mich', { [PRIVATE_NOTE_META]: true })
    const people = { anna: await issueIdentity(running.httpUrl, workshop), ben: await issueIdentity(running.httpUrl, workshop) }
    const save = (owner: keyof typeof people, record: TLRecord) => callAs(workshop, people[owner].secret, 'PUT', `/private-notes/${record.id}`, { record })
    const notesOf = async (owner: keyof typeof people) =>
      ((await (await callAs(workshop, people[owner].secret, 'GET', '/private-notes')).json()) as { records: unknown[] }).records
    expect((await save('anna', secret)).status).toBe(409) // private mode is off
    await call(workshop, 'facilitator', 'PUT', '/facilitation/private', { on: true, anonymous: true })
    expect((await save('anna', secret)).status).toBe(204)
    expect((await save('ben', secret)).status).toBe(403) // not Ben's note
    expect((await save('anna', { ...secret, type: 'geo' } as TLRecord)).status).toBe(400)
    expect(await notesOf('anna')).toHaveLength(1)
    expect(await notesOf('ben')).toHaveLength(0)
    expect(recordsOf(doc).get('shape:secret')).toBeUndefined()

    const revealed = (await (await call(workshop, 'facilitator', 'POST', '/facilitation/private/reveal')).json()) as { revealed: number }
    expect(revealed.revealed).toBe(1)
    await waitForDoc(doc, () => recordsOf(doc).get('shape:secret') !== undefined)
    const onBoard = recordsOf(doc).get('shape:secret') as TLRecord & { props: { textLastEditedBy: string | null } }
    expect(onBoard.meta).toEqual({})
    expect(onBoard.props.textLastEditedBy).toBeNull() // anonymous
    expect(readFacilitation(doc).privateMode?.on).toBe(false)
    expect(await notesOf('anna')).toHaveLength(0)
  })
})

describe('only the server writes facilitation state', () => {
  it('refuses a client update that writes or deletes facilitation entries, and holds edits while locked', async () => {
    const { workshop, doc } = await boardWithClient()
    await call(workshop, 'facilitator', 'PUT', '/facilitation/lock', { locked: true })
    await waitForDoc(doc, () => readFacilitation(doc).lock?.locked === true)

    // Writing the map: refused (a participant trying to unlock).
    const writer = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    await writer.ready()
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc))
    const unlock = captureUpdate(forged, () => forged.getMap(FACILITATION_KEY).set('lock', { locked: false, changedAt: Date.now() }))
    expect(await writer.probe(updateFrame(unlock))).toMatchObject({ code: 4422, reason: expect.stringMatching(/only the server changes the facilitation state/) })

    // Deleting the lock entry: refused too, even for the facilitator's own socket.
    const deleter = await openRaw(running.wsUrl, workshop.id, workshop.tokens.facilitator)
    await deleter.ready()
    const copy = new Y.Doc() // a fresh copy: the forged one's current lock entry is its own refused one
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const removal = captureUpdate(copy, () => copy.getMap(FACILITATION_KEY).delete('lock'))
    expect(await deleter.probe(updateFrame(removal))).toMatchObject({ code: 4422, reason: expect.stringMatching(/only the server changes the facilitation state/) })

    // A valid record edit while locked: dropped, never stored or relayed, its save not confirmed.
    const editor = await openRaw(running.wsUrl, workshop.id, workshop.tokens.participant)
    await editor.ready()
    const before = (await running.server.store.loadBoard(workshop.id)).updates.length
    const honest = new Y.Doc() // a fresh client: the forged one's refused clocks would leave a gap
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(doc))
    const edit = captureUpdate(honest, () => writeRecords(honest, [note('during-lock', 'page:page', 'Nach dem Entsperren')]))
    let confirmed = false
    const saved = editor.probe(updateFrame(edit)).then((outcome) => (confirmed = outcome === 'taken'))
    await editor.barrier()
    expect(confirmed).toBe(false)
    expect((await running.server.store.loadBoard(workshop.id)).updates.length).toBe(before)
    expect(readFacilitation(doc).lock?.locked).toBe(true)
    await call(workshop, 'facilitator', 'PUT', '/facilitation/lock', { locked: false })
    await waitForDoc(doc, () => readFacilitation(doc).lock?.locked === false)
    expect(recordsOf(doc).get('shape:during-lock')).toBeUndefined()
    // After the unlock the client's sync step 2 brings the dropped edit (a stock client sends it in
    // answer to the server's step 1): stored, relayed, and the held save is confirmed.
    editor.send(updateFrame(Y.encodeStateAsUpdate(honest), 1))
    await saved
    expect(confirmed).toBe(true)
    await waitForDoc(doc, () => recordsOf(doc).get('shape:during-lock') !== undefined)
    for (const raw of [writer, deleter, editor]) raw.close()
  })
})

/** The update a change to `doc` produces. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null
  const capture = (update: Uint8Array) => (captured = update)
  doc.on('update', capture)
  change()
  doc.off('update', capture)
  if (!captured) throw new Error('no update')
  return captured
}
