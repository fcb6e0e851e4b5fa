/**
 * A workshop's history, for reviewers and facilitators: the timeline of a session, the changes in
 * a time range, stepping from change to change, and the board as it was at any moment
 * (`/state?at=`, as JSON records, .tldr or a Yjs update). The heavy ones run one at a time per
 * workshop, identical requests share one read (history/heavy-reads.ts), and their decoding runs in
 * a board worker (history/board-worker-pool.ts).
 */
import express, { type Request, type Router } from 'express'
import type { HistoryCreators, HistoryStep } from '@quartierboard/shared'
import { boardSourceAt } from '../history/board-at-time.js'
import type { BoardWorkerPool } from '../history/board-worker-pool.js'
import { changesJob } from '../history/changes.js'
import { HeavyReads } from '../history/heavy-reads.js'
import { buildHistory } from '../history/timeline.js'
import type { BoardStore } from '../store/board-store.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { attachmentName } from './file-names.js'
import { parseMoment } from './moments.js'

export interface HistoryRouterOptions {
  store: BoardStore
  boardWorkers: BoardWorkerPool
  now?: () => number
  /** Shared with the export router, so that all heavy reads of a workshop take turns. */
  heavyReads?: HeavyReads
}

export function historyRouter({ store, boardWorkers, now = Date.now, heavyReads = new HeavyReads() }: HistoryRouterOptions): Router {
  const router = express.Router({ mergeParams: true })
  const readHistory = authorize(store, 'readHistory')

  router.get('/history', readHistory, async (req, res) => {
    const { workshop } = accessOf(res)
    const sessionId = optionalString(req, 'session')
    const session = sessionId === undefined ? null : await store.getSession(workshop.id, sessionId)
    if (session === undefined) throw new HttpError(404, 'session_not_found', 'No such session.')
    res.json(await heavyReads.run(workshop.id, `history:${sessionId ?? ''}`, () => buildHistory(store, workshop, session, now())))
  })

  router.get('/history/changes', readHistory, async (req, res) => {
    const from = momentParam(req, 'from')
    const to = momentParam(req, 'to')
    if (to < from) throw new HttpError(400, 'invalid_range', '"to" must not be before "from".')
    const workshopId = accessOf(res).workshop.id
    const text = await heavyReads.run(workshopId, `changes:${from}:${to}`, async () => boardWorkers.run(await changesJob(store, workshopId, from, to)))
    res.type('application/json').send(text)
  })

  router.get('/history/creators', readHistory, async (_req, res) => {
    const creators = await store.recordCreators(accessOf(res).workshop.id)
    const body: HistoryCreators = { creators: [...creators].map(([id, creator]) => ({ id, author: creator.author, at: new Date(creator.time).toISOString() })) }
    res.json(body)
  })

  router.get('/history/step', readHistory, async (req, res) => {
    const at = momentParam(req, 'at')
    const direction = req.query.direction
    if (direction !== 'next' && direction !== 'previous') throw new HttpError(400, 'invalid_direction', 'direction is next or previous.')
    const workshopId = accessOf(res).workshop.id
    const [found] =
      direction === 'next'
        ? await store.readUpdates(workshopId, { afterTime: at, limit: 1 })
        : await store.readUpdates(workshopId, { uptoTime: at - 1, descending: true, limit: 1 })
    const body: HistoryStep = { at: found ? new Date(found.time).toISOString() : null }
    res.json(body)
  })

  router.get('/state', readHistory, async (req, res) => {
    const { workshop } = accessOf(res)
    const at = req.query.at === undefined ? now() : momentParam(req, 'at')
    const format = req.query.format ?? 'json'
    if (format === 'yjs') {
      const state = await heavyReads.run(workshop.id, `state:${at}`, async () => boardWorkers.run({ kind: 'state', source: await boardSourceAt(store, workshop.id, at) }))
      res.set('Content-Disposition', attachmentName(workshop.title, 'Stand', at, 'yjs'))
      res.type('application/octet-stream').send(Buffer.from(state))
      return
    }
    if (format !== 'json' && format !== 'tldr') throw new HttpError(400, 'invalid_format', 'Formats are json, tldr and yjs.')
    // The answer is built as text inside the shared read: ten requests, one JSON.stringify.
    const text = await heavyReads.run(workshop.id, `records:${at}:${format}`, async () =>
      boardWorkers.run({ kind: 'records', source: await boardSourceAt(store, workshop.id, at), format, at }),
    )
    if (format === 'tldr') res.set('Content-Disposition', attachmentName(workshop.title, 'Stand', at, 'tldr'))
    res.type('application/json').send(text)
  })

  return router
}

function optionalString(req: Request, name: string): string | undefined {
  const value = req.query[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_request', `${name} must be given once.`)
  return value
}

function momentParam(req: Request, name: string): number {
  const value = optionalString(req, name)
  const moment = value === undefined ? null : parseMoment(value)
  if (moment === null) throw new HttpError(400, 'invalid_moment', `${name} must be an ISO time or epoch milliseconds.`)
  return moment
}
