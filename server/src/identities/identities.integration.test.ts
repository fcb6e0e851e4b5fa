/**
 * Identities on a real server: each browser is issued an id and a secret per workshop; private
 * notes and dots belong to the identity whose secret a request carries, never to an id the request
 * names. Two identities share one participant link here, as everyone in a role does: B tries
 * every private-note and vote route against A and gets nothing of A's. The sync socket takes the
 * identity too: a wrong one is closed with 4401, and a connection's presence may name only itself.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import type { WebsocketProvider } from 'y-websocket'
import { IDENTITY_HEADER, PRIVATE_NOTE_META, SYNC_SUBPROTOCOL, credentialProtocols, type IssuedIdentity, type MyDots, type VoteState } from '@quartierboard/shared'
import { SQLITE_FILE_NAME } from '../store/sqlite-store.js'
import { asPerson, connectPerson, issueIdentity } from '../testing/identities.js'
import { testLifecycle } from '../testing/lifecycle.js'
import { RawClient, awarenessFrame } from '../testing/raw-sockets.js'
import { documentRecords, frameShape, noteShape, writeRecords } from '../testing/records.js'
import { as, connectProvider, createWorkshop, startTestServer, whenStored, whenSynced, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

const { server: ownServer, later } = testLifecycle()
let running: RunningServer

beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

/** A request on the participant link; `secret` goes into X-Identity when given. */
function call(workshop: CreatedWorkshop, secret: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers = as(workshop, 'participant', { 'content-type': 'application/json' })
  if (secret !== null) headers[IDENTITY_HEADER] = secret
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

function facilitate(workshop: CreatedWorkshop, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code
}

/** A board with a frame holding notes a and b, and note c outside it. */
async function board(): Promise<CreatedWorkshop> {
  const workshop = await createWorkshop(running.httpUrl)
  const client = connectProvider(running.wsUrl, workshop)
  await whenSynced(client)
  writeRecords(client.doc, [...documentRecords(), frameShape('f'), noteShape('a', 'shape:f', 'Eins'), noteShape('b', 'shape:f', 'Zwei'), noteShape('c', 'page:page', 'Draußen')])
  await whenStored(client)
  client.destroy()
  return workshop
}

/** The secret of `identity` with another verifier: right shape, right id, wrong secret. */
function forged(identity: IssuedIdentity): string {
  const [id, verifier] = identity.secret.split('.') as [string, string]
  return `${id}.${verifier.startsWith('A') ? 'B' : 'A'}${verifier.slice(1)}`
}

describe('issuing identities', () => {
  it('gives any role a random public id and a 256-bit secret, of which the store keeps only the SHA-256', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const issued = await Promise.all((['facilitator', 'participant', 'reviewer'] as const).map((role) => issueIdentity(running.httpUrl, workshop, role)))
    expect(new Set(issued.map((identity) => identity.id)).size).toBe(3)
    for (const identity of issued) {
      const verifier = identity.secret.slice(identity.id.length + 1)
      expect(Buffer.from(verifier, 'base64url').length).toBeGreaterThanOrEqual(32)
      const stored = await running.server.store.getIdentity(workshop.id, identity.id)
      expect(stored?.secretHash.equals(createHash('sha256').update(identity.secret).digest())).toBe(true)
    }
    await running.server.store.ping()
    const database = fs.readFileSync(path.join(running.dataDir, SQLITE_FILE_NAME))
    const wal = fs.existsSync(path.join(running.dataDir, `${SQLITE_FILE_NAME}-wal`)) ? fs.readFileSync(path.join(running.dataDir, `${SQLITE_FILE_NAME}-wal`)) : Buffer.alloc(0)
    for (const identity of issued) {
      const verifier = identity.secret.slice(identity.id.length + 1)
      expect(database.includes(verifier) || wal.includes(verifier)).toBe(false)
    }

    const withoutLink = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/identities`, { method: 'POST' })
    expect(withoutLink.status).toBe(401)
  })

  it('caps identities per link: 429 after the burst, while other links and workshops still get theirs', async () => {
    const capped = await ownServer({ identitiesBurst: 5, identitiesPerMinute: 1 })
    const workshop = await createWorkshop(capped.httpUrl)
    const issue = (role: 'participant' | 'reviewer', target = workshop) =>
      fetch(`${capped.httpUrl}/api/workshops/${target.id}/identities`, { method: 'POST', headers: as(target, role) })
    for (let i = 0; i < 5; i++) expect((await issue('participant')).status).toBe(201)
    const refused = await issue('participant')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await errorCode(refused)).toBe('rate_limited')
    expect((await issue('reviewer')).status).toBe(201)
    expect((await issue('participant', await createWorkshop(capped.httpUrl))).status).toBe(201)
  })

  it('are deleted with their workshop', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const identity = await issueIdentity(running.httpUrl, workshop)
    expect((await facilitate(workshop, 'DELETE', '')).status).toBe(204)
    expect(await running.server.store.getIdentity(workshop.id, identity.id)).toBeUndefined()
  })
})

describe('private notes belong to the identity whose secret a request carries', () => {
  it('B, on the same link, can neither read, change nor delete A’s private notes', async () => {
    const workshop = await board()
    const [anna, ben] = [await issueIdentity(running.httpUrl, workshop), await issueIdentity(running.httpUrl, workshop)]
    await facilitate(workshop, 'PUT', '/facilitation/private', { on: true })
    const secret = noteShape('secret', 'page:page', 'Nur für Anna', { meta: { [PRIVATE_NOTE_META]: true } })
    expect((await call(workshop, anna.secret, 'PUT', `/private-notes/${secret.id}`, { record: secret })).status).toBe(204)
    const annasNotes = async () => ((await (await call(workshop, anna.secret, 'GET', '/private-notes')).json()) as { records: TLRecord[] }).records

    // Reading: only one's own notes; naming Anna is refused, with or without Ben's secret.
    expect(((await (await call(workshop, ben.secret, 'GET', '/private-notes')).json()) as { records: unknown[] }).records).toEqual([])
    for (const secretOfCaller of [ben.secret, null]) {
      expect((await call(workshop, secretOfCaller, 'GET', `/private-notes?owner=${anna.id}`)).status).toBe(400)
    }
    // Changing: Anna's note is not Ben's, and a body that names an owner is refused.
    const overwritten = { ...secret, props: { ...(secret as { props: object }).props, richText: { type: 'doc', content: [] } } }
    const benWrites = await call(workshop, ben.secret, 'PUT', `/private-notes/${secret.id}`, { record: overwritten })
    expect(benWrites.status).toBe(403)
    expect(await errorCode(benWrites)).toBe('not_your_note')
    expect((await call(workshop, ben.secret, 'PUT', `/private-notes/${secret.id}`, { owner: anna.id, record: overwritten })).status).toBe(400)
    // Deleting: Ben's delete leaves Anna's note; naming Anna is refused.
    expect((await call(workshop, ben.secret, 'DELETE', `/private-notes/${secret.id}`)).status).toBe(204)
    expect((await call(workshop, ben.secret, 'DELETE', `/private-notes/${secret.id}?owner=${anna.id}`)).status).toBe(400)

    // Without a secret, with a wrong one, or with Anna's id in place of a secret: 401.
    for (const [wrong, code] of [
      [null, 'missing_identity'],
      [forged(anna), 'invalid_identity'],
      [anna.id, 'invalid_identity'],
      ['x'.repeat(66), 'invalid_identity'],
    ] as const) {
      for (const [method, route, body] of [
        ['GET', '/private-notes', undefined],
        ['PUT', `/private-notes/${secret.id}`, { record: overwritten }],
        ['DELETE', `/private-notes/${secret.id}`, undefined],
      ] as const) {
        const response = await call(workshop, wrong, method, route, body)
        expect(response.status, `${method} ${route} with ${String(wrong)}`).toBe(401)
        expect(await errorCode(response)).toBe(code)
      }
    }
    // Anna's secret in another workshop is no identity there.
    const other = await board()
    expect((await call(other, anna.secret, 'GET', '/private-notes')).status).toBe(401)

    const [kept] = await annasNotes()
    expect(kept).toEqual(secret)
    expect((await call(workshop, anna.secret, 'DELETE', `/private-notes/${secret.id}`)).status).toBe(204)
    expect(await annasNotes()).toEqual([])
  })
})

describe('dots belong to the identity whose secret a request carries', () => {
  it('B can neither see nor take back A’s dots, and names no voter', async () => {
    const workshop = await board()
    const [anna, ben] = [await issueIdentity(running.httpUrl, workshop), await issueIdentity(running.httpUrl, workshop)]
    const vote = (await (await facilitate(workshop, 'POST', '/votes', { frameId: 'shape:f', dotsPerPerson: 2 })).json()) as VoteState
    const mine = async (secret: string) => (await (await call(workshop, secret, 'GET', `/votes/${vote.id}/mine`)).json()) as MyDots
    expect((await call(workshop, anna.secret, 'POST', `/votes/${vote.id}/dots`, { shapeId: 'shape:a' })).status).toBe(200)

    expect(await mine(ben.secret)).toMatchObject({ dots: {}, left: 2 })
    expect((await call(workshop, ben.secret, 'GET', `/votes/${vote.id}/mine?voter=${anna.id}`)).status).toBe(400)
    expect(await errorCode(await call(workshop, ben.secret, 'DELETE', `/votes/${vote.id}/dots`, { shapeId: 'shape:a' }))).toBe('no_dot_here')
    expect((await call(workshop, ben.secret, 'DELETE', `/votes/${vote.id}/dots`, { voter: anna.id, shapeId: 'shape:a' })).status).toBe(400)
    expect((await call(workshop, ben.secret, 'POST', `/votes/${vote.id}/dots`, { voter: anna.id, shapeId: 'shape:b' })).status).toBe(400)
    for (const wrong of [null, forged(anna), anna.id]) {
      expect((await call(workshop, wrong, 'GET', `/votes/${vote.id}/mine`)).status).toBe(401)
      expect((await call(workshop, wrong, 'POST', `/votes/${vote.id}/dots`, { shapeId: 'shape:b' })).status).toBe(401)
      expect((await call(workshop, wrong, 'DELETE', `/votes/${vote.id}/dots`, { shapeId: 'shape:a' })).status).toBe(401)
    }
    expect(await mine(anna.secret)).toMatchObject({ dots: { 'shape:a': 1 }, left: 1 })

    // Reviewers may not vote even with an identity of their own.
    const rita = await issueIdentity(running.httpUrl, workshop, 'reviewer')
    const byReviewer = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/votes/${vote.id}/dots`, {
      method: 'POST',
      headers: asPerson(workshop, 'reviewer', rita, { 'content-type': 'application/json' }),
      body: JSON.stringify({ shapeId: 'shape:a' }),
    })
    expect(byReviewer.status).toBe(403)
  })

  it('calls issued at once place no more dots than the vote allows', async () => {
    const workshop = await board()
    const anna = await issueIdentity(running.httpUrl, workshop)
    const vote = (await (await facilitate(workshop, 'POST', '/votes', { frameId: 'shape:f', dotsPerPerson: 3 })).json()) as VoteState
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(workshop, anna.secret, 'POST', `/votes/${vote.id}/dots`, { shapeId: i % 2 ? 'shape:a' : 'shape:b' })),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(3).fill(200), ...Array(9).fill(409)])
    const mine = (await (await call(workshop, anna.secret, 'GET', `/votes/${vote.id}/mine`)).json()) as MyDots
    expect(Object.values(mine.dots).reduce((sum, dots) => sum + dots, 0)).toBe(3)
    const closed = (await (await facilitate(workshop, 'POST', `/votes/${vote.id}/close`)).json()) as VoteState
    expect(closed.voters).toBe(1)
    expect(Object.values(closed.results ?? {}).reduce((sum, dots) => sum + dots, 0)).toBe(3)
  })
})

