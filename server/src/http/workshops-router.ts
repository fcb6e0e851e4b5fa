/** `/api/workshops`: create a workshop and read it. Roles and tokens arrive with issue 2/7. */
import { randomBytes } from 'node:crypto'
import express, { type Request, type Router } from 'express'
import { CreateWorkshopRequest, type CreateWorkshopResponse, type GetWorkshopResponse, isValidWorkshopId } from '@quartierboard/shared'
import type { BoardStore, WorkshopRecord } from '../store/board-store.js'
import { HttpError } from './errors.js'

/** 16 random bytes: workshop ids are unguessable even before capability tokens exist. */
const WORKSHOP_ID_BYTES = 16

export function workshopsRouter(store: BoardStore, publicUrl: string): Router {
  const router = express.Router()

  router.post('/', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = CreateWorkshopRequest.safeParse(req.body)
    if (!parsed.success) throw new HttpError(400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))
    const workshop: WorkshopRecord = {
      id: randomBytes(WORKSHOP_ID_BYTES).toString('base64url'),
      title: parsed.data.title,
      field: parsed.data.field ?? 'other',
      description: '',
      createdAt: Date.now(),
    }
    await store.createWorkshop(workshop)
    const boardLink = `${baseUrl(req, publicUrl)}/w/${workshop.id}`
    const body: CreateWorkshopResponse = {
      ...publicWorkshop(workshop),
      links: { facilitator: boardLink, participant: boardLink, reviewer: boardLink },
    }
    res.status(201).json(body)
  })

  router.get('/:id', async (req, res) => {
    const workshop = await findWorkshop(store, req.params.id)
    const body: GetWorkshopResponse = { ...publicWorkshop(workshop), role: 'participant' }
    res.json(body)
  })

  return router
}

/** Loads a workshop named in a path, or throws 400 (malformed id) / 404 (unknown). */
export async function findWorkshop(store: BoardStore, id: string | undefined): Promise<WorkshopRecord> {
  if (!isValidWorkshopId(id)) throw new HttpError(400, 'invalid_workshop_id', 'Workshop ids consist of 1-64 letters, digits, "_" or "-".')
  const workshop = await store.getWorkshop(id)
  if (!workshop) throw new HttpError(404, 'workshop_not_found', 'No workshop with this id exists.')
  return workshop
}

function publicWorkshop(workshop: WorkshopRecord) {
  return { id: workshop.id, title: workshop.title, field: workshop.field, createdAt: new Date(workshop.createdAt).toISOString() }
}

function baseUrl(req: Request, publicUrl: string): string {
  return publicUrl || `${req.protocol}://${req.get('host') ?? 'localhost'}`
}
