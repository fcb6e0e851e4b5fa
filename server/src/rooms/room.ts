/**
 * A room owns the live Y.Doc of one workshop and every socket connected to it.
 *
 * Persist before broadcast: an incoming update is validated, applied to the in-memory document
 * (Yjs hands back only what was new, so duplicates are not stored twice) and queued. Once per
 * event-loop tick the queue is appended to the store in one transaction; only after that commit
 * does the room relay the updates to the other sockets, answer sync requests and confirm saves.
 * Everything that would let a client see document state therefore waits for the batch before it
 * ("afterPersisted"), so a crash can never lose an update that any client has seen.
 *
 * If the store fails, the batch stays queued and is retried with back-off; the room keeps its
 * state in memory and tells clients that asked for save status that saving is failing.
 *
 * Reconnect handshake: a y-websocket client that comes back sends its sync step 1, and its offline
 * edits only in the sync step 2 it sends in answer to ours. Edits it makes meanwhile go out at
 * once as plain updates that continue clocks the server has not seen yet. Such an update that Yjs
 * could not integrate, arriving after the client's step 1 and before its step 2, is dropped rather
 * than refused with 4422 (which would stop the client for good): the coming step 2 carries it.
 * A save request before that step 2 could not be confirmed truthfully; y-websocket clients never
 * send one (ours asks only once synced, after its step 2), so it closes the socket with the 4422
 * the dropped update would have got. Outside that handshake (or from a client that never sent a
 * step 1) such updates are refused as before.
 *
 * Presence: each awareness client id belongs to the connection that introduced it; states for an
 * id another connection owns are ignored, so no one can rename, move or remove someone else.
 *
 * After `checkpointEveryUpdates` logged updates the room writes a checkpoint (the whole document
 * state) so that loading replays a bounded number of updates. The room knows neither sockets nor
 * disk: it talks to RoomSocket and BoardStore interfaces, so tests can drive it without a port.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { TLSchema } from '@tldraw/tlschema'
import {
  CloseCode,
  FACILITATION_KEY,
  can,
  isBoardLocked,
  type Role,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_FAILED,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  TOP_LEVEL_TYPES,
  encodeSaveMessage,
  readSaveSeq,
} from '@quartierboard/shared'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { BoardStore, UpdateToAppend } from '../store/board-store.js'
import type { PresenceUser, RoomConnection, RoomSocket } from './room-socket.js'
import { DEFAULT_MAX_RECORD_BYTES, UpdateValidator } from './update-validator.js'

export interface RoomOptions {
  workshopId: string
  store: BoardStore
  schema: TLSchema
  logger: Logger
  metrics?: ServerMetrics
  /** Server clock (epoch ms); tests pass a controlled one. */
  now?: () => number
  checkpointEveryUpdates: number
  /** First retry delay after a failed append; doubles up to 30 s. */
  storeRetryMs?: number
  /** Called when a connection first shows, or changes, its name and colour in presence. */
  onPresenceUser?: (connection: RoomConnection, user: PresenceUser) => void
  /** Largest record (as JSON) an update may write (MAX_RECORD_BYTES); 256 kB when not given. */
  maxRecordBytes?: number
}

interface QueuedUpdate extends UpdateToAppend {
  /** The sender, or null for the server's own changes. */
  from: RoomConnection | null
}

const MAX_STORE_RETRY_MS = 30_000

/** Where a connection is in the reconnect handshake (see the file comment). */
interface Handshake {
  /** False once the client's sync step 2 arrived. */
  awaitingStep2: boolean
  /** Why the first update dropped while awaiting the step 2 could not be integrated, if one was. */
  dropped: string | null
}

