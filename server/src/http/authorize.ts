/**
 * Express middleware for every `/api/workshops/:id/...` route: validates the workshop id, checks
 * the capability token (`Authorization: Bearer T` or `?token=T`) before anything is loaded, checks
 * the role against the action, and leaves the workshop and role in `res.locals.access`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { can, isValidWorkshopId, type Capability, type Role } from '@quartierboard/shared'
import { checkAccess } from '../auth/access.js'
import type { BoardStore, WorkshopRecord } from '../store/board-store.js'
import { HttpError } from './errors.js'

export interface RequestAccess {
  workshop: WorkshopRecord
  role: Role
  token: string
}

/** Allows any role, or only the roles that have `capability`. */
export function authorize(store: BoardStore, capability?: Capability): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const id = (req.params as Record<string, string | undefined>).id
    if (!isValidWorkshopId(id)) throw new HttpError(400, 'invalid_workshop_id', 'Workshop ids consist of 1-64 letters, digits, "_" or "-".')
    const token = tokenOf(req)
    const access = await checkAccess(store, id, token)
    if (!access.ok) throw new HttpError(access.status, access.code, access.message)
    if (capability && !can(access.role, capability)) {
      throw new HttpError(403, 'forbidden_for_role', `The ${access.role} link does not allow this.`)
    }
    const workshop = await store.getWorkshop(id)
    if (!workshop) throw new HttpError(404, 'workshop_not_found', 'No workshop with this id exists.')
    const granted: RequestAccess = { workshop, role: access.role, token: token! }
    res.locals.access = granted
    next()
  }
}

/** The access `authorize` granted to this request. */
export function accessOf(res: Response): RequestAccess {
  return res.locals.access as RequestAccess
}

/** The token of a request: the Bearer header wins over the query parameter. */
export function tokenOf(req: Request): string | null {
  const header = req.get('authorization')
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim()
  const query = req.query.token
  return typeof query === 'string' ? query : null
}
