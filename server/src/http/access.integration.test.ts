/**
 * The role matrix on a real port: every workshop endpoint and the sync socket, called as
 * facilitator, participant and reviewer, with no token, a wrong token and a token of another
 * workshop. Each call gets a fresh workshop, so calls that change or delete it cannot leak into
 * the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { varUint } from '../testing/raw-sockets.js'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, can, type Capability, type Role } from '@quartierboard/shared'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import {
  as,
  connectProvider,
  createWorkshop,
  startTestServer,
  waitForDoc,
  whenStored,
  whenSynced,
  type CreatedWorkshop,
  type RunningServer,
} from '../testing/test-server.js'
import { recordsOfState } from '../workshops/board-state.js'

type Caller = Role | 'none' | 'wrong' | 'foreign'
const CALLERS: readonly Caller[] = ['facilitator', 'participant', 'reviewer', 'none', 'wrong', 'foreign']
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
/** Shaped like a token, belonging to no workshop. */
const WRONG_TOKEN = 'A'.repeat(43)

let running: RunningServer
/** A second workshop whose participant token is the "foreign" caller. */
let other: CreatedWorkshop

beforeAll(async () => {
  running = await startTestServer()
  other = await createWorkshop(running.httpUrl, 'Andere Werkstatt')
})
afterAll(async () => {
  await running.server.close()
})

function headersOf(workshop: CreatedWorkshop, caller: Caller): Record<string, string> {
  switch (caller) {
    case 'none':
      return {}
    case 'wrong':
      return { authorization: `Bearer ${WRONG_TOKEN}` }
    case 'foreign':
      return { authorization: `Bearer ${other.tokens.participant}` }
    default:
      return as(workshop, caller)
  }
}

function tokenOf(workshop: CreatedWorkshop, caller: Caller): string | null {
  if (caller === 'none') return null
  if (caller === 'wrong') return WRONG_TOKEN
  if (caller === 'foreign') return other.tokens.participant
  return workshop.tokens[caller]
}

