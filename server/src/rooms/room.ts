/**
 * A room owns the live Y.Doc of one workshop and every socket connected to it. It reads each
 * frame of the y-websocket protocol (and our save extension), validates and applies document
 * updates, and decides what each socket is sent.
 *
 * Persist before broadcast: an applied update goes to the room's PersistQueue, and everything that
 * would let a client see document state (relaying the update, answering a sync request, confirming
 * a save) waits there until the update is stored, so a crash can never lose an update that any
 * client has seen (persist-queue.ts, which also retries a failing store and writes checkpoints).
 *
 * Invalid updates are refused with 4422. An update that is valid but builds on edits the room
 * never received (a reconnect race, edits the lock dropped) is dropped instead, and the room asks
 * the client for what is missing with a sync step 1 (missing-content.ts). While the facilitator
 * has locked the board every edit is dropped; after the unlock the room asks for what it dropped.
 * Awareness updates change only the presence the sending connection owns (presence.ts).
 *
 * The room knows neither sockets nor disk: it talks to RoomSocket and BoardStore interfaces, so
 * tests can drive it without a port.
 */
import * as decoding from 'lib0/decoding'
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
  MESSAGE_HEARTBEAT,
  MESSAGE_HEARTBEAT_ACK,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  TOP_LEVEL_TYPES,
  encodeSaveMessage,
  readSaveSeq,
} from '@quartierboard/shared'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { BoardStore } from '../store/board-store.js'
import { PersistQueue } from './persist-queue.js'
import { type AwarenessChanges, Presence } from './presence.js'
import { MissingContent, isNotYetIntegrable } from './missing-content.js'
import { QueryCoalescer } from './query-coalescer.js'
import {
  InvalidUpdate,
  ProtocolViolation,
  awarenessMessage,
  readOrViolate,
  saveFailedMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from './room-protocol.js'
import type { PresenceUser, RoomConnection, RoomSocket } from './room-socket.js'
import { DEFAULT_MAX_RECORD_BYTES, UpdateValidator } from './update-validator.js'

export { InvalidUpdate, ProtocolViolation } from './room-protocol.js'

const HEARTBEAT_ACK = Uint8Array.of(MESSAGE_HEARTBEAT_ACK)

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
  /** Largest presence state of one awareness client, as JSON (MAX_PRESENCE_BYTES); 16 KiB when not given. */
  maxPresenceBytes?: number
}

