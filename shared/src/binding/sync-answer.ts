/**
 * Answers the server's sync step 1 in frames that fit its frame limit. y-websocket answers it with
 * one sync step 2 holding everything the server lacks; after a large paste made offline (or a
 * reload with such edits in IndexedDB) that one frame is over MAX_FRAME_BYTES, the server closes
 * the socket with 1009, and the edits never arrive. Installed on a provider, this sends the same
 * content as sync updates of at most `maxBytes` (update-pieces.ts), the last one as the sync step 2.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MAX_PIECE_BYTES } from './change-pieces.js'
import { splitUpdate } from './update-pieces.js'

/** y-websocket's message type of sync messages. */
const MESSAGE_SYNC = 0

/** What this needs of a y-websocket provider (its per-instance message handlers and socket). */
export interface SyncAnsweringProvider {
  doc: Y.Doc
  ws: { send(data: Uint8Array): void } | null
  messageHandlers: Array<(encoder: encoding.Encoder, decoder: decoding.Decoder, provider: never, emitSynced: boolean, messageType: number) => void>
}

/**
 * The answer to a sync message as whole frames when it is a sync step 1 (decoder positioned after
 * the message type); null for other sync messages, leaving the decoder untouched.
 */
export function answerSyncStep1(decoder: decoding.Decoder, doc: Y.Doc, maxBytes = MAX_PIECE_BYTES): Uint8Array[] | null {
  const peek = decoding.clone(decoder)
  if (decoding.readVarUint(peek) !== syncProtocol.messageYjsSyncStep1) return null
  const answer = Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(peek))
  const pieces = splitUpdate(answer, maxBytes)
  return pieces.map((piece, index) =>
    syncFrame(index === pieces.length - 1 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate, piece),
  )
}

/** Makes `provider` answer sync step 1 with `answerSyncStep1`; other sync messages go to its own handler. */
export function answerSyncStep1InPieces(provider: SyncAnsweringProvider, maxBytes = MAX_PIECE_BYTES): void {
  const handleSync = provider.messageHandlers[MESSAGE_SYNC]
  if (!handleSync) throw new Error('the provider has no sync message handler')
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    const frames = answerSyncStep1(decoder, provider.doc, maxBytes)
    if (frames === null) return handleSync(encoder, decoder, ...rest)
    for (const frame of frames) provider.ws?.send(frame)
  }
}

function syncFrame(syncType: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