export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Set<RoomConnection>()
  /**
   * The connection that introduced each awareness client id. Only it may set or remove that
   * id's presence, until it disconnects; states for ids of other connections are ignored.
   */
  private readonly awarenessOwners = new Map<number, RoomConnection>()
  private readonly validator: UpdateValidator
  private readonly handshakes = new WeakMap<RoomConnection, Handshake>()
  private readonly now: () => number
  private readonly logger: Logger

  /** Updates applied in memory, waiting for the next append. */
  private queue: QueuedUpdate[] = []
  /** Actions that reveal document state, waiting until everything before them is stored. */
  private waitingForStore: Array<() => void> = []
  private flushScheduled = false
  private flushing: Promise<void> | null = null
  /** A checkpoint being compressed and written, if any. */
  private checkpointing: Promise<void> | null = null
  /** Another checkpoint came due while one was being written. */
  private checkpointAgain = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelayMs: number
  private lastSeq: number
  private checkpointSeq: number
  private closed = false
  /** Whether the facilitator has locked the board (mirrors the facilitation map). */
  private locked = false
  /** True while the store refuses appends. */
  saveFailing = false

  private constructor(
    private readonly options: RoomOptions,
    doc: Y.Doc,
    lastSeq: number,
    checkpointSeq: number,
  ) {
    this.doc = doc
    this.lastSeq = lastSeq
    this.checkpointSeq = checkpointSeq
    this.now = options.now ?? Date.now
    this.logger = options.logger.child({ workshop: options.workshopId })
    this.retryDelayMs = options.storeRetryMs ?? 1000
    this.validator = new UpdateValidator(doc, options.schema, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES)
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    // The lock is read on every update: keep it as a flag, re-read only when facilitation changes.
    this.locked = isBoardLocked(doc)
    doc.getMap(FACILITATION_KEY).observe(this.onFacilitationChange)
  }

  /** Rebuilds the room's document from the newest checkpoint and the updates after it. */
  static async load(options: RoomOptions): Promise<Room> {
    const stored = await options.store.loadBoard(options.workshopId)
    const doc = new Y.Doc({ gc: true })
    // Fix the kind of every top-level type before any update names them.
    doc.getArray(TOP_LEVEL_TYPES[0])
    doc.getMap(TOP_LEVEL_TYPES[1])
    doc.getMap(TOP_LEVEL_TYPES[2])
    if (stored.checkpoint) Y.applyUpdate(doc, stored.checkpoint, 'store')
    for (const update of stored.updates) Y.applyUpdate(doc, update.data, 'store')
    const lastSeq = stored.updates.at(-1)?.seq ?? stored.checkpointSeq
    return new Room(options, doc, lastSeq, stored.checkpointSeq)
  }

  get workshopId(): string {
    return this.options.workshopId
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Sequence number of the last update known to be in the store. */
  get storedSeq(): number {
    return this.lastSeq
  }

  /**
   * Adds a socket and starts the y-websocket handshake (sync step 1 and current awareness).
   * `role` defaults to participant; reviewers are read-only and, unless `visibleInPresence`, unseen.
   */
  connect(socket: RoomSocket, info: { id: string; role?: Role; readOnly?: boolean; visibleInPresence?: boolean }): RoomConnection {
    const role = info.role ?? 'participant'
    const connection: RoomConnection = {
      id: info.id,
      socket,
      role,
      readOnly: info.readOnly ?? !can(role, 'edit'),
      visibleInPresence: info.visibleInPresence ?? true,
      awarenessClients: new Set(),
      wantsSaveStatus: false,
    }
    this.connections.add(connection)
    this.options.metrics?.connectionsActive.inc()
    this.afterPersisted(() => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      this.send(connection, encoding.toUint8Array(encoder))
    })
    const states = this.awareness.getStates()
    if (states.size > 0) {
      this.send(connection, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
    return connection
  }

  /** Removes a socket; its awareness states disappear for everyone else. */
  disconnect(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.options.metrics?.connectionsActive.dec()
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null)
    }
    for (const [clientId, owner] of this.awarenessOwners) {
      if (owner === connection) this.awarenessOwners.delete(clientId)
    }
  }

  /**
   * Handles one binary frame of the y-websocket protocol (or our save extension). Throws a
   * ProtocolViolation for frames that cannot be read; the caller closes the socket with it.
   */
  receive(connection: RoomConnection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = readOrViolate(() => decoding.readVarUint(decoder), message.length === 0 ? 'empty frame' : 'unreadable message type')
    switch (type) {
      case MESSAGE_SYNC:
        this.receiveSync(connection, decoder)
        return
      case MESSAGE_AWARENESS: {
        const update = readOrViolate(() => decoding.readVarUint8Array(decoder), 'truncated awareness message')
        // An unseen reviewer still receives everyone's presence, but its own is not passed on.
        if (!connection.visibleInPresence) return
        this.receiveAwareness(connection, update)
        return
      }
      case MESSAGE_QUERY_AWARENESS:
        this.send(connection, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
        return
      case MESSAGE_AUTH:
        return // tokens travel in the URL; the y-websocket auth message carries nothing for us
      case MESSAGE_SAVE_REQUEST: {
        const seq = readOrViolate(() => readSaveSeq(decoder), 'truncated save request')
        // lib0 reads varints past 2^53 as imprecise numbers; a client's counter never gets there.
        if (!Number.isSafeInteger(seq)) throw new ProtocolViolation('save request number out of range')
        connection.wantsSaveStatus = true
        const handshake = this.handshakes.get(connection)
        if (handshake?.awaitingStep2 && handshake.dropped !== null) throw new InvalidUpdate(handshake.dropped)
        this.afterPersisted(() => this.send(connection, encodeSaveMessage(MESSAGE_SAVE_CONFIRM, seq)))
        if (this.saveFailing) this.sendSaveFailed(connection)
        return
      }
      default:
        throw new ProtocolViolation(`unknown message type ${type}`)
    }
  }

  /**
   * Applies the entries of an awareness update that this connection may write: ids it owns, and
   * new ids with a state (which it then owns). Stock y-websocket clients relay everyone's presence
   * back to the server with unchanged clocks; such stale copies change nothing and are skipped
   * before they could claim an id (a relay arriving just after its owner left must not take over
   * the id the owner comes back with). The whole update is read first: a malformed one changes nothing.
   */
  private receiveAwareness(connection: RoomConnection, update: Uint8Array): void {
    const entries = readOrViolate(() => readAwarenessEntries(update), 'malformed awareness update')
    let refused = 0
    const allowed = entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId)
      if (owner === connection) return true
      const clock = this.awareness.meta.get(entry.clientId)?.clock
      const wouldChange =
        clock === undefined || entry.clock > clock || (entry.clock === clock && entry.state === null && this.awareness.states.has(entry.clientId))
      if (!wouldChange) return false
      if (owner !== undefined) {
        refused += 1
        return false
      }
      if (entry.state === null) return false // nothing of an unowned id to remove
      this.awarenessOwners.set(entry.clientId, connection)
      return true
    })
    if (refused > 0) this.options.metrics?.awarenessClaimsRefused.inc(refused)
    if (allowed.length === 0) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed.length === entries.length ? update : writeAwarenessEntries(allowed), connection)
  }

  private receiveSync(connection: RoomConnection, decoder: decoding.Decoder): void {
    const syncType = readOrViolate(() => decoding.readVarUint(decoder), 'truncated sync message')
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = readOrViolate(() => decoding.readVarUint8Array(decoder), 'truncated sync step 1')
        readOrViolate(() => Y.decodeStateVector(stateVector), 'malformed state vector')
        if (!this.handshakes.has(connection)) this.handshakes.set(connection, { awaitingStep2: true, dropped: null })
        const answer = () => {
          // The answer is the document itself, so it must hold nothing unstored. Released actions
          // run after an append resolved, and in the microtasks before that, updates can arrive
          // (frames a socket sent while its room was loading are handed over in a promise
          // continuation): then wait for the next append.
          if (this.queue.length > 0 || this.saveFailing) {
            this.afterPersisted(answer)
            return
          }
          const encoder = encoding.createEncoder()
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          syncProtocol.writeSyncStep2(encoder, this.doc, stateVector)
          this.send(connection, encoding.toUint8Array(encoder))
        }
        this.afterPersisted(answer)
        return
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = readOrViolate(() => decoding.readVarUint8Array(decoder), 'truncated update')
        this.receiveUpdate(connection, update, syncType === syncProtocol.messageYjsSyncStep2)
        return
      }
      default:
        throw new ProtocolViolation(`unknown sync message type ${syncType}`)
    }
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array, isStep2 = false): void {
    const handshake = this.handshakes.get(connection)
    if (isStep2 && handshake?.awaitingStep2) {
      handshake.awaitingStep2 = false
      this.receiveValidUpdate(connection, update)
      return
    }
    this.receiveValidUpdate(connection, update, handshake?.awaitingStep2 === true ? handshake : undefined)
  }

  private receiveValidUpdate(connection: RoomConnection, update: Uint8Array, inHandshake?: Handshake): void {
    if (connection.readOnly) {
      this.options.metrics?.updatesDroppedReadOnly.inc()
      return
    }
    const verdict = this.validator.validate(update)
    if (!verdict.ok && inHandshake && NOT_YET_INTEGRABLE.test(verdict.reason)) {
      // Continues the client's offline edits, which its coming sync step 2 brings along.
      inHandshake.dropped ??= verdict.reason
      this.options.metrics?.updatesRejected.inc({ reason: 'before step 2 (dropped)' })
      this.logger.debug({ connection: connection.id, reason: verdict.reason }, 'dropped an update that waits for the client\'s sync step 2')
      return
    }
    if (!verdict.ok) {
      this.options.metrics?.updatesRejected.inc({ reason: verdict.reason.split(':')[0]!.slice(0, 40) })
      throw new InvalidUpdate(verdict.reason)
    }
    // While the facilitator has locked the board, valid edits of every socket are dropped too.
    if (this.locked) {
      this.options.metrics?.updatesDroppedReadOnly.inc()
      return
    }
    const applied = this.applyAndCapture(update, connection)
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      // The validator refuses what Yjs cannot integrate; should anything slip through, it must not
      // wait in memory to be integrated, unchecked and unstored, by a later update.
      this.doc.store.pendingStructs = null
      this.doc.store.pendingDs = null
      this.logger.error({ connection: connection.id }, 'an accepted update left pending structs; discarded them')
      if (!applied) throw new InvalidUpdate('update depends on content the server does not know')
    }
    if (!applied) return // nothing new: a resend after reconnect
    this.queue.push({ data: applied, time: this.now(), author: connection.id, recordIds: verdict.writtenRecordIds, from: connection })
    this.afterPersisted(() => this.relay(applied, connection))
    this.scheduleFlush()
  }

  /**
   * Makes a change on the server's own behalf (a restore, say) and treats it like a client's
   * update: logged with `author`, stored before it is relayed to every connection.
   */
  applyServerChange(change: (doc: Y.Doc) => void, author: string): void {
    const origin = { serverChange: author }
    let captured: Uint8Array | null = null
    const capture = (update: Uint8Array, transactionOrigin: unknown) => {
      if (transactionOrigin === origin) captured = captured ? Y.mergeUpdates([captured, update]) : update
    }
    this.doc.on('update', capture)
    try {
      this.doc.transact(() => change(this.doc), origin)
    } finally {
      this.doc.off('update', capture)
    }
    const applied: Uint8Array | null = captured
    if (!applied) return
    this.queue.push({ data: applied, time: this.now(), author, from: null })
    this.afterPersisted(() => this.relay(applied, null))
    this.scheduleFlush()
  }

  /** Closes the sockets that `select` picks (e.g. every reviewer after a link rotation). */
  closeConnections(select: (connection: RoomConnection) => boolean, code: number, reason: string): void {
    for (const connection of [...this.connections]) {
      if (!select(connection)) continue
      this.disconnect(connection)
      try {
        connection.socket.close(code, reason)
      } catch {
        // Already gone.
      }
    }
  }

  /** Applies an update and returns the part of it that changed the document, or null. */
  private applyAndCapture(update: Uint8Array, origin: RoomConnection): Uint8Array | null {
    let captured: Uint8Array | null = null
    const capture = (changed: Uint8Array, transactionOrigin: unknown) => {
      if (transactionOrigin === origin) captured = changed
    }
    this.doc.on('update', capture)
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      throw new InvalidUpdate(`update could not be applied: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      this.doc.off('update', capture)
    }
    return captured
  }

  private relay(update: Uint8Array, from: RoomConnection | null): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    for (const connection of this.connections) {
      if (connection !== from) this.send(connection, message)
    }
  }

  private readonly onFacilitationChange = (): void => {
    this.locked = isBoardLocked(this.doc)
  }

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    if (isConnection(origin) && this.connections.has(origin)) {
      for (const id of changes.added) origin.awarenessClients.add(id)
      for (const id of changes.updated) origin.awarenessClients.add(id)
      for (const id of changes.removed) origin.awarenessClients.delete(id)
      this.notePresenceUser(origin, [...changes.added, ...changes.updated])
    }
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.connections) this.send(connection, message)
  }

  /** Reports the user a connection shows, when it is new or changed (not on every cursor move). */
  private notePresenceUser(connection: RoomConnection, clientIds: number[]): void {
    if (!this.options.onPresenceUser) return
    for (const clientId of clientIds) {
      const user = presenceUserOf(this.awareness.getStates().get(clientId))
      if (!user) continue
      const shownAs = JSON.stringify(user)
      if (shownAs === connection.shownAs) continue
      connection.shownAs = shownAs
      this.options.onPresenceUser(connection, user)
    }
  }

  /** Runs `action` once every update received so far is stored (at once when nothing is pending). */
  private afterPersisted(action: () => void): void {
    if (this.queue.length === 0 && this.flushing === null && !this.saveFailing) {
      action()
      return
    }
    this.waitingForStore.push(action)
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed || this.retryTimer) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      void this.flush()
    })
  }

  /** Resolves once everything queued is stored and a running checkpoint is written (tests, tools). */
  async idle(): Promise<void> {
    await this.flush()
    await this.checkpointing
  }

  /** Appends everything queued in one transaction, then releases what waited for it. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length > 0 || this.waitingForStore.length > 0 ? this.flush() : undefined))
    this.flushing = this.appendQueued().finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  private async appendQueued(): Promise<void> {
    const batch = this.queue
    const released = this.waitingForStore
    this.queue = []
    this.waitingForStore = []
    if (batch.length > 0) {
      const stopTimer = this.options.metrics?.storeAppendSeconds.startTimer()
      try {
        this.lastSeq = await this.options.store.appendUpdates(
          this.options.workshopId,
          batch.map(({ data, time, author, recordIds }) => ({ data, time, author, recordIds })),
        )
        stopTimer?.()
      } catch (error) {
        this.queue = [...batch, ...this.queue]
        this.waitingForStore = [...released, ...this.waitingForStore]
        this.onStoreFailure(error)
        return
      }
      this.options.metrics?.updatesAccepted.inc(batch.length)
    }
    this.onStoreRecovered()
    for (const action of released) action()
    if (this.queue.length === 0) this.startCheckpointIfDue()
    if (this.queue.length > 0 || this.waitingForStore.length > 0) this.scheduleFlush()
  }

  private onStoreFailure(error: unknown): void {
    this.options.metrics?.storeAppendFailures.inc()
    this.logger.error({ err: error, retryInMs: this.retryDelayMs }, 'storing updates failed; keeping them in memory')
    if (!this.saveFailing) {
      this.saveFailing = true
      for (const connection of this.connections) if (connection.wantsSaveStatus) this.sendSaveFailed(connection)
    }
    if (this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, this.retryDelayMs)
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_STORE_RETRY_MS)
  }

  private onStoreRecovered(): void {
    if (!this.saveFailing) return
    this.saveFailing = false
    this.retryDelayMs = this.options.storeRetryMs ?? 1000
    this.logger.info('storing updates works again')
  }

  private sendSaveFailed(connection: RoomConnection): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SAVE_FAILED)
    encoding.writeVarString(encoder, 'store unavailable')
    this.send(connection, encoding.toUint8Array(encoder))
  }

  /**
   * Starts a due checkpoint beside the append path: the state is encoded at once (so it matches
   * `lastSeq`), but compressing and writing it are not waited for, so relaying never stalls
   * behind a checkpoint.
   */
  private startCheckpointIfDue(): void {
    if (this.checkpointing) {
      // One at a time; the next starts as soon as this one is written, so seeks stay bounded.
      this.checkpointAgain = true
      return
    }
    this.checkpointing = this.checkpointIfDue().finally(() => {
      this.checkpointing = null
      if (this.checkpointAgain && !this.closed && this.queue.length === 0) {
        this.checkpointAgain = false
        this.startCheckpointIfDue()
      }
    })
  }

  /** Writes a checkpoint when enough updates were logged since the last one (or `force`). */
  private async checkpointIfDue(force = false): Promise<void> {
    const pending = this.lastSeq - this.checkpointSeq
    if (pending === 0 || (!force && pending < this.options.checkpointEveryUpdates)) return
    const uptoSeq = this.lastSeq
    try {
      await this.options.store.writeCheckpoint(this.options.workshopId, uptoSeq, Y.encodeStateAsUpdate(this.doc), this.now())
      this.checkpointSeq = uptoSeq
      this.options.metrics?.checkpointsWritten.inc()
    } catch (error) {
      this.logger.error({ err: error }, 'writing a checkpoint failed; the update log still holds everything')
    }
  }

  private send(connection: RoomConnection, message: Uint8Array): void {
    try {
      connection.socket.send(message)
    } catch (error) {
      this.logger.debug({ err: error, connection: connection.id }, 'send failed; dropping connection')
      this.disconnect(connection)
    }
  }

  /**
   * Stores what is pending, writes a checkpoint, and closes every socket with `code` and `reason`.
   * Used when the last client left (no sockets remain) and on shutdown. With `store: false`
   * (the workshop was deleted) nothing is written.
   */
  async close(code: number = CloseCode.GoingAway, reason = 'room closed', options: { store: boolean } = { store: true }): Promise<void> {
    if (options.store) {
      await this.flush()
      await this.checkpointing
      if (this.queue.length === 0 && !this.saveFailing) await this.checkpointIfDue(true)
      else this.logger.error({ unsaved: this.queue.length }, 'closing a room whose updates could not be stored')
    } else {
      this.queue = []
      this.waitingForStore = []
    }
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    for (const connection of [...this.connections]) {
      this.disconnect(connection)
      try {
        connection.socket.close(code, reason)
      } catch {
        // The socket is already gone; nothing to tell it.
      }
    }
    this.awareness.off('update', this.onAwarenessUpdate)
    this.doc.getMap(FACILITATION_KEY).unobserve(this.onFacilitationChange)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/** Validator verdicts for updates that depend on clocks or content the server does not have yet. */
const NOT_YET_INTEGRABLE = /^(update has a gap in the clocks|update skips clocks|item .* refers to content the server does not know|update deletes content of client .* the server does not know)/

/** A frame that breaks the protocol: the socket is closed with 1002. */
export class ProtocolViolation extends Error {
  readonly closeCode = CloseCode.ProtocolError
}

/** An update the server refuses: the socket is closed with 4422 and nothing is stored. */
export class InvalidUpdate extends Error {
  readonly closeCode = CloseCode.InvalidUpdate
}

function readOrViolate<T>(read: () => T, what: string): T {
  try {
    return read()
  } catch {
    throw new ProtocolViolation(what)
  }
}

interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as sent (JSON text); `state` is its parsed value. */
  json: string
  state: unknown
}

/** Reads every entry of an awareness update (y-protocols' layout); throws when it is malformed. */
function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    entries.push({ clientId, clock, json, state: JSON.parse(json) as unknown })
  }
  return entries
}

function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

const MAX_PRESENCE_NAME = 100

/** The `user` of an awareness state, if it has a usable name (bounded, as it is stored). */
function presenceUserOf(state: Record<string, unknown> | undefined): PresenceUser | null {
  const user = state?.user as { id?: unknown; name?: unknown; color?: unknown } | undefined
  if (!user || typeof user.name !== 'string' || user.name.trim() === '') return null
  return {
    userId: typeof user.id === 'string' ? user.id.slice(0, MAX_PRESENCE_NAME) : null,
    name: user.name.trim().slice(0, MAX_PRESENCE_NAME),
    color: typeof user.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.color) ? user.color : '#868e96',
  }
}

function isConnection(value: unknown): value is RoomConnection {
  return typeof value === 'object' && value !== null && 'awarenessClients' in value && 'socket' in value
}
