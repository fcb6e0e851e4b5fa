/**
 * Sessions and snapshots of a workshop.
 *
 * A facilitator starts and ends sessions; the store refuses a second running one. While a session
 * runs, `tick` (every SNAPSHOT_INTERVAL_S) takes an automatic snapshot of each running session's
 * board when its update log moved since the session's last snapshot. Ending a session, and shutting
 * the server down mid-session, takes a final one. Named snapshots are taken on request.
 *
 * A snapshot is the room's whole document (one Yjs update) after everything pending is stored, so
 * it matches the log position it records. Restoring one first snapshots the current board, then
 * rewrites the records through the room as a normal, logged change that every client receives.
 */
import { randomBytes } from 'node:crypto'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { SnapshotKind } from '@quartierboard/shared'
import type { Logger } from '../logger.js'
import type { RoomManager } from '../rooms/room-manager.js'
import type { Room } from '../rooms/room.js'
import { coalesceSession } from '../history/coalesce.js'
import { SessionAlreadyRunning, type BoardStore, type SessionRecord, type SnapshotRecord } from '../store/board-store.js'
import { applyRecordChanges, countShapes, recordsOfDoc, recordsOfState } from './board-state.js'

export interface SessionServiceOptions {
  store: BoardStore
  rooms: RoomManager
  logger: Logger
  snapshotIntervalMs: number
  /** Window for coalescing an ended session's log (0 keeps every update). */
  coalesceWindowMs: number
  now?: () => number
}

export interface SnapshotRequest {
  kind: SnapshotKind
  label: string
  /** `facilitator` or `server`. */
  author: string
  sessionId: string | null
}

export class SessionConflict extends Error {}

