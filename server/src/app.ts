/**
 * Builds a Quartierboard server from a config object: one HTTP server carrying the express app
 * (API, health, metrics, the built client) and the y-websocket sync endpoint on the same port.
 * Nothing here reads the environment or keeps module-level state, so tests start as many
 * servers as they like (port 0) and stop them again.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { CloseCode, createBoardSchema, type ClientConfig, type ServerTime } from '@quartierboard/shared'
import type { ServerConfig } from './config.js'
import { assetsRouter } from './http/assets-router.js'
import { clientFilesRouter } from './http/client-files.js'
import { errorHandler, notFoundHandler } from './http/errors.js'
import { exportRouter } from './http/export-router.js'
import { facilitationRouter } from './http/facilitation-router.js'
import { FacilitationService } from './facilitation/facilitation-service.js'
import { historyRouter } from './http/history-router.js'
import { BoardWorkerPool } from './history/board-worker-pool.js'
import { HeavyReads } from './history/heavy-reads.js'
import { identitiesRouter } from './identities/identities-router.js'
import { IdentityService } from './identities/identity-service.js'
import { importRouter } from './http/import-router.js'
import { createWorkshopLimit, securityHeaders, singleValuedQuery } from './http/security.js'
import { sessionsRouter } from './http/sessions-router.js'
import { workshopsRouter } from './http/workshops-router.js'
import { createLogger, loggablePath, type Logger } from './logger.js'
import { createMetrics } from './metrics.js'
import { RoomManager, type RoomManagerOptions } from './rooms/room-manager.js'
import type { RoomOptions } from './rooms/room.js'
import { attachSyncEndpoint } from './rooms/sync-endpoint.js'
import type { BoardStore } from './store/board-store.js'
import { SqliteBoardStore } from './store/sqlite-store.js'
import { SessionService } from './workshops/session-service.js'
import { WorkshopService } from './workshops/workshop-service.js'

export interface QuartierboardServer {
  readonly httpServer: http.Server
  readonly store: BoardStore
  readonly rooms: RoomManager
  readonly sessions: SessionService
  readonly logger: Logger
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number>
  /** Stops accepting, stores everything pending, closes sockets with `reason`, closes the store. */
  close(reason?: string): Promise<void>
}

export interface ServerDependencies {
  store?: BoardStore
  logger?: Logger
}