type Awareness = WebsocketProvider['awareness']

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

const nameOf = (awareness: Awareness, clientId: number) => (awareness.getStates().get(clientId)?.user as { name?: string } | undefined)?.name

describe('who wrote a revealed note', () => {
  it('is the person, in /history/creators, though the server put it on the board', async () => {
    const workshop = await board()
    const anna = await issueIdentity(running.httpUrl, workshop)
    const tab = connectPerson(running.wsUrl, workshop, anna)
    later(() => tab.destroy())
    await whenSynced(tab)
    tab.awareness.setLocalStateField('user', { id: `user:${anna.id}`, name: 'Anna', color: '#e03131' })
    const read = async <T,>(path: string) => (await (await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, { headers: as(workshop, 'reviewer') })).json()) as T
    // Her connection is known as an author once her presence arrived.
    const annasConnections = async () => (await read<{ authors: Array<{ id: string; identityId: string | null; name: string; updates: number }> }>('/history')).authors
    expect((await facilitate(workshop, 'PUT', '/facilitation/private', { on: true, anonymous: false })).status).toBe(200)
    const secret = noteShape('anna-still', 'shape:f', 'Annas stille Idee', { meta: { [PRIVATE_NOTE_META]: true } })
    expect((await call(workshop, anna.secret, 'PUT', `/private-notes/${secret.id}`, { record: secret })).status).toBe(204)
    expect((await facilitate(workshop, 'POST', '/facilitation/private/reveal')).status).toBe(200)
    const { creators } = await read<{ creators: Array<{ id: string; author: string }> }>('/history/creators')
    const creator = creators.find((entry) => entry.id === 'shape:anna-still')
    expect(creator).toBeDefined()
    // The history lists her among the authors, so the replay can name her.
    const known = await annasConnections()
    expect(known.find((author) => author.id === creator!.author)).toMatchObject({ identityId: anna.id, name: 'Anna', updates: 0 })
  })
})

