/**
 * Which connections owe the room content it had to drop, and when to ask them for it.
 *
 * A valid client can send an update that the room cannot integrate yet: its clocks continue
 * edits the room never received. That happens when
 * - the client comes back after a network drop and edits before its sync step 2 arrives (the
 *   offline edits travel in that step 2, the new edit at once);
 * - the room dropped the client's edits while the board was locked, and the client edits again
 *   after the unlock;
 * - another tab of the same browser passed it content over BroadcastChannel that the room lost
 *   the same way.
 * None of these is the client's fault, so such an update is dropped, never refused: the room asks
 * the client for what is missing with a sync step 1 (the client answers with a sync step 2 that
 * holds everything the room lacks, dropped edits included) unless a step 2 is owed already. Edits
 * dropped while the board is locked are asked for once it is unlocked.
 *
 * A save request that arrives while a connection owes dropped content cannot be confirmed
 * truthfully; it is held, and confirmed once a step 2 with the content has been applied.
 */
import type { RoomConnection } from './room-socket.js'

/** Validator verdicts for updates that depend on clocks or content the server does not have yet. */
const NOT_YET_INTEGRABLE = /^(update has a gap in the clocks|update skips clocks|item .* refers to content the server does not know|update deletes content of client .* the server does not know)/

/** Whether the validator refused an update only because the room lacks what it builds on. */
export function isNotYetIntegrable(reason: string): boolean {
  return NOT_YET_INTEGRABLE.test(reason)
}

interface ConnectionState {
  /** The room sent a sync step 1 and the client's step 2 has not arrived yet. */
  awaitingStep2: boolean
  /** Some of the client's edits were dropped and no step 2 has brought them since. */
  owesDroppedContent: boolean
  /** The newest save request held until the owed content is applied. */
  heldSaveSeq: number | null
}

export class MissingContent {
  private readonly states = new WeakMap<RoomConnection, ConnectionState>()

  private stateOf(connection: RoomConnection): ConnectionState {
    let state = this.states.get(connection)
    if (!state) {
      state = { awaitingStep2: false, owesDroppedContent: false, heldSaveSeq: null }
      this.states.set(connection, state)
    }
    return state
  }

  /** The room sent this connection a sync step 1 (on connect, or to ask for what is missing). */
  step1Sent(connection: RoomConnection): void {
    this.stateOf(connection).awaitingStep2 = true
  }

  /**
   * An update of this connection was dropped (it could not be integrated yet, or the board was
   * locked). Returns true when the room should ask for the missing content now: no step 2 is
   * owed already, and `askNow` (false while the board is locked: the answer would be dropped too).
   */
  dropped(connection: RoomConnection, askNow: boolean): boolean {
    const state = this.stateOf(connection)
    state.owesDroppedContent = true
    return askNow && !state.awaitingStep2
  }

  /** The client's sync step 2 arrived; it is no longer owed, whatever becomes of it. */
  step2Received(connection: RoomConnection): void {
    this.stateOf(connection).awaitingStep2 = false
  }

  /**
   * An update of this connection that brings everything it owed (a step 2) was applied. Returns
   * the save request to confirm once it is stored, if one was held.
   */
  contentReceived(connection: RoomConnection): number | null {
    const state = this.stateOf(connection)
    state.owesDroppedContent = false
    const held = state.heldSaveSeq
    state.heldSaveSeq = null
    return held
  }

  /** Holds a save request if the connection owes content; returns whether it was held. */
  holdsSave(connection: RoomConnection, seq: number): boolean {
    const state = this.states.get(connection)
    if (!state?.owesDroppedContent) return false
    state.heldSaveSeq = Math.max(seq, state.heldSaveSeq ?? seq)
    return true
  }

  /** Whether the room should ask this connection for dropped content now (after an unlock). */
  shouldAsk(connection: RoomConnection): boolean {
    const state = this.states.get(connection)
    return state !== undefined && state.owesDroppedContent && !state.awaitingStep2
  }
}