export function createQuartierboardServer(config: ServerConfig, dependencies: ServerDependencies = {}): QuartierboardServer {
  const logger = dependencies.logger ?? createLogger(config.logLevel)
  const store = dependencies.store ?? new SqliteBoardStore(config.dataDir, { logger })
  const metrics = createMetrics()
  const schema = createBoardSchema()
  // RoomManager hands its options on to every Room it loads, MAX_RECORD_BYTES and MAX_PRESENCE_BYTES among them.
  const roomOptions: RoomManagerOptions & Pick<RoomOptions, 'maxRecordBytes' | 'maxPresenceBytes'> = {
    store,
    schema,
    logger,
    metrics,
    checkpointEveryUpdates: config.checkpointEveryUpdates,
    maxRecordBytes: config.maxRecordBytes,
    maxPresenceBytes: config.maxPresenceBytes,
  }
  const rooms = new RoomManager(roomOptions)
  const workshops = new WorkshopService({ store, rooms, dataDir: config.dataDir })
  const sessions = new SessionService({
    store,
    rooms,
    logger,
    snapshotIntervalMs: config.snapshotIntervalSeconds * 1000,
    coalesceWindowMs: config.historyResolutionMs,
  })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(securityHeaders({ publicUrl: config.publicUrl }))
  app.use((req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      logger.debug({ method: req.method, path: loggablePath(req.originalUrl), status: res.statusCode, ms }, 'http')
    })
    next()
  })

  // 503 when the store does not answer, or answers but refuses to store updates of some room
  // ("degraded": those rooms keep their updates in memory, relay nothing new and retry).
  app.get('/healthz', async (_req, res) => {
    const storeAnswers = await store.ping().catch(() => false)
    if (!storeAnswers) {
      res.status(503).json({ status: 'store_unavailable', rooms: rooms.activeRoomCount })
      return
    }
    const failing = rooms.roomsFailingToSave
    if (failing > 0) {
      res.status(503).json({
        status: 'degraded',
        reason: `saving fails in ${failing} room(s); their changes are kept in memory and retried`,
        rooms: rooms.activeRoomCount,
        roomsFailingToSave: failing,
      })
      return
    }
    res.status(200).json({ status: 'ok', rooms: rooms.activeRoomCount })
  })
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })

  const api = express.Router()
  api.use(singleValuedQuery())
  api.get('/time', (_req, res) => {
    const body: ServerTime = { now: Date.now() }
    res.set('Cache-Control', 'no-store').json(body)
  })
  api.get('/config', (_req, res) => {
    const body: ClientConfig = { tldrawLicenseKey: config.tldrawLicenseKey || null }
    res.json(body)
  })
  api.use(
    '/workshops/:id/assets',
    assetsRouter({
      store,
      dataDir: config.dataDir,
      quota: { perWorkshopBytes: config.maxAssetBytesPerWorkshop, perUploaderBytes: config.maxAssetBytesPerUploader },
    }),
  )
  api.use('/workshops/:id', sessionsRouter({ store, sessions, schema }))
  // History, state and export reads of one workshop take turns and share identical results; their
  // boards are decoded in worker threads.
  const heavyReads = new HeavyReads()
  const boardWorkers = new BoardWorkerPool({ size: config.boardWorkers, heapLimitMb: config.boardWorkerHeapMb, logger })
  api.use('/workshops/:id', exportRouter({ store, rooms, boardWorkers, heavyReads }))
  api.use('/workshops/:id', historyRouter({ store, boardWorkers, heavyReads }))
  api.use('/workshops/:id', importRouter({ store, rooms, sessions, schema }))
  const identities = new IdentityService({ store, limits: { perMinute: config.identitiesPerMinute, burst: config.identitiesBurst } })
  api.use('/workshops/:id', identitiesRouter({ store, identities, metrics }))
  api.use('/workshops/:id', facilitationRouter({ store, facilitation: new FacilitationService({ store, rooms, schema }) }))
  api.post('/workshops', createWorkshopLimit({ perMinute: config.createWorkshopPerMinute, burst: config.createWorkshopBurst, metrics }))
  api.use('/workshops', workshopsRouter({ store, workshops, publicUrl: config.publicUrl }))
  app.use('/api', api)
  app.use(clientFilesRouter(config.clientDir))
  // One renderer for every error and unmatched path (JSON under /api), so no response shows a stack or a path.
  app.use(notFoundHandler())
  app.use(errorHandler(logger))

  const httpServer = http.createServer(app)
  const sync = attachSyncEndpoint(httpServer, {
    rooms,
    store,
    logger,
    metrics,
    maxFrameBytes: config.maxFrameBytes,
    pingIntervalMs: config.pingIntervalMs,
    sendBuffer: { maxBufferedBytes: config.maxSocketBufferBytes, drainTimeoutMs: config.socketDrainTimeoutMs },
    limits: {
      maxMessagesPerSecond: config.maxMessagesPerSecond,
      maxMessagesBurst: config.maxMessagesBurst,
      maxBytesPerSecond: config.maxBytesPerSecond,
      maxBytesBurst: config.maxBytesBurst,
    },
  })

  let closing: Promise<void> | null = null
  return {
    httpServer,
    store,
    rooms,
    sessions,
    logger,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject)
          sessions.startAutoSnapshots()
          resolve((httpServer.address() as AddressInfo).port)
        })
      }),
    close(reason = 'server is shutting down') {
      closing ??= (async () => {
        sync.close()
        // Running sessions get their final snapshot while the rooms are still open.
        await sessions.shutdown()
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
        await rooms.closeAll(CloseCode.GoingAway, reason)
        httpServer.closeAllConnections()
        await httpClosed
        await boardWorkers.close()
        await store.close()
      })()
      return closing
    },
  }
}
