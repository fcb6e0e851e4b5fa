/**
 * Server configuration, read once from the environment at start-up (never at import time) and
 * passed down as a plain object, so tests build servers with their own settings.
 */
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/** Every tunable of the server, with units in the names. */
export interface ServerConfig {
  port: number
  host: string
  /** Folder of the embedded SQLite store and uploaded assets. */
  dataDir: string
  /** Base URL used in workshop links; when empty, links are built from the request's own origin. */
  publicUrl: string
  /** Interval of automatic session snapshots (used from issue 2/7 on). */
  snapshotIntervalSeconds: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Folder with the built client (index.html and assets); the server serves it when it exists. */
  clientDir: string
  /** Largest WebSocket frame accepted; larger frames close the socket with 1009. */
  maxFrameBytes: number
  /** After this many logged updates a room writes a checkpoint, bounding load time. */
  checkpointEveryUpdates: number
  /** tldraw license key for production hosts, handed to the client at run time by GET /api/config. */
  tldrawLicenseKey: string
  /** After a session ends, its log is coalesced per author into windows of this many ms (0: keep every update). */
  historyResolutionMs: number
  /**
   * Sustained frames per second one sync socket may send (token bucket refilled at this rate);
   * a socket that runs out is closed with 4429.
   */
  maxMessagesPerSecond: number
  /** Frames one sync socket may send at once before the per-second rate applies (bucket size). */
  maxMessagesBurst: number
  /** Sustained bytes per second one sync socket may send; a socket that runs out is closed with 4429. */
  maxBytesPerSecond: number
  /** Bytes one sync socket may send at once (bucket size; never less than maxFrameBytes). */
  maxBytesBurst: number
  /** Largest single board record (and meta or facilitation value), JSON-encoded; larger ones refuse the update with 4422. */
  maxRecordBytes: number
  /** Workshops one client IP may create per minute once its burst is used up; more answer 429. 0 turns the limit off. */
  createWorkshopPerMinute: number
  /** Workshops one client IP may create at once before the per-minute rate applies. */
  createWorkshopBurst: number
  /** Bytes all uploaded images of one workshop may take together; an upload beyond answers 413. */
  maxAssetBytesPerWorkshop: number
  /** Bytes one uploader (an identity, else a client IP) may upload to one workshop; an upload beyond answers 413. */
  maxAssetBytesPerUploader: number
  /** Identities one link (workshop and role) may be issued per minute once its burst is used up; more answer 429. 0 turns the limit off. */
  identitiesPerMinute: number
  /** Identities one link may be issued at once (a kick-off where everyone joins together). */
  identitiesBurst: number
  /**
   * Bytes that may wait to be sent on one sync socket (ws `bufferedAmount`); a message that would
   * go beyond closes the socket with 1013 (after a backlog of at most an eighth of it, any one message goes out).
   */
  maxSocketBufferBytes: number
  /** After such a close, a socket that has not drained its buffer within this many ms is terminated. */
  socketDrainTimeoutMs: number
  /** Largest awareness (presence) state of one client, as JSON; a larger one is ignored, not relayed. */
  maxPresenceBytes: number
  /** Sync sockets are pinged this often; one silent for a whole interval is terminated (gone within two). */
  pingIntervalMs: number
  /** Worker threads that decode boards for history, state and export reads (off the event loop). */
  boardWorkers: number
  /** Heap limit of each board worker in MB; a read that needs more fails alone with a 500. */
  boardWorkerHeapMb: number
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^/]+/.test(value), 'PUBLIC_URL must start with http:// or https://'),
  SNAPSHOT_INTERVAL_S: z.coerce.number().positive().default(60),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CLIENT_DIR: z.string().optional(),
  MAX_FRAME_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  CHECKPOINT_EVERY_UPDATES: z.coerce.number().int().positive().default(500),
  TLDRAW_LICENSE_KEY: z.string().default(''),
  HISTORY_RESOLUTION_MS: z.coerce.number().int().min(0).default(1000),
  MAX_MESSAGES_PER_SECOND: z.coerce.number().positive().default(1000),
  MAX_MESSAGES_BURST: z.coerce.number().int().positive().default(10_000),
  MAX_BYTES_PER_SECOND: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  MAX_BYTES_BURST: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  MAX_RECORD_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  CREATE_WORKSHOP_PER_MINUTE: z.coerce.number().min(0).default(20),
  CREATE_WORKSHOP_BURST: z.coerce.number().int().positive().default(300),
  MAX_ASSET_BYTES_PER_WORKSHOP: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  MAX_ASSET_BYTES_PER_UPLOADER: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  IDENTITIES_PER_MINUTE: z.coerce.number().min(0).default(60),
  IDENTITIES_BURST: z.coerce.number().int().positive().default(500),
  MAX_SOCKET_BUFFER_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  SOCKET_DRAIN_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  MAX_PRESENCE_BYTES: z.coerce.number().int().positive().default(16 * 1024),
  PING_INTERVAL_MS: z.coerce.number().int().min(100).default(4000),
  // One core is left to the event loop; two cores or fewer get one worker.
  BOARD_WORKERS: z.coerce.number().int().positive().default(Math.max(1, Math.min(4, os.availableParallelism() - 1))),
  BOARD_WORKER_HEAP_MB: z.coerce.number().int().min(64).default(2048),
})

