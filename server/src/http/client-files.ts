/**
 * Serves the built client (client/dist): hashed assets with long caching, and index.html for every
 * other path that is not an API, sync or health route (the client routes `/` and `/w/:id` itself).
 */
import fs from 'node:fs'
import path from 'node:path'
import express, { type Router } from 'express'

export function clientFilesRouter(clientDir: string): Router {
  const router = express.Router()
  const indexFile = path.join(clientDir, 'index.html')
  if (!fs.existsSync(indexFile)) {
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The client is not built. Run "pnpm build" (or use "pnpm dev" during development).')
    })
    return router
  }
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }))
  router.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/sync/')) {
      next()
      return
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile)
  })
  return router
}