export class SessionService {
  private readonly now: () => number
  private timer: NodeJS.Timeout | null = null
  private ticking: Promise<void> | null = null
  /** Coalescing runs after a session ended, in the background. */
  private readonly background = new Set<Promise<void>>()

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now
  }

  /** Starts taking automatic snapshots every `snapshotIntervalMs`. */
  startAutoSnapshots(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.tick(), this.options.snapshotIntervalMs)
    this.timer.unref()
  }

  async start(workshopId: string, title: string): Promise<SessionRecord> {
    const session: SessionRecord = { id: newId(), workshopId, title, startedAt: this.now(), endedAt: null, coalescedMs: 0 }
    try {
      await this.options.store.startSession(session)
    } catch (error) {
      if (error instanceof SessionAlreadyRunning) throw new SessionConflict('A session is already running; end it first.')
      throw error
    }
    return session
  }

  /**
   * Takes the final snapshot, then ends the session and starts coalescing its log in the
   * background; undefined when it is not running.
   */
  async end(workshopId: string, sessionId: string): Promise<SessionRecord | undefined> {
    const running = await this.options.store.runningSession(workshopId)
    if (!running || running.id !== sessionId) return undefined
    await this.takeSnapshot(workshopId, { kind: 'final', label: '', author: 'facilitator', sessionId })
    const ended = await this.options.store.endSession(workshopId, sessionId, this.now())
    if (ended && this.options.coalesceWindowMs > 0) this.inBackground(this.coalesce(ended))
    return ended
  }

  /** Resolves once background work (coalescing) is done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all(this.background)
  }

  private async coalesce(session: SessionRecord): Promise<void> {
    // Everything the room still holds must be in the log first.
    const room = await this.options.rooms.loaded(session.workshopId)
    await room?.flush()
    const result = await coalesceSession(this.options.store, session, this.options.coalesceWindowMs)
    this.options.logger.info({ workshop: session.workshopId, session: session.id, ...result }, 'coalesced the history of an ended session')
  }

  private inBackground(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'background work failed'))
      .finally(() => this.background.delete(tracked))
    this.background.add(tracked)
  }

  async takeSnapshot(workshopId: string, request: SnapshotRequest): Promise<SnapshotRecord> {
    return this.options.rooms.withRoom(workshopId, (room) => this.snapshotRoom(room, request))
  }

  /**
   * The backup a facilitator's change of the whole board takes first (a restore, a replacing
   * import): a snapshot of the room as it is (kind `auto`, labelled `label`, in the running session
   * if there is one), so the change can itself be undone by restoring it.
   */
  async backupBeforeChange(room: Room, label: string): Promise<SnapshotRecord> {
    const running = await this.options.store.runningSession(room.workshopId)
    return this.snapshotRoom(room, { kind: 'auto', label, author: 'facilitator', sessionId: running?.id ?? null })
  }

  /** Makes a snapshot the current board, after a backup of the current board labelled `backupLabel`. */
  async restore(workshopId: string, snapshotId: string, backupLabel: string): Promise<{ restored: SnapshotRecord; backup: SnapshotRecord } | undefined> {
    const stored = await this.options.store.getSnapshot(workshopId, snapshotId)
    if (!stored) return undefined
    const target = recordsOfState(stored.state)
    return this.options.rooms.withRoom(workshopId, async (room) => {
      const backup = await this.backupBeforeChange(room, backupLabel)
      room.applyServerChange((doc) => replaceRecords(doc, target), 'facilitator:restore')
      await room.flush()
      return { restored: stored.snapshot, backup }
    })
  }

  /** One round of automatic snapshots: every running session whose board changed since its last one. */
  tick(): Promise<void> {
    this.ticking ??= this.snapshotChangedSessions().finally(() => {
      this.ticking = null
    })
    return this.ticking
  }

  /** Stops automatic snapshots and takes a final snapshot of every running session (on shutdown). */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.ticking
    await this.idle()
    for (const session of await this.options.store.allRunningSessions()) {
      await this.takeSnapshot(session.workshopId, { kind: 'final', label: '', author: 'server', sessionId: session.id }).catch((error: unknown) =>
        this.options.logger.error({ err: error, workshop: session.workshopId }, 'final snapshot on shutdown failed'),
      )
    }
  }

  private async snapshotChangedSessions(): Promise<void> {
    const { store, logger } = this.options
    for (const session of await store.allRunningSessions()) {
      try {
        const room = await this.options.rooms.loaded(session.workshopId)
        await room?.flush()
        const [lastSeq, latest] = await Promise.all([store.lastSeq(session.workshopId), store.latestSnapshot(session.workshopId, session.id)])
        if (latest && latest.uptoSeq >= lastSeq) continue
        if (!latest && lastSeq === 0) continue
        await this.takeSnapshot(session.workshopId, { kind: 'auto', label: '', author: 'server', sessionId: session.id })
      } catch (error) {
        logger.error({ err: error, workshop: session.workshopId }, 'automatic snapshot failed')
      }
    }
  }

  private async snapshotRoom(room: Room, request: SnapshotRequest): Promise<SnapshotRecord> {
    await room.flush()
    const state = Y.encodeStateAsUpdate(room.doc)
    const snapshot: SnapshotRecord = {
      id: newId(),
      workshopId: room.workshopId,
      sessionId: request.sessionId,
      kind: request.kind,
      label: request.label,
      author: request.author,
      createdAt: this.now(),
      shapes: countShapes(recordsOfDoc(room.doc)),
      bytes: state.byteLength,
      uptoSeq: room.storedSeq,
    }
    await this.options.store.addSnapshot(snapshot, state)
    return snapshot
  }
}

/** Rewrites the doc's records to equal `target`: changed and new records put, missing ones deleted. */
function replaceRecords(doc: Y.Doc, target: readonly TLRecord[]): void {
  const current = new Map(recordsOfDoc(doc).map((record) => [record.id as string, record]))
  const wanted = new Set(target.map((record) => record.id as string))
  const put = target.filter((record) => JSON.stringify(current.get(record.id)) !== JSON.stringify(record))
  applyRecordChanges(doc, put, [...current.keys()].filter((id) => !wanted.has(id)))
}

function newId(): string {
  return randomBytes(12).toString('base64url')
}
