/**
 * Sessions and snapshots of a workshop: `/api/workshops/:id/sessions` and `/snapshots`.
 * Facilitators start and end sessions and take and restore snapshots; reviewers (and
 * facilitators) list and download snapshots; every role may list sessions.
 */
import express, { type Router } from 'express'
import type { TLSchema } from '@tldraw/tlschema'
import {
  RestoreSnapshotRequest,
  StartSessionRequest,
  TakeSnapshotRequest,
  toTldrFile,
  type RestoreSnapshotResponse,
  type Session,
  type SessionList,
  type Snapshot,
  type SnapshotList,
} from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import { recordsOfState } from '../workshops/board-state.js'
import { SessionConflict, type SessionService } from '../workshops/session-service.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { parseBody } from './parse-body.js'
import { attachmentName } from './file-names.js'
import { publicSession, publicSnapshot } from '../workshops/views.js'

export interface SessionsRouterOptions {
  store: BoardStore
  sessions: SessionService
  schema: TLSchema
}

export function sessionsRouter({ store, sessions, schema }: SessionsRouterOptions): Router {
  const router = express.Router({ mergeParams: true })
  const json = express.json({ limit: '16kb' })

  router.get('/sessions', authorize(store), async (_req, res) => {
    const body: SessionList = { sessions: (await store.listSessions(accessOf(res).workshop.id)).map(publicSession) }
    res.json(body)
  })

  router.post('/sessions', authorize(store, 'runSessions'), json, async (req, res) => {
    const { title } = parseBody(StartSessionRequest, req.body)
    try {
      const session = await sessions.start(accessOf(res).workshop.id, title)
      res.status(201).json(publicSession(session) satisfies Session)
    } catch (error) {
      if (error instanceof SessionConflict) throw new HttpError(409, 'session_running', error.message)
      throw error
    }
  })

  router.post('/sessions/:sid/end', authorize(store, 'runSessions'), async (req, res) => {
    const ended = await sessions.end(accessOf(res).workshop.id, String(req.params.sid ?? ''))
    if (!ended) throw new HttpError(404, 'session_not_running', 'No running session with this id.')
    res.json(publicSession(ended) satisfies Session)
  })

  router.get('/snapshots', authorize(store, 'readSnapshots'), async (req, res) => {
    const session = typeof req.query.session === 'string' ? req.query.session : undefined
    const body: SnapshotList = { snapshots: (await store.listSnapshots(accessOf(res).workshop.id, session)).map(publicSnapshot) }
    res.json(body)
  })

  router.post('/snapshots', authorize(store, 'takeSnapshots'), json, async (req, res) => {
    const { label } = parseBody(TakeSnapshotRequest, req.body)
    const workshopId = accessOf(res).workshop.id
    const running = await store.runningSession(workshopId)
    const snapshot = await sessions.takeSnapshot(workshopId, { kind: 'named', label, author: 'facilitator', sessionId: running?.id ?? null })
    res.status(201).json(publicSnapshot(snapshot) satisfies Snapshot)
  })

  router.get('/snapshots/:snap', authorize(store, 'readSnapshots'), async (req, res) => {
    const { workshop } = accessOf(res)
    const format = req.query.format ?? 'tldr'
    if (format !== 'tldr' && format !== 'yjs') throw new HttpError(400, 'invalid_format', 'Formats are tldr and yjs.')
    const stored = await store.getSnapshot(workshop.id, String(req.params.snap ?? ''))
    if (!stored) throw new HttpError(404, 'snapshot_not_found', 'No such snapshot.')
    const name = attachmentName(workshop.title, stored.snapshot.label || stored.snapshot.kind, stored.snapshot.createdAt, format)
    res.set('Content-Disposition', name)
    if (format === 'yjs') {
      res.type('application/octet-stream').send(Buffer.from(stored.state))
      return
    }
    res.type('application/json').send(JSON.stringify(toTldrFile(recordsOfState(stored.state), schema)))
  })

  router.post('/snapshots/:snap/restore', authorize(store, 'restoreSnapshots'), json, async (req, res) => {
    const { backupLabel } = parseBody(RestoreSnapshotRequest, req.body)
    const result = await sessions.restore(accessOf(res).workshop.id, String(req.params.snap ?? ''), backupLabel ?? 'Vor dem Wiederherstellen')
    if (!result) throw new HttpError(404, 'snapshot_not_found', 'No such snapshot.')
    const body: RestoreSnapshotResponse = { restored: publicSnapshot(result.restored), backup: publicSnapshot(result.backup) }
    res.json(body)
  })

  return router
}
