/**
 * Tracks each connection's reconnect handshake, to tell which updates that cannot be integrated
 * yet are dropped instead of refused.
 *
 * A y-websocket client that comes back sends its sync step 1, and its offline edits only in the
 * sync step 2 it sends in answer to ours. Edits it makes meanwhile go out at once as plain updates
 * that continue clocks the server has not seen yet. Such an update that Yjs could not integrate,
 * arriving after the client's step 1 and before its step 2, is dropped rather than refused with
 * 4422 (which would stop the client for good): the coming step 2 carries it. A save request before
 * that step 2 could not be confirmed truthfully; y-websocket clients never send one (ours asks only
 * once synced, after its step 2), so it closes the socket with the 4422 the dropped update would
 * have got. Outside that handshake (or from a client that never sent a step 1) such updates are
 * refused as before.
 */
import type { RoomConnection } from './room-socket.js'

/** Validator verdicts for updates that depend on clocks or content the server does not have yet. */
const NOT_YET_INTEGRABLE = /^(update has a gap in the clocks|update skips clocks|item .* refers to content the server does not know|update deletes content of client .* the server does not know)/

/** Where a connection is in the reconnect handshake. */
export interface Handshake {
  /** False once the client's sync step 2 arrived. */
  awaitingStep2: boolean
  /** Why the first update dropped while awaiting the step 2 could not be integrated, if one was. */
  dropped: string | null
}

export class ReconnectHandshakes {
  private readonly handshakes = new WeakMap<RoomConnection, Handshake>()

  /** The client sent a sync step 1; from its first one on, it owes its sync step 2. */
  step1Received(connection: RoomConnection): void {
    if (!this.handshakes.has(connection)) this.handshakes.set(connection, { awaitingStep2: true, dropped: null })
  }

  /**
   * Notes an update from the client (`isStep2` for its sync step 2, which ends the wait) and
   * returns the handshake it arrived in, if it came while the step 2 is still owed.
   */
  updateReceived(connection: RoomConnection, isStep2: boolean): Handshake | undefined {
    const handshake = this.handshakes.get(connection)
    if (isStep2 && handshake?.awaitingStep2) {
      handshake.awaitingStep2 = false
      return undefined
    }
    return handshake?.awaitingStep2 === true ? handshake : undefined
  }

  /**
   * Whether an update the validator refused for `reason`, arriving in `handshake`, is dropped
   * because the client's coming step 2 carries it; the first such reason is remembered.
   */
  drops(handshake: Handshake, reason: string): boolean {
    if (!NOT_YET_INTEGRABLE.test(reason)) return false
    handshake.dropped ??= reason
    return true
  }

  /** Why a save request from this connection cannot be confirmed now, if it cannot. */
  saveRefusal(connection: RoomConnection): string | null {
    const handshake = this.handshakes.get(connection)
    return handshake?.awaitingStep2 && handshake.dropped !== null ? handshake.dropped : null
  }
}