async function api(workshop: CreatedWorkshop, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

interface Endpoint {
  name: string
  /** The capability it needs; undefined when every role may call it. */
  capability?: Capability
  /** Prepares the workshop (as facilitator) and returns the request to make. */
  prepare: (workshop: CreatedWorkshop) => Promise<{ method: string; path: string; body?: unknown; contentType?: string }>
}

const ENDPOINTS: Endpoint[] = [
  { name: 'GET workshop', prepare: async () => ({ method: 'GET', path: '' }) },
  { name: 'PATCH workshop', capability: 'editWorkshop', prepare: async () => ({ method: 'PATCH', path: '', body: { title: 'Neu' } }) },
  { name: 'DELETE workshop', capability: 'deleteWorkshop', prepare: async () => ({ method: 'DELETE', path: '' }) },
  { name: 'GET links', capability: 'manageLinks', prepare: async () => ({ method: 'GET', path: '/links' }) },
  { name: 'rotate a link', capability: 'manageLinks', prepare: async () => ({ method: 'POST', path: '/links/participant/rotate' }) },
  { name: 'list sessions', prepare: async () => ({ method: 'GET', path: '/sessions' }) },
  { name: 'start a session', capability: 'runSessions', prepare: async () => ({ method: 'POST', path: '/sessions', body: { title: 'Werkstatt 1' } }) },
  {
    name: 'end a session',
    capability: 'runSessions',
    prepare: async (workshop) => {
      const session = (await (await api(workshop, 'POST', '/sessions', { title: 'Werkstatt 1' })).json()) as { id: string }
      return { method: 'POST', path: `/sessions/${session.id}/end` }
    },
  },
  { name: 'list snapshots', capability: 'readSnapshots', prepare: async () => ({ method: 'GET', path: '/snapshots' }) },
  { name: 'take a snapshot', capability: 'takeSnapshots', prepare: async () => ({ method: 'POST', path: '/snapshots', body: { label: 'Nach Phase 1' } }) },
  {
    name: 'download a snapshot',
    capability: 'readSnapshots',
    prepare: async (workshop) => {
      const snapshot = (await (await api(workshop, 'POST', '/snapshots', { label: 'x' })).json()) as { id: string }
      return { method: 'GET', path: `/snapshots/${snapshot.id}?format=tldr` }
    },
  },
  {
    name: 'restore a snapshot',
    capability: 'restoreSnapshots',
    prepare: async (workshop) => {
      const snapshot = (await (await api(workshop, 'POST', '/snapshots', { label: 'x' })).json()) as { id: string }
      return { method: 'POST', path: `/snapshots/${snapshot.id}/restore`, body: {} }
    },
  },
  { name: 'export the board', capability: 'export', prepare: async () => ({ method: 'GET', path: '/export?format=tldr' }) },
  { name: 'read the timeline', capability: 'readHistory', prepare: async () => ({ method: 'GET', path: '/history' }) },
  { name: 'read changes', capability: 'readHistory', prepare: async () => ({ method: 'GET', path: `/history/changes?from=0&to=${Date.now()}` }) },
  { name: 'read who created what', capability: 'readHistory', prepare: async () => ({ method: 'GET', path: '/history/creators' }) },
  { name: 'step through changes', capability: 'readHistory', prepare: async () => ({ method: 'GET', path: '/history/step?at=0&direction=next' }) },
  { name: 'read a past board', capability: 'readHistory', prepare: async () => ({ method: 'GET', path: `/state?at=${Date.now()}&format=json` }) },
  { name: 'export the results record', capability: 'export', prepare: async () => ({ method: 'GET', path: '/export?format=md' }) },
  {
    name: 'import a .tldr file',
    capability: 'import',
    prepare: async (workshop) => {
      const file = await (await api(workshop, 'GET', '/export?format=tldr')).text()
      return { method: 'POST', path: '/import?mode=add-page', body: Buffer.from(file), contentType: 'application/json' }
    },
  },
  { name: 'upload an asset', capability: 'uploadAsset', prepare: async () => ({ method: 'POST', path: '/assets', body: PNG, contentType: 'image/png' }) },
  {
    name: 'read an asset',
    prepare: async (workshop) => {
      const uploaded = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/assets`, {
        method: 'POST',
        headers: as(workshop, 'participant', { 'content-type': 'image/png' }),
        body: PNG,
      })
      const { url } = (await uploaded.json()) as { url: string }
      return { method: 'GET', path: url.slice(`/api/workshops/${workshop.id}`.length) }
    },
  },
]

function expectedStatus(caller: Caller, capability: Capability | undefined): 'ok' | 401 | 403 {
  if (caller === 'none' || caller === 'wrong') return 401
  if (caller === 'foreign') return 403
  return capability === undefined || can(caller, capability) ? 'ok' : 403
}

describe('role matrix over HTTP', () => {
  for (const endpoint of ENDPOINTS) {
    for (const caller of CALLERS) {
      const expected = expectedStatus(caller, endpoint.capability)
      it(`${endpoint.name} as ${caller}: ${expected}`, async () => {
        const workshop = await createWorkshop(running.httpUrl)
        const request = await endpoint.prepare(workshop)
        const isBinary = Buffer.isBuffer(request.body)
        const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${request.path}`, {
          method: request.method,
          headers: { ...headersOf(workshop, caller), 'content-type': request.contentType ?? 'application/json' },
          body: request.body === undefined ? undefined : isBinary ? (request.body as BodyInit) : JSON.stringify(request.body),
        })
        if (expected === 'ok') {
          expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200)
          expect(response.status).toBeLessThan(300)
        } else {
          expect(response.status).toBe(expected)
          const body = (await response.json()) as { error: { code: string; message: string } }
          expect(body.error.message.length).toBeGreaterThan(0)
          // A refused call changed nothing: the workshop is still there, unchanged.
          const after = (await (await api(workshop, 'GET', '')).json()) as { title: string }
          expect(after.title).toBe('Testwerkstatt')
        }
      })
    }
  }

  it('answers the role of the token on GET, and the query parameter works like the header', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    for (const role of ['facilitator', 'participant', 'reviewer'] as const) {
      const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}?token=${workshop.tokens[role]}`)
      expect(await response.json()).toMatchObject({ role })
    }
  })
})

/** Opens a raw socket with `token` and resolves with how it ended, or 'open' once it synced. */
function socketOutcome(workshopId: string, token: string | null): Promise<{ code: number; reason: string } | 'open'> {
  return new Promise((resolve, reject) => {
    const query = token === null ? '' : `?token=${token}`
    const socket = new WebSocket(`${running.wsUrl}/${workshopId}${query}`)
    socket.on('message', () => {
      socket.close()
      resolve('open')
    })
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    socket.on('error', reject)
  })
}

describe('role matrix on the sync socket', () => {
  for (const caller of CALLERS) {
    it(`socket as ${caller}`, async () => {
      const workshop = await createWorkshop(running.httpUrl)
      const outcome = await socketOutcome(workshop.id, tokenOf(workshop, caller))
      const expected = expectedStatus(caller, undefined)
      if (expected === 'ok') expect(outcome).toBe('open')
      else {
        expect(outcome).toMatchObject({ code: expected === 403 ? CloseCode.Forbidden : CloseCode.Unauthorized })
        expect((outcome as { reason: string }).reason.length).toBeGreaterThan(0)
      }
    })
  }

  it('drops every document update a reviewer sends: nothing is stored or relayed', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const alice = connectProvider(running.wsUrl, workshop)
    const bob = connectProvider(running.wsUrl, workshop)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    writeRecords(alice.doc, [...documentRecords(), geoShape('before')])
    await whenStored(alice)
    const storedBefore = await running.server.store.loadBoard(workshop.id)

    // Raw frames, hand-built: a sync update and a sync step 2, each adding a valid shape.
    const reviewer = new WebSocket(`${running.wsUrl}/${workshop.id}?token=${workshop.tokens.reviewer}`)
    await new Promise((resolve) => reviewer.once('message', resolve))
    const intruder = new Y.Doc()
    writeRecords(intruder, [geoShape('from-reviewer', 5, 5)])
    const update = Y.encodeStateAsUpdate(intruder)
    for (const syncType of [2, 1]) reviewer.send(new Uint8Array([0, syncType, ...varUint(update.length), ...update]))

    // Alice edits after the reviewer's frames; once Bob has her edit, the server had handled them.
    writeRecords(alice.doc, [geoShape('after')])
    await waitForDoc(bob.doc, () => recordsOf(bob.doc).get('shape:after') !== undefined)
    await whenStored(alice)
    expect(recordsOf(bob.doc).get('shape:from-reviewer')).toBeUndefined()
    expect(recordsOf(alice.doc).get('shape:from-reviewer')).toBeUndefined()
    const storedAfter = await running.server.store.loadBoard(workshop.id)
    expect(storedAfter.updates.length).toBe(storedBefore.updates.length + 1)
    const everything = Y.mergeUpdates([...(storedAfter.checkpoint ? [storedAfter.checkpoint] : []), ...storedAfter.updates.map((u) => u.data)])
    expect(recordsOfState(everything).map((record) => record.id)).not.toContain('shape:from-reviewer')
    // The reviewer still reads the board.
    expect(reviewer.readyState).toBe(WebSocket.OPEN)
    reviewer.close()
    alice.destroy()
    bob.destroy()
  })

  it('hides reviewers from presence unless the facilitator turns it on', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const alice = connectProvider(running.wsUrl, workshop)
    const reviewer = connectProvider(running.wsUrl, workshop, new Y.Doc(), 'reviewer')
    await Promise.all([whenSynced(alice), whenSynced(reviewer)])
    alice.awareness.setLocalStateField('user', { name: 'Alice' })
    reviewer.awareness.setLocalStateField('user', { name: 'Rita' })
    // Rita sees Alice…
    await waitForAwareness(reviewer.awareness, () => reviewer.awareness.getStates().has(alice.awareness.clientID))
    // …while Alice never sees Rita (Alice's own later update proves the server handled Rita's).
    alice.awareness.setLocalStateField('user', { name: 'Alice 2' })
    await waitForAwareness(reviewer.awareness, () => userName(reviewer.awareness.getStates().get(alice.awareness.clientID)) === 'Alice 2')
    expect(alice.awareness.getStates().has(reviewer.awareness.clientID)).toBe(false)
    reviewer.destroy()

    expect((await api(workshop, 'PATCH', '', { reviewersInPresence: true })).status).toBe(200)
    const visible = connectProvider(running.wsUrl, workshop, new Y.Doc(), 'reviewer')
    await whenSynced(visible)
    visible.awareness.setLocalStateField('user', { name: 'Rita' })
    await waitForAwareness(alice.awareness, () => userName(alice.awareness.getStates().get(visible.awareness.clientID)) === 'Rita')
    visible.destroy()
    alice.destroy()
  })
})

describe('links', () => {
  it('rotating a link stops the old one at once and closes its open sockets', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const participant = connectProvider(running.wsUrl, workshop)
    const reviewer = connectProvider(running.wsUrl, workshop, new Y.Doc(), 'reviewer')
    await Promise.all([whenSynced(participant), whenSynced(reviewer)])
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      participant.ws?.addEventListener('close', (event: CloseEvent) => resolve({ code: event.code, reason: event.reason })),
    )
    const rotated = (await (await api(workshop, 'POST', '/links/participant/rotate')).json()) as CreatedWorkshop
    expect(await closed).toMatchObject({ code: CloseCode.Unauthorized })
    expect(rotated.tokens.participant).not.toBe(workshop.tokens.participant)
    expect(rotated.tokens.reviewer).toBe(workshop.tokens.reviewer)
    expect(rotated.links.participant).toContain(`#token=${rotated.tokens.participant}`)
    expect(reviewer.wsconnected).toBe(true)
    const old = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}`, { headers: as(workshop, 'participant') })
    expect(old.status).toBe(401)
    expect(await socketOutcome(workshop.id, workshop.tokens.participant)).toMatchObject({ code: CloseCode.Unauthorized })
    expect(await socketOutcome(workshop.id, rotated.tokens.participant)).toBe('open')
    // The facilitator link shows the current links again, on any device.
    const links = (await (await api(workshop, 'GET', '/links')).json()) as CreatedWorkshop
    expect(links.tokens).toEqual(rotated.tokens)
    participant.destroy()
    reviewer.destroy()
  })

  it('rotating the facilitator link replaces all three links', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const rotated = (await (await api(workshop, 'POST', '/links/facilitator/rotate')).json()) as CreatedWorkshop
    for (const role of ['facilitator', 'participant', 'reviewer'] as const) {
      expect(rotated.tokens[role]).not.toBe(workshop.tokens[role])
      expect((await fetch(`${running.httpUrl}/api/workshops/${workshop.id}`, { headers: as(workshop, role) })).status).toBe(401)
      expect((await fetch(`${running.httpUrl}/api/workshops/${workshop.id}`, { headers: as(rotated, role) })).status).toBe(200)
    }
  })

  it('stores no token, only hashes', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const credentials = await running.server.store.getCredentials(workshop.id)
    const stored = JSON.stringify(credentials)
    for (const token of Object.values(workshop.tokens)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits
      expect(stored).not.toContain(token)
    }
  })
})

function userName(state: Record<string, unknown> | undefined): string | undefined {
  return (state?.user as { name?: string } | undefined)?.name
}

function waitForAwareness(awareness: { on(event: 'change', listener: () => void): void; off(event: 'change', listener: () => void): void }, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate()) return
      awareness.off('change', check)
      resolve()
    }
    awareness.on('change', check)
    check()
  })
}
