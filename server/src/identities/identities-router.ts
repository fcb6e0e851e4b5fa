/**
 * `POST /api/workshops/:id/identities` (any role, with the link's token): a new identity for this
 * browser, 201 `{ id, secret }`. Over the link's budget: 429 with Retry-After.
 */
import express, { type Router } from 'express'
import type { IssuedIdentity } from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import type { ServerMetrics } from '../metrics.js'
import { accessOf, authorize } from '../http/authorize.js'
import { HttpError } from '../http/errors.js'
import { IdentityCapReached, type IdentityService } from './identity-service.js'

export function identitiesRouter({ store, identities, metrics }: { store: BoardStore; identities: IdentityService; metrics?: ServerMetrics }): Router {
  const router = express.Router({ mergeParams: true })

  router.post('/identities', authorize(store), async (_req, res) => {
    const { workshop, role } = accessOf(res)
    try {
      const issued: IssuedIdentity = await identities.issue(workshop.id, role)
      res.status(201).set('Cache-Control', 'no-store').json(issued)
    } catch (error) {
      if (!(error instanceof IdentityCapReached)) throw error
      metrics?.httpRateLimited.inc({ route: 'issue_identity' })
      res.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))))
      throw new HttpError(429, 'rate_limited', error.message)
    }
  })

  return router
}
