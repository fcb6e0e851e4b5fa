/**
 * Keeps one Room per active workshop. A room is loaded lazily by the first socket of its workshop
 * and unloaded (after storing everything and writing a checkpoint) when the last one leaves.
 * Sockets hold the room through acquire/release, so a socket arriving while the room unloads
 * waits for the unload and then loads the room afresh from the store.
 */
import type { TLSchema } from '@tldraw/tlschema'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { BoardStore } from '../store/board-store.js'
import type { PresenceUser, RoomConnection } from './room-socket.js'
import { Room } from './room.js'

export interface RoomManagerOptions {
  store: BoardStore
  schema: TLSchema
  logger: Logger
  metrics?: ServerMetrics
  checkpointEveryUpdates: number
  now?: () => number
}

interface RoomEntry {
  room: Promise<Room>
  holders: number
}

export class RoomManager {
  private readonly entries = new Map<string, RoomEntry>()
  private readonly unloading = new Map<string, Promise<void>>()
  /** Rooms loaded and not yet closed (also while they unload), for the health check. */
  private readonly live = new Set<Room>()

  constructor(private readonly options: RoomManagerOptions) {}

  /** The loaded room of a workshop, loading it if needed. Pair every call with `release`. */
  async acquire(workshopId: string): Promise<Room> {
    const pendingUnload = this.unloading.get(workshopId)
    if (pendingUnload) await pendingUnload
    let entry = this.entries.get(workshopId)
    if (!entry) {
      const room = Room.load({
        ...this.options,
        workshopId,
        onPresenceUser: (connection, user) => this.recordAuthor(workshopId, connection, user),
      })
      entry = { room, holders: 0 }
      this.entries.set(workshopId, entry)
      room.then(
        (loaded) => {
          this.live.add(loaded)
          this.options.metrics?.roomsActive.inc()
        },
        () => this.entries.delete(workshopId),
      )
    }
    entry.holders += 1
    return entry.room
  }

  /** Keeps who a connection was, so the history can name the authors of its updates. */
  private recordAuthor(workshopId: string, connection: RoomConnection, user: PresenceUser): void {
    const { store, logger } = this.options
    store
      .recordAuthor({
        workshopId,
        connectionId: connection.id,
        identityId: connection.identityId,
        role: connection.role,
        firstSeen: (this.options.now ?? Date.now)(),
        ...user,
      })
      .catch((error: unknown) => logger.warn({ err: error, workshop: workshopId }, 'could not record an author'))
  }

  /** Gives a room back; the last holder's release unloads it. */
  release(workshopId: string): void {
    const entry = this.entries.get(workshopId)
    if (!entry) return
    entry.holders -= 1
    if (entry.holders > 0) return
    this.entries.delete(workshopId)
    const unload = entry.room
      .then(async (room) => {
        await room.close(1000, 'room unloaded')
        this.live.delete(room)
      })
      .then(() => this.options.metrics?.roomsActive.dec())
      .catch((error: unknown) => this.options.logger.error({ err: error, workshop: workshopId }, 'unloading a room failed'))
      .finally(() => this.unloading.delete(workshopId))
    this.unloading.set(workshopId, unload)
  }

  /** Runs `use` with the workshop's room, loading it for the call when no socket holds it. */
  async withRoom<T>(workshopId: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(workshopId)
    try {
      return await use(room)
    } finally {
      this.release(workshopId)
    }
  }

  /**
   * Resolves once everything the workshop's room accepted is in the store: a loaded room stores
   * what it queued, an unloading one finishes. Never loads a room.
   */
  async stored(workshopId: string): Promise<void> {
    await this.unloading.get(workshopId)
    const room = await this.loaded(workshopId)
    await room?.flush()
  }

  /** The room of a workshop if it is loaded (never loads one). */
  async loaded(workshopId: string): Promise<Room | undefined> {
    const entry = this.entries.get(workshopId)
    return entry ? entry.room.catch(() => undefined) : undefined
  }

  /**
   * Drops a deleted workshop's room without storing anything: closes its sockets with `code` and
   * `reason` and forgets it.
   */
  async discard(workshopId: string, code: number, reason: string): Promise<void> {
    const entry = this.entries.get(workshopId)
    if (!entry) return
    this.entries.delete(workshopId)
    const room = await entry.room.catch(() => undefined)
    if (!room) return
    await room.close(code, reason, { store: false })
    this.live.delete(room)
    this.options.metrics?.roomsActive.dec()
  }

  get activeRoomCount(): number {
    return this.entries.size
  }

  /**
   * How many loaded rooms currently cannot store their updates (the store refuses appends; the
   * rooms keep the updates in memory and retry). A room that unloads with unsaved updates stops
   * counting once it is closed: its authors still hold those updates and send them again when they
   * reconnect.
   */
  get roomsFailingToSave(): number {
    let failing = 0
    for (const room of this.live) if (room.saveFailing) failing += 1
    return failing
  }

  /** Closes every room (flush, checkpoint, close sockets with `reason`) and waits for running unloads. */
  async closeAll(code: number, reason: string): Promise<void> {
    const rooms = [...this.entries.values()].map((entry) => entry.room)
    this.entries.clear()
    await Promise.all([
      ...rooms.map((room) =>
        room
          .then(async (loaded) => {
            await loaded.close(code, reason)
            this.live.delete(loaded)
          })
          .catch(() => undefined),
      ),
      ...this.unloading.values(),
    ])
  }
}