export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Set<RoomConnection>()
  private readonly presence: Presence
  private readonly persist: PersistQueue
  private readonly validator: UpdateValidator
  private readonly missing = new MissingContent()
  /** Repeated queries (presence, sync step 1) are answered once per interval per socket. */
  private readonly queries = new QueryCoalescer()
  private readonly now: () => number
  private readonly logger: Logger
  /** Whether the facilitator has locked the board (mirrors the facilitation map). */
  private locked = false

  private constructor(
    private readonly options: RoomOptions,
    doc: Y.Doc,
    lastSeq: number,
    checkpointSeq: number,
  ) {
    this.doc = doc
    this.now = options.now ?? Date.now
    this.logger = options.logger.child({ workshop: options.workshopId })
    this.persist = new PersistQueue(options, doc, this.logger, this.now, lastSeq, checkpointSeq, () => {
      for (const connection of this.connections) if (connection.wantsSaveStatus) this.sendSaveFailed(connection)
    })
    this.validator = new UpdateValidator(doc, options.schema, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES)
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.presence = new Presence(this.awareness, options)
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
    return this.persist.storedSeq
  }

  /** True while the store refuses appends. */
  get saveFailing(): boolean {
    return this.persist.saveFailing
  }

  /**
   * Adds a socket and starts the y-websocket handshake (sync step 1 and current awareness).
   * `role` defaults to participant; reviewers are read-only and, unless `visibleInPresence`, unseen.
   */
  connect(socket: RoomSocket, info: { id: string; identityId?: string | null; role?: Role; readOnly?: boolean; visibleInPresence?: boolean }): RoomConnection {
    const role = info.role ?? 'participant'
    const connection: RoomConnection = {
      id: info.id,
      identityId: info.identityId ?? null,
      socket,
      role,
      readOnly: info.readOnly ?? !can(role, 'edit'),
      visibleInPresence: info.visibleInPresence ?? true,
      awarenessClients: new Set(),
      wantsSaveStatus: false,
    }
    this.connections.add(connection)
    this.options.metrics?.connectionsActive.inc()
    this.persist.afterPersisted(() => this.requestMissing(connection))
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
    this.presence.remove(connection)
    this.queries.forget(connection)
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
        this.presence.receive(connection, update)
        return
      }
      case MESSAGE_QUERY_AWARENESS:
        this.queries.answer(connection, 'query-awareness', () => {
          if (!this.connections.has(connection)) return
          this.send(connection, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
        })
        return
      case MESSAGE_AUTH:
        return // tokens travel in the URL; the y-websocket auth message carries nothing for us
      case MESSAGE_HEARTBEAT:
        this.send(connection, HEARTBEAT_ACK)
        return
      case MESSAGE_SAVE_REQUEST: {
        const seq = readOrViolate(() => readSaveSeq(decoder), 'truncated save request')
        // lib0 reads varints past 2^53 as imprecise numbers; a client's counter never gets there.
        if (!Number.isSafeInteger(seq)) throw new ProtocolViolation('save request number out of range')
        connection.wantsSaveStatus = true
        // Edits of this connection were dropped and are asked for: confirm once they are stored.
        if (this.missing.holdsSave(connection, seq)) return
        this.confirmSaveWhenStored(connection, seq)
        if (this.persist.saveFailing) this.sendSaveFailed(connection)
        return
      }
      default:
        throw new ProtocolViolation(`unknown message type ${type}`)
    }
  }

  private receiveSync(connection: RoomConnection, decoder: decoding.Decoder): void {
    const syncType = readOrViolate(() => decoding.readVarUint(decoder), 'truncated sync message')
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = readOrViolate(() => decoding.readVarUint8Array(decoder), 'truncated sync step 1')
        readOrViolate(() => Y.decodeStateVector(stateVector), 'malformed state vector')
        // The answer is the document itself, so it must hold nothing unstored. Repeated step 1s
        // are answered once per interval (the newest state vector wins, query-coalescer.ts).
        this.queries.answer(connection, 'sync-step-1', () =>
          this.persist.whenNothingUnstored(() => {
            if (this.connections.has(connection)) this.send(connection, syncStep2Message(this.doc, stateVector))
          }),
        )
        return
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = readOrViolate(() => decoding.readVarUint8Array(decoder), 'truncated update')
        const isStep2 = syncType === syncProtocol.messageYjsSyncStep2
        if (isStep2) this.missing.step2Received(connection)
        this.receiveUpdate(connection, update, isStep2)
        return
      }
      default:
        throw new ProtocolViolation(`unknown sync message type ${syncType}`)
    }
  }

  /**
   * Validates, applies and queues a client's update. `isStep2` when it is the client's sync
   * step 2, which brings everything the room lacked when it sent its step 1.
   */
  private receiveUpdate(connection: RoomConnection, update: Uint8Array, isStep2: boolean): void {
    if (connection.readOnly) {
      this.options.metrics?.updatesDroppedReadOnly.inc()
      return
    }
    const verdict = this.validator.validate(update)
    if (!verdict.ok && isNotYetIntegrable(verdict.reason)) {
      this.options.metrics?.updatesRejected.inc({ reason: 'not yet integrable (asked again)' })
      this.logger.debug({ connection: connection.id, reason: verdict.reason, isStep2 }, 'dropped an update that builds on content the room lacks')
      if (this.missing.dropped(connection, !this.locked)) this.requestMissing(connection)
      return
    }
    if (!verdict.ok) {
      this.options.metrics?.updatesRejected.inc({ reason: verdict.reason.split(':')[0]!.slice(0, 40) })
      throw new InvalidUpdate(verdict.reason)
    }
    // While the facilitator has locked the board, valid edits of every socket are dropped; the
    // room asks for them again after the unlock (a later edit of the client builds on them).
    if (this.locked) {
      this.options.metrics?.updatesDroppedReadOnly.inc()
      this.missing.dropped(connection, false)
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
    if (applied) {
      this.persist.enqueue(
        { data: applied, time: this.now(), author: connection.id, recordIds: verdict.writtenRecordIds },
        () => this.relay(applied, connection),
      )
    } // else nothing new: a resend after reconnect
    if (isStep2) {
      // The step 2 brought what the room dropped before: a held save request can now be confirmed.
      const heldSave = this.missing.contentReceived(connection)
      if (heldSave !== null) this.confirmSaveWhenStored(connection, heldSave)
    }
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
    this.persist.enqueue({ data: applied, time: this.now(), author }, () => this.relay(applied, null))
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
    const message = syncUpdateMessage(update)
    for (const connection of this.connections) {
      if (connection !== from) this.send(connection, message)
    }
  }

  private readonly onFacilitationChange = (): void => {
    const wasLocked = this.locked
    this.locked = isBoardLocked(this.doc)
    if (wasLocked && !this.locked) {
      for (const connection of this.connections) if (this.missing.shouldAsk(connection)) this.requestMissing(connection)
    }
  }

  /** Sends a sync step 1: the client answers with a step 2 of everything the room lacks. */
  private requestMissing(connection: RoomConnection): void {
    this.missing.step1Sent(connection)
    this.send(connection, syncStep1Message(this.doc))
  }

  /** Confirms save request `seq` once everything received before it is stored. */
  private confirmSaveWhenStored(connection: RoomConnection, seq: number): void {
    this.persist.afterPersisted(() => this.send(connection, encodeSaveMessage(MESSAGE_SAVE_CONFIRM, seq)))
  }

  private readonly onAwarenessUpdate = (changes: AwarenessChanges, origin: unknown): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    if (isConnection(origin) && this.connections.has(origin)) this.presence.noteChanges(origin, changes)
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.connections) this.send(connection, message)
  }

  /** Resolves once everything queued is stored and a running checkpoint is written (tests, tools). */
  idle(): Promise<void> {
    return this.persist.idle()
  }

  /** Appends everything queued in one transaction, then releases what waited for it. */
  flush(): Promise<void> {
    return this.persist.flush()
  }

  private sendSaveFailed(connection: RoomConnection): void {
    this.send(connection, saveFailedMessage())
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
      await this.persist.flush()
      await this.persist.checkpointing
      if (this.persist.unstoredCount === 0 && !this.persist.saveFailing) await this.persist.writeFinalCheckpoint()
      else this.logger.error({ unsaved: this.persist.unstoredCount }, 'closing a room whose updates could not be stored')
    } else {
      this.persist.discard()
    }
    this.persist.stop()
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

function isConnection(value: unknown): value is RoomConnection {
  return typeof value === 'object' && value !== null && 'awarenessClients' in value && 'socket' in value
}