/** The defaults, with `overrides` applied: the starting point for tests. */
export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...configFromEnv({}), ...overrides }
}

/** Reads the configuration from environment variables; throws a readable error on invalid values. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const values = parsed.data
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    publicUrl: values.PUBLIC_URL.replace(/\/+$/, ''),
    snapshotIntervalSeconds: values.SNAPSHOT_INTERVAL_S,
    logLevel: values.LOG_LEVEL,
    clientDir: path.resolve(values.CLIENT_DIR ?? defaultClientDir()),
    maxFrameBytes: values.MAX_FRAME_BYTES,
    checkpointEveryUpdates: values.CHECKPOINT_EVERY_UPDATES,
    tldrawLicenseKey: values.TLDRAW_LICENSE_KEY,
    historyResolutionMs: values.HISTORY_RESOLUTION_MS,
    maxMessagesPerSecond: values.MAX_MESSAGES_PER_SECOND,
    maxMessagesBurst: values.MAX_MESSAGES_BURST,
    maxBytesPerSecond: values.MAX_BYTES_PER_SECOND,
    maxBytesBurst: values.MAX_BYTES_BURST,
    maxRecordBytes: values.MAX_RECORD_BYTES,
    createWorkshopPerMinute: values.CREATE_WORKSHOP_PER_MINUTE,
    createWorkshopBurst: values.CREATE_WORKSHOP_BURST,
    maxAssetBytesPerWorkshop: values.MAX_ASSET_BYTES_PER_WORKSHOP,
    maxAssetBytesPerUploader: values.MAX_ASSET_BYTES_PER_UPLOADER,
    identitiesPerMinute: values.IDENTITIES_PER_MINUTE,
    identitiesBurst: values.IDENTITIES_BURST,
    maxSocketBufferBytes: values.MAX_SOCKET_BUFFER_BYTES,
    socketDrainTimeoutMs: values.SOCKET_DRAIN_TIMEOUT_MS,
    maxPresenceBytes: values.MAX_PRESENCE_BYTES,
    pingIntervalMs: values.PING_INTERVAL_MS,
    boardWorkers: values.BOARD_WORKERS,
    boardWorkerHeapMb: values.BOARD_WORKER_HEAP_MB,
  }
}

/** `client/dist` of this workspace, found relative to this file (src/ or dist/ of the server package). */
function defaultClientDir(): string {
  return path.resolve(import.meta.dirname, '../../client/dist')
}
