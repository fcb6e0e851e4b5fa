/**
 * `/api/workshops`: create a workshop, read and change it, delete it, and manage its three
 * capability links. Every route below `/:id` runs `authorize` first.
 */
import express, { type Request, type Router } from 'express'
import {
  CreateWorkshopRequest,
  ROLES,
  UpdateWorkshopRequest,
  type CreateWorkshopResponse,
  type GetWorkshopResponse,
  type Role,
  type RoleTokens,
  type RotateLinkResponse,
  type Workshop,
} from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import type { WorkshopService } from '../workshops/workshop-service.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { parseBody } from './parse-body.js'
import { publicSession, publicWorkshop } from '../workshops/views.js'

export interface WorkshopsRouterOptions {
  store: BoardStore
  workshops: WorkshopService
  publicUrl: string
}

export function workshopsRouter({ store, workshops, publicUrl }: WorkshopsRouterOptions): Router {
  const router = express.Router()
  const json = express.json({ limit: '16kb' })

  router.post('/', json, async (req, res) => {
    const request = parseBody(CreateWorkshopRequest, req.body)
    const { workshop, tokens } = await workshops.create(request)
    const body: CreateWorkshopResponse = { ...publicWorkshop(workshop), tokens, links: linksFor(baseUrl(req, publicUrl), workshop.id, tokens) }
    res.status(201).json(body)
  })

  router.get('/:id', authorize(store), async (_req, res) => {
    const { workshop, role } = accessOf(res)
    const running = await store.runningSession(workshop.id)
    const body: GetWorkshopResponse = { ...publicWorkshop(workshop), role, runningSession: running ? publicSession(running) : null }
    res.json(body)
  })

  router.patch('/:id', authorize(store, 'editWorkshop'), json, async (req, res) => {
    const changes = parseBody(UpdateWorkshopRequest, req.body)
    const { workshop } = accessOf(res)
    await store.updateWorkshop(workshop.id, changes)
    const body: Workshop = publicWorkshop({ ...workshop, ...changes })
    res.json(body)
  })

  router.delete('/:id', authorize(store, 'deleteWorkshop'), async (_req, res) => {
    await workshops.delete(accessOf(res).workshop.id)
    res.status(204).end()
  })

  router.get('/:id/links', authorize(store, 'manageLinks'), async (req, res) => {
    const { workshop, token } = accessOf(res)
    const tokens = await workshops.tokens(workshop.id, token)
    const body: CreateWorkshopResponse = { ...publicWorkshop(workshop), tokens, links: linksFor(baseUrl(req, publicUrl), workshop.id, tokens) }
    res.json(body)
  })

  router.post('/:id/links/:role/rotate', authorize(store, 'manageLinks'), async (req, res) => {
    const role = String(req.params.role) as Role
    if (!ROLES.includes(role)) throw new HttpError(400, 'invalid_role', `Roles are ${ROLES.join(', ')}.`)
    const { workshop, token } = accessOf(res)
    const tokens = await workshops.rotate(workshop.id, role, token)
    const body: RotateLinkResponse = { role, tokens, links: linksFor(baseUrl(req, publicUrl), workshop.id, tokens) }
    res.json(body)
  })

  return router
}

/**
 * The links handed to people. The token travels in the fragment (`#token=`), which browsers never
 * send to a server, so it stays out of access logs and proxies; the client moves it into storage.
 */
export function linksFor(base: string, workshopId: string, tokens: RoleTokens): RoleTokens {
  const board = `${base}/w/${workshopId}`
  return {
    facilitator: `${board}/dashboard#token=${tokens.facilitator}`,
    participant: `${board}#token=${tokens.participant}`,
    reviewer: `${board}/replay#token=${tokens.reviewer}`,
  }
}

function baseUrl(req: Request, publicUrl: string): string {
  return publicUrl || `${req.protocol}://${req.get('host') ?? 'localhost'}`
}
