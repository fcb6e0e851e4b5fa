/**
 * Express middleware for the routes that act for one person (private notes, dots): after
 * `authorize` checked the link, the `X-Identity` header must carry the secret of an identity of
 * this workshop. The person is taken from it, never from an id in the request. 401
 * `missing_identity` or `invalid_identity` otherwise.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { IDENTITY_HEADER } from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import { accessOf } from '../http/authorize.js'
import { HttpError } from '../http/errors.js'
import { checkIdentity } from './check-identity.js'

export function requireIdentity(store: BoardStore): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const check = await checkIdentity(store, accessOf(res).workshop.id, req.get(IDENTITY_HEADER))
    if (!check.ok) throw new HttpError(401, check.code, check.message)
    res.locals.identityId = check.identityId
    next()
  }
}

/** The identity `requireIdentity` found for this request. */
export function identityOf(res: Response): string {
  return res.locals.identityId as string
}
