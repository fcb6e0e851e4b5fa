/**
 * Facilitation endpoints under `/api/workshops/:id`: timer, lock, summon, steps, private mode and
 * reveal (facilitator); votes (the facilitator opens and closes them, participants place and take
 * back their dots); private notes (their authors).
 */
import express, { type Router } from 'express'
import {
  DotRequest,
  LockRequest,
  OpenVoteRequest,
  ParticipantId,
  PrivateModeRequest,
  PrivateNoteRequest,
  StartTimerRequest,
  StepRequest,
  SummonRequest,
  type MyDots,
  type PrivateNotes,
} from '@quartierboard/shared'
import { FacilitationError, type FacilitationService } from '../facilitation/facilitation-service.js'
import type { BoardStore } from '../store/board-store.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { parseBody } from './parse-body.js'

export function facilitationRouter({ store, facilitation }: { store: BoardStore; facilitation: FacilitationService }): Router {
  const router = express.Router({ mergeParams: true })
  const json = express.json({ limit: '64kb' })
  const facilitator = authorize(store, 'facilitate')
  const voter = authorize(store, 'vote')
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

  router.get('/private-notes', voter, async (req, res) => {
    const owner = ParticipantId.safeParse(req.query.owner)
    if (!owner.success) throw new HttpError(400, 'invalid_owner', 'owner must be your participant id.')
    const notes = await store.privateNotes(workshopId(res), owner.data)
    const body: PrivateNotes = { records: notes.map((note) => note.record) }
    res.json(body)
  })
  router.put('/private-notes/:shapeId', voter, json, async (req, res) => {
    const { owner, record } = parseBody(PrivateNoteRequest, req.body)
    if (record.id !== req.params.shapeId) throw new HttpError(400, 'id_mismatch', 'The record id must equal the path.')
    await facilitation.savePrivateNote(workshopId(res), owner, record)
    res.status(204).end()
  })
  router.delete('/private-notes/:shapeId', voter, async (req, res) => {
    const owner = ParticipantId.safeParse(req.query.owner)
    if (!owner.success) throw new HttpError(400, 'invalid_owner', 'owner must be your participant id.')
    await store.deletePrivateNote(workshopId(res), String(req.params.shapeId), owner.data)
    res.status(204).end()
  })

  router.post('/votes', facilitator, json, async (req, res) => {
    const { frameId, dotsPerPerson } = parseBody(OpenVoteRequest, req.body)
    res.status(201).json(await facilitation.openVote(workshopId(res), frameId, dotsPerPerson))
  })
  router.post('/votes/:vote/close', facilitator, async (req, res) => {
    res.json(await facilitation.closeVote(workshopId(res), String(req.params.vote)))
  })
  router.get('/votes/:vote/mine', voter, async (req, res) => {
    const who = ParticipantId.safeParse(req.query.voter)
    if (!who.success) throw new HttpError(400, 'invalid_voter', 'voter must be your participant id.')
    const mine = await facilitation.myDots(workshopId(res), String(req.params.vote), who.data)
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })
  router.post('/votes/:vote/dots', voter, json, async (req, res) => {
    const { voter: who, shapeId } = parseBody(DotRequest, req.body)
    const mine = await facilitation.changeDot(workshopId(res), String(req.params.vote), who, shapeId, 1)
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })
  router.delete('/votes/:vote/dots', voter, json, async (req, res) => {
    const { voter: who, shapeId } = parseBody(DotRequest, req.body)
    const mine = await facilitation.changeDot(workshopId(res), String(req.params.vote), who, shapeId, -1)
    res.json({ voteId: String(req.params.vote), ...mine } satisfies MyDots)
  })

  // Domain errors become API errors with their status.
  router.use((error: unknown, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
    if (error instanceof FacilitationError) next(new HttpError(error.status, error.code, error.message))
    else next(error)
  })

  return router
}