describe('identities on the sync socket', () => {
  it('closes a socket with a wrong or unknown identity with 4401 invalid_identity', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const anna = await issueIdentity(running.httpUrl, workshop)
    const otherWorkshop = await createWorkshop(running.httpUrl)
    for (const wrong of [forged(anna), anna.id, (await issueIdentity(running.httpUrl, otherWorkshop)).secret]) {
      const client = new RawClient(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}&identity=${encodeURIComponent(wrong)}`)
      const closed = await client.closed
      expect(closed.code).toBe(4401)
      expect(closed.reason).toMatch(/^invalid_identity: /)
    }
    const valid = new RawClient(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}&identity=${anna.secret}`)
    await valid.ready()
    valid.close()
  })

  it('takes the token and the identity as subprotocols (kept out of the URL), and refuses wrong ones there too', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const anna = await issueIdentity(running.httpUrl, workshop)
    const offered = credentialProtocols({ token: workshop.tokens.participant, identity: anna.secret })!
    const valid = new RawClient(`${running.wsUrl}/${workshop.id}`, offered)
    await valid.ready()
    expect(valid.ws.protocol).toBe(SYNC_SUBPROTOCOL)
    expect(valid.ws.url).not.toContain(workshop.tokens.participant)
    valid.close()
    const wrongToken = new RawClient(`${running.wsUrl}/${workshop.id}`, credentialProtocols({ token: 'falsch', identity: null })!)
    expect((await wrongToken.closed).code).toBe(4401)
    const wrongIdentity = new RawClient(`${running.wsUrl}/${workshop.id}`, credentialProtocols({ token: workshop.tokens.participant, identity: forged(anna) })!)
    const closed = await wrongIdentity.closed
    expect(closed.code).toBe(4401)
    expect(closed.reason).toMatch(/^invalid_identity: /)
  })

  it('records the identity with the connection’s author row, and lets a presence name only its own identity', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const [anna, ben] = [await issueIdentity(running.httpUrl, workshop), await issueIdentity(running.httpUrl, workshop)]
    const annasTab = connectPerson(running.wsUrl, workshop, anna)
    const watcher = connectPerson(running.wsUrl, workshop, ben)
    later(() => annasTab.destroy())
    later(() => watcher.destroy())
    await Promise.all([whenSynced(annasTab), whenSynced(watcher)])
    annasTab.awareness.setLocalState({ user: { id: `user:${anna.id}`, name: 'Anna', color: '#e03131' }, done: 'step-1' })
    await until(watcher.awareness, () => nameOf(watcher.awareness, annasTab.awareness.clientID) === 'Anna')
    writeRecords(annasTab.doc, documentRecords())
    await whenStored(annasTab)
    const authors = await running.server.store.listAuthors(workshop.id)
    expect(authors).toEqual([expect.objectContaining({ name: 'Anna', userId: `user:${anna.id}`, identityId: anna.id })])

    // Ben's own socket, a raw socket with Ben's identity and one without any: none may show up as Anna.
    const bensIdentity = new RawClient(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}&identity=${ben.secret}`)
    const noIdentity = new RawClient(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`)
    await Promise.all([bensIdentity.ready(), noIdentity.ready()])
    bensIdentity.send(awarenessFrame([{ clientId: 501, clock: 1, state: { user: { id: `user:${anna.id}`, name: 'Anna' }, done: 'step-1' } }]))
    bensIdentity.send(awarenessFrame([{ clientId: 502, clock: 1, state: { user: { id: `user:${ben.id}`, name: 'Anna' }, presence: { userId: `user:${anna.id}` } } }]))
    noIdentity.send(awarenessFrame([{ clientId: 503, clock: 1, state: { user: { id: `user:${anna.id}`, name: 'Anna' }, done: 'step-1' } }]))
    // Markers: what each may show (Ben as himself, the socket without identity with a name and no id).
    bensIdentity.send(awarenessFrame([{ clientId: 504, clock: 1, state: { user: { id: `user:${ben.id}`, name: 'Ben' } } }]))
    noIdentity.send(awarenessFrame([{ clientId: 505, clock: 1, state: { user: { name: 'Gast' } } }]))
    await until(annasTab.awareness, () => nameOf(annasTab.awareness, 504) === 'Ben' && nameOf(annasTab.awareness, 505) === 'Gast')
    for (const clientId of [501, 502, 503]) expect(annasTab.awareness.getStates().has(clientId), `client ${clientId}`).toBe(false)
    const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text()
    expect(metrics).toMatch(/^qb_awareness_claims_refused_total [3-9]/m)
    bensIdentity.close()
    noIdentity.close()
  })
})
