/**
 * Message types spoken on `/sync/:workshopId`.
 *
 * The first four are the standard y-websocket protocol (y-protocols sync and awareness), so a stock
 * `WebsocketProvider` works unchanged. The save messages are our opt-in extension: a client that wants
 * to know whether its edits are stored sends a save request carrying a sequence number after its
 * updates; the server answers with a save confirmation once every update it received on that socket
 * before the request has been committed to the store. Stock clients never send a request, so they
 * never receive a confirmation.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3
/** Client -> server: `[MESSAGE_SAVE_REQUEST, varUint seq]`. */
export const MESSAGE_SAVE_REQUEST = 100
/** Server -> client: `[MESSAGE_SAVE_CONFIRM, varUint seq]`: everything sent before request `seq` is stored. */
export const MESSAGE_SAVE_CONFIRM = 101
/** Server -> client: `[MESSAGE_SAVE_FAILED, varString reason]`: the store is failing; edits are held in memory. */
export const MESSAGE_SAVE_FAILED = 102
/**
 * Client -> server: `[MESSAGE_HEARTBEAT]`; the server answers `[MESSAGE_HEARTBEAT_ACK]` at once.
 * Browsers cannot see WebSocket pings, so our client asks like this to notice a dead connection
 * within seconds (stock clients never send it).
 */
export const MESSAGE_HEARTBEAT = 103
/** Server -> client: the answer to a heartbeat. */
export const MESSAGE_HEARTBEAT_ACK = 104

/** Encodes a save request or confirmation (they share one shape). */
export function encodeSaveMessage(type: typeof MESSAGE_SAVE_REQUEST | typeof MESSAGE_SAVE_CONFIRM, seq: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint(encoder, seq)
  return encoding.toUint8Array(encoder)
}

/** Reads the sequence number of a save request or confirmation whose type byte was already read. */
export function readSaveSeq(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/**
 * WebSocket close codes the server uses (4000-4999 is the application range), each sent with a
 * human-readable reason.
 */
export const CloseCode = {
  /** Standard: the server is shutting down. */
  GoingAway: 1001,
  /** Standard: a frame broke the protocol. */
  ProtocolError: 1002,
  /** Standard: a frame was too large. */
  MessageTooBig: 1009,
  /** Standard: the server hit an unexpected condition. */
  InternalError: 1011,
  /**
   * Standard "Try Again Later": the socket did not read what the server sent (more than
   * MAX_SOCKET_BUFFER_BYTES waited on it). Not final: stock and our clients reconnect, since a
   * slow phone is a valid client.
   */
  TryAgainLater: 1013,
  /** The workshop id is malformed. */
  InvalidWorkshopId: 4400,
  /** No token or a wrong token. */
  Unauthorized: 4401,
  /** A token of another workshop. */
  Forbidden: 4403,
  /** The workshop does not exist (or was deleted). */
  NotFound: 4404,
  /** The client sent more than the rate limit allows. */
  RateLimited: 4429,
  /** The client sent an update the server refused. */
  InvalidUpdate: 4422,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]
