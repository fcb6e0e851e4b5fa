/**
 * Facilitation endpoints under `/api/workshops/:id`: timer, lock, summon, steps, private mode and
 * reveal (facilitator); votes (the facilitator opens and closes them, participants place and take
 * back their dots); private notes (their authors).
 *
 * Dots and private notes belong to a person: their routes take the person from the identity secret
 * in `X-Identity` (requireIdentity), never from an id in the request; a request that still names
 * a voter or owner is refused, so an old client cannot believe it acts for someone.
 */
import express, { type Router } from 'express'
import {
  DotRequest,
  LockRequest,
  OpenVoteRequest,
  PrivateModeRequest,
  PrivateNoteRequest,
  StartTimerRequest,
  StepRequest,
  SummonRequest,
  type MyDots,
  type PrivateNotes,
} from '@quartierboard/shared'
import { FacilitationError, type FacilitationService } from '../facilitation/facilitation-service.js'
import { identityOf, requireIdentity } from '../identities/require-identity.js'
import type { BoardStore } from '../store/board-store.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { parseBody } from './parse-body.js'

export function facilitationRouter({ store, facilitation }: { store: BoardStore; facilitation: FacilitationService }): Router {
  const router = express.Router({ mergeParams: true })
  const json = express.json({ limit: '64kb' })
  const facilitator = authorize(store, 'facilitate')
  // Dots and private notes: a role that may vote, and the person's identity.
  const voter = authorize(store, 'vote')
  const person = requireIdentity(store)
  const workshopId = (res: express.Response) => accessOf(res).workshop.id

  router.get('/facilitation', authorize(store), async (_req, res) => {
    res.json(await facilitation.state(workshopId(res)))
  })

  router.post('/facilitation/timer', facilitator, json, async (req, res) => {
    const { durationMs } = parseBody(StartTimerRequest, req.body)
    res.status(201).json(await facilitation.startTimer(workshopId(res), durationMs))
  })
  router.post('/facilitation/timer/pause', facilitator, async (_req, res) => {
    res.json(await facilitation.pauseOrResumeTimer(workshopId(res), true))
  })
  router.post('/facilitation/timer/resume', facilitator, async (_req, res) => {
    res.json(await facilitation.pauseOrResumeTimer(workshopId(res), false))
  })
  router.delete('/facilitation/timer', facilitator, async (_req, res) => {
    await facilitation.stopTimer(workshopId(res))
    res.status(204).end()
  })

  router.put('/facilitation/lock', facilitator, json, async (req, res) => {
    const { locked } = parseBody(LockRequest, req.body)
    res.json(await facilitation.setLock(workshopId(res), locked))
  })

  router.post('/facilitation/summon', facilitator, json, async (req, res) => {
    const { userId, name } = parseBody(SummonRequest, req.body)
    res.status(201).json(await facilitation.summon(workshopId(res), userId, name))
  })

  router.post('/facilitation/step', facilitator, json, async (req, res) => {
    const { title } = parseBody(StepRequest, req.body)
    res.status(201).json(await facilitation.nextStep(workshopId(res), title))
  })

  router.put('/facilitation/private', facilitator, json, async (req, res) => {
    const { on, anonymous } = parseBody(PrivateModeRequest, req.body)
    res.json(await facilitation.setPrivateMode(workshopId(res), on, anonymous ?? false))
  })
  router.post('/facilitation/private/reveal', facilitator, async (_req, res) => {
    res.json(await facilitation.reveal(workshopId(res)))
  })

  router.get('/private-notes', voter, noIdInRequest, person, async (_req, res) => {
    const notes = await store.privateNotes(workshopId(res), identityOf(res))
    const body: PrivateNotes = { records: notes.map((note) => note.record) }
    res.json(body)
  })
  router.put('/private-notes/:shapeId', voter, noIdInRequest, person, json, async (req, res) => {
    const { record } = parseBody(PrivateNoteRequest, req.body)
    if (record.id !== req.params.shapeId) throw new HttpError(400, 'id_mismatch', 'The record id must equal the path.')
    await facilitation.savePrivateNote(workshopId(res), identityOf(res), record)
    res.status(204).end()
  })
  router.delete('/private-notes/:shapeId', voter, noIdInRequest, person, async (req, res) => {
    // Deletes only the caller's own note; someone else's stays (and a missing one is already gone).
    await store.deletePrivateNote(workshopId(res), String(req.params.shapeId), identityOf(res))
    res.status(204).end()
  })

  router.post('/votes', facilitator, json, async (req, res) => {
    const { frameId, dotsPerPerson } = parseBody(OpenVoteRequest, req.body)
    res.status(201).json(await facilitation.openVote(workshopId(res), frameId, dotsPerPerson))
  })
  router.post('/votes/:vote/close', facilitator, async (req, res) => {
    res.json(await facilitation.closeVote(workshopId(res), String(req.params.vote)))
  })
  router.get('/votes/:vote/mine', voter, noIdInRequest, person, async (req, res) => {
    const mine = await facilitation.myDots(workshopId(res), String(req.params.vote), identityOf(res))
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })
  router.post('/votes/:vote/dots', voter, noIdInRequest, person, json, async (req, res) => {
    const { shapeId } = parseBody(DotRequest, req.body)
    const mine = await facilitation.changeDot(workshopId(res), String(req.params.vote), identityOf(res), shapeId, 1)
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })
  router.delete('/votes/:vote/dots', voter, noIdInRequest, person, json, async (req, res) => {
    const { shapeId } = parseBody(DotRequest, req.body)
    const mine = await facilitation.changeDot(workshopId(res), String(req.params.vote), identityOf(res), shapeId, -1)
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })

  // Domain errors become API errors with their status.
  router.use((error: unknown, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
    if (error instanceof FacilitationError) next(new HttpError(error.status, error.code, error.message))
    else next(error)
  })

  return router
}

/** Refuses the `owner` and `voter` parameters of the routes before identities: the person comes from X-Identity only. */
function noIdInRequest(req: express.Request, _res: express.Response, next: express.NextFunction): void {
  if (req.query.owner !== undefined || req.query.voter !== undefined) {
    throw new HttpError(400, 'id_not_accepted', 'Send your identity secret as X-Identity; owner and voter ids are not accepted.')
  }
  next()
}
