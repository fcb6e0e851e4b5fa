/**
 * Serves the built client (client/dist): hashed assets with long caching, and index.html for every
 * other path that is not an API, sync or health route (the client routes `/` and `/w/:id` itself).
 * A file missing under `/assets` is a plain 404, never the index: a stale tab that asks for the
 * chunk of an old release must get an error, not HTML in place of JavaScript. `send`'s own errors
 * (a missing file, a `..` in the path, bad percent-encoding) are not passed on, because their
 * messages name paths on the server; the app's error handler words every answer.
 */
import fs from 'node:fs'
import path from 'node:path'
import express, { type Router } from 'express'
import { HttpError } from './errors.js'

/** The built service worker at the site's root (its scope is the whole site). */
const SERVICE_WORKER_FILE = 'sw.js'

export function clientFilesRouter(clientDir: string): Router {
  const router = express.Router()
  const indexFile = path.join(clientDir, 'index.html')
  if (!fs.existsSync(indexFile)) {
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The client is not built. Run "pnpm build" (or use "pnpm dev" during development).')
    })
    return router
  }
  // fallthrough: every client error of `send` (404, 403 for `..`, 400) goes on to the next route.
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: true }))
  router.use('/assets', () => {
    throw new HttpError(404, 'not_found', 'Not found.')
  })
  router.use(
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      // The service worker (client/src/offline/sw.ts) is how a new release reaches open tabs: no proxy may keep an old one.
      setHeaders: (res, filePath) => {
        if (path.basename(filePath) === SERVICE_WORKER_FILE) res.setHeader('Cache-Control', 'no-cache')
      },
    }),
  )
  router.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/sync/')) {
      next()
      return
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile, (error) => {
      if (error) next(new HttpError(404, 'not_found', 'Not found.'))
    })
  })
  return router
}
