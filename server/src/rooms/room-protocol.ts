/**
 * The wire format a room speaks, kept apart from what the room decides: the two errors that end a
 * connection over a bad frame, reading a field a frame must have, and building the frames the room
 * sends (y-websocket sync and awareness messages, and our save-failed message).
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { CloseCode, MESSAGE_AWARENESS, MESSAGE_SAVE_FAILED, MESSAGE_SYNC } from '@quartierboard/shared'

/** A frame that breaks the protocol: the socket is closed with 1002. */
export class ProtocolViolation extends Error {
  readonly closeCode = CloseCode.ProtocolError
}

/** An update the server refuses: the socket is closed with 4422 and nothing is stored. */
export class InvalidUpdate extends Error {
  readonly closeCode = CloseCode.InvalidUpdate
}

/** Runs `read`; if the frame ends early or is garbled, throws a ProtocolViolation saying `what`. */
export function readOrViolate<T>(read: () => T, what: string): T {
  try {
    return read()
  } catch {
    throw new ProtocolViolation(what)
  }
}

/** Sync step 1: the document's state vector, asking the client for what the server lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Sync step 2: everything in the document that the client's `stateVector` does not cover. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** A document update, as relayed to the other sockets. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Tells a client that asked for save status that the store refuses appends. */
export function saveFailedMessage(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SAVE_FAILED)
  encoding.writeVarString(encoder, 'store unavailable')
  return encoding.toUint8Array(encoder)
}
