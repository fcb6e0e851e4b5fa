/** Test support: a RoomSocket that records what the room sends, decoded by message type. */
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_SYNC } from '@quartierboard/shared'
import type { RoomSocket } from '../rooms/room-socket.js'

export class RecordingSocket implements RoomSocket {
  readonly sent: Uint8Array[] = []
  closed: { code: number; reason: string } | null = null

  send(message: Uint8Array): void {
    this.sent.push(message)
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason }
  }

  /** Message types of everything sent so far. */
  types(): number[] {
    return this.sent.map((message) => decoding.readVarUint(decoding.createDecoder(message)))
  }

  /** Applies every sync message (step 2 and updates) the room sent to `doc`. */
  applySyncMessagesTo(doc: Y.Doc): void {
    for (const message of this.sent) {
      const decoder = decoding.createDecoder(message)
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue
      const syncType = decoding.readVarUint(decoder)
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
      }
    }
  }
}
